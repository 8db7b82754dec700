package coredb

import (
	"context"
	"fmt"
)

// compactShare is the share of free pages (1/compactShare) above which
// Compact rewrites a SQLite file; compactMinFree the fewest it bothers with.
const (
	compactShare   = 4
	compactMinFree = 64
)

// Compact gives the space of deleted rows back: each SQLite file (the main
// one and every schema's) whose free pages are a quarter of it or more is
// rewritten (VACUUM), and every write-ahead log is checkpointed and
// truncated. The simulator's files otherwise keep the size of the largest
// run they ever held, with every table empty. A read-only session, a memory
// database and the server dialects (which reclaim space themselves) are
// left as they are. It is best effort: a file another process holds is an
// error the caller may ignore.
func (db *DB) Compact(ctx context.Context) error {
	if db.Dialect != SQLite || db.ReadOnly || db.Source == "sqlite:" || db.Source == "sqlite::memory:" {
		return nil
	}
	conn, err := db.Connx(ctx) // one connection: PRAGMAs and VACUUM per attached schema
	if err != nil {
		return fmt.Errorf("compact %s: %w", db.Source, err)
	}
	defer conn.Close()
	// another process using the files keeps them: give up soon, not after
	// the usual 20 s, and leave the connection as it was.
	if _, err := conn.ExecContext(ctx, "PRAGMA busy_timeout = 200"); err != nil {
		return fmt.Errorf("compact %s: %w", db.Source, err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA busy_timeout = 20000")
	for _, s := range append([]string{"main"}, Schemas...) {
		var free, pages int
		if err := conn.GetContext(ctx, &free, "PRAGMA "+s+".freelist_count"); err != nil {
			return fmt.Errorf("compact %s %s: %w", db.Source, s, err)
		}
		if err := conn.GetContext(ctx, &pages, "PRAGMA "+s+".page_count"); err != nil {
			return fmt.Errorf("compact %s %s: %w", db.Source, s, err)
		}
		if free >= compactMinFree && free*compactShare >= pages {
			if _, err := conn.ExecContext(ctx, "VACUUM "+s); err != nil {
				return fmt.Errorf("compact %s %s: %w", db.Source, s, err)
			}
		}
		if _, err := conn.ExecContext(ctx, "PRAGMA "+s+".wal_checkpoint(TRUNCATE)"); err != nil {
			return fmt.Errorf("compact %s %s: %w", db.Source, s, err)
		}
	}
	return nil
}
