package coredb

import (
	"context"
	"database/sql/driver"
	"os"
	"strings"

	"github.com/godror/godror"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// ReadOnlyConnector is the connector of a session the database itself keeps
// from writing, for callers that wrap the connections (repro's statement
// guard): SQLite files opened mode=ro with query_only (never created),
// PostgreSQL with default_transaction_read_only=on, Oracle with a read-only
// transaction at session start. OpenWith(…, ReadOnly) opens the same, but a
// SQLite file no writer holds open is opened immutable here (a capture
// leaves no -shm file beside it).
func ReadOnlyConnector(dsn, password string) (driver.Connector, Dialect, error) {
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		path := strings.TrimPrefix(dsn, "sqlite:")
		if _, err := os.Stat(path); err != nil {
			return nil, SQLite, errs.E("db", errs.Input, "open sqlite %s read-only: %v", path, err)
		}
		registerSQLite()
		main, attach := sqliteReadOnlyPlan(path, true)
		planAttach(main, attach)
		return dsnConnector{sqliteDrv, main}, SQLite, nil
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		cfg, err := pgConfig(dsn, password, true)
		if err != nil {
			return nil, Postgres, err
		}
		return stdlib.GetConnector(*cfg), Postgres, nil
	case strings.HasPrefix(dsn, "oracle://"):
		p, err := oracleParams(dsn, password, true)
		if err != nil {
			return nil, Oracle, err
		}
		return godror.NewConnector(p), Oracle, nil
	}
	return nil, "", errs.E("db", errs.Input, "unsupported DSN %q", Redact(dsn))
}

// dsnConnector opens connections to one DSN through a driver.
type dsnConnector struct {
	d   driver.Driver
	dsn string
}

// Connect opens a connection to the DSN through the driver.
func (c dsnConnector) Connect(context.Context) (driver.Conn, error) { return c.d.Open(c.dsn) }

// Driver returns the wrapped driver.
func (c dsnConnector) Driver() driver.Driver { return c.d }
