package coredb

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/errs"
)

func TestIsTransient(t *testing.T) {
	type testCase struct {
		name string
		err  error
		want bool
	}
	run := func(t *testing.T, tc testCase) { assert.Equal(t, tc.want, IsTransient(tc.err)) }
	for _, tc := range []testCase{
		{"nil", nil, false},
		{"bad conn", fmt.Errorf("query: %w", driver.ErrBadConn), true},
		{"unexpected eof", fmt.Errorf("read: %w", io.ErrUnexpectedEOF), true},
		{"refused", &net.OpError{Op: "dial", Err: syscall.ECONNREFUSED}, true},
		{"reset", fmt.Errorf("write: %w", syscall.ECONNRESET), true},
		{"broken pipe text", errors.New("write tcp 127.0.0.1:1->127.0.0.1:2: write: broken pipe"), true},
		{"pg admin shutdown", &pgconn.PgError{Code: "57P01", Message: "terminating connection due to administrator command"}, true},
		{"pg connection failure", &pgconn.PgError{Code: "08006"}, true},
		{"pg serialization", &pgconn.PgError{Code: "40001"}, true},
		{"pg missing table", &pgconn.PgError{Code: "42P01"}, false},
		{"pg unique", &pgconn.PgError{Code: "23505"}, false},
		{"ora eof on channel", errors.New("ORA-03113: end-of-file on communication channel\nProcess ID: 1"), true},
		{"ora not connected", errors.New("ORA-03114: not connected to ORACLE"), true},
		{"ora no listener", errors.New("dpiConn_create: ORA-12541: TNS:no listener"), true},
		{"ora connect timeout", errors.New("ORA-12170: TNS:Connect timeout occurred"), true},
		{"ora missing table", errors.New("ORA-00942: table or view does not exist"), false},
		{"cancelled", fmt.Errorf("query: %w", context.Canceled), false},
		{"already transient", errs.E("db", errs.Transient, "x"), true},
		{"syntax", errors.New(`syntax error at or near "SELEC"`), false},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

// TestSQLiteBusyIsTransient makes a real SQLITE_BUSY: two handles on one
// file, the first holding the write lock, the second not waiting.
func TestSQLiteBusyIsTransient(t *testing.T) {
	registerSQLite()
	path := filepath.Join(t.TempDir(), "busy.db")
	open := func() *sql.DB {
		db, err := sql.Open(sqliteDriver, "file:"+path+"?_pragma=busy_timeout(0)")
		require.NoError(t, err)
		db.SetMaxOpenConns(1)
		t.Cleanup(func() { db.Close() })
		return db
	}
	a, b := open(), open()
	_, err := a.Exec("CREATE TABLE x (a INTEGER)")
	require.NoError(t, err)
	tx, err := a.Begin()
	require.NoError(t, err)
	defer tx.Rollback()
	_, err = tx.Exec("INSERT INTO x VALUES (1)")
	require.NoError(t, err)
	_, err = b.Exec("INSERT INTO x VALUES (2)")
	require.Error(t, err)
	assert.True(t, IsTransient(err), "busy is transient: %v", err)
	c := Classify("db exec", err)
	assert.True(t, errs.Is(c, errs.Transient))
	assert.True(t, strings.HasPrefix(c.Error(), "db exec: connection lost: "), c.Error())
}

func TestClassify(t *testing.T) {
	multi := errors.New("ORA-03113: end-of-file on communication channel\nProcess ID: 4711\nSession ID: 12")
	c := Classify("db query", multi)
	assert.True(t, errs.Is(c, errs.Transient))
	assert.Equal(t, "db query: connection lost: ORA-03113: end-of-file on communication channel", c.Error())
	assert.ErrorIs(t, c, multi, "the cause stays reachable")
	pg := Classify("db query", &pgconn.PgError{Code: "57P01", Message: "terminating connection due to administrator command", Severity: "FATAL"})
	assert.Equal(t, "db query: connection lost: terminating connection due to administrator command (SQLSTATE 57P01)", pg.Error())
	in := Classify("db query", &pgconn.PgError{Code: "42P01", Message: `relation "x" does not exist`})
	assert.True(t, errs.Is(in, errs.Input))
	kept := errs.E("db", errs.Refused, "no")
	assert.Same(t, kept, Classify("db query", kept))
	assert.NoError(t, Classify("db query", nil))
}

func TestRetry(t *testing.T) {
	type testCase struct {
		name     string
		attempts int
		errs     []error // what each call returns; nil afterwards
		want     error
		calls    int
	}
	bad := errs.E("db", errs.Transient, "connection lost")
	input := errs.E("db", errs.Input, "syntax")
	run := func(t *testing.T, tc testCase) {
		calls := 0
		err := Retry(context.Background(), tc.attempts, func() error {
			calls++
			if calls <= len(tc.errs) {
				return tc.errs[calls-1]
			}
			return nil
		})
		assert.Equal(t, tc.want, err)
		assert.Equal(t, tc.calls, calls)
	}
	for _, tc := range []testCase{
		{"first try", 3, nil, nil, 1},
		{"transient then ok", 3, []error{bad, bad}, nil, 3},
		{"gives up", 2, []error{bad, bad, bad}, bad, 2},
		{"not transient", 3, []error{input}, input, 1},
		{"zero attempts means one", 0, []error{bad}, bad, 1},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := Retry(ctx, 3, func() error { return bad })
	assert.ErrorIs(t, err, context.Canceled)
}
