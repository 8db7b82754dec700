package coredb

import (
	"testing"
	"time"

	"github.com/godror/godror"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCanonicalDecimal(t *testing.T) {
	type testCase struct {
		in, want string
		ok       bool
	}
	run := func(t *testing.T, tc testCase) {
		got, ok := CanonicalDecimal(tc.in)
		assert.Equal(t, tc.ok, ok)
		assert.Equal(t, tc.want, got)
	}
	for _, tc := range []testCase{
		{"12.50", "12.5", true}, {"0012.500", "12.5", true}, {"100.00", "100", true}, {"-0.00", "0", true},
		{"0.00", "0", true}, {".5", "0.5", true}, {"+7", "7", true}, {"-3.10", "-3.1", true},
		{"1E+3", "1000", true}, {"1.25e-2", "0.0125", true}, {"10114501000000000001", "10114501000000000001", true},
		{"1.0114501e19", "10114501000000000000", true}, {"abc", "abc", false}, {"1.2.3", "1.2.3", false}, {"", "", false},
	} {
		t.Run(tc.in, func(t *testing.T) { run(t, tc) })
	}
}

func TestNormalize(t *testing.T) {
	type testCase struct {
		name   string
		v      any
		dbType string
		opt    Options
		want   Value
		err    string
	}
	gbk := []byte{0xC4, 0xC9, 0xCB, 0xB0, 0xC8, 0xCB} // 纳税人
	at := time.Date(2024, 1, 31, 13, 45, 10, 500, time.FixedZone("CST", 8*3600))
	run := func(t *testing.T, tc testCase) {
		got, err := Normalize(tc.v, tc.dbType, tc.opt)
		if tc.err != "" {
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.err)
			return
		}
		require.NoError(t, err)
		assert.Equal(t, tc.want, got)
	}
	for _, tc := range []testCase{
		{name: "nil is NULL", v: nil, dbType: "TEXT", want: Value{Null: true}},
		{name: "godror number id", v: godror.Number("10114501000000000001"), dbType: "NUMBER", want: Value{S: "10114501000000000001"}},
		{name: "pg numeric string", v: "1250000.50", dbType: "NUMERIC", want: Value{S: "1250000.5"}},
		{name: "sqlite int64", v: int64(10114501000000000), dbType: "INTEGER", want: Value{S: "10114501000000000"}},
		{name: "float no exponent", v: 1e20, dbType: "NUMERIC", want: Value{S: "100000000000000000000"}},
		{name: "text numeric untouched", v: "0012", dbType: "VARCHAR", want: Value{S: "0012"}},
		{name: "char padding", v: "ABC   ", dbType: "BPCHAR", want: Value{S: "ABC"}},
		{name: "varchar keeps spaces", v: "ABC ", dbType: "VARCHAR", want: Value{S: "ABC "}},
		{name: "time keeps wall clock", v: at, dbType: "DATE", want: Value{S: "2024-01-31 13:45:10"}},
		{name: "date-only text", v: "2024-01-31", dbType: "TEXT", want: Value{S: "2024-01-31 00:00:00"}},
		{name: "iso text", v: "2024-01-31T13:45:10.25", dbType: "TEXT", want: Value{S: "2024-01-31 13:45:10"}},
		{name: "gbk bytes", v: gbk, dbType: "RAW", opt: Options{Charset: "GBK"}, want: Value{S: "纳税人"}},
		{name: "gb18030 bytes", v: gbk, dbType: "BLOB", opt: Options{Charset: "gb18030"}, want: Value{S: "纳税人"}},
		{name: "utf8 bytes", v: []byte("纳税人"), dbType: "TEXT", want: Value{S: "纳税人"}},
		{name: "empty kept", v: "", dbType: "TEXT", want: Value{S: ""}},
		{name: "empty as NULL", v: "", dbType: "TEXT", opt: Options{NullIsEmpty: true}, want: Value{Null: true}},
		{name: "bad charset", v: gbk, dbType: "RAW", opt: Options{Charset: "latin9"}, err: `unsupported charset "latin9"`},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestBindValue(t *testing.T) {
	d := Column{Name: "SKSSQQ", Type: Date}
	v, err := BindValue(SQLite, d, "2024-01-01")
	require.NoError(t, err)
	assert.Equal(t, "2024-01-01 00:00:00", v)
	v, err = BindValue(Oracle, d, "2024-01-01 08:30:00")
	require.NoError(t, err)
	assert.Equal(t, time.Date(2024, 1, 1, 8, 30, 0, 0, time.UTC), v)
	v, err = BindValue(Postgres, Column{Name: "YBTSE", Type: Amount}, "")
	require.NoError(t, err)
	assert.Nil(t, v, "an empty non-text value is NULL")
	v, err = BindValue(Postgres, Column{Name: "SCJYDZ", Type: Text}, "")
	require.NoError(t, err)
	assert.Equal(t, "", v)
	_, err = BindValue(Postgres, d, "2024-13-45")
	require.Error(t, err)
	assert.Equal(t, `column SKSSQQ: "2024-13-45" is not a date (want YYYY-MM-DD[ HH:MM:SS])`, err.Error())
}

// slowDate is canonicalDate without the shape shortcut: parse, then format.
func slowDate(s string) string {
	if d, ok := parseDate(s); ok {
		return d.Format(DateLayout)
	}
	return s
}

// FuzzCanonicalDate holds canonicalDate's shortcut for text already in
// DateLayout's shape to the parse-and-format it skips, on every input.
func FuzzCanonicalDate(f *testing.F) {
	for _, s := range []string{
		"2024-01-31 00:00:00", "2024-02-30 10:00:00", "2024-13-45 99:99:99", "0000-00-00 00:00:00",
		"2024-01-31", "2024-01-31T08:30", "2024-01-31 08:30:15.123", "2024-01-31 8:30:15", "text", "",
		"١٢٣٤-٠١-٣١ ٠٠:٠٠:٠٠", "2024-01-31 24:00:00", "2024-02-29 23:59:60",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := canonicalDate(s), slowDate(s); got != want {
			t.Fatalf("canonicalDate(%q) = %q, parse and format give %q", s, got, want)
		}
	})
}
