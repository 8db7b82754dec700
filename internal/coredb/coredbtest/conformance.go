// Package coredbtest holds the driver conformance suite every coredb
// dialect must pass, and helpers that give tests a fresh real database.
package coredbtest

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// Seed values the suite writes and expects back.
const (
	DJXH    = "10114501000000000001"
	MaxID20 = "99999999999999999999"
	NSRMC   = "广西测试纳税人（南宁）有限公司·ＡＢＣ"
)

// RunConformance runs the driver conformance suite against db, an empty
// database of any dialect: create schema, seed, named parameters, 20-digit
// identifiers, Chinese text and GBK bytes, dates, NULL vs ”, CHAR padding,
// amounts, transactions and teardown. The subtests depend on each other in
// order; the schema is dropped at the end.
func RunConformance(t *testing.T, db *coredb.DB) {
	ctx := context.Background()
	steps := []struct {
		name string
		run  func(*testing.T, context.Context, *coredb.DB)
	}{
		{"schema", testSchema}, {"seed", testSeed}, {"named params", testNamedParams},
		{"id20", testID20}, {"chinese", testChinese}, {"gbk bytes", testGBK}, {"dates", testDates},
		{"null vs empty", testNullEmpty}, {"char padding", testCharPadding}, {"amounts", testAmounts},
		{"view", testView}, {"transactions", testTransactions}, {"teardown", testTeardown},
	}
	for _, s := range steps {
		if !t.Run(s.name, func(t *testing.T) { s.run(t, ctx, db) }) {
			t.Fatalf("conformance step %q failed on %s; later steps depend on it", s.name, db.Dialect)
		}
	}
}

func table(t *testing.T, q string) coredb.Table {
	tb, ok := coredb.Find(q)
	require.True(t, ok, q)
	return tb
}

func one(t *testing.T, ctx context.Context, db *coredb.DB, q string, p map[string]string) coredb.Row {
	t.Helper()
	rows, err := db.Select(ctx, q, p)
	require.NoError(t, err, q)
	require.Len(t, rows, 1, q)
	return rows[0]
}

func get(t *testing.T, r coredb.Row, col string) coredb.Value {
	t.Helper()
	v, ok := r.Get(col)
	require.True(t, ok, "row has no column %s: %v", col, r)
	return v
}

func testSchema(t *testing.T, ctx context.Context, db *coredb.DB) {
	require.NoError(t, db.CreateSchema(ctx))
	require.NoError(t, db.CreateSchema(ctx), "creating twice is harmless")
	for _, tb := range coredb.Tables {
		rows, err := db.Select(ctx, "SELECT COUNT(*) AS N FROM "+tb.QName(), nil)
		require.NoError(t, err, tb.QName())
		assert.Equal(t, "0", get(t, rows[0], "N").S, tb.QName())
	}
}

func testSeed(t *testing.T, ctx context.Context, db *coredb.DB) {
	tx, err := db.BeginTxx(ctx, nil)
	require.NoError(t, err)
	defer tx.Rollback()
	seed := []struct {
		table string
		row   map[string]string
	}{
		{"HX_DJ.DJ_NSRXX", map[string]string{"DJXH": DJXH, "NSRSBH": "91450100MA5L000001", "NSRMC": NSRMC,
			"DJRQ": "2024-01-31", "LRRQ": "2024-01-31 13:45:10", "XGRQ": "", "SCJYDZ": "", "ZCDZ": "南宁市青秀区民族大道1号"}},
		{"HX_DJ.DJ_NSRXX", map[string]string{"djxh": MaxID20, "nsrsbh": "91450100MA5L000002", "nsrmc": "最大登记序号"}},
		{"HX_DJ.DJ_NSRXX_KZ", map[string]string{"DJXH": DJXH, "ZCZB": "1250000.50", "CYRS": "12"}},
		{"HX_DJ.DJ_NSRXX_KZ", map[string]string{"DJXH": MaxID20, "ZCZB": "0.00", "CYRS": "0"}},
		{"HX_RD.RD_SFZRDXXB", map[string]string{"RDPZUUID": "ABC123", "DJXH": DJXH, "YXBZ": "Y", "RDYXQQ": "2024-01-01"}},
	}
	for _, s := range seed {
		require.NoError(t, db.Insert(ctx, tx, table(t, s.table), s.row), s.table)
	}
	require.NoError(t, tx.Commit())
	err = db.Insert(ctx, nil, table(t, "HX_DJ.DJ_NSRXX"), map[string]string{"DJXH": "1", "NOPE": "x"})
	require.Error(t, err)
	assert.True(t, errs.Is(err, errs.Input))
	assert.Contains(t, err.Error(), "HX_DJ.DJ_NSRXX has no column NOPE")
}

func testNamedParams(t *testing.T, ctx context.Context, db *coredb.DB) {
	type testCase struct {
		name, sql string
		params    map[string]string
		want      string // NSRSBH of the single row
	}
	run := func(t *testing.T, tc testCase) {
		r := one(t, ctx, db, tc.sql, tc.params)
		assert.Equal(t, tc.want, get(t, r, "NSRSBH").S)
	}
	for _, tc := range []testCase{
		{"one param", "SELECT NSRSBH FROM HX_DJ.DJ_NSRXX WHERE DJXH = :djxh", map[string]string{"djxh": DJXH}, "91450100MA5L000001"},
		{"repeated param", "SELECT NSRSBH FROM HX_DJ.DJ_NSRXX WHERE DJXH = :djxh AND (DJXH = :djxh OR NSRSBH = :sbh)",
			map[string]string{"djxh": MaxID20, "sbh": "x"}, "91450100MA5L000002"},
		{"case-insensitive name", "SELECT NSRSBH FROM HX_DJ.DJ_NSRXX WHERE NSRSBH = :NSRSBH", map[string]string{"nsrsbh": "91450100MA5L000002"}, "91450100MA5L000002"},
		{"colon in literal", "SELECT NSRSBH, 'a:djxh' AS T FROM HX_DJ.DJ_NSRXX WHERE DJXH = :djxh -- :ignored\n", map[string]string{"djxh": DJXH}, "91450100MA5L000001"},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
	r := one(t, ctx, db, "SELECT 'a:djxh' AS T FROM HX_DJ.DJ_NSRXX WHERE DJXH = :djxh", map[string]string{"djxh": DJXH})
	assert.Equal(t, "a:djxh", get(t, r, "T").S)
	_, err := db.Select(ctx, "SELECT NSRSBH FROM HX_DJ.DJ_NSRXX WHERE DJXH = :pzxh", map[string]string{"djxh": DJXH})
	require.Error(t, err)
	assert.True(t, errs.Is(err, errs.Input))
	assert.Equal(t, "parameter :pzxh has no value", err.Error())
	n, err := db.Exec(ctx, "UPDATE HX_DJ.DJ_NSRXX SET NSRZT_DM = :zt WHERE DJXH = :djxh", map[string]string{"zt": "03", "djxh": DJXH})
	require.NoError(t, err)
	assert.Equal(t, int64(1), n)
}

func testID20(t *testing.T, ctx context.Context, db *coredb.DB) {
	rows, err := db.Select(ctx, "SELECT DJXH FROM HX_DJ.DJ_NSRXX ORDER BY DJXH", nil)
	require.NoError(t, err)
	require.Len(t, rows, 2)
	assert.Equal(t, DJXH, get(t, rows[0], "DJXH").S)
	assert.Equal(t, MaxID20, get(t, rows[1], "DJXH").S, "20 digits stay digits, never a float")
	r := one(t, ctx, db, "SELECT DJXH FROM HX_DJ.DJ_NSRXX_KZ WHERE DJXH = :djxh", map[string]string{"djxh": MaxID20})
	assert.Equal(t, MaxID20, get(t, r, "DJXH").S)
}

func testChinese(t *testing.T, ctx context.Context, db *coredb.DB) {
	r := one(t, ctx, db, "SELECT NSRMC, ZCDZ FROM HX_DJ.DJ_NSRXX WHERE NSRMC = :mc", map[string]string{"mc": NSRMC})
	assert.Equal(t, NSRMC, get(t, r, "NSRMC").S)
	assert.Equal(t, "南宁市青秀区民族大道1号", get(t, r, "ZCDZ").S)
}

// gbkHex is "纳税人" in GBK.
const gbkHex = "C4C9CBB0C8CB"

func testGBK(t *testing.T, ctx context.Context, db *coredb.DB) {
	q := map[coredb.Dialect]string{
		coredb.SQLite:   "SELECT unhex(:h) AS B",
		coredb.Postgres: "SELECT decode(:h, 'hex') AS B",
		coredb.Oracle:   "SELECT HEXTORAW(:h) AS B FROM DUAL",
	}[db.Dialect]
	gbk := *db
	gbk.Options.Charset = "GBK"
	r := one(t, ctx, &gbk, q, map[string]string{"h": gbkHex})
	assert.Equal(t, "纳税人", get(t, r, "B").S)
	bad := *db
	bad.Options.Charset = "EBCDIC"
	_, err := bad.Select(ctx, q, map[string]string{"h": gbkHex})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `unsupported charset "EBCDIC"`)
}

func testDates(t *testing.T, ctx context.Context, db *coredb.DB) {
	r := one(t, ctx, db, "SELECT DJRQ, LRRQ FROM HX_DJ.DJ_NSRXX WHERE DJXH = :djxh", map[string]string{"djxh": DJXH})
	assert.Equal(t, "2024-01-31 00:00:00", get(t, r, "DJRQ").S, "date-only reads as midnight")
	assert.Equal(t, "2024-01-31 13:45:10", get(t, r, "LRRQ").S)
	type testCase struct {
		name, where string
		d           string
	}
	run := func(t *testing.T, tc testCase) {
		r := one(t, ctx, db, "SELECT DJXH FROM HX_DJ.DJ_NSRXX WHERE "+tc.where, map[string]string{"d": tc.d})
		assert.Equal(t, DJXH, get(t, r, "DJXH").S)
	}
	for _, tc := range []testCase{
		{"date-only param equals", "DJRQ = :d", "2024-01-31"},
		{"datetime param equals", "DJRQ = :d", "2024-01-31 00:00:00"},
		{"time compares", "LRRQ > :d", "2024-01-31 13:45:09"},
		{"date bound", "LRRQ < :d", "2024-02-01"},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
	lit := map[coredb.Dialect]string{
		coredb.SQLite:   "SELECT '2024-02-29' AS D",
		coredb.Postgres: "SELECT DATE '2024-02-29' AS D",
		coredb.Oracle:   "SELECT DATE '2024-02-29' AS D FROM DUAL",
	}[db.Dialect]
	assert.Equal(t, "2024-02-29 00:00:00", get(t, one(t, ctx, db, lit, nil), "D").S, "a DATE reads like a TIMESTAMP")
	err := db.Insert(ctx, nil, table(t, "HX_DJ.DJ_NSRXX"), map[string]string{"DJXH": "2", "DJRQ": "31/01/2024"})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `column DJRQ: "31/01/2024" is not a date`)
}

func testNullEmpty(t *testing.T, ctx context.Context, db *coredb.DB) {
	q := "SELECT XGRQ, SCJYDZ, NSRSBH FROM HX_DJ.DJ_NSRXX WHERE DJXH = :djxh"
	p := map[string]string{"djxh": DJXH}
	r := one(t, ctx, db, q, p)
	assert.True(t, get(t, r, "XGRQ").Null, "an empty Date binds NULL")
	assert.Equal(t, db.Dialect == coredb.Oracle, get(t, r, "SCJYDZ").Null, "'' is NULL on Oracle only")
	assert.Equal(t, "", get(t, r, "SCJYDZ").S)
	ne := *db
	ne.Options.NullIsEmpty = true
	r = one(t, ctx, &ne, q, p)
	assert.True(t, get(t, r, "SCJYDZ").Null, "NullIsEmpty reads '' as NULL everywhere")
	assert.False(t, get(t, r, "NSRSBH").Null)
	vals, nulls := r.Strings()
	assert.Equal(t, map[string]bool{"XGRQ": true, "SCJYDZ": true}, nulls)
	assert.Equal(t, "91450100MA5L000001", vals["NSRSBH"])
}

func testCharPadding(t *testing.T, ctx context.Context, db *coredb.DB) {
	r := one(t, ctx, db, "SELECT RDPZUUID, YXBZ FROM HX_RD.RD_SFZRDXXB WHERE DJXH = :djxh", map[string]string{"djxh": DJXH})
	assert.Equal(t, "ABC123", get(t, r, "RDPZUUID").S, "CHAR(32) padding is trimmed")
	assert.Equal(t, "Y", get(t, r, "YXBZ").S)
}

func testAmounts(t *testing.T, ctx context.Context, db *coredb.DB) {
	rows, err := db.Select(ctx, "SELECT DJXH, ZCZB, CYRS FROM HX_DJ.DJ_NSRXX_KZ ORDER BY DJXH", nil)
	require.NoError(t, err)
	require.Len(t, rows, 2)
	assert.Equal(t, "1250000.5", get(t, rows[0], "ZCZB").S)
	assert.Equal(t, "12", get(t, rows[0], "CYRS").S)
	assert.Equal(t, "0", get(t, rows[1], "ZCZB").S)
	r := one(t, ctx, db, "SELECT SUM(ZCZB) AS S FROM HX_DJ.DJ_NSRXX_KZ WHERE ZCZB > :z", map[string]string{"z": "1000.25"})
	assert.Equal(t, "1250000.5", get(t, r, "S").S)
}

func testTransactions(t *testing.T, ctx context.Context, db *coredb.DB) {
	tb := table(t, "HX_DM_QG.DM_GY_ZSXM")
	count := func() string {
		return get(t, one(t, ctx, db, "SELECT COUNT(*) AS N FROM HX_DM_QG.DM_GY_ZSXM", nil), "N").S
	}
	tx, err := db.BeginTxx(ctx, nil)
	require.NoError(t, err)
	require.NoError(t, db.Insert(ctx, tx, tb, map[string]string{"ZSXM_DM": "10101", "ZSXMMC": "增值税", "YXBZ": "Y"}))
	require.NoError(t, tx.Rollback())
	assert.Equal(t, "0", count(), "rollback leaves nothing")
	tx, err = db.BeginTxx(ctx, nil)
	require.NoError(t, err)
	require.NoError(t, db.Insert(ctx, tx, tb, map[string]string{"ZSXM_DM": "10101", "ZSXMMC": "增值税", "YXBZ": "Y"}))
	require.NoError(t, tx.Commit())
	assert.Equal(t, "1", count())
	err = db.Insert(ctx, nil, tb, map[string]string{"ZSXM_DM": "10101", "ZSXMMC": "重复", "YXBZ": "Y"})
	require.Error(t, err, "primary key holds")
	assert.True(t, errs.Is(err, errs.Input), "a constraint violation is not transient: %v", err)
}

func testTeardown(t *testing.T, ctx context.Context, db *coredb.DB) {
	require.NoError(t, db.DropSchema(ctx))
	require.NoError(t, db.DropSchema(ctx), "dropping twice is harmless")
	_, err := db.Select(ctx, "SELECT COUNT(*) AS N FROM HX_DJ.DJ_NSRXX", nil)
	require.Error(t, err, "the tables are gone")
	assert.True(t, errs.Is(err, errs.Input))
}
