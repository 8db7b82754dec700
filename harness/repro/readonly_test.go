package repro

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/errs"
)

func TestIsRead(t *testing.T) {
	type testCase struct {
		stmt string
		read bool
	}
	run := func(t *testing.T, tc testCase) { require.Equal(t, tc.read, IsRead(tc.stmt), tc.stmt) }
	for _, tc := range []testCase{
		{"SELECT DJXH FROM HX_DJ.DJ_NSRXX WHERE DJXH = ?", true},
		{"  select 1;", true},
		{"-- note\nSELECT 1", true},
		{"WITH x AS (SELECT 1) SELECT * FROM x", true},
		{"(SELECT 1)", true},
		{"INSERT INTO HX_SB.SB_SBB (SBUUID) VALUES ('X')", false},
		{"UPDATE HX_SB.SB_SBB SET ZFBZ_1 = 'Y'", false},
		{"DELETE FROM HX_SB.SB_SBB", false},
		{"CREATE TABLE GT3CT_LEDGER (X TEXT)", false},
		{"SELECT 1; DELETE FROM HX_SB.SB_SBB", false},
		{"SELECT * FROM HX_SB.SB_SBB FOR UPDATE", false},
		{"WITH d AS (DELETE FROM HX_SB.SB_SBB RETURNING *) SELECT * FROM d", false},
		{"PRAGMA query_only = 0", false},
		{"", false},
	} {
		t.Run(tc.stmt, func(t *testing.T) { run(t, tc) })
	}
}

// TestReadOnlyRefusesWrites proves both layers: the statement guard refuses
// a write before it reaches the driver, and the connection underneath
// (SQLite mode=ro) cannot write either. Nothing is created beside the files.
func TestReadOnlyRefusesWrites(t *testing.T) {
	cat := repoCatalog(t)
	prodDB, tp, _ := production(t, cat, "")
	before := fileHashes(t, dbDir(prodDB))
	db, log, err := OpenReadOnly(ctx, prodDB, "")
	require.NoError(t, err)
	var n int
	require.NoError(t, db.GetContext(ctx, &n, "SELECT COUNT(*) FROM HX_DJ.DJ_NSRXX WHERE DJXH = ?", tp["djxh"]))
	require.Equal(t, 1, n)
	_, err = db.ExecContext(ctx, "DELETE FROM HX_DJ.DJ_NSRXX")
	require.ErrorIs(t, err, ErrNotRead)
	_, err = db.QueryContext(ctx, "CREATE TABLE GT3CT_LEDGER (X TEXT)")
	require.ErrorIs(t, err, ErrNotRead)
	_, err = db.BeginTx(ctx, nil)
	require.ErrorIs(t, err, ErrNotRead)
	require.Len(t, log.Statements(), 3)
	require.NoError(t, db.Close())

	conn, _, err := coredb.ReadOnlyConnector(prodDB, "")
	require.NoError(t, err)
	raw := sql.OpenDB(conn) // no guard: the connection itself is read-only
	defer raw.Close()
	_, err = raw.ExecContext(ctx, "DELETE FROM HX_DJ.DJ_NSRXX")
	require.Error(t, err)
	require.Contains(t, strings.ToLower(err.Error()), "readonly")
	_, err = raw.ExecContext(ctx, "CREATE TABLE GT3CT_LEDGER (X TEXT)")
	require.Error(t, err)
	require.Equal(t, before, fileHashes(t, dbDir(prodDB)))
}

func TestCaptureBadInput(t *testing.T) {
	cat := repoCatalog(t)
	prodDB, tp, logged := production(t, cat, "")
	missing := "sqlite:" + filepath.Join(t.TempDir(), "nope", "core.db")
	type testCase struct {
		name string
		o    CaptureOptions
		want string
	}
	run := func(t *testing.T, tc testCase) {
		tc.o.Out, tc.o.Catalog = filepath.Join(t.TempDir(), "b"), cat
		_, _, err := Capture(ctx, tc.o)
		require.Error(t, err)
		require.Equal(t, errs.Input, errs.KindOf(err), "%v", err)
		require.Contains(t, err.Error(), tc.want)
		_, statErr := os.Stat(strings.TrimPrefix(missing, "sqlite:"))
		require.True(t, os.IsNotExist(statErr), "nothing created for a missing database")
	}
	prod := config.Environment{Name: "prod", DB: prodDB, Readonly: true}
	for _, tc := range []testCase{
		{"missing database", CaptureOptions{Env: config.Environment{Name: "prod", DB: missing, Readonly: true}, DJXH: tp["djxh"]}, "no such file"},
		{"no database", CaptureOptions{Env: config.Environment{Name: "prod", Readonly: true}, DJXH: tp["djxh"]}, "no database"},
		{"unknown taxpayer", CaptureOptions{Env: prod, DJXH: "10114501039900000001"}, "no taxpayer"},
		{"bad djxh", CaptureOptions{Env: prod, DJXH: "12"}, "DJXH"},
		{"garbage message", CaptureOptions{Env: prod, DJXH: tp["djxh"], Message: []byte("<servi")}, "message"},
		{"answer as message", CaptureOptions{Env: prod, DJXH: tp["djxh"], Message: []byte(answerEnvelope)}, "not the request"},
		{"unknown table", CaptureOptions{Env: prod, DJXH: tp["djxh"], Message: logged, Tables: []string{"HX_SB.NOPE"}}, "HX_SB.NOPE"},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

const answerEnvelope = `<service xmlns="http://www.chinatax.gov.cn/spec/"><head><tran_id>SWZJ.HXZG.SB.BCZZSXGMSB</tran_id><channel_id>X</channel_id><tran_seq>0123456789abcdef0123456789abcdef</tran_seq><tran_date>20261128</tran_date><tran_time>093015123</tran_time><rtn_code>0</rtn_code><rtn_msg><Code>000</Code><Message/><Reason/></rtn_msg></head><body><![CDATA[<taxML/>]]></body></service>`
