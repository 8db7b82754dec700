package reports

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	gtgolden "gotest.tools/v3/golden"

	"github.com/stretchr/testify/require"
)

// fixedNow is the injected clock of every golden report.
func fixedNow() time.Time { return time.Date(2026, 3, 1, 3, 0, 0, 0, time.UTC) }

// golden compares got with testdata/golden/name (go test ./reports -update
// rewrites it).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	gtgolden.Assert(t, string(got), filepath.Join("golden", name))
}

// copyRun copies a fixture run directory into a temporary one so reports
// written into it do not touch testdata.
func copyRun(t *testing.T, fixture string) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{ResultsFile, RunFile} {
		b, err := os.ReadFile(filepath.Join("testdata", fixture, name))
		if os.IsNotExist(err) {
			continue
		}
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), b, 0o644))
	}
	return dir
}

// summaryOf summarizes run without a baseline, partial as given.
func summaryOf(run *Run, partial bool) *Summary {
	s := Summarize(run, Compare(run, nil), fixedNow())
	s.Partial = partial
	return s
}
