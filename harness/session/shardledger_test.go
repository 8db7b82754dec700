package session

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/sweep"
)

// TestShardsOfOneRunKeepTheirOwnFixtures: two shards of one run (one run
// id, as --shard auto and the CI's pipeline id give them, and a ledger id
// each) on one core database each seed, record and clean only their own
// fixtures: the first to finish does not remove the taxpayers the other
// still uses.
func TestShardsOfOneRunKeepTheirOwnFixtures(t *testing.T) {
	ctx := context.Background()
	env := simEnv(t.TempDir())
	const runID = "gitlab-4711"
	open := func(seed int64, ledger string) *Session {
		s, err := Open(ctx, Options{Env: env, Catalog: embeddedCatalog(t), RunID: runID, LedgerID: ledger, Seed: seed})
		require.NoError(t, err)
		return s
	}
	a, b := open(1, "fx-shard-1"), open(2, "fx-shard-2") // the ids nightly gives shards (cli ledgerID)
	for i, s := range []*Session{a, b} {
		sel := sweep.Selection{Module: "SB", Shard: sweep.Shard{I: i + 1, N: 2}}
		out := filepath.Join(t.TempDir(), "run")
		st, err := s.Nightly(ctx, NightlyOptions{Selection: sel, Parallel: 4, Out: out, Mask: true, Timeout: time.Minute})
		require.NoError(t, err, "shard %d/2", i+1)
		require.Equal(t, st.Total.Load(), st.Pass.Load(), "shard %d/2: every case passes", i+1)
		for _, r := range readResults(t, out) {
			require.Equal(t, result.Pass, r.Status, "%s: %s", r.Key(), r.Error)
		}
	}
	require.Positive(t, b.Ledger.Len())

	b.ahead.wait() // shard 2 cleaned its finished cases' taxpayers already
	before, err := b.Store.LoadLedger(ctx, b.Ledger.RunID)
	require.NoError(t, err)
	require.Len(t, before, 1)
	_, err = a.Close(ctx)
	require.NoError(t, err)
	leds, err := b.Store.LoadLedger(ctx, b.Ledger.RunID)
	require.NoError(t, err)
	require.Len(t, leds, 1, "shard 2's ledger outlives shard 1's cleanup")
	require.Equal(t, before[0].Entries, leds[0].Entries)
	rep, err := b.Close(ctx)
	require.NoError(t, err)
	require.NotNil(t, rep)
	require.Equal(t, b.Ledger.Len(), rep.Entries, "shard 2 cleans what it seeded")
}
