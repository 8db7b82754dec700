package coredb

import (
	"database/sql"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/errs"
)

func TestBind(t *testing.T) {
	type testCase struct {
		name    string
		dialect Dialect
		sql     string
		params  map[string]any
		want    string
		args    []any
		err     string
	}
	p := map[string]any{"djxh": "1", "pzxh": "2"}
	run := func(t *testing.T, tc testCase) {
		got, args, err := Bind(tc.dialect, tc.sql, tc.params)
		if tc.err != "" {
			require.Error(t, err)
			assert.Equal(t, tc.err, err.Error())
			assert.True(t, errs.Is(err, errs.Input))
			return
		}
		require.NoError(t, err)
		assert.Equal(t, tc.want, got)
		assert.Equal(t, tc.args, args)
	}
	for _, tc := range []testCase{
		{name: "sqlite repeats", dialect: SQLite, sql: "a = :djxh AND b = :pzxh OR c = :djxh", params: p,
			want: "a = ? AND b = ? OR c = ?", args: []any{"1", "2", "1"}},
		{name: "postgres numbers once", dialect: Postgres, sql: "a = :djxh AND b = :pzxh OR c = :djxh", params: p,
			want: "a = $1 AND b = $2 OR c = $1", args: []any{"1", "2"}},
		{name: "oracle named", dialect: Oracle, sql: "a = :djxh OR c = :djxh", params: p,
			want: "a = :djxh OR c = :djxh", args: []any{sql.Named("djxh", "1")}},
		{name: "postgres cast kept", dialect: Postgres, sql: "SELECT :djxh::numeric, x::text", params: p,
			want: "SELECT $1::numeric, x::text", args: []any{"1"}},
		{name: "literals and comments untouched", dialect: Postgres,
			sql:    `SELECT ':djxh', 'it''s :pzxh', ":djxh" FROM t /* :nope */ WHERE a = :djxh -- :nope`,
			params: p, want: `SELECT ':djxh', 'it''s :pzxh', ":djxh" FROM t /* :nope */ WHERE a = $1 -- :nope`, args: []any{"1"}},
		{name: "lone colon and digits", dialect: SQLite, sql: "SELECT ':' || x, a: , :1", params: p,
			want: "SELECT ':' || x, a: , :1"},
		{name: "name case-insensitive", dialect: SQLite, sql: "a = :DJXH", params: p, want: "a = ?", args: []any{"1"}},
		{name: "missing parameter", dialect: Postgres, sql: "a = :djxh AND b = :zsxm_dm", params: p,
			err: "parameter :zsxm_dm has no value"},
		{name: "unterminated literal", dialect: SQLite, sql: "a = 'x :djxh", params: p, want: "a = 'x :djxh"},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}
