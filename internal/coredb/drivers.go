package coredb

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"

	"github.com/godror/godror" // Oracle driver (cgo, ODPI-C)
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/jmoiron/sqlx"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// openPostgres connects through pgx's database/sql driver. A password given
// apart from the DSN is put in the driver's copy of it only. Read only, every
// session starts with default_transaction_read_only=on, so the server
// refuses any write, whatever the statement text.
func openPostgres(ctx context.Context, dsn, password string, readOnly bool) (*DB, error) {
	cfg, err := pgConfig(dsn, password, readOnly)
	if err != nil {
		return nil, err
	}
	db := sqlx.NewDb(stdlib.OpenDB(*cfg), "pgx")
	return ping(ctx, db, Postgres, dsn, password)
}

// pgConfig is pgx's configuration for dsn, with the password given apart
// and, read only, default_transaction_read_only=on for every session.
func pgConfig(dsn, password string, readOnly bool) (*pgx.ConnConfig, error) {
	conn := dsn
	if u, err := url.Parse(dsn); err == nil && password != "" {
		if _, has := u.User.Password(); !has && u.User != nil {
			u.User = url.UserPassword(u.User.Username(), password)
			conn = u.String()
		}
	}
	cfg, err := pgx.ParseConfig(conn)
	if err != nil {
		return nil, errs.E("db", errs.Input, "open %s: %s", Redact(dsn), redactIn(OneLine(err), password))
	}
	if readOnly {
		cfg.RuntimeParams["default_transaction_read_only"] = "on"
	}
	return cfg, nil
}

// ping checks the connection and builds the DB, or closes it and classifies
// the failure with a message free of the password.
func ping(ctx context.Context, db *sqlx.DB, d Dialect, dsn, password string) (*DB, error) {
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		if d == Oracle && strings.Contains(err.Error(), "DPI-1047") {
			return nil, errs.E("oracle", errs.Input, "%s", InstantClientHint)
		}
		kind := errs.Input
		if Unreachable(err) {
			kind = errs.Transient
		}
		return nil, &errs.Error{Op: "db", Kind: kind, Err: &lineErr{
			fmt.Sprintf("connect %s: %s", Redact(dsn), redactIn(describe(err), password)), err}}
	}
	return &DB{DB: db, Dialect: d, Source: Redact(dsn), ran: new(atomic.Int64)}, nil
}

// InstantClientHint is the one-line error for a missing Oracle client library.
const InstantClientHint = `Oracle Instant Client not found (DPI-1047): install instantclient-basic 19+ and set LD_LIBRARY_PATH, see README "Oracle"`

// OracleParams turns oracle://user@host:port/service into godror connection
// parameters (connectString "host:port/service") with password, and a
// session whose NLS date format is DateLayout's, so date text compares the
// same as on the other dialects. A password in the DSN itself wins over
// password; neither is ever printed.
func OracleParams(dsn, password string) (godror.ConnectionParams, error) {
	return oracleParams(dsn, password, false)
}

// OracleReadOnlyInit is the statement every read-only Oracle session starts
// with: the session's transaction refuses DML until it ends, and gt3ct's
// read-only sessions never commit.
const OracleReadOnlyInit = "SET TRANSACTION READ ONLY"

// oracleParams is OracleParams; readOnly adds OracleReadOnlyInit to the
// session init (untested here: no Oracle in CI; use a SELECT-only user too).
func oracleParams(dsn, password string, readOnly bool) (godror.ConnectionParams, error) {
	u, err := url.Parse(dsn)
	if err != nil || u.Scheme != "oracle" || u.Host == "" || u.User == nil || strings.Trim(u.Path, "/") == "" {
		return godror.ConnectionParams{}, errs.E("db", errs.Input, "bad Oracle DSN %q: want oracle://user@host:port/service", Redact(dsn))
	}
	if pw, has := u.User.Password(); has {
		password = pw // config.Environment.DSN() puts db_password here
	}
	connect := u.Host + "/" + strings.Trim(u.Path, "/")
	P, err := godror.ParseDSN(fmt.Sprintf("user=%q connectString=%q", u.User.Username(), connect))
	if err != nil {
		return godror.ConnectionParams{}, errs.E("db", errs.Input, "bad Oracle DSN %s: %s", Redact(dsn), OneLine(err))
	}
	P.Password = godror.NewPassword(password)
	P.SetSessionParamOnInit("NLS_DATE_FORMAT", "YYYY-MM-DD HH24:MI:SS")
	P.SetSessionParamOnInit("NLS_TIMESTAMP_FORMAT", "YYYY-MM-DD HH24:MI:SS")
	if readOnly {
		P.OnInitStmts = append(P.OnInitStmts, OracleReadOnlyInit)
	}
	return P, nil
}

// openOracle connects through godror with oracleParams.
func openOracle(ctx context.Context, dsn, password string, readOnly bool) (*DB, error) {
	P, err := oracleParams(dsn, password, readOnly)
	if err != nil {
		return nil, err
	}
	db := sqlx.NewDb(sql.OpenDB(godror.NewConnector(P)), "godror")
	return ping(ctx, db, Oracle, dsn, P.Password.Secret())
}

var userinfoRE = regexp.MustCompile(`://([^:/@]*):[^@/]*@`)
var pwParamRE = regexp.MustCompile(`(?i)(password=)[^&\s]*`)

// Redact removes the password from a DSN so it can be printed: the one in
// the user info and a password= parameter.
func Redact(dsn string) string {
	s := pwParamRE.ReplaceAllString(dsn, "${1}xxxxx")
	u, err := url.Parse(s)
	if err != nil {
		return userinfoRE.ReplaceAllString(s, "://${1}:xxxxx@")
	}
	if u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), "xxxxx")
		}
	}
	return u.String()
}

// redactIn removes a password from a driver's message, should it echo it.
func redactIn(msg, password string) string {
	if password == "" {
		return msg
	}
	return strings.ReplaceAll(msg, password, "xxxxx")
}
