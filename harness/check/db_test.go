package check

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/render"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/coredb"
)

const (
	djxh = "10114501000000000001"
	pzxh = "10014501000000000777"
)

// coreDB opens an in-memory core with the schema and the given statements run.
func coreDB(t *testing.T, stmts ...string) *coredb.DB {
	t.Helper()
	ctx := context.Background()
	db, err := coredb.Open(ctx, "sqlite::memory:")
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	require.NoError(t, db.CreateSchema(ctx))
	for _, s := range stmts {
		_, err := db.ExecContext(ctx, s)
		require.NoError(t, err, s)
	}
	return db
}

func yjsf(zsuuid, zsxm, skssqq, ybtse, zfbz string) string {
	return `INSERT INTO HX_ZS.ZS_YJSF (ZSUUID, YZPZXH, DJXH, ZSXM_DM, SKSSQQ, SKSSQZ, YBTSE, ZFBZ_1) VALUES ('` +
		zsuuid + `', '` + pzxh + `', '` + djxh + `', '` + zsxm + `', '` + skssqq + ` 00:00:00', '2026-09-30 00:00:00', ` + ybtse + `, ` + zfbz + `)`
}

const sbb = `INSERT INTO HX_SB.SB_SBB (SBUUID, PZXH, DJXH, YZPZZL_DM, SKSSQQ, SKSSQZ, YBTSE, ZFBZ_1) VALUES
	('5F0C1C9E2B6A4D0E9A7B3C2D1E0F9A8B', '` + pzxh + `', '` + djxh + `', 'BDA0610611', '2026-07-01', '2026-09-30', 1234.56, 'N')`

func params() map[string]string {
	return map[string]string{"djxh": djxh, "pzxh": pzxh, "ybtse": "1234.56", "skssqq": "2026-07-01", "skssqz": "2026-09-30"}
}

func renderWith(p map[string]string) RenderFunc {
	c := render.NewCache()
	return func(name, text string) (string, error) { return c.Render(name, text, p) }
}

func yjsfCheck() catalog.DBCheck {
	return catalog.DBCheck{
		Name:   "payable",
		SQL:    "SELECT ZSUUID, YZPZXH, ZSXM_DM, SKSSQQ, SKSSQZ, YBTSE, ZFBZ_1 FROM HX_ZS.ZS_YJSF WHERE DJXH = :djxh AND YZPZXH = :pzxh",
		Key:    []string{"yzpzxh", "zsxm_dm"},
		Ignore: []string{"zsuuid"},
		Rows: []map[string]string{{"yzpzxh": "{{.pzxh}}", "zsxm_dm": "10101", "skssqq": "{{.skssqq}}",
			"skssqz": "{{.skssqz}}", "ybtse": "{{.ybtse}}", "zfbz_1": "N"}},
	}
}

func TestRunDBAgainstSQLite(t *testing.T) {
	type testCase struct {
		name   string
		stmts  []string
		dc     func() catalog.DBCheck
		params map[string]string
		status result.Status
		detail string
		rows   int
	}
	good := yjsf("A0000000000000000000000000000001", "10101", "2026-07-01", "1234.56", "'N'")
	run := func(t *testing.T, tc testCase) {
		db := coreDB(t, tc.stmts...)
		p := tc.params
		if p == nil {
			p = params()
		}
		chk, tbl := RunDB(context.Background(), SQLQuerier{DB: db}, tc.dc(), p, renderWith(p))
		assert.Equal(t, result.KindDB, chk.Kind)
		assert.Equal(t, tc.status, chk.Status, chk.Detail)
		assert.Equal(t, tc.detail, chk.Detail)
		assert.Len(t, tbl.Rows, tc.rows)
	}
	for _, tc := range []testCase{
		{name: "right rows pass", stmts: []string{good}, dc: yjsfCheck, status: result.Pass,
			detail: "HX_ZS.ZS_YJSF: 1 row match", rows: 1},
		{name: "wrong amount", stmts: []string{yjsf("A1", "10101", "2026-07-01", "1234.57", "'N'")}, dc: yjsfCheck,
			status: result.Fail, rows: 1,
			detail: "HX_ZS.ZS_YJSF[YZPZXH=" + pzxh + ",ZSXM_DM=10101].YBTSE: want 1234.56, got 1234.57"},
		{name: "wrong period", stmts: []string{yjsf("A1", "10101", "2026-04-01", "1234.56", "'N'")}, dc: yjsfCheck,
			status: result.Fail, rows: 1,
			detail: "HX_ZS.ZS_YJSF[YZPZXH=" + pzxh + ",ZSXM_DM=10101].SKSSQQ: want 2026-07-01, got 2026-04-01 00:00:00"},
		{name: "missing row", dc: yjsfCheck, status: result.Fail,
			detail: "HX_ZS.ZS_YJSF[YZPZXH=" + pzxh + ",ZSXM_DM=10101]: missing row"},
		{name: "duplicated row", stmts: []string{good, yjsf("A2", "10101", "2026-07-01", "1234.56", "'N'")}, dc: yjsfCheck,
			status: result.Fail, rows: 2,
			detail: "HX_ZS.ZS_YJSF[YZPZXH=" + pzxh + ",ZSXM_DM=10101]: duplicate key, 2 rows"},
		{name: "extra row", stmts: []string{good, yjsf("A2", "10109", "2026-07-01", "86.42", "'N'")}, dc: yjsfCheck,
			status: result.Fail, rows: 2,
			detail: "HX_ZS.ZS_YJSF[YZPZXH=" + pzxh + ",ZSXM_DM=10109]: unexpected row"},
		{name: "NULL equals empty by default", stmts: []string{yjsf("A1", "10101", "2026-07-01", "1234.56", "NULL")},
			dc: func() catalog.DBCheck { dc := yjsfCheck(); dc.Rows[0]["zfbz_1"] = ""; return dc }, status: result.Pass,
			detail: "HX_ZS.ZS_YJSF: 1 row match", rows: 1},
		{name: "NULL vs empty when strict", stmts: []string{yjsf("A1", "10101", "2026-07-01", "1234.56", "NULL")},
			dc: func() catalog.DBCheck {
				dc, f := yjsfCheck(), false
				dc.Rows[0]["zfbz_1"], dc.NullIsEmpty = "", &f
				return dc
			}, status: result.Fail, rows: 1,
			detail: "HX_ZS.ZS_YJSF[YZPZXH=" + pzxh + ",ZSXM_DM=10101].ZFBZ_1: want '', got NULL"},
		{name: "void flag not flipped", stmts: []string{good},
			dc: func() catalog.DBCheck { dc := yjsfCheck(); dc.Rows[0]["zfbz_1"] = "Y"; return dc }, status: result.Fail, rows: 1,
			detail: "HX_ZS.ZS_YJSF[YZPZXH=" + pzxh + ",ZSXM_DM=10101].ZFBZ_1: want Y, got N"},
		{name: "missing parameter", stmts: []string{good}, dc: yjsfCheck, params: map[string]string{"djxh": djxh, "ybtse": "1", "skssqq": "x", "skssqz": "y"},
			status: result.Fail, detail: "parameter :pzxh has no value"},
		{name: "empty parameter", stmts: []string{good}, dc: yjsfCheck, params: map[string]string{"djxh": djxh, "pzxh": ""},
			status: result.Fail, detail: "parameter :pzxh has no value"},
		{name: "unknown template field", stmts: []string{good},
			dc:     func() catalog.DBCheck { dc := yjsfCheck(); dc.Rows[0]["ybtse"] = "{{.ybtsee}}"; return dc },
			status: result.Fail, detail: "payable rows[1].ybtse:1: unknown field {{.ybtsee}}"},
		{name: "query error", dc: func() catalog.DBCheck {
			dc := yjsfCheck()
			dc.SQL = "SELECT X FROM HX_ZS.NO_SUCH WHERE DJXH = :djxh"
			return dc
		},
			status: result.Fail, detail: "query HX_ZS.NO_SUCH: db query: SQL logic error: no such table: HX_ZS.NO_SUCH (1)"},
		{name: "key not selected", stmts: []string{good},
			dc: func() catalog.DBCheck {
				dc := yjsfCheck()
				dc.SQL = "SELECT YBTSE FROM HX_ZS.ZS_YJSF WHERE DJXH = :djxh"
				return dc
			},
			status: result.Fail, rows: 1, detail: "HX_ZS.ZS_YJSF.YZPZXH: want key column, got (column not selected)"},
		{name: "expect 0 rows passes", dc: zeroRows, status: result.Pass, detail: "HX_SB.SB_SBB: 0 rows match"},
		{name: "expect 0 rows fails", stmts: []string{sbb}, dc: zeroRows, status: result.Fail, rows: 1,
			detail: "HX_SB.SB_SBB: want 0 rows, got 1"},
		{name: "expects nothing", dc: func() catalog.DBCheck { return catalog.DBCheck{SQL: "SELECT 1 FROM HX_SB.SB_SBB"} },
			status: result.Fail, detail: "db check expects nothing: give rows or expect_rows"},
		{name: "form row passes", stmts: []string{sbb}, dc: sbbCheck, status: result.Pass, rows: 1, detail: "HX_SB.SB_SBB: 1 row match"},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func zeroRows() catalog.DBCheck {
	n := 0
	return catalog.DBCheck{SQL: "SELECT * FROM HX_SB.SB_SBB WHERE DJXH = :djxh", ExpectRows: &n}
}

func sbbCheck() catalog.DBCheck {
	one := 1
	return catalog.DBCheck{
		SQL:        "select pzxh, yzpzzl_dm, skssqq, skssqz, ybtse, zfbz_1 from hx_sb.sb_sbb where djxh = :DJXH and skssqq >= '2026-01-01 00:00:00'",
		ExpectRows: &one,
		Rows: []map[string]string{{"PZXH": "{{.pzxh}}", "YZPZZL_DM": "BDA0610611", "SKSSQQ": "2026-07-01",
			"SKSSQZ": "2026-09-30 00:00:00", "YBTSE": "1.23456E3", "ZFBZ_1": "N"}},
	}
}

func TestRunDBPolling(t *testing.T) {
	db := coreDB(t)
	clock := time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)
	sleeps, written := 0, false
	r := DBRunner{
		Now: func() time.Time { return clock },
		Sleep: func(ctx context.Context, d time.Duration) error {
			sleeps++
			clock = clock.Add(d)
			if sleeps == 3 && !written { // the core writes asynchronously, after a while
				written = true
				_, err := db.ExecContext(ctx, yjsf("A1", "10101", "2026-07-01", "1234.56", "'N'"))
				return err
			}
			return nil
		},
		Interval: 500 * time.Millisecond,
	}
	dc := yjsfCheck()
	dc.Poll = "2s"
	chk, _ := r.Run(context.Background(), SQLQuerier{DB: db}, dc, params(), renderWith(params()))
	assert.Equal(t, result.Pass, chk.Status, chk.Detail)
	assert.Equal(t, 3, sleeps)

	sleeps = 0
	dc.Rows[0]["ybtse"] = "99"
	chk, _ = r.Run(context.Background(), SQLQuerier{DB: db}, dc, params(), renderWith(params()))
	assert.Equal(t, result.Fail, chk.Status)
	assert.Equal(t, 4, sleeps, "2s deadline / 500ms interval")
	assert.True(t, strings.HasSuffix(chk.Detail, "YBTSE: want 99, got 1234.56 (still after polling 2s)"), chk.Detail)

	dc.Poll = "soon"
	chk, _ = r.Run(context.Background(), SQLQuerier{DB: db}, dc, params(), nil)
	assert.Equal(t, `poll "soon" is not a duration like 2s`, chk.Detail)
}

func TestBind(t *testing.T) {
	type testCase struct {
		sql     string
		out     string
		args    []any
		missing []string
	}
	p := map[string]string{"djxh": "1", "PZXH": "2"}
	run := func(t *testing.T, tc testCase) {
		out, args, missing := Bind(tc.sql, p)
		assert.Equal(t, tc.out, out)
		assert.Equal(t, tc.args, args)
		assert.Equal(t, tc.missing, missing)
	}
	for _, tc := range []testCase{
		{sql: "WHERE DJXH = :djxh AND YZPZXH = :pzxh", out: "WHERE DJXH = ? AND YZPZXH = ?", args: []any{"1", "2"}},
		{sql: "WHERE LRRQ > '2026-01-01 00:00:00' AND d = :DJXH", out: "WHERE LRRQ > '2026-01-01 00:00:00' AND d = ?", args: []any{"1"}},
		{sql: "SELECT x::date, 'it''s :djxh' FROM t WHERE a=:djxh", out: "SELECT x::date, 'it''s :djxh' FROM t WHERE a=?", args: []any{"1"}},
		{sql: "WHERE a = :sbuuid OR b = :sbuuid", out: "WHERE a = ? OR b = ?", args: []any{"", ""}, missing: []string{"sbuuid"}},
		{sql: `SELECT ":x" FROM t`, out: `SELECT ":x" FROM t`},
	} {
		t.Run(tc.sql, func(t *testing.T) { run(t, tc) })
	}
	assert.Equal(t, "HX_ZS.ZS_YJSF", TableOf("select *\n  from hx_zs.zs_yjsf y where 1=1"))
	assert.Equal(t, "HX_SB.SB_SBB", TableOf(`SELECT COUNT(*) FROM "HX_SB"."SB_SBB"`))
	assert.Equal(t, "", TableOf("SELECT 1"))
}

// A passing check records what was wanted: an expected row count, else the
// number of expected rows (never "0 rows" for "exactly one row").
func TestRunDBPassRecordsWant(t *testing.T) {
	type testCase struct {
		name      string
		stmts     []string
		dc        func() catalog.DBCheck
		want, got string
	}
	one := func() catalog.DBCheck { dc := zeroRows(); n := 1; dc.ExpectRows = &n; return dc }
	run := func(t *testing.T, tc testCase) {
		db := coreDB(t, tc.stmts...)
		chk, _ := RunDB(context.Background(), SQLQuerier{DB: db}, tc.dc(), params(), renderWith(params()))
		require.Equal(t, result.Pass, chk.Status, chk.Detail)
		assert.Equal(t, tc.want, chk.Want)
		assert.Equal(t, tc.got, chk.Got)
	}
	for _, tc := range []testCase{
		{name: "count only, one row", stmts: []string{sbb}, dc: one, want: "1 row", got: "1 row"},
		{name: "count only, none", dc: zeroRows, want: "0 rows", got: "0 rows"},
		{name: "rows", stmts: []string{sbb}, dc: sbbCheck, want: "1 row", got: "1 row"},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}
