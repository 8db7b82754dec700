package repro

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/godror/godror"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/jmoiron/sqlx"
	"modernc.org/sqlite"

	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// StatementLog records every statement a read-only connection was asked to
// run, allowed or not. It is safe for concurrent use.
type StatementLog struct {
	mu    sync.Mutex
	stmts []string
}

func (l *StatementLog) add(s string) {
	l.mu.Lock()
	l.stmts = append(l.stmts, s)
	l.mu.Unlock()
}

// Statements returns the statements seen so far.
func (l *StatementLog) Statements() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.stmts...)
}

// ErrNotRead is returned for any statement a read-only connection refuses.
var ErrNotRead = errs.E("repro", errs.Refused, "read-only connection: only SELECT statements are allowed")

// IsRead reports whether a statement only reads: a single SELECT (or WITH …
// SELECT) without FOR UPDATE.
func IsRead(stmt string) bool {
	s := strings.TrimSpace(stripComments(stmt))
	s = strings.TrimSpace(strings.TrimSuffix(s, ";"))
	up := strings.ToUpper(s)
	if strings.Contains(s, ";") || strings.Contains(up, "FOR UPDATE") {
		return false
	}
	first := strings.FieldsFunc(up, func(r rune) bool { return r == ' ' || r == '\n' || r == '\t' || r == '\r' || r == '(' })
	return len(first) > 0 && (first[0] == "SELECT" || first[0] == "WITH") && !strings.Contains(up, "INSERT ") &&
		!strings.Contains(up, "UPDATE ") && !strings.Contains(up, "DELETE ")
}

func stripComments(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		if i := strings.Index(line, "--"); i >= 0 {
			line = line[:i]
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// OpenReadOnly opens dsn for capture: every statement passes a guard that
// refuses anything but SELECT (recorded in the log), and underneath the
// connection itself cannot write — SQLite files opened with mode=ro and
// query_only, a PostgreSQL session with default_transaction_read_only,
// Oracle through the guard (use a SELECT-only user). Nothing is created:
// no folder, no file, no ledger table, no schema.
func OpenReadOnly(ctx context.Context, dsn, password string) (*coredb.DB, *StatementLog, error) {
	log := &StatementLog{}
	var conn driver.Connector
	var name string
	var dialect coredb.Dialect
	var err error
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		conn, err = sqliteConnector(strings.TrimPrefix(dsn, "sqlite:"))
		name, dialect = "sqlite", coredb.SQLite
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		conn, err = pgConnector(dsn, password)
		name, dialect = "pgx", coredb.Postgres
	case strings.HasPrefix(dsn, "oracle://"):
		var p godror.ConnectionParams
		if p, err = coredb.OracleParams(dsn, password); err == nil {
			conn = godror.NewConnector(p)
		}
		name, dialect = "godror", coredb.Oracle
	default:
		return nil, nil, errs.E("repro", errs.Input, "unsupported DSN %q", coredb.Redact(dsn))
	}
	if err != nil {
		return nil, nil, err
	}
	db := sqlx.NewDb(sql.OpenDB(guardConnector{conn, log}), name)
	if dialect == coredb.SQLite {
		db.SetMaxOpenConns(1)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, nil, errs.E("repro", errs.Input, "open %s read-only: %v", coredb.Redact(dsn), coredb.OneLine(err))
	}
	return &coredb.DB{DB: db, Dialect: dialect, Source: coredb.Redact(dsn)}, log, nil
}

var (
	roOnce   sync.Once
	roDriver = &sqlite.Driver{}
	roMu     sync.Mutex
	roPlans  = map[string][]string{} // main DSN -> ATTACH statements
)

// sqliteConnector opens PATH and its schema files (PATH without extension
// + ".HX_DJ.db" …, as coredb lays them out) read-only. A missing file is an
// error, never created.
func sqliteConnector(path string) (driver.Connector, error) {
	if path == "" || path == ":memory:" {
		return nil, errs.E("repro", errs.Input, "capture needs a database file, not an in-memory database")
	}
	if _, err := os.Stat(path); err != nil {
		return nil, errs.E("repro", errs.Input, "open %s read-only: %v", path, err)
	}
	roOnce.Do(func() {
		roDriver.RegisterConnectionHook(func(c sqlite.ExecQuerierContext, dsn string) error {
			roMu.Lock()
			plan := roPlans[dsn]
			roMu.Unlock()
			for _, s := range plan {
				if _, err := c.ExecContext(context.Background(), s, nil); err != nil {
					return fmt.Errorf("attach read-only: %w", err)
				}
			}
			return nil
		})
	})
	base := strings.TrimSuffix(path, filepath.Ext(path))
	var plan []string
	for _, s := range coredb.Schemas {
		u := roURI(base + "." + s + ".db")
		plan = append(plan, fmt.Sprintf("ATTACH DATABASE '%s' AS %s", strings.ReplaceAll(u, "'", "''"), s))
	}
	dsn := roURI(path) + "&_query_only=1"
	roMu.Lock()
	roPlans[dsn] = plan
	roMu.Unlock()
	return dsnConnector{roDriver, dsn}, nil
}

// roURI is the read-only URI of a SQLite file. A file with no write-ahead
// log in flight (no -wal beside it: no writer is active) is opened
// immutable, so SQLite creates no lock or index file (-shm) beside it;
// otherwise it is read through the existing log.
func roURI(path string) string {
	u := "file:" + url.PathEscape(path) + "?mode=ro"
	if _, err := os.Stat(path + "-wal"); err != nil {
		u += "&immutable=1"
	}
	return u
}

// pgConnector adds default_transaction_read_only=on to the session, so the
// server itself refuses writes.
func pgConnector(dsn, password string) (driver.Connector, error) {
	u, err := url.Parse(dsn)
	if err != nil {
		return nil, errs.E("repro", errs.Input, "bad DSN %s", coredb.Redact(dsn))
	}
	if _, has := u.User.Password(); !has && u.User != nil && password != "" {
		u.User = url.UserPassword(u.User.Username(), password)
	}
	q := u.Query()
	q.Set("default_transaction_read_only", "on")
	u.RawQuery = q.Encode()
	return stdlib.GetDefaultDriver().(driver.DriverContext).OpenConnector(u.String())
}

type dsnConnector struct {
	d   driver.Driver
	dsn string
}

// Connect opens a connection to the DSN through the driver.
func (c dsnConnector) Connect(context.Context) (driver.Conn, error) { return c.d.Open(c.dsn) }

// Driver returns the wrapped driver.
func (c dsnConnector) Driver() driver.Driver { return c.d }
