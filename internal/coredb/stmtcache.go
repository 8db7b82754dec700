package coredb

import (
	"context"
	"database/sql"
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
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// stmt returns the prepared statement for q, preparing it on first use; nil
// when this DB does not cache statements, the cache is full or q does not
// prepare (the caller then runs q as it is, so its error reads the same).
func (db *DB) stmt(ctx context.Context, q string) *sql.Stmt {
	if db.Dialect != SQLite || db.stmts == nil {
		return nil
	}
	c := db.stmts
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.m[q]; ok {
		return s
	}
	if len(c.m) >= maxCachedStmts {
		return nil
	}
	s, err := db.DB.PrepareContext(ctx, q)
	if err != nil {
		return nil
	}
	c.m[q] = s
	return s
}

// cacheStatements turns the statement cache on (SQLite opens do).
func (db *DB) cacheStatements() *DB {
	db.stmts = &stmtCache{m: map[string]*sql.Stmt{}}
	return db
}

// Close closes the prepared statements, then the database.
func (db *DB) Close() error {
	if c := db.stmts; c != nil {
		c.mu.Lock()
		for q, s := range c.m {
			s.Close()
			delete(c.m, q)
		}
		c.mu.Unlock()
	}
	return db.DB.Close()
}
