package coredb

import (
	"context"
	"time"
)

// Info describes a reachable core database, for `gt3ct db ping`.
type Info struct {
	Dialect Dialect
	Source  string        // the DSN without password
	Version string        // the server's version banner, "" when not readable
	Tables  []string      // core tables (schema-qualified) that exist
	Missing []string      // core tables that do not
	Latency time.Duration // of one trivial round trip
}

// versionSQL asks each dialect for its version banner.
var versionSQL = map[Dialect]string{
	SQLite:   "SELECT 'SQLite ' || sqlite_version() AS V",
	Postgres: "SELECT version() AS V",
	Oracle:   "SELECT BANNER AS V FROM V$VERSION WHERE ROWNUM = 1",
}

// Describe measures one round trip, reads the server version (when the
// user may) and lists which core tables exist. A failed round trip is
// returned classified (see Classify).
func (db *DB) Describe(ctx context.Context) (Info, error) {
	info := Info{Dialect: db.Dialect, Source: db.Source}
	start := time.Now()
	if err := db.PingContext(ctx); err != nil {
		return info, Classify("db ping", err)
	}
	info.Latency = time.Since(start)
	if rows, err := db.Select(ctx, versionSQL[db.Dialect], nil); err == nil && len(rows) == 1 {
		info.Version = rows[0]["V"].S
	}
	for _, t := range Tables {
		_, err := db.Select(ctx, "SELECT COUNT(*) AS N FROM "+t.QName()+" WHERE 1 = 0", nil)
		if err != nil && IsTransient(err) {
			return info, err
		}
		if err != nil {
			info.Missing = append(info.Missing, t.QName())
			continue
		}
		info.Tables = append(info.Tables, t.QName())
	}
	return info, nil
}
