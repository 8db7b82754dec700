package repro

import (
	"context"
	"database/sql"
	"strings"
	"sync"

	"github.com/jmoiron/sqlx"

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
	if path, ok := strings.CutPrefix(dsn, "sqlite:"); ok && (path == "" || path == ":memory:") {
		return nil, nil, errs.E("repro", errs.Input, "capture needs a database file, not an in-memory database")
	}
	conn, dialect, err := coredb.ReadOnlyConnector(dsn, password)
	if err != nil {
		return nil, nil, errs.E("repro", errs.KindOf(err), "%v", err)
	}
	log := &StatementLog{}
	db := sqlx.NewDb(sql.OpenDB(guardConnector{conn, log}), driverNames[dialect])
	if dialect == coredb.SQLite {
		db.SetMaxOpenConns(1)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, nil, errs.E("repro", errs.Input, "open %s read-only: %v", coredb.Redact(dsn), coredb.OneLine(err))
	}
	return &coredb.DB{DB: db, Dialect: dialect, Source: coredb.Redact(dsn), ReadOnly: true}, log, nil
}

// driverNames are sqlx's names of the dialects' drivers (they pick the
// bind variable style).
var driverNames = map[coredb.Dialect]string{coredb.SQLite: "sqlite", coredb.Postgres: "pgx", coredb.Oracle: "godror"}
