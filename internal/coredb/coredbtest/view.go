package coredbtest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/coredb"
)

// testView: the reads of a View see one state of the database, whatever
// another connection commits meanwhile (PostgreSQL REPEATABLE READ, SQLite
// one read transaction); Oracle runs them one by one, each current.
func testView(t *testing.T, ctx context.Context, db *coredb.DB) {
	const count = "SELECT COUNT(*) AS N FROM HX_DM_QG.DM_GY_ZSXM"
	n := func(q func() (*coredb.Rows, error)) string {
		rs, err := q()
		require.NoError(t, err)
		rows, err := rs.All()
		require.NoError(t, err)
		return get(t, rows[0], "N").S
	}
	outside := func() string { return n(func() (*coredb.Rows, error) { return db.Query(ctx, count, nil) }) }
	start := outside()
	row := map[string]string{"ZSXM_DM": "99999", "ZSXMMC": "视图", "YXBZ": "Y"}
	err := db.View(ctx, func(v *coredb.View) error {
		inside := func() string { return n(func() (*coredb.Rows, error) { return v.Query(ctx, count, nil) }) }
		require.Equal(t, start, inside())
		if db.Stats().MaxOpenConnections == 1 {
			return nil // one connection (SQLite in memory): nothing writes beside the view
		}
		require.NoError(t, db.Insert(ctx, nil, table(t, "HX_DM_QG.DM_GY_ZSXM"), row))
		if db.Dialect != coredb.Oracle {
			assert.Equal(t, start, inside(), "a row committed meanwhile is not seen inside the view")
		}
		return nil
	})
	require.NoError(t, err)
	if db.Stats().MaxOpenConnections != 1 {
		assert.NotEqual(t, start, outside(), "the row is there once the view ended")
		_, err = db.Exec(ctx, "DELETE FROM HX_DM_QG.DM_GY_ZSXM WHERE ZSXM_DM = :c", map[string]string{"c": "99999"})
		require.NoError(t, err)
	}
	assert.Equal(t, start, outside())
}
