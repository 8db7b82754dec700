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

// Connect opens a connection of the inner connector and wraps it in the guard.
func (g guardConnector) Connect(ctx context.Context) (driver.Conn, error) {
	c, err := g.inner.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &guardConn{c, g.log}, nil
}

// Driver returns the inner connector's driver.
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

// Prepare implements driver.Conn through PrepareContext.
func (c *guardConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

// PrepareContext records the statement, refuses it unless it reads, and
// prepares it on the real connection; implements driver.ConnPrepareContext.
func (c *guardConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if err := c.check(query); err != nil {
		return nil, err
	}
	if p, ok := c.inner.(driver.ConnPrepareContext); ok {
		return p.PrepareContext(ctx, query)
	}
	return c.inner.Prepare(query)
}

// QueryContext records the statement and refuses it unless it reads;
// implements driver.QueryerContext.
func (c *guardConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if err := c.check(query); err != nil {
		return nil, err
	}
	if q, ok := c.inner.(driver.QueryerContext); ok {
		return q.QueryContext(ctx, query, args)
	}
	return nil, driver.ErrSkip
}

// ExecContext records the statement and refuses it; implements driver.ExecerContext.
func (c *guardConn) ExecContext(_ context.Context, query string, _ []driver.NamedValue) (driver.Result, error) {
	c.log.add(query)
	return nil, ErrNotRead
}

// Begin refuses: transactions are for writing.
func (c *guardConn) Begin() (driver.Tx, error) { return nil, ErrNotRead }

// BeginTx refuses: transactions are for writing; implements driver.ConnBeginTx.
func (c *guardConn) BeginTx(context.Context, driver.TxOptions) (driver.Tx, error) {
	return nil, ErrNotRead
}

// Close closes the real connection.
func (c *guardConn) Close() error { return c.inner.Close() }

// Ping pings the real connection when it can; implements driver.Pinger.
func (c *guardConn) Ping(ctx context.Context) error {
	if p, ok := c.inner.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

// ResetSession resets the real connection when it can; implements driver.SessionResetter.
func (c *guardConn) ResetSession(ctx context.Context) error {
	if r, ok := c.inner.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

// IsValid asks the real connection when it can; implements driver.Validator.
func (c *guardConn) IsValid() bool {
	if v, ok := c.inner.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}
