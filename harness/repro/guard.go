package repro

import (
	"context"
	"database/sql/driver"
)

// guardConnector hands out connections that refuse every statement but
// SELECT and record every statement they see.
type guardConnector struct {
	inner driver.Connector
	log   *StatementLog
}

func (g guardConnector) Connect(ctx context.Context) (driver.Conn, error) {
	c, err := g.inner.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &guardConn{c, g.log}, nil
}

func (g guardConnector) Driver() driver.Driver { return g.inner.Driver() }

// guardConn forwards reads to the real connection; Exec and transactions
// are refused outright.
type guardConn struct {
	inner driver.Conn
	log   *StatementLog
}

func (c *guardConn) check(query string) error {
	c.log.add(query)
	if !IsRead(query) {
		return ErrNotRead
	}
	return nil
}

// Unwrap returns the real connection.
func (c *guardConn) Unwrap() driver.Conn { return c.inner }

func (c *guardConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

func (c *guardConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if err := c.check(query); err != nil {
		return nil, err
	}
	if p, ok := c.inner.(driver.ConnPrepareContext); ok {
		return p.PrepareContext(ctx, query)
	}
	return c.inner.Prepare(query)
}

func (c *guardConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if err := c.check(query); err != nil {
		return nil, err
	}
	if q, ok := c.inner.(driver.QueryerContext); ok {
		return q.QueryContext(ctx, query, args)
	}
	return nil, driver.ErrSkip
}

func (c *guardConn) ExecContext(_ context.Context, query string, _ []driver.NamedValue) (driver.Result, error) {
	c.log.add(query)
	return nil, ErrNotRead
}

func (c *guardConn) Begin() (driver.Tx, error) { return nil, ErrNotRead }

func (c *guardConn) BeginTx(context.Context, driver.TxOptions) (driver.Tx, error) {
	return nil, ErrNotRead
}

func (c *guardConn) Close() error { return c.inner.Close() }

func (c *guardConn) Ping(ctx context.Context) error {
	if p, ok := c.inner.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

func (c *guardConn) ResetSession(ctx context.Context) error {
	if r, ok := c.inner.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

func (c *guardConn) IsValid() bool {
	if v, ok := c.inner.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}
