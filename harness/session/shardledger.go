package session

import (
	"context"
	"crypto/sha256"
	"encoding/hex"

	"github.com/gt3ct/gt3ct/harness/sweep"
)

// ledgerIDMax is the longest RUN_ID the fixtures ledger table holds.
const ledgerIDMax = 64

// ShardLedgerID is the ledger id of one shard of a run: "RUNID#I/N".
// Shards of one run share its run id (report merge needs it) and often one
// core database, and each must record, and clean, only its own fixtures.
// An id too long for the ledger's column is shortened with a hash.
func ShardLedgerID(runID string, sh sweep.Shard) string {
	if sh.N <= 1 {
		return runID
	}
	id := runID + "#" + sh.String()
	if len(id) <= ledgerIDMax {
		return id
	}
	sum := sha256.Sum256([]byte(id))
	suffix := "#" + hex.EncodeToString(sum[:6])
	return runID[:ledgerIDMax-len(suffix)] + suffix
}

// useShardLedger gives a sharded nightly its own ledger before it seeds
// anything: a fresh one, or, resuming, the one the killed shard recorded.
func (s *Session) useShardLedger(ctx context.Context, o NightlyOptions) {
	id := ShardLedgerID(s.RunID, o.Selection.Shard)
	if id == s.Ledger.RunID {
		return
	}
	opts := s.opts
	opts.RunID, opts.Resume = id, o.Resume
	s.Ledger = resumedLedger(ctx, s.Store, opts)
	s.seeded = s.seeded || len(s.Ledger.Entries) > 0
}
