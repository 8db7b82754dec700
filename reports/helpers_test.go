package reports

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fixedNow is the injected clock of every golden report.
func fixedNow() time.Time { return time.Date(2026, 3, 1, 3, 0, 0, 0, time.UTC) }

// golden compares got with testdata/golden/name, rewriting it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "missing golden file; run go test ./reports -update")
	if !bytes.Equal(want, got) {
		t.Errorf("%s differs from golden (run with -update to accept):\n%s", path, firstDiff(string(want), string(got)))
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got string) string {
	wl, gl := bytes.Split([]byte(want), []byte("\n")), bytes.Split([]byte(got), []byte("\n"))
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			return "line " + strconv.Itoa(i+1) + "\n want: " + string(w) + "\n  got: " + string(g)
		}
	}
	return ""
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
