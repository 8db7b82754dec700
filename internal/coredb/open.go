package coredb

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/jmoiron/sqlx"
	"modernc.org/sqlite"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// Dialect names a database family.
type Dialect string

// The supported dialects.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
	Oracle   Dialect = "oracle"
)

// DB is an open core database: sqlx plus the dialect, with schema-qualified
// table names (HX_SB.SB_SBB) that work on every dialect.
type DB struct {
	*sqlx.DB
	Dialect Dialect
	// Source is the DSN with any password removed, safe to print.
	Source string
}

const sqliteDriver = "gt3ct-sqlite"

var (
	registerOnce sync.Once
	memCounter   atomic.Int64
	attachMu     sync.Mutex
	attachPlans  = map[string][]string{} // driver DSN -> ATTACH statements
)

func registerSQLite() {
	registerOnce.Do(func() {
		d := &sqlite.Driver{}
		d.RegisterConnectionHook(func(conn sqlite.ExecQuerierContext, dsn string) error {
			attachMu.Lock()
			stmts := attachPlans[dsn]
			attachMu.Unlock()
			for _, s := range stmts {
				if _, err := conn.ExecContext(context.Background(), s, nil); err != nil {
					return fmt.Errorf("sqlite attach: %w", err)
				}
			}
			return nil
		})
		sql.Register(sqliteDriver, d)
	})
}

// Open connects to the database named by dsn: sqlite:PATH (":memory:" or an
// empty PATH for a private in-memory database), postgres://… or oracle://….
func Open(ctx context.Context, dsn string) (*DB, error) {
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		return openSQLite(ctx, strings.TrimPrefix(dsn, "sqlite:"))
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return openPostgres(ctx, dsn)
	case strings.HasPrefix(dsn, "oracle://"):
		return openOracle(ctx, dsn)
	}
	return nil, errs.E("db", errs.Input, "unsupported DSN %q: want sqlite:PATH, postgres://… or oracle://user@host:port/service", Redact(dsn))
}

// openSQLite opens PATH as the main database and attaches one file per core
// schema beside it (PATH without extension + ".HX_DJ.db" …); in memory, one
// shared-cache memory database per schema and a single connection.
func openSQLite(ctx context.Context, path string) (*DB, error) {
	registerSQLite()
	mem := path == "" || path == ":memory:"
	var main string
	var attach []string
	if mem {
		name := fmt.Sprintf("gt3mem%d", memCounter.Add(1))
		main = "file:" + name + "?mode=memory&cache=shared"
		for _, s := range Schemas {
			attach = append(attach, fmt.Sprintf("ATTACH DATABASE 'file:%s_%s?mode=memory&cache=shared' AS %s", name, s, s))
		}
	} else {
		base := strings.TrimSuffix(path, filepath.Ext(path))
		main = "file:" + path + "?_pragma=busy_timeout(20000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"
		for _, s := range Schemas {
			f := strings.ReplaceAll(base+"."+s+".db", "'", "''")
			attach = append(attach, fmt.Sprintf("ATTACH DATABASE '%s' AS %s", f, s))
		}
		for _, s := range Schemas {
			attach = append(attach, fmt.Sprintf("PRAGMA %s.journal_mode=WAL", s))
		}
	}
	attachMu.Lock()
	attachPlans[main] = attach
	attachMu.Unlock()
	db, err := sqlx.Open(sqliteDriver, main)
	if err != nil {
		return nil, errs.E("db", errs.Input, "open sqlite %s: %w", path, err)
	}
	db = sqlx.NewDb(db.DB, "sqlite")
	if mem {
		db.SetMaxOpenConns(1)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, errs.E("db", errs.Input, "open sqlite %s: %w", path, err)
	}
	return &DB{DB: db, Dialect: SQLite, Source: "sqlite:" + path}, nil
}

// Redact removes the password from a DSN so it can be printed.
func Redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
