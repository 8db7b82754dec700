package coredb

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSQLitePageCacheIsBounded: every file of a SQLite core database gets a
// small page cache on every connection (SQLite's default is 2 MiB per file
// per connection: a pool of 16 over seven files could hold 224 MiB).
func TestSQLitePageCacheIsBounded(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, "sqlite:"+filepath.Join(t.TempDir(), "core.db"))
	require.NoError(t, err)
	defer db.Close()
	db.SetMaxOpenConns(2)
	conns := make([]interface{ Close() error }, 2)
	for i := range conns { // two connections: the PRAGMAs run on each new one
		c, err := db.Connx(ctx)
		require.NoError(t, err)
		conns[i] = c
		for _, s := range append([]string{"main"}, Schemas...) {
			var n int
			require.NoError(t, c.GetContext(ctx, &n, "PRAGMA "+s+".cache_size"))
			require.Equal(t, -sqliteCacheKiB, n, "%s on connection %d", s, i)
		}
	}
	for _, c := range conns {
		c.Close()
	}
}
