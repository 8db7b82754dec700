// Package check compares what the core answered and wrote with what a
// contract expects: single values with the rules real Oracle data needs,
// keyed rows from the core database, XPath assertions and whole documents,
// and the envelope head. Every check that cannot run fails with the reason:
// there is no silent pass.
package check

import (
	"strings"
	"time"

	"github.com/gt3ct/gt3ct/internal/decimal"
)

// Kind is how a value is compared.
type Kind int

// The value kinds. KindAuto guesses from the wanted value.
const (
	KindAuto    Kind = iota // guess from the want value (see Guess)
	KindText                // exact string after trimming CHAR padding
	KindDecimal             // by value: 1.02E7 = 10200000.00 = 10200000
	KindDate                // 2026-09-30 = 2026-09-30 00:00:00 = 2026-09-30T00:00:00Z
)

// String names the kind.
func (k Kind) String() string {
	return [...]string{"auto", "text", "decimal", "date"}[k]
}

// NullWord is how an expected value says NULL in a contract (rows: YBTSE: NULL).
const NullWord = "NULL"

// Value is one cell: a string, or NULL when Null is true.
type Value struct {
	S    string
	Null bool
}

// Str is a non-NULL value.
func Str(s string) Value { return Value{S: s} }

// Null is the NULL value.
func Null() Value { return Value{Null: true} }

// FromPtr converts a database cell (nil pointer = NULL) to a Value.
func FromPtr(p *string) Value {
	if p == nil {
		return Null()
	}
	return Str(*p)
}

// Want converts an expected value from a contract: the word NULL is NULL.
func Want(s string) Value {
	if s == NullWord {
		return Null()
	}
	return Str(s)
}

// String prints the value for a message: NULL, ” for empty, else the text.
func (v Value) String() string {
	switch {
	case v.Null:
		return NullWord
	case v.S == "":
		return "''"
	}
	return v.S
}

// Options tune comparisons.
type Options struct {
	// NullIsEmpty makes NULL equal to the empty string (Oracle stores '' as
	// NULL). Default true (see DefaultOptions).
	NullIsEmpty bool
	// Kind forces a kind for Equal; KindAuto guesses from the want value.
	Kind Kind
	// Columns forces kinds per column in row comparisons (upper-case names).
	Columns map[string]Kind
}

// DefaultOptions are the options a contract gets unless it says otherwise.
func DefaultOptions() Options { return Options{NullIsEmpty: true} }

// Guess picks a kind from a wanted value: a decimal number (without a
// superfluous leading zero, so codes like "01" stay text), a date or
// date-time, else text.
func Guess(want string) Kind {
	w := strings.TrimSpace(want)
	if decimal.IsDecimal(w) && !leadingZero(w) {
		return KindDecimal
	}
	if _, _, ok := parseDate(w); ok {
		return KindDate
	}
	return KindText
}

func leadingZero(s string) bool {
	s = strings.TrimLeft(s, "+-")
	return len(s) > 1 && s[0] == '0' && s[1] != '.' && s[1] != 'e' && s[1] != 'E'
}

// Equal reports whether got matches want under o.
func Equal(want, got Value, o Options) bool {
	if want.Null || got.Null {
		if want.Null && got.Null {
			return true
		}
		return o.NullIsEmpty && want.S == "" && got.S == ""
	}
	if strings.TrimRight(want.S, " ") == strings.TrimRight(got.S, " ") {
		return true // same text is equal under every kind
	}
	k := o.Kind
	if k == KindAuto {
		k = Guess(want.S)
	}
	return Canon(want.S, k) == Canon(got.S, k)
}

// Canon is the normal form of s for kind k: equal values have equal forms.
// A value that does not parse as k is kept as trimmed text (so it can only
// equal the same text).
func Canon(s string, k Kind) string {
	t := strings.TrimSpace(s)
	switch k {
	case KindDecimal:
		if c, ok := decimal.Canonical(t); ok {
			return "\x00n" + c
		}
	case KindDate:
		if tm, hasTime, ok := parseDate(t); ok {
			if hasTime {
				return "\x00t" + tm.Format("2006-01-02 15:04:05.999999999")
			}
			return "\x00d" + tm.Format("2006-01-02")
		}
	case KindAuto:
		return Canon(s, Guess(s))
	}
	return strings.TrimRight(s, " ")
}

// dateLayouts by the character after the date: 'T' (ISO 8601) or ' '.
var dateLayouts = map[byte][]string{
	'T': {"2006-01-02T15:04:05.999999999", "2006-01-02T15:04:05.999999999Z07:00", "2006-01-02T15:04"},
	' ': {"2006-01-02 15:04:05.999999999", "2006-01-02 15:04:05.999999999Z07:00",
		"2006-01-02 15:04:05.999999999 -0700 MST", "2006-01-02 15:04"},
}

// parseDate reads a date or a date-time as a wall-clock time (any zone is
// dropped: Oracle DATE has none). hasTime is false for a date at midnight,
// so 2026-09-30 and 2026-09-30 00:00:00 have the same form.
func parseDate(s string) (t time.Time, hasTime, ok bool) {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false, false
	}
	if len(s) == 10 {
		t, err := time.Parse("2006-01-02", s)
		return t, false, err == nil
	}
	for _, l := range dateLayouts[s[10]] {
		if tm, err := time.Parse(l, s); err == nil {
			wall := time.Date(tm.Year(), tm.Month(), tm.Day(), tm.Hour(), tm.Minute(), tm.Second(), tm.Nanosecond(), time.UTC)
			return wall, wall.Hour()+wall.Minute()+wall.Second()+wall.Nanosecond() != 0, true
		}
	}
	return time.Time{}, false, false
}
