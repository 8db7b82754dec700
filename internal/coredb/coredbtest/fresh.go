package coredbtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/coredb"
)

// PostgresEnv names the variable holding the DSN of a PostgreSQL server the
// tests may create databases on (scripts/pg.sh start prints it).
const PostgresEnv = "GT3CT_PG_DSN"

// FreshPostgres creates an empty database gt3ct_conf_<random> on the server
// named by GT3CT_PG_DSN, opens it and drops it when the test ends. The test
// is skipped when the variable is not set.
func FreshPostgres(t testing.TB) *coredb.DB {
	t.Helper()
	dsn, name := FreshPostgresDSN(t)
	db, err := coredb.Open(context.Background(), dsn)
	require.NoError(t, err, "open %s", name)
	t.Cleanup(func() { db.Close() })
	return db
}

// FreshPostgresDSN is FreshPostgres without opening: it returns the DSN of
// the new database and its name, for tests that hand a DSN to a command.
// The database is dropped (its connections terminated) when the test ends.
func FreshPostgresDSN(t testing.TB) (dsn, name string) {
	t.Helper()
	admin := os.Getenv(PostgresEnv)
	if admin == "" {
		t.Skip(PostgresEnv + " not set: no PostgreSQL (start one with scripts/pg.sh start)")
	}
	ctx := context.Background()
	adb, err := coredb.Open(ctx, admin)
	require.NoError(t, err)
	var b [6]byte
	_, _ = rand.Read(b[:])
	name = "gt3ct_conf_" + hex.EncodeToString(b[:])
	_, err = adb.ExecContext(ctx, "CREATE DATABASE "+name)
	require.NoError(t, err)
	t.Cleanup(func() {
		defer adb.Close()
		_, err := adb.ExecContext(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
		if err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	u, err := url.Parse(admin)
	require.NoError(t, err)
	u.Path = "/" + name
	return u.String(), name
}
