package session

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/fixtures/seed"
	"github.com/gt3ct/gt3ct/harness/nightly"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/safety"
	"github.com/gt3ct/gt3ct/reports"
)

// sweep runs a nightly in a fresh session and returns the run directory's
// results and summary.
func sweep(t *testing.T, env config.Environment, faults string, sel nightly.Selection, log *simLog) (map[string]result.Result, *reports.Summary, string) {
	t.Helper()
	s := open(t, env, faults, log)
	out := filepath.Join(t.TempDir(), "run")
	sum, err := s.Nightly(context.Background(), NightlyOptions{Selection: sel, Parallel: 8, Out: out, Mask: true})
	require.NoError(t, err)
	_, err = s.Close(context.Background())
	require.NoError(t, err)
	return readResults(t, out), sum, out
}

func readResults(t *testing.T, dir string) map[string]result.Result {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, nightly.ResultsFile))
	require.NoError(t, err)
	out := map[string]result.Result{}
	for _, line := range splitLines(b) {
		var r result.Result
		require.NoError(t, json.Unmarshal(line, &r))
		_, dup := out[r.Key()]
		require.False(t, dup, "one line per case: %s twice", r.Key())
		out[r.Key()] = r
	}
	return out
}

func splitLines(b []byte) [][]byte {
	var out [][]byte
	for len(b) > 0 {
		i := 0
		for i < len(b) && b[i] != '\n' {
			i++
		}
		if i > 0 {
			out = append(out, b[:i])
		}
		if i == len(b) {
			break
		}
		b = b[i+1:]
	}
	return out
}

func TestNightlyWholeCatalogIsGreenAndCleansUp(t *testing.T) {
	env := simEnv(t.TempDir())
	got, sum, out := sweep(t, env, "", nightly.Selection{}, nil)
	jobs := nightly.Plan(embeddedCatalog(t), nightly.Selection{}, SharedProfile)
	assert.Len(t, got, len(jobs), "one result per case")
	assert.Equal(t, len(jobs), sum.Pass, "fail %d error %d", sum.Fail, sum.Error)
	for _, f := range []string{"summary.json", "junit.xml", "report.html", "run.json"} {
		assert.FileExists(t, filepath.Join(out, f))
	}
	assert.Empty(t, safety.ScanForLeaks(out, nil), "no unmasked PII in anything written")

	// Fixtures seeded for the run and every row the services wrote for them
	// are gone: each core table is back at its pre-run count (empty).
	db, err := coredb.Open(context.Background(), env.DB)
	require.NoError(t, err)
	defer db.Close()
	counts, err := seed.Counts(context.Background(), db)
	require.NoError(t, err)
	for table, n := range counts {
		assert.Zero(t, n, "%s after the nightly", table)
	}
}

// With a data bug the nightly is red exactly where the bug shows: the cases
// whose checks read the amounts, never a smoke case or another class.
func TestNightlyWithFaultIsRedWhereTheFaultIs(t *testing.T) {
	got, sum, _ := sweep(t, simEnv(t.TempDir()), "wrong-amount", nightly.Selection{Module: "SB"}, nil)
	require.Positive(t, sum.Fail)
	for key, r := range got {
		if r.Status == result.Pass {
			continue
		}
		assert.Equal(t, result.ClassSuccess, r.Class, key)
		assert.NotEqual(t, nightly.SmokeCase, r.Case, key)
		found := false
		for _, c := range failedChecks(r) {
			found = found || (c.Kind == result.KindDB || c.Kind == result.KindXPath)
		}
		assert.True(t, found, "%s fails on a content check", key)
	}
}

func TestShardsMergedEqualTheWholeRun(t *testing.T) {
	sel := nightly.Selection{Module: "SB"}
	whole, _, _ := sweep(t, simEnv(t.TempDir()), "", sel, nil)
	var dirs []string
	for i := 1; i <= 3; i++ {
		sel.Shard = nightly.Shard{I: i, N: 3}
		_, _, dir := sweep(t, simEnv(t.TempDir()), "", sel, nil)
		dirs = append(dirs, dir)
	}
	merged := filepath.Join(t.TempDir(), "merged")
	require.NoError(t, reports.Merge(dirs, merged))
	assert.Equal(t, keys(whole), keys(readResults(t, merged)))
}

func keys(m map[string]result.Result) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
