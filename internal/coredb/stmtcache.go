package coredb

import (
	"context"
	"database/sql"
	"runtime"
	"sync"
)

// maxCachedStmts bounds the statements a DB keeps prepared: the written-row
// reads, fixture inserts and contract checks of a whole catalog stay well
// under it; text past it is run unprepared.
const maxCachedStmts = 1024

// stmtCache keeps one prepared statement per query text. SQLite's driver
// parses and plans every query it is given anew, which cost a nightly more
// than running them; pgx and godror keep their own statement caches, so
// only SQLite sessions use this one.
type stmtCache struct {
	mu     sync.Mutex
	m      map[string]*sql.Stmt // nil: being prepared
	closed bool

	background context.Context // of the preparations started inside a transaction; Close ends it
	stop       context.CancelFunc
	pending    sync.WaitGroup
}

// stmt returns the prepared statement for q, or nil when there is none
// (yet): this DB caches none, the cache is full, q did not prepare (the
// caller runs q as it is, so its error reads the same) or it is being
// prepared. A text seen for the first time is prepared at once outside a
// transaction; inside one (inTx) in the background, since preparing takes
// a pooled connection and the one the transaction holds may be the last
// (SQLite in memory has one).
func (db *DB) stmt(ctx context.Context, q string, inTx bool) *sql.Stmt {
	c := db.stmts
	if c == nil {
		return nil
	}
	c.mu.Lock()
	s, known := c.m[q]
	claim := !known && len(c.m) < maxCachedStmts && !c.closed
	if claim {
		c.m[q] = nil
		if inTx {
			c.pending.Add(1) // under the lock: Close waits for it
		}
	}
	c.mu.Unlock()
	if !claim {
		return s
	}
	if inTx {
		go func() {
			defer c.pending.Done()
			c.prepare(c.background, db, q)
		}()
		return nil
	}
	return c.prepare(ctx, db, q)
}

// prepare prepares q on a pooled connection and caches it; a text that
// does not prepare is forgotten (tried again next time).
func (c *stmtCache) prepare(ctx context.Context, db *DB, q string) *sql.Stmt {
	s, err := db.DB.PrepareContext(ctx, q)
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case err != nil:
		delete(c.m, q)
		return nil
	case c.closed:
		s.Close()
		return nil
	}
	c.m[q] = s
	return s
}

// cacheStatements turns the statement cache on (SQLite opens do).
func (db *DB) cacheStatements() *DB {
	c := &stmtCache{m: map[string]*sql.Stmt{}}
	c.background, c.stop = context.WithCancel(context.Background())
	db.stmts = c
	db.readers = make(chan struct{}, 2*runtime.GOMAXPROCS(0))
	return db
}

// Close ends the preparations still running, closes the prepared
// statements, then the database.
func (db *DB) Close() error {
	if c := db.stmts; c != nil {
		c.mu.Lock()
		c.closed = true // nothing new is prepared
		c.mu.Unlock()
		c.stop()
		c.pending.Wait() // none opens a connection after the database closed
		c.mu.Lock()
		for q, s := range c.m {
			if s != nil {
				s.Close()
			}
			delete(c.m, q)
		}
		c.mu.Unlock()
	}
	return db.DB.Close()
}
