package check

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/coredb"
)

// TestKeyedRowsAgreeWithSQL is the differential test of keyed row matching:
// over 200 want/got row sets drawn with a fixed seed (payables keyed by tax
// item, amounts printed in several shapes, rows dropped, added and changed),
// CompareRows reports exactly the missing, extra and differing rows that a
// FULL OUTER JOIN in PostgreSQL finds on the same rows.
func TestKeyedRowsAgreeWithSQL(t *testing.T) {
	dsn := os.Getenv("GT3CT_PG_DSN")
	if dsn == "" {
		t.Skip("GT3CT_PG_DSN not set (make test starts PostgreSQL)")
	}
	ctx := context.Background()
	db, err := coredb.Open(ctx, dsn)
	require.NoError(t, err)
	defer db.Close()
	conn, err := db.Conn(ctx) // temporary tables live on one connection
	require.NoError(t, err)
	defer conn.Close()
	_, err = conn.ExecContext(ctx, `CREATE TEMP TABLE w (zsxm text, ybtse text); CREATE TEMP TABLE g (zsxm text, ybtse text)`)
	require.NoError(t, err)
	r := rand.New(rand.NewPCG(20261130, 3))
	for i := 0; i < 200; i++ {
		want, got := drawRows(r)
		_, err = conn.ExecContext(ctx, "TRUNCATE w; TRUNCATE g")
		require.NoError(t, err)
		for table, rows := range map[string][]Row{"w": want, "g": got} {
			for _, row := range rows {
				_, err = conn.ExecContext(ctx, "INSERT INTO "+table+" VALUES ($1, $2)", row["ZSXM_DM"].S, row["YBTSE"].S)
				require.NoError(t, err)
			}
		}
		var missing, extra, differ int
		require.NoError(t, conn.QueryRowContext(ctx, `SELECT
			count(*) FILTER (WHERE g.zsxm IS NULL), count(*) FILTER (WHERE w.zsxm IS NULL),
			count(*) FILTER (WHERE w.zsxm IS NOT NULL AND g.zsxm IS NOT NULL AND w.ybtse::numeric <> g.ybtse::numeric)
			FROM w FULL OUTER JOIN g ON w.zsxm = g.zsxm`).Scan(&missing, &extra, &differ))
		counts := map[MismatchKind]int{}
		for _, m := range CompareRows(want, got, []string{"ZSXM_DM"}, nil, DefaultOptions()) {
			counts[m.Kind]++
		}
		require.Equal(t, map[MismatchKind]int{RowMissing: missing, RowExtra: extra, ColumnDiffers: differ},
			map[MismatchKind]int{RowMissing: counts[RowMissing], RowExtra: counts[RowExtra], ColumnDiffers: counts[ColumnDiffers]},
			"set %d: want %v got %v", i, want, got)
		require.Zero(t, counts[KeyDuplicate]+counts[CountDiffers], "set %d", i)
	}
}

// drawRows draws a want set of payables with distinct tax items and a got
// set made from it: each row kept (amount in another shape, or a cent off),
// or dropped, plus sometimes a row nobody wanted.
func drawRows(r *rand.Rand) (want, got []Row) {
	items := r.Perm(8)
	for _, it := range items[:1+r.IntN(5)] {
		code := fmt.Sprintf("1%04d", it)
		cents := r.Int64N(1_000_000)
		want = append(want, Row{"ZSXM_DM": Str(code), "YBTSE": Str(decimalText(cents, 2, 0))})
		switch r.IntN(5) {
		case 0: // dropped
		case 1:
			got = append(got, Row{"ZSXM_DM": Str(code), "YBTSE": Str(decimalText(cents+1, 2, r.IntN(3)))})
		default:
			got = append(got, Row{"ZSXM_DM": Str(code), "YBTSE": Str(decimalText(cents, 2, r.IntN(3)))})
		}
	}
	if r.IntN(3) == 0 {
		got = append(got, Row{"ZSXM_DM": Str(fmt.Sprintf("2%04d", r.IntN(100))), "YBTSE": Str("1.00")})
	}
	return want, got
}
