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
func CreateTable(d Dialect, t Table) string { return createTable(d, t, typeName) }

func createTable(d Dialect, t Table, types func(Dialect, Column) string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "CREATE TABLE %s (\n", t.QName())
	for _, c := range t.Columns {
		notNull := ""
		if c.NotNull {
			notNull = " NOT NULL"
		}
		fmt.Fprintf(&b, "  %s %s%s,\n", c.Name, types(d, c), notNull)
	}
	fmt.Fprintf(&b, "  PRIMARY KEY (%s)\n)", strings.Join(t.Key, ", "))
	return b.String()
}

// DDL is every statement that creates the core schema on a dialect, in order.
// SQLite gets its schemas from ATTACH (see Open); PostgreSQL gets CREATE
// SCHEMA; Oracle expects the owners to exist (a DBA creates users).
func DDL(d Dialect) []string { return ddlOf(d, Tables, typeName) }

func ddlOf(d Dialect, tables []Table, types func(Dialect, Column) string) []string {
	var out []string
	if d == Postgres {
		for _, s := range Schemas {
			out = append(out, "CREATE SCHEMA IF NOT EXISTS "+s)
		}
	}
	for _, t := range tables {
		out = append(out, createTable(d, t, types))
		if c := tableComments[t.QName()]; c != "" && d != SQLite {
			out = append(out, fmt.Sprintf("COMMENT ON TABLE %s IS '%s'", t.QName(), c))
		}
	}
	return out
}

// Script is DDL(d) as one SQL script, each statement ended by ";" and a
// header naming the dialect: what `gt3ct sim --print-ddl` prints. On Oracle
// the owners (HX_DJ …) must exist first; the header says so.
func Script(d Dialect) string { return script(d, Own, DDL(d)) }

func script(d Dialect, v Variant, stmts []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "-- gt3ct core test schema for %s (generated from internal/coredb.Tables)\n", d)
	if v == Site {
		fmt.Fprintf(&b, "-- site variant: %s NOT NULL without defaults on every table\n", siteColumnNames())
	}
	if d == Oracle {
		fmt.Fprintf(&b, "-- Oracle 11g+: create the owners first (as a DBA): %s\n", strings.Join(Schemas, ", "))
	}
	for _, stmt := range stmts {
		b.WriteString(stmt)
		b.WriteString(";\n")
	}
	return b.String()
}

// tableComments are the Chinese descriptions of the core tables, emitted
// as COMMENT ON TABLE on PostgreSQL and Oracle.
var tableComments = map[string]string{
	"HX_DJ.DJ_NSRXX":          "登记_纳税人信息",
	"HX_DJ.DJ_NSRXX_KZ":       "登记_纳税人信息扩展",
	"HX_RD.RD_SFZRDXXB":       "认定_税费种认定信息表",
	"HX_RD.RD_NSRZG":          "认定_纳税人资格",
	"HX_SB.SB_SBB":            "申报_申报表（主表）",
	"HX_SB.SB_SBXX":           "申报_申报信息（明细）",
	"HX_ZS.ZS_YJSF":           "征收_应缴税费",
	"HX_ZS.ZS_JKS":            "征收_缴款书",
	"HX_ZS.ZS_WSZ":            "征收_完税证",
	"HX_ZS.ZS_SKY_SFXY":       "征收_三方协议",
	"HX_FP.FP_FPFSXX":         "发票_发票发售信息",
	"HX_FP.FP_PZHDXX":         "发票_票种核定信息",
	"HX_DM_QG.DM_GY_SWJG":     "代码_税务机关",
	"HX_DM_ZDY.DM_GY_SWJG":    "代码_税务机关（省级）",
	"HX_DM_QG.DM_GY_ZSXM":     "代码_征收项目",
	"HX_DM_QG.DM_GY_ZSPM":     "代码_征收品目",
	"HX_DM_QG.DM_GY_HY":       "代码_国民经济行业",
	"HX_DM_QG.DM_DJ_DJZCLX":   "代码_登记注册类型",
	"HX_DM_QG.DM_GY_SFZJLX":   "代码_身份证件类型",
	"HX_DM_QG.DM_GY_NSRZT":    "代码_纳税人状态",
	"HX_DM_QG.DM_DJ_KZZTDJLX": "代码_课征主体登记类型",
	"HX_DM_QG.DM_GY_NSQX":     "代码_纳税期限",
	"HX_DM_QG.DM_FP_FPZL":     "代码_发票种类",
}

// CreateSchema creates every core table that does not exist yet.
func (db *DB) CreateSchema(ctx context.Context) error { return db.createAll(ctx, DDL(db.Dialect)) }

func (db *DB) createAll(ctx context.Context, stmts []string) error {
	for _, stmt := range stmts {
		if db.Dialect != Oracle {
			stmt = strings.Replace(stmt, "CREATE TABLE ", "CREATE TABLE IF NOT EXISTS ", 1)
		}
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			if db.Dialect == Oracle && strings.Contains(err.Error(), "ORA-00955") {
				continue // the table exists already
			}
			return Classify("create schema: "+firstLine(stmt), err)
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

// DropSchema drops every core table that exists (the schemas and Oracle
// owners stay): the teardown of tests and of a simulator reset.
func (db *DB) DropSchema(ctx context.Context) error {
	for i := len(Tables) - 1; i >= 0; i-- {
		stmt := "DROP TABLE IF EXISTS " + Tables[i].QName()
		if db.Dialect == Oracle {
			stmt = "DROP TABLE " + Tables[i].QName() + " PURGE"
		}
		if _, err := db.ExecContext(ctx, stmt); err != nil {
			if db.Dialect == Oracle && strings.Contains(err.Error(), "ORA-00942") {
				continue // no such table
			}
			return Classify("drop schema: "+stmt, err)
		}
	}
	return nil
}
