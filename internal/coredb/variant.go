package coredb

import (
	"context"
	"fmt"
	"strings"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// Variant names a form of the core DDL.
type Variant string

// The DDL variants. Own is gt3ct's test schema (the default); Site is what a
// site's core looks like: every table also carries the operator, region,
// sync time and validity columns NOT NULL without defaults, dates are
// TIMESTAMP, amounts NUMERIC(20,2) and flags CHAR(1) on every database.
const (
	Own  Variant = "own"
	Site Variant = "site"
)

// Variants returns the DDL variant names.
func Variants() []string { return []string{string(Own), string(Site)} }

// ParseVariant checks a variant name ("" is Own); a bad one is an errs.Input error.
func ParseVariant(name string) (Variant, error) {
	switch Variant(name) {
	case "", Own:
		return Own, nil
	case Site:
		return Site, nil
	}
	return "", errs.E("coredb", errs.Input, "ddl %q: want one of %s", name, strings.Join(Variants(), ", "))
}

// SiteColumns are the columns every table of the site DDL carries, NOT NULL
// without a default: who entered the row, the region it belongs to, when it
// was synchronised and whether it is valid.
var SiteColumns = []Column{
	{Name: "LRR_DM", Type: Code, Size: 20, NotNull: true},
	{Name: "SJGSDQ", Type: Code, Size: 11, NotNull: true},
	{Name: "SJTB_SJ", Type: Date, NotNull: true},
	{Name: "YXBZ", Type: Flag, NotNull: true},
}

// Tables returns the core tables of the variant. Site tables get the
// SiteColumns appended (a column the table already has becomes NOT NULL).
func (v Variant) Tables() []Table {
	if v != Site {
		return Tables
	}
	out := make([]Table, len(Tables))
	for i, t := range Tables {
		t.Columns = append([]Column(nil), t.Columns...)
		for _, sc := range SiteColumns {
			if j := columnIndex(t, sc.Name); j >= 0 {
				t.Columns[j].NotNull = true
				continue
			}
			t.Columns = append(t.Columns, sc)
		}
		out[i] = t
	}
	return out
}

func columnIndex(t Table, name string) int {
	for i, c := range t.Columns {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// siteTypeName renders a column of the site DDL: TIMESTAMP dates,
// NUMERIC(20,2) amounts and CHAR(1) flags on every dialect.
func siteTypeName(d Dialect, c Column) string {
	switch c.Type {
	case Date:
		return "TIMESTAMP"
	case Amount:
		return "NUMERIC(20,2)"
	case Flag:
		return "CHAR(1)"
	case Code, Text:
		if d == SQLite {
			return fmt.Sprintf("VARCHAR(%d)", c.Size)
		}
	}
	return typeName(d, c)
}

// DDLOf is every statement that creates the variant's core schema on a
// dialect, in order (DDLOf(d, Own) is DDL(d)).
func DDLOf(d Dialect, v Variant) []string {
	if v != Site {
		return DDL(d)
	}
	return ddlOf(d, v.Tables(), siteTypeName)
}

// ScriptOf is DDLOf as one SQL script (see Script).
func ScriptOf(d Dialect, v Variant) string { return script(d, v, DDLOf(d, v)) }

// CreateSchemaOf creates every table of the variant that does not exist yet.
func (db *DB) CreateSchemaOf(ctx context.Context, v Variant) error {
	return db.createAll(ctx, DDLOf(db.Dialect, v))
}

func siteColumnNames() string {
	names := make([]string, len(SiteColumns))
	for i, c := range SiteColumns {
		names[i] = c.Name
	}
	return strings.Join(names, ", ")
}
