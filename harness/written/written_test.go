package written

import (
	"context"
	"path/filepath"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/coredb/coredbtest"
)

// countingQuerier counts the statements a snapshot runs in its views.
type countingQuerier struct {
	check.Querier
	n *int
}

func (q countingQuerier) QueryRows(ctx context.Context, sql string, p map[string]string) ([]string, []map[string]*string, error) {
	*q.n++
	return q.Querier.QueryRows(ctx, sql, p)
}

// View counts the statements of the view.
func (q countingQuerier) View(ctx context.Context, fn func(check.Querier) error) error {
	return q.Querier.(check.Viewer).View(ctx, func(in check.Querier) error { return fn(countingQuerier{in, q.n}) })
}

// Take and Written find a call's new and changed rows across tables, on
// every database, reading only the tables that hold rows of the case after
// one count over all of them: a dozen statements per snapshot became one
// plus one per table with rows (a round trip each on a site's Oracle).
// sqliteCore is a core database in a SQLite file of the test's, schema
// created, closed when the test ends.
func sqliteCore(tb testing.TB) *coredb.DB {
	db, err := coredb.Open(context.Background(), "sqlite:"+filepath.Join(tb.TempDir(), "core.db"))
	require.NoError(tb, err)
	tb.Cleanup(func() { db.Close() })
	require.NoError(tb, db.CreateSchema(context.Background()))
	return db
}

func TestSnapshotFindsNewAndChangedRows(t *testing.T) {
	ctx := context.Background()
	dbs := map[string]func(t *testing.T) *coredb.DB{
		"sqlite": func(t *testing.T) *coredb.DB { return sqliteCore(t) },
		"postgres": func(t *testing.T) *coredb.DB {
			db := coredbtest.FreshPostgres(t) // skips without GT3CT_PG_DSN
			require.NoError(t, db.CreateSchema(ctx))
			return db
		},
	}
	for name, open := range dbs {
		t.Run(name, func(t *testing.T) {
			db := open(t)
			const djxh, sbuuid = "10114501000000000001", "0123456789ABCDEF0123456789ABCDEF"
			insert := func(table string, row map[string]string) {
				tb, ok := coredb.Find(table)
				require.True(t, ok)
				require.NoError(t, db.Insert(ctx, db, tb, row))
			}
			insert("HX_DJ.DJ_NSRXX", map[string]string{"DJXH": djxh, "NSRMC": "before"})
			insert("HX_DJ.DJ_NSRXX", map[string]string{"DJXH": "10114501000000000002", "NSRMC": "someone else"})
			vars := map[string]string{"djxh": djxh}
			n := 0
			q := countingQuerier{check.SQLQuerier{DB: db}, &n}
			snap, err := Take(ctx, q, vars)
			require.NoError(t, err)
			assert.Equal(t, 2, n, "one count over every table, one read of the only table with rows")

			_, err = db.Exec(ctx, "UPDATE HX_DJ.DJ_NSRXX SET NSRMC = :m WHERE DJXH = :d", map[string]string{"m": "after", "d": djxh})
			require.NoError(t, err)
			insert("HX_SB.SB_SBB", map[string]string{"SBUUID": sbuuid, "PZXH": "10014501000000000009", "DJXH": djxh})
			w, err := snap.Written(ctx, map[string]string{"djxh": djxh, "sbuuid": sbuuid})
			require.NoError(t, err)
			tables := w.Tables()
			sort.Strings(tables)
			assert.Equal(t, []string{"HX_DJ.DJ_NSRXX", "HX_SB.SB_SBB"}, tables)
			assert.Equal(t, "after", w["HX_DJ.DJ_NSRXX"][0]["NSRMC"], "the changed row, as it is now")
			assert.Equal(t, sbuuid, w["HX_SB.SB_SBB"][0]["SBUUID"])
		})
	}
}
