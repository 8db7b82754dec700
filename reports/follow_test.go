package reports

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/result"
)

// resultLine is one results.jsonl line of a case.
func resultLine(t *testing.T, svc, cs string, st result.Status) string {
	r := result.Result{RunID: "r1", Service: svc, Case: cs, Status: st, Class: result.ClassSuccess,
		Checks: []result.Check{{Kind: result.KindXPath, Name: "//je equals 1", Status: st, Want: "1", Got: "1"}}}
	if st == result.Fail {
		r.Checks[0].Got = "2"
	}
	b, err := json.Marshal(r)
	require.NoError(t, err)
	return string(b)
}

// TestFollowerReadsWhatReadReads: whatever results.jsonl holds and however
// its bytes arrive between polls (lines cut anywhere, CRLF, blank lines, a
// resumed case written twice, a torn last line, a bad line in the middle,
// an unknown status), the Follower's Run is Read's run of the finished
// file, or the same error.
func TestFollowerReadsWhatReadReads(t *testing.T) {
	a := resultLine(t, "HXZG_DJ_00001", "smoke", result.Pass)
	b := resultLine(t, "HXZG_SB_00045", "filing", result.Fail)
	c := resultLine(t, "HXZG_SB_00045", "filing", result.Pass) // resumed: replaces b, flaky
	d := resultLine(t, "HXZG_ZS_00002", "smoke", result.Skip)
	for _, tc := range []struct{ name, file string }{
		{"lines", a + "\n" + b + "\n" + d + "\n"},
		{"CRLF and blank lines", a + "\r\n\r\n" + b + "\r\n" + d + "\r\n"},
		{"a case written again", a + "\n" + b + "\n" + c + "\n"},
		{"last line without newline", a + "\n" + d},
		{"torn last line", a + "\n" + b + "\n" + c[:len(c)/2]},
		{"bad line in the middle", a + "\n" + b[:40] + "\n" + d + "\n"},
		{"unknown status", a + "\n" + strings.Replace(d, `"skip"`, `"maybe"`, 1) + "\n"},
		{"empty", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, wantErr := readFile(t, tc.file)
			for seed := range uint64(20) {
				got, err := follow(t, tc.file, rand.New(rand.NewPCG(seed, 7)))
				if wantErr != nil {
					require.Error(t, err, "seed %d", seed)
					assert.Equal(t, wantErr.Error(), err.Error(), "seed %d", seed)
					continue
				}
				require.NoError(t, err, "seed %d", seed)
				assert.Equal(t, want, got, "seed %d", seed)
			}
		})
	}
}

// readFile is Read of a run directory holding file as its results.jsonl,
// the directory named DIR in the run and its messages.
func readFile(t *testing.T, file string) (*Run, error) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, ResultsFile), []byte(file), 0o644))
	return undir(dir)(Read(dir))
}

// undir names dir DIR in a run and in an error.
func undir(dir string) func(*Run, error) (*Run, error) {
	return func(run *Run, err error) (*Run, error) {
		if err != nil {
			return nil, errors.New(strings.ReplaceAll(err.Error(), dir, "DIR"))
		}
		run.Dir = "DIR"
		for i, w := range run.Warnings {
			run.Warnings[i] = strings.ReplaceAll(w, dir, "DIR")
		}
		return run, nil
	}
}

// follow appends file to a run directory in random pieces, polling a
// Follower between them, and returns its Run.
func follow(t *testing.T, file string, rng *rand.Rand) (*Run, error) {
	dir := t.TempDir()
	fo := Follow(dir)
	fo.Poll() // before the file exists
	f, err := os.OpenFile(filepath.Join(dir, ResultsFile), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	require.NoError(t, err)
	defer f.Close()
	for rest := file; rest != ""; {
		n := min(len(rest), 1+rng.IntN(120))
		_, err := f.WriteString(rest[:n])
		require.NoError(t, err)
		rest = rest[n:]
		if rng.IntN(2) == 0 {
			fo.Poll()
		}
	}
	return undir(dir)(fo.Run())
}
