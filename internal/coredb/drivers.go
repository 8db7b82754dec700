package coredb

import (
	"context"

	_ "github.com/godror/godror" // Oracle driver (cgo, ODPI-C)
	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/jmoiron/sqlx"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// openPostgres connects through pgx's database/sql driver.
func openPostgres(ctx context.Context, dsn string) (*DB, error) {
	db, err := sqlx.Open("pgx", dsn)
	if err != nil {
		return nil, errs.E("db", errs.Input, "open %s: %w", Redact(dsn), err)
	}
	db = sqlx.NewDb(db.DB, "pgx")
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, errs.E("db", errs.Input, "connect %s: %w", Redact(dsn), err)
	}
	return &DB{DB: db, Dialect: Postgres, Source: Redact(dsn)}, nil
}

// openOracle connects through godror. The password comes from the
// environment (see the DB layer issue); this first version passes the DSN on.
func openOracle(ctx context.Context, dsn string) (*DB, error) {
	db, err := sqlx.Open("godror", dsn)
	if err != nil {
		return nil, errs.E("db", errs.Input, "open %s: %w", Redact(dsn), err)
	}
	db = sqlx.NewDb(db.DB, "godror")
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, errs.E("db", errs.Input, "connect %s: %w", Redact(dsn), err)
	}
	return &DB{DB: db, Dialect: Oracle, Source: Redact(dsn)}, nil
}
