package coredb

import (
	"context"
	"database/sql"
	"fmt"
	"os"
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
	// Options say how Query, Select and ReadRows normalise values.
	Options Options
}

// OpenOptions tune OpenWith.
type OpenOptions struct {
	// Password for oracle:// and postgres:// DSNs that carry none; when empty
	// the environment variable GT3CT_DB_PASSWORD is used. Never printed.
	Password string
	// Options are the value normalisation options of the opened DB.
	Options
}

// PasswordEnv is the environment variable a database password is read from
// when neither the DSN nor OpenOptions carries one.
const PasswordEnv = "GT3CT_DB_PASSWORD"

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
// empty PATH for a private in-memory database), postgres://… or
// oracle://user@host:port/service. It is OpenWith with default options.
func Open(ctx context.Context, dsn string) (*DB, error) {
	return OpenWith(ctx, dsn, OpenOptions{})
}

// OpenWith is Open with a password (or GT3CT_DB_PASSWORD) and normalisation
// options. Connection failures are errs.Transient when IsTransient (refused,
// reset), errs.Input otherwise; the messages never contain the password.
func OpenWith(ctx context.Context, dsn string, o OpenOptions) (*DB, error) {
	if o.Password == "" {
		o.Password = os.Getenv(PasswordEnv)
	}
	var db *DB
	var err error
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		db, err = openSQLite(ctx, strings.TrimPrefix(dsn, "sqlite:"))
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		db, err = openPostgres(ctx, dsn, o.Password)
	case strings.HasPrefix(dsn, "oracle://"):
		db, err = openOracle(ctx, dsn, o.Password)
	default:
		return nil, errs.E("db", errs.Input, "unsupported DSN %q: want sqlite:PATH, postgres://… or oracle://user@host:port/service", Redact(dsn))
	}
	if err != nil {
		return nil, err
	}
	db.Options = o.Options
	return db, nil
}

// sqliteMemoryPlan names a new shared-cache memory database and the
// statements attaching one more per core schema.
func sqliteMemoryPlan() (main string, attach []string) {
	name := fmt.Sprintf("gt3mem%d", memCounter.Add(1))
	main = "file:" + name + "?mode=memory&cache=shared"
	for _, s := range Schemas {
		attach = append(attach, fmt.Sprintf("ATTACH DATABASE 'file:%s_%s?mode=memory&cache=shared' AS %s", name, s, s))
	}
	return main, attach
}

// sqliteFilePlan returns the DSN of the main file at path (WAL, busy
// timeout) and the statements attaching one file per core schema beside it.
func sqliteFilePlan(path string) (main string, attach []string) {
	base := strings.TrimSuffix(path, filepath.Ext(path))
	main = "file:" + path + "?_pragma=busy_timeout(20000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"
	for _, s := range Schemas {
		f := strings.ReplaceAll(base+"."+s+".db", "'", "''")
		attach = append(attach, fmt.Sprintf("ATTACH DATABASE '%s' AS %s", f, s))
	}
	for _, s := range Schemas {
		attach = append(attach, fmt.Sprintf("PRAGMA %s.journal_mode=WAL", s), fmt.Sprintf("PRAGMA %s.synchronous=NORMAL", s))
	}
	return main, attach
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
		main, attach = sqliteMemoryPlan()
	} else {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, errs.E("db", errs.Input, "open sqlite %s: %v", path, err)
		}
		main, attach = sqliteFilePlan(path)
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
