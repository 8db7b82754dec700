package check

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/coredb"
)

// BenchmarkRunDB is one DB check of a nightly end to end against in-memory
// SQLite: render the expected rows, bind and run the query, compare.
func BenchmarkRunDB(b *testing.B) {
	ctx := context.Background()
	db, err := coredb.Open(ctx, "sqlite::memory:")
	require.NoError(b, err)
	b.Cleanup(func() { db.Close() })
	require.NoError(b, db.CreateSchema(ctx))
	_, err = db.ExecContext(ctx, yjsf("A0000000000000000000000000000001", "10101", "2026-07-01", "1234.56", "'N'"))
	require.NoError(b, err)
	p, dc := params(), yjsfCheck()
	q, render := SQLQuerier{DB: db}, renderWith(p)
	b.ReportAllocs()
	for b.Loop() {
		if chk, _ := RunDB(ctx, q, dc, p, render); chk.Status != result.Pass {
			b.Fatal(chk.Detail)
		}
	}
}
