package coredb

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
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
	// ReadOnly is true when the session was opened read-only (OpenOptions).
	ReadOnly bool

	stmts   *stmtCache    // SQLite: prepared statements by query text
	readers chan struct{} // SQLite: views running at once, at most two per core
	ran     *atomic.Int64 // statements run through Query, Exec and ExecIn; shared by copies (nil: not counted)
}

// Statements is how many statements ran through Query, Exec and ExecIn
// (and the views' queries) since the DB was opened: what a clean or a
// snapshot costs in round trips on a site's database.
func (db *DB) Statements() int64 {
	if db.ran == nil {
		return 0
	}
	return db.ran.Load()
}

// OpenOptions tune OpenWith.
type OpenOptions struct {
	// Password for oracle:// and postgres:// DSNs that carry none; when empty
	// the environment variable GT3CT_DB_PASSWORD is used. Never printed.
	Password string
	// ReadOnly opens a session the database itself keeps from writing:
	// SQLite files opened mode=ro with query_only, a PostgreSQL session
	// with default_transaction_read_only=on, an Oracle session that starts
	// with SET TRANSACTION READ ONLY. Nothing is created (no folder, no
	// file). For readonly environments.
	ReadOnly bool
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
	sqliteDrv    = &sqlite.Driver{}      // registered as sqliteDriver, with the ATTACH hook
)

func registerSQLite() {
	registerOnce.Do(func() {
		d := sqliteDrv
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
		db, err = openSQLite(ctx, strings.TrimPrefix(dsn, "sqlite:"), o.ReadOnly)
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		db, err = openPostgres(ctx, dsn, o.Password, o.ReadOnly)
	case strings.HasPrefix(dsn, "oracle://"):
		db, err = openOracle(ctx, dsn, o.Password, o.ReadOnly)
	default:
		return nil, errs.E("db", errs.Input, "unsupported DSN %q: want sqlite:PATH, postgres://… or oracle://user@host:port/service", Redact(dsn))
	}
	if err != nil {
		return nil, err
	}
	db.Options, db.ReadOnly = o.Options, o.ReadOnly
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
	return main, append(attach, cacheSizes()...)
}

// sqliteReadOnlyPlan is sqliteFilePlan for a read-only session: the main
// file and every schema file opened mode=ro (never created), no journal
// mode change, query_only on. Immutable opens a file with no writer (no -wal
// beside it) immutable, for a capture that must leave no file behind; a
// session beside a live writer (the embedded simulator) must not.
func sqliteReadOnlyPlan(path string, immutable bool) (main string, attach []string) {
	base := strings.TrimSuffix(path, filepath.Ext(path))
	main = roURI(path, immutable) + "&_pragma=busy_timeout(20000)"
	for _, s := range Schemas {
		f := strings.ReplaceAll(roURI(base+"."+s+".db", immutable), "'", "''")
		attach = append(attach, fmt.Sprintf("ATTACH DATABASE '%s' AS %s", f, s))
	}
	return main, append(attach, "PRAGMA query_only = 1")
}

// roURI is the read-only URI of a SQLite file. With immutable, a file with
// no write-ahead log in flight (no -wal beside it: no writer is active) is
// opened immutable, so SQLite creates no lock or index file (-shm) beside
// it; otherwise it is read through the existing log.
func roURI(path string, immutable bool) string {
	u := "file:" + url.PathEscape(path) + "?mode=ro"
	if _, err := os.Stat(path + "-wal"); immutable && err != nil {
		u += "&immutable=1"
	}
	return u
}

// openSQLite opens PATH as the main database and attaches one file per core
// schema beside it (PATH without extension + ".HX_DJ.db" …); in memory, one
// shared-cache memory database per schema and a single connection. Read
// only, the files must exist and are opened mode=ro with query_only.
func openSQLite(ctx context.Context, path string, readOnly bool) (*DB, error) {
	registerSQLite()
	mem := path == "" || path == ":memory:"
	var main string
	var attach []string
	switch {
	case mem:
		main, attach = sqliteMemoryPlan()
	case readOnly:
		if _, err := os.Stat(path); err != nil {
			return nil, errs.E("db", errs.Input, "open sqlite %s read-only: %v", path, err)
		}
		main, attach = sqliteReadOnlyPlan(path, false)
	default:
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, errs.E("db", errs.Input, "open sqlite %s: %v", path, err)
		}
		main, attach = sqliteFilePlan(path)
	}
	planAttach(main, attach)
	db, err := sqlx.Open(sqliteDriver, main)
	if err != nil {
		return nil, errs.E("db", errs.Input, "open sqlite %s: %w", path, err)
	}
	db = sqlx.NewDb(db.DB, "sqlite")
	if mem {
		db.SetMaxOpenConns(1)
	}
	// every new connection attaches seven files and sets their pragmas:
	// keep them open instead of closing and reopening them as 64 workers
	// come and go. No ceiling on open ones: a view (a read transaction)
	// holds its connection while a statement is prepared on another.
	db.SetMaxIdleConns(sqliteIdleConns)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, errs.E("db", errs.Input, "open sqlite %s: %w", path, err)
	}
	return (&DB{DB: db, Dialect: SQLite, Source: "sqlite:" + path, ran: new(atomic.Int64)}).cacheStatements(), nil
}

// sqliteIdleConns is how many idle connections a SQLite DB keeps open.
const sqliteIdleConns = 64

// planAttach registers the statements every new connection to the SQLite
// DSN main runs first (the ATTACH of each schema file, pragmas).
func planAttach(main string, attach []string) {
	attachMu.Lock()
	attachPlans[main] = attach
	attachMu.Unlock()
}
