package coredb

import (
	"context"
	"fmt"
	"strings"
)

// typeName renders a portable column type for a dialect.
func typeName(d Dialect, c Column) string {
	switch d {
	case SQLite:
		switch c.Type {
		case Amount:
			return "NUMERIC"
		case Int:
			return "INTEGER"
		}
		return "TEXT"
	case Postgres:
		return [...]string{"NUMERIC(20)", "CHAR(32)", fmt.Sprintf("VARCHAR(%d)", c.Size), fmt.Sprintf("VARCHAR(%d)", c.Size),
			"TIMESTAMP", "NUMERIC(18,2)", "CHAR(1)", "INTEGER"}[c.Type]
	}
	return [...]string{"NUMBER(20)", "CHAR(32)", fmt.Sprintf("VARCHAR2(%d)", c.Size), fmt.Sprintf("VARCHAR2(%d CHAR)", c.Size),
		"DATE", "NUMBER(18,2)", "CHAR(1)", "NUMBER(10)"}[c.Type]
}

// CreateTable renders the CREATE TABLE statement of t for a dialect.
func CreateTable(d Dialect, t Table) string {
	var b strings.Builder
	fmt.Fprintf(&b, "CREATE TABLE %s (\n", t.QName())
	for _, c := range t.Columns {
		fmt.Fprintf(&b, "  %s %s,\n", c.Name, typeName(d, c))
	}
	fmt.Fprintf(&b, "  PRIMARY KEY (%s)\n)", strings.Join(t.Key, ", "))
	return b.String()
}

// DDL is every statement that creates the core schema on a dialect, in order.
// SQLite gets its schemas from ATTACH (see Open); PostgreSQL gets CREATE
// SCHEMA; Oracle expects the owners to exist (a DBA creates users).
func DDL(d Dialect) []string {
	var out []string
	if d == Postgres {
		for _, s := range Schemas {
			out = append(out, "CREATE SCHEMA IF NOT EXISTS "+s)
		}
	}
	for _, t := range Tables {
		out = append(out, CreateTable(d, t))
	}
	return out
}

// CreateSchema creates every core table that does not exist yet.
func (db *DB) CreateSchema(ctx context.Context) error {
	for _, stmt := range DDL(db.Dialect) {
		if db.Dialect != Oracle {
			stmt = strings.Replace(stmt, "CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ", 1)
		}
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("create schema: %s: %w", firstLine(stmt), err)
		}
	}
	return nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
