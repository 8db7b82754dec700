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
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/sweep"
	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/safety"
)

// runSweep runs a nightly in a fresh session and returns the run directory's
// results and summary.
func runSweep(t *testing.T, env config.Environment, faults string, sel sweep.Selection, log *simLog) (map[string]result.Result, statusCount, string) {
	t.Helper()
	s := open(t, env, faults, log)
	out := filepath.Join(t.TempDir(), "run")
	_, err := s.Nightly(context.Background(), NightlyOptions{Selection: sel, Parallel: 8, Out: out, Mask: true})
	require.NoError(t, err)
	_, err = s.Close(context.Background())
	require.NoError(t, err)
	got := readResults(t, out)
	return got, countStatus(got), out
}

func readResults(t *testing.T, dir string) map[string]result.Result {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, sweep.ResultsFile))
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
	got, sum, out := runSweep(t, env, "", sweep.Selection{}, nil)
	jobs := sweep.Plan(embeddedCatalog(t), sweep.Selection{}, SharedProfile)
	assert.Len(t, got, len(jobs), "one result per case")
	// The one case that reconciles with the e-tax database is a skip here:
	// the sim configures none (counted as skip, never as pass).
	assert.Equal(t, len(jobs)-1, sum.Pass, "fail %d error %d skip %d", sum.Fail, sum.Error, sum.Skip)
	assert.Equal(t, 1, sum.Skip)
	assert.Equal(t, result.Skip, got["HXZG_ZS_00377/reconcile-etax"].Status)
	for _, f := range []string{sweep.ResultsFile, sweep.RunFile} {
		assert.FileExists(t, filepath.Join(out, f))
	}
	var info sweep.RunInfo
	b, err := os.ReadFile(filepath.Join(out, sweep.RunFile))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &info))
	assert.Equal(t, env.Audit, info.Audit, "run.json names the audit file the sends went to")
	assert.Empty(t, safety.ScanForLeaks(out, nil), "no unmasked PII in anything written")

	// Fixtures seeded for the run and every row the services wrote for them
	// are gone: each core table is back at its pre-run count (empty).
	db, err := coredb.Open(context.Background(), env.DB)
	require.NoError(t, err)
	defer db.Close()
	counts, err := seed.Counts(context.Background(), db)
	require.NoError(t, err)
	codes := map[string]bool{} // reference data the simulator fills at start
	for _, ct := range coredb.CodeTables {
		codes[ct.QName()] = true
	}
	for table, n := range counts {
		if !codes[table] {
			assert.Zero(t, n, "%s after the nightly", table)
		}
	}
}

// With a data bug the nightly is red exactly where the bug shows: the cases
// whose checks read the amounts, never a smoke case or another class.
func TestNightlyWithFaultIsRedWhereTheFaultIs(t *testing.T) {
	got, sum, _ := runSweep(t, simEnv(t.TempDir()), "wrong-amount", sweep.Selection{Module: "SB"}, nil)
	require.Positive(t, sum.Fail)
	for key, r := range got {
		if r.Status == result.Pass {
			continue
		}
		assert.Equal(t, result.ClassSuccess, r.Class, key)
		assert.NotEqual(t, sweep.SmokeCase, r.Case, key)
		found := false
		for _, c := range failedChecks(r) {
			found = found || (c.Kind == result.KindDB || c.Kind == result.KindXPath)
		}
		assert.True(t, found, "%s fails on a content check", key)
	}
}

func TestShardsTogetherAreTheWholeRun(t *testing.T) {
	sel := sweep.Selection{Module: "SB"}
	whole, _, _ := runSweep(t, simEnv(t.TempDir()), "", sel, nil)
	union := map[string]result.Result{}
	for i := 1; i <= 3; i++ {
		sel.Shard = sweep.Shard{I: i, N: 3}
		part, _, _ := runSweep(t, simEnv(t.TempDir()), "", sel, nil)
		for k, r := range part {
			require.NotContains(t, union, k, "case in two shards")
			union[k] = r
		}
	}
	assert.Equal(t, keys(whole), keys(union))
}

func keys(m map[string]result.Result) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// statusCount counts results by status.
type statusCount struct{ Pass, Fail, Error, Skip int }

func countStatus(m map[string]result.Result) statusCount {
	var c statusCount
	for _, r := range m {
		switch r.Status {
		case result.Pass:
			c.Pass++
		case result.Fail:
			c.Fail++
		case result.Error:
			c.Error++
		default:
			c.Skip++
		}
	}
	return c
}

// TestRunJSONSaysWhichShardAndThatItRuns: run.json names the run's shard,
// the database without credentials, and the state running — which reports
// read as partial until the nightly's reports record its end.
func TestRunJSONSaysWhichShardAndThatItRuns(t *testing.T) {
	env := simEnv(t.TempDir())
	_, _, out := runSweep(t, env, "", sweep.Selection{Module: "DJ", Shard: sweep.Shard{I: 2, N: 3}}, nil)
	b, err := os.ReadFile(filepath.Join(out, sweep.RunFile))
	require.NoError(t, err)
	var info sweep.RunInfo
	require.NoError(t, json.Unmarshal(b, &info))
	assert.Equal(t, "2/3", info.Shard)
	assert.Equal(t, sweep.StateRunning, info.State)
	assert.Equal(t, sweep.PublicAddress(env.DB), info.DB)
	assert.NotEmpty(t, info.RunID)
}

// The taxpayers of finished cases are cleaned while the last cases are
// still out: once every case has gone to a worker, only the shared
// taxpayer and those of the at most 2×Parallel cases still running are
// left for Close, which reports every seeded taxpayer cleaned and leaves
// none.
func TestNightlyCleansFinishedCasesTaxpayersAhead(t *testing.T) {
	env := simEnv(t.TempDir())
	s := open(t, env, "", nil)
	_, err := s.Nightly(context.Background(), NightlyOptions{Parallel: 4, Out: filepath.Join(t.TempDir(), "run"), Mask: true})
	require.NoError(t, err)
	db, err := coredb.Open(context.Background(), env.DB)
	require.NoError(t, err)
	defer db.Close()
	taxpayers := func() int {
		counts, err := seed.Counts(context.Background(), db)
		require.NoError(t, err)
		return counts["HX_DJ.DJ_NSRXX"]
	}
	s.ahead.wait()
	left := taxpayers()
	assert.Positive(t, left, "the shared taxpayer stays until Close")
	assert.LessOrEqual(t, left, 1+2*4, "taxpayers left once the last cases went out")
	rep, err := s.Close(context.Background())
	require.NoError(t, err)
	assert.Zero(t, taxpayers())
	seeded := len(sweep.ProfileSequence(sweep.PlanJobs(embeddedCatalog(t), sweep.Selection{}, SharedProfile).All())) + 1
	assert.Equal(t, seeded, rep.Seeded["HX_DJ.DJ_NSRXX"], "every seeded taxpayer is reported cleaned")
	assert.Less(t, left, seeded)
	assert.Empty(t, s.Ledger.Entries, "a nightly keeps no ledger entries in memory")
	assert.Equal(t, s.Ledger.Len(), rep.Entries, "every entry the run committed is cleaned")
}
