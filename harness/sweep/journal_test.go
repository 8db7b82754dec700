package sweep

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestJournalSyncs: every line is in the file when Append returns; by
// default each sequential Append syncs, with SyncEvery the lines of one
// interval share one sync and Close syncs what is left.
func TestJournalSyncs(t *testing.T) {
	for _, tc := range []struct {
		name        string
		every       time.Duration
		afterAppend int // syncs after 50 sequential appends
		afterClose  int
	}{
		{"each line on disk", 0, 50, 50},
		{"an hour apart", time.Hour, 1, 2}, // the first line, then Close
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			j, err := OpenJournal(dir, ResultsFile)
			require.NoError(t, err)
			j.SyncEvery = tc.every
			for i := range 50 {
				require.NoError(t, j.Append(map[string]int{"i": i}))
				b, err := os.ReadFile(filepath.Join(dir, ResultsFile))
				require.NoError(t, err)
				require.Equal(t, i+1, strings.Count(string(b), "\n"), "line %d not in the file when Append returned", i)
			}
			require.Equal(t, tc.afterAppend, syncs(j))
			require.NoError(t, j.Close())
			require.Equal(t, tc.afterClose, syncs(j))
		})
	}
}

// TestJournalCloseSyncsOnlyWhatIsLeft: a journal whose lines are all on
// disk closes without another sync.
func TestJournalCloseSyncsOnlyWhatIsLeft(t *testing.T) {
	j, err := OpenJournal(t.TempDir(), InflightFile)
	require.NoError(t, err)
	require.NoError(t, j.Close())
	require.Equal(t, 0, syncs(j))
}

// syncs is how many times j synced its file.
func syncs(j *Journal) int {
	j.syncMu.Lock()
	defer j.syncMu.Unlock()
	return j.syncs
}
