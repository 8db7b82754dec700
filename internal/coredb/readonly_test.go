package coredb_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/coredb/coredbtest"
)

// oneFiling writes a core schema holding one SB_SBB row through a writable
// session.
func oneFiling(t *testing.T, dsn string) *coredb.DB {
	t.Helper()
	ctx := context.Background()
	w, err := coredb.Open(ctx, dsn)
	require.NoError(t, err)
	t.Cleanup(func() { w.Close() })
	require.NoError(t, w.CreateSchema(ctx))
	tb, _ := coredb.Find("HX_SB.SB_SBB")
	require.NoError(t, w.Insert(ctx, nil, tb, map[string]string{"SBUUID": "0123456789ABCDEF0123456789ABCDEF",
		"DJXH": "10114501990000000001", "YBTSE": "3000.00"}))
	return w
}

func countFilings(t *testing.T, db *coredb.DB) int {
	t.Helper()
	var n int
	require.NoError(t, db.GetContext(context.Background(), &n, "SELECT COUNT(*) FROM HX_SB.SB_SBB"))
	return n
}

// TestReadOnlySessionRefusesWrites: statements that get past a text check
// (a SELECT calling a writing function, a WITH … DELETE, or plain DML sent
// through the handle) cannot change data on a read-only session.
func TestReadOnlySessionRefusesWrites(t *testing.T) {
	ctx := context.Background()
	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "core.db")
		w := oneFiling(t, "sqlite:"+path)
		ro, err := coredb.OpenWith(ctx, "sqlite:"+path, coredb.OpenOptions{ReadOnly: true})
		require.NoError(t, err)
		defer ro.Close()
		for _, stmt := range []string{
			"DELETE FROM HX_SB.SB_SBB",
			"INSERT INTO HX_DJ.DJ_NSRXX (DJXH) VALUES ('10114501990000000002')",
			"CREATE TABLE EVIL (X TEXT)",
		} {
			_, err := ro.Exec(ctx, stmt, nil)
			require.Error(t, err, stmt)
		}
		rows, err := ro.Select(ctx, "SELECT COUNT(*) AS N FROM HX_SB.SB_SBB", nil)
		require.NoError(t, err, "reading still works")
		assert.Equal(t, "1", rows[0]["N"].S)
		assert.Equal(t, 1, countFilings(t, w))
	})
	t.Run("sqlite-missing-file-not-created", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "nope", "core.db")
		_, err := coredb.OpenWith(ctx, "sqlite:"+path, coredb.OpenOptions{ReadOnly: true})
		require.Error(t, err)
		_, statErr := os.Stat(filepath.Dir(path))
		assert.True(t, os.IsNotExist(statErr), "no folder created")
	})
	t.Run("postgres", func(t *testing.T) {
		dsn, _ := coredbtest.FreshPostgresDSN(t)
		w := oneFiling(t, dsn)
		_, err := w.ExecContext(ctx, `CREATE FUNCTION gt3ct_wipe() RETURNS integer LANGUAGE plpgsql AS
			$$ BEGIN DELETE FROM HX_SB.SB_SBB; RETURN 1; END $$`)
		require.NoError(t, err)
		ro, err := coredb.OpenWith(ctx, dsn, coredb.OpenOptions{ReadOnly: true})
		require.NoError(t, err)
		defer ro.Close()
		for _, q := range []string{
			"SELECT gt3ct_wipe() AS N",
			"WITH d AS (DELETE FROM HX_SB.SB_SBB RETURNING *) SELECT COUNT(*) AS N FROM d",
		} {
			_, err := ro.Select(ctx, q, nil)
			require.Error(t, err, q)
			assert.Contains(t, err.Error(), "read-only transaction", q)
		}
		assert.Equal(t, 1, countFilings(t, w))
	})
}
