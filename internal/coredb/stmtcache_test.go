package coredb

import (
	"context"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func openFile(t *testing.T) *DB {
	t.Helper()
	db, err := Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "core.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	_, err = db.Exec(context.Background(), "CREATE TABLE T (A TEXT)", nil)
	require.NoError(t, err)
	return db
}

// A SQLite DB prepares a query text once and reuses it; a cached statement
// follows a schema change (SQLite re-prepares it), and a text that does not
// prepare runs unprepared, so its error reads as before.
func TestStatementCache(t *testing.T) {
	ctx := context.Background()
	db := openFile(t)
	_, err := db.Exec(ctx, "INSERT INTO T (A) VALUES (:a)", map[string]string{"a": "x"})
	require.NoError(t, err)
	for range 3 {
		rows, err := db.Select(ctx, "SELECT * FROM T WHERE A = :a", map[string]string{"a": "x"})
		require.NoError(t, err)
		require.Len(t, rows, 1)
	}
	assert.Len(t, db.stmts.m, 3, "CREATE, INSERT and SELECT, each prepared once")

	_, err = db.Exec(ctx, "ALTER TABLE T ADD COLUMN B TEXT", nil)
	require.NoError(t, err)
	rows, err := db.Select(ctx, "SELECT * FROM T WHERE A = :a", map[string]string{"a": "x"})
	require.NoError(t, err)
	assert.Contains(t, rows[0], "B", "SELECT * sees the new column")

	_, err = db.Select(ctx, "SELECT * FROM NOSUCH", nil)
	require.ErrorContains(t, err, "no such table: NOSUCH")
	assert.Len(t, db.stmts.m, 4, "the failed text is not cached")
	require.NoError(t, db.Close())
	assert.Empty(t, db.stmts.m, "Close closes the statements")
}

// A sweep's parallel reads keep their connections: none is closed for
// want of room among the idle ones (each new one attaches seven files).
func TestSQLiteKeepsParallelConnections(t *testing.T) {
	ctx := context.Background()
	db := openFile(t)
	for range 3 {
		var wg sync.WaitGroup
		for range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				tx, err := db.BeginTx(ctx, nil) // hold a connection, as 16 workers do
				require.NoError(t, err)
				_, err = tx.ExecContext(ctx, "SELECT 1")
				require.NoError(t, err)
				require.NoError(t, tx.Rollback())
			}()
		}
		wg.Wait()
	}
	assert.Zero(t, db.Stats().MaxIdleClosed, "connections closed only to be opened again")
}

// A view reading a text never seen before does not wait for a second
// connection to prepare it: SQLite in memory has one, which the view holds.
func TestViewWithOneConnection(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	db, err := Open(ctx, "sqlite::memory:")
	require.NoError(t, err)
	defer db.Close()
	_, err = db.Exec(ctx, "CREATE TABLE T (A TEXT)", nil)
	require.NoError(t, err)
	for range 2 { // prepared in the background after the first view
		err = db.View(ctx, func(v *View) error {
			rs, err := v.Query(ctx, "SELECT COUNT(*) AS N FROM T", nil)
			if err != nil {
				return err
			}
			_, err = rs.All()
			return err
		})
		require.NoError(t, err)
	}
}

// SQLite runs in this process: at most two views per core read at once,
// the others wait their turn (64 workers' views contended for 2 cores).
func TestSQLiteViewsAtMostTwoPerCore(t *testing.T) {
	ctx := context.Background()
	db := openFile(t)
	limit := 2 * runtime.GOMAXPROCS(0)
	var mu sync.Mutex
	inside, most := 0, 0
	entered := make(chan struct{}, 64)
	release := make(chan struct{})
	var wg sync.WaitGroup
	for range limit + 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			require.NoError(t, db.View(ctx, func(*View) error {
				mu.Lock()
				inside++
				most = max(most, inside)
				mu.Unlock()
				entered <- struct{}{}
				<-release
				mu.Lock()
				inside--
				mu.Unlock()
				return nil
			}))
		}()
	}
	for range limit {
		<-entered
	}
	time.Sleep(50 * time.Millisecond) // room for any view that could still get in
	mu.Lock()
	assert.Equal(t, limit, most)
	mu.Unlock()
	close(release)
	wg.Wait()
}
