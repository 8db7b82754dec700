package coredb_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/coredb/coredbtest"
)

// TestConformance runs the driver conformance suite on every dialect that is
// reachable: SQLite always (in memory and in files), PostgreSQL when
// GT3CT_PG_DSN is set (in a fresh database, dropped afterwards), Oracle when
// GT3CT_ORACLE_DSN is set (oracle://user@host:port/service with the password
// in GT3CT_DB_PASSWORD; the user must own or be granted the HX_* schemas).
func TestConformance(t *testing.T) {
	ctx := context.Background()
	t.Run("sqlite-memory", func(t *testing.T) {
		db, err := coredb.Open(ctx, "sqlite::memory:")
		require.NoError(t, err)
		defer db.Close()
		coredbtest.RunConformance(t, db)
	})
	t.Run("sqlite-file", func(t *testing.T) {
		db, err := coredb.Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "core.db"))
		require.NoError(t, err)
		defer db.Close()
		coredbtest.RunConformance(t, db)
	})
	t.Run("postgres", func(t *testing.T) {
		coredbtest.RunConformance(t, coredbtest.FreshPostgres(t))
	})
	t.Run("oracle", func(t *testing.T) {
		dsn := os.Getenv("GT3CT_ORACLE_DSN")
		if dsn == "" {
			t.Skip("GT3CT_ORACLE_DSN not set: no Oracle to run the conformance suite against")
		}
		db, err := coredb.Open(ctx, dsn)
		require.NoError(t, err)
		defer db.Close()
		require.NoError(t, db.DropSchema(ctx), "start from an empty schema")
		coredbtest.RunConformance(t, db)
	})
}
