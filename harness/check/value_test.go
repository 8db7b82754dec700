package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEqual(t *testing.T) {
	type testCase struct {
		name      string
		want, got Value
		opts      Options
		equal     bool
	}
	def := DefaultOptions()
	strict := Options{NullIsEmpty: false}
	run := func(t *testing.T, tc testCase) {
		assert.Equal(t, tc.equal, Equal(tc.want, tc.got, tc.opts), "want %v got %v", tc.want, tc.got)
	}
	for _, tc := range []testCase{
		{name: "exponent = scaled", want: Str("1.02E7"), got: Str("10200000.00"), opts: def, equal: true},
		{name: "scaled = integer", want: Str("10200000.00"), got: Str("10200000"), opts: def, equal: true},
		{name: "integer = exponent", want: Str("10200000"), got: Str("1.02e+7"), opts: def, equal: true},
		{name: "trailing zeros", want: Str("1234.5"), got: Str("1234.50"), opts: def, equal: true},
		{name: "negative zero", want: Str("0"), got: Str("-0.00"), opts: def, equal: true},
		{name: "decimal differs", want: Str("1.01"), got: Str("1.02"), opts: def, equal: false},
		{name: "cent differs", want: Str("1234.56"), got: Str("1234.57"), opts: def, equal: false},
		{name: "decimal vs text", want: Str("100"), got: Str("abc"), opts: def, equal: false},
		{name: "big id exact", want: Str("10114501000000000001"), got: Str("10114501000000000002"), opts: def, equal: false},
		{name: "big id same", want: Str("10114501000000000001"), got: Str("10114501000000000001"), opts: def, equal: true},
		{name: "code with leading zero is text", want: Str("01"), got: Str("1"), opts: def, equal: false},
		{name: "forced decimal", want: Str("01"), got: Str("1"), opts: Options{Kind: KindDecimal}, equal: true},
		{name: "forced text", want: Str("1.0"), got: Str("1"), opts: Options{Kind: KindText}, equal: false},
		{name: "date = date time", want: Str("2026-09-30"), got: Str("2026-09-30 00:00:00"), opts: def, equal: true},
		{name: "date = RFC3339", want: Str("2026-09-30"), got: Str("2026-09-30T00:00:00Z"), opts: def, equal: true},
		{name: "date time = RFC3339 zone", want: Str("2026-09-30 08:00:00"), got: Str("2026-09-30T08:00:00+08:00"), opts: def, equal: true},
		{name: "date time = fraction zero", want: Str("2026-09-30 08:00:00"), got: Str("2026-09-30 08:00:00.000"), opts: def, equal: true},
		{name: "day differs", want: Str("2026-09-30"), got: Str("2026-09-29"), opts: def, equal: false},
		{name: "date vs later time", want: Str("2026-09-30"), got: Str("2026-09-30 13:45:00"), opts: def, equal: false},
		{name: "date vs junk", want: Str("2026-09-30"), got: Str("2026-09-3x"), opts: def, equal: false},
		{name: "char padding", want: Str("A"), got: Str("A "), opts: def, equal: true},
		{name: "char padding want side", want: Str("A "), got: Str("A"), opts: def, equal: true},
		{name: "text case matters", want: Str("a"), got: Str("A"), opts: def, equal: false},
		{name: "leading space matters", want: Str("A"), got: Str(" A"), opts: def, equal: false},
		{name: "chinese text", want: Str("增值税"), got: Str("增值税"), opts: def, equal: true},
		{name: "NULL = empty by default", want: Null(), got: Str(""), opts: def, equal: true},
		{name: "empty = NULL by default", want: Str(""), got: Null(), opts: def, equal: true},
		{name: "NULL != empty when strict", want: Null(), got: Str(""), opts: strict, equal: false},
		{name: "empty != NULL when strict", want: Str(""), got: Null(), opts: strict, equal: false},
		{name: "NULL = NULL", want: Null(), got: Null(), opts: strict, equal: true},
		{name: "NULL != x", want: Null(), got: Str("x"), opts: def, equal: false},
		{name: "x != NULL", want: Str("x"), got: Null(), opts: def, equal: false},
		{name: "zero != NULL", want: Str("0"), got: Null(), opts: def, equal: false},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestGuessAndWant(t *testing.T) {
	assert.Equal(t, KindDecimal, Guess("1.02E7"))
	assert.Equal(t, KindDecimal, Guess("0.5"))
	assert.Equal(t, KindText, Guess("0101"))
	assert.Equal(t, KindDate, Guess("2026-09-30"))
	assert.Equal(t, KindDate, Guess("2026-09-30 10:00:00"))
	assert.Equal(t, KindText, Guess("BDA0610611"))
	assert.Equal(t, KindText, Guess("2026-13-45"))
	assert.True(t, Want("NULL").Null)
	assert.False(t, Want("null").Null)
	assert.Equal(t, "NULL", Null().String())
	assert.Equal(t, "''", Str("").String())
}
