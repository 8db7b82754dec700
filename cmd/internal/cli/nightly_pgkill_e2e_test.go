package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/coredb/coredbtest"
)

// Terminations: how many times the backends are killed, and how often.
const (
	pgKills     = 5
	pgKillEvery = 150 * time.Millisecond
)

// dbErrorMarks are what a clear one-line database error names.
var dbErrorMarks = []string{"SQLSTATE", "connection lost", "terminating connection", "bad connection"}

// testPGBackendsKilled runs the nightly with the embedded simulator over a
// fresh PostgreSQL database and, while results stream, terminates every
// backend of that database a few times. The run must complete with one
// result per case and a finding-or-pass exit code, and every case the kills
// affected must say so: class transport, or the simulator's core error
// (class routing) carrying the database's one-line error.
func testPGBackendsKilled(t *testing.T, bin string, full fullRun) {
	dsn, name := coredbtest.FreshPostgresDSN(t) // skips without GT3CT_PG_DSN
	ctx := context.Background()
	admin, err := coredb.Open(ctx, os.Getenv(coredbtest.PostgresEnv))
	require.NoError(t, err)
	defer admin.Close()

	dir := t.TempDir()
	results := filepath.Join(dir, "run", "results.jsonl")
	p := startGT3CT(t, bin, dir, "nightly", "--out", "run", "--db", dsn, "--sim-latency", "5ms", "--parallel", "4")
	killed, times, waitErr := killWhileStreaming(t, admin, name, results, len(full.keys), p.exited)
	t.Logf("terminated %d backend(s) in %d round(s)", killed, times)
	require.Positive(t, killed, "no backend of %s was terminated: the test proved nothing", name)

	code := exitCode(t, waitErr, p.errOut.String())
	require.Contains(t, []int{0, 1}, code, "nightly after killed backends must complete with a verdict\nstdout: %s\nstderr: %s", p.out.String(), tail(p.errOut.String()))
	t.Logf("nightly: %s", strings.TrimSpace(p.out.String()))

	byKey := map[string]result.Result{}
	for _, r := range readResults(t, results) {
		_, dup := byKey[r.Key()]
		require.False(t, dup, "%s recorded twice", r.Key())
		byKey[r.Key()] = r
	}
	assert.Equal(t, sortedKeys(full.keys), sortedKeys(keysOf(byKey)), "one result per case")
	for _, k := range sortedKeys(keysOf(byKey)) {
		if r := byKey[k]; r.Status != result.Pass && r.Status != result.Skip {
			checkAffected(t, r)
		}
	}
}

// killWhileStreaming terminates the backends of database name every
// pgKillEvery, pgKills times, while the results file has between one line
// and half the cases (cleanup is left alone; fixtures seeded in the
// background meanwhile may be hit, which shows as class transport), then waits for
// the process to exit. It returns the number of backends killed, the rounds
// and the process's Wait error.
func killWhileStreaming(t *testing.T, admin *coredb.DB, name, results string, total int, exited <-chan error) (killed, rounds int, waitErr error) {
	t.Helper()
	q := `SELECT COUNT(pg_terminate_backend(pid)) AS N FROM (SELECT pid FROM pg_stat_activity
		WHERE datname = :db AND pid <> pg_backend_pid() OFFSET 0) t`
	tick := time.NewTicker(pgKillEvery)
	defer tick.Stop()
	deadline := time.After(3 * time.Minute)
	for {
		select {
		case err := <-exited:
			return killed, rounds, err
		case <-deadline:
			t.Fatalf("nightly over PostgreSQL did not finish in 3 minutes after %d termination round(s): hung", rounds)
		case <-tick.C:
			if n := countLines(results); rounds >= pgKills || n == 0 || n > total/2 {
				continue
			}
			rows, err := admin.Select(context.Background(), q, map[string]string{"db": name})
			require.NoError(t, err)
			n, err := strconv.Atoi(rows[0]["N"].S)
			require.NoError(t, err)
			killed += n
			rounds++
		}
	}
}

// checkAffected: a case that did not pass after the kills names the cause.
func checkAffected(t *testing.T, r result.Result) {
	t.Helper()
	text := problemText(r)
	t.Logf("affected: %s class=%s error=%q first failed check=%q", r.Key(), r.Class, r.Error, firstFailed(r))
	assert.Contains(t, []result.Class{result.ClassTransport, result.ClassRouting}, r.Class,
		"%s: a killed backend shows as transport (harness side) or the core's error answer (routing)", r.Key())
	found := false
	for _, m := range dbErrorMarks {
		found = found || strings.Contains(text, m)
	}
	assert.True(t, found, "%s failed without naming the database error: %s", r.Key(), text)
	assert.NotContains(t, r.Error, "\n", "%s: error is one line", r.Key())
}

func problemText(r result.Result) string {
	parts := []string{r.Error}
	for _, c := range r.Checks {
		if c.Status == result.Fail {
			parts = append(parts, c.Got, c.Detail)
		}
	}
	return strings.Join(parts, " | ")
}

func firstFailed(r result.Result) string {
	for _, c := range r.Checks {
		if c.Status == result.Fail {
			return c.Name + ": " + c.Detail
		}
	}
	return ""
}
