package sweep

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/result"
)

// BenchmarkJournalAppend appends one typical result line (JSON encode, write,
// fsync), as every nightly case does; the filter is left out so the figure is
// the journal's own cost.
func BenchmarkJournalAppend(b *testing.B) {
	j, r := benchJournal(b)
	b.ReportAllocs()
	for b.Loop() {
		require.NoError(b, j.Append(r))
	}
}

// BenchmarkJournalAppendParallel is the nightly's shape: many workers append
// at once and share fsyncs (group commit).
func BenchmarkJournalAppendParallel(b *testing.B) {
	j, r := benchJournal(b)
	b.SetParallelism(8)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := j.Append(r); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

func benchJournal(b *testing.B) (*Journal, result.Result) {
	j, err := OpenJournal(b.TempDir(), ResultsFile)
	require.NoError(b, err)
	b.Cleanup(func() { j.Close() })
	r := result.Result{RunID: "fx-1", Service: "HXZG_DJ_00205", TranID: "SWZJ.HXZG.DJ.CXNSRZTBYDHXH", Case: "basic",
		Status: result.Pass, Class: result.ClassSuccess}
	for range 6 {
		r.Checks = append(r.Checks, result.Check{Kind: result.KindXPath, Name: "tran_id echoed", Status: result.Pass,
			Want: "SWZJ.HXZG.DJ.CXNSRZTBYDHXH", Got: "SWZJ.HXZG.DJ.CXNSRZTBYDHXH"})
	}
	return j, r
}
