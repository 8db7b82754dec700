package coredb

import (
	"database/sql"
	"fmt"
	"math/big"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/gt3ct/gt3ct/internal/decimal"
)

// DateLayout is the one canonical text of a date or timestamp read from (or
// stored by Insert into) the core database, on every dialect: date-only
// values read as midnight ("2024-01-31 00:00:00"); fractions of a second are
// dropped. Comparers that treat "2024-01-31" and "2024-01-31 00:00:00" as
// equal can rely on this single shape.
const DateLayout = "2006-01-02 15:04:05"

// Options say how values read from a database are normalised.
type Options struct {
	// Charset names the encoding of byte values ([]byte) the database returns:
	// "" or "UTF-8" keeps them, "GBK" or "GB18030" decodes them to UTF-8.
	Charset string
	// NullIsEmpty reads the empty string as NULL on every dialect, the way
	// Oracle stores it, so the same check passes on all three databases.
	NullIsEmpty bool
}

// Value is one column value as text: S is the canonical string (digits for
// identifiers and amounts, DateLayout for dates, CHAR padding trimmed) and
// Null marks SQL NULL (S is then "").
type Value struct {
	S    string
	Null bool
}

// String renders the value for people: S, or "NULL".
func (v Value) String() string {
	if v.Null {
		return "NULL"
	}
	return v.S
}

// Row is one row read with ReadRows, keyed by upper-case column name.
type Row map[string]Value

// Get returns the value of column name (any case) and whether the row has it.
func (r Row) Get(name string) (Value, bool) {
	v, ok := r[strings.ToUpper(name)]
	return v, ok
}

// Strings splits the row into its non-NULL values and the set of NULL columns.
func (r Row) Strings() (vals map[string]string, nulls map[string]bool) {
	vals, nulls = map[string]string{}, map[string]bool{}
	for k, v := range r {
		if v.Null {
			nulls[k] = true
			continue
		}
		vals[k] = v.S
	}
	return vals, nulls
}

// ReadRows reads every remaining row of rows as canonical text (see Value)
// and closes rows.
func ReadRows(rows *sql.Rows, opt Options) ([]Row, error) {
	var out []Row
	err := EachRow(rows, opt, func(names []string, vals []Value) {
		row := make(Row, len(names))
		for i, n := range names {
			row[n] = vals[i]
		}
		out = append(out, row)
	})
	return out, err
}

// EachRow reads every remaining row of rows as canonical text (see Value),
// hands each to fn with the upper-case column names, and closes rows. fn
// must not keep vals: the slice is reused for the next row.
func EachRow(rows *sql.Rows, opt Options, fn func(names []string, vals []Value)) error {
	defer rows.Close()
	cols, err := columnsOf(rows)
	if err != nil {
		return err
	}
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.name
	}
	raw := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range raw {
		ptrs[i] = &raw[i]
	}
	vals := make([]Value, len(cols))
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for i, c := range cols {
			if vals[i], err = normalize(raw[i], c.class, opt); err != nil {
				return fmt.Errorf("column %s: %w", c.name, err)
			}
		}
		fn(names, vals)
	}
	return rows.Err()
}

// column is what reading a column needs: its upper-case name and how its
// values normalise.
type column struct {
	name  string
	class typeClass
}

// typeClass is how a column's database type normalises its values.
type typeClass uint8

const (
	otherType   typeClass = iota
	numericType           // canonical decimals
	charType              // fixed-width CHAR: padding trimmed
)

// classOf is the class of a database type name (any case).
func classOf(dbType string) typeClass {
	switch t := strings.ToUpper(dbType); {
	case IsNumericType(t):
		return numericType
	case strings.Contains(t, "CHAR") && !strings.Contains(t, "VAR"):
		return charType
	}
	return otherType
}

// columnsOf reads the names and type classes of rows' columns once, so a
// row's values normalise without looking at the types again.
func columnsOf(rows *sql.Rows) ([]column, error) {
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	out := make([]column, len(types))
	for i, ct := range types {
		out[i] = column{name: strings.ToUpper(ct.Name()), class: classOf(ct.DatabaseTypeName())}
	}
	return out, nil
}

// Normalize turns one driver value into a Value. dbType is the column's
// database type name (NUMERIC, NUMBER, BPCHAR, CHAR, TIMESTAMP, TEXT …):
// numeric columns read as canonical decimals (no exponent, no leading or
// trailing zeros: "1250.5", "10114501000000000001"), CHAR columns lose their
// padding, date-shaped text and time values read in DateLayout.
func Normalize(v any, dbType string, opt Options) (Value, error) {
	return normalize(v, classOf(dbType), opt)
}

// normalize is Normalize for a column whose type class is known.
func normalize(v any, class typeClass, opt Options) (Value, error) {
	if v == nil {
		return Value{Null: true}, nil
	}
	s, err := text(v, opt)
	if err != nil {
		return Value{}, err
	}
	switch class {
	case numericType:
		if d, ok := CanonicalDecimal(s); ok {
			s = d
		}
	case charType:
		s = strings.TrimRight(s, " ")
	}
	s = canonicalDate(s)
	if s == "" && opt.NullIsEmpty {
		return Value{Null: true}, nil
	}
	return Value{S: s}, nil
}

// text renders a driver value as a string, decoding bytes by opt.Charset.
func text(v any, opt Options) (string, error) {
	switch x := v.(type) {
	case []byte:
		return decode(x, opt.Charset)
	case string:
		return x, nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case time.Time:
		return x.Format(DateLayout), nil
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case float32:
		return strconv.FormatFloat(float64(x), 'f', -1, 32), nil
	case bool:
		if x {
			return "1", nil
		}
		return "0", nil
	case fmt.Stringer:
		return x.String(), nil
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.String { // godror.Number and friends
		return rv.String(), nil
	}
	return fmt.Sprint(v), nil
}

// decode converts bytes in charset to UTF-8 text.
func decode(b []byte, charset string) (string, error) {
	var enc encoding.Encoding
	switch strings.ToUpper(strings.ReplaceAll(charset, "-", "")) {
	case "", "UTF8":
		return string(b), nil
	case "GBK", "CP936":
		enc = simplifiedchinese.GBK
	case "GB18030":
		enc = simplifiedchinese.GB18030
	default:
		return "", fmt.Errorf("unsupported charset %q (want UTF-8, GBK or GB18030)", charset)
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil || !utf8.Valid(out) {
		return "", fmt.Errorf("bytes are not valid %s", charset)
	}
	return string(out), nil
}

// IsNumericType reports whether a database type name (upper case: NUMBER,
// NUMERIC(18,2), INTEGER, DOUBLE PRECISION …) is a number type.
func IsNumericType(t string) bool {
	for _, k := range []string{"NUM", "DEC", "INT", "FLOAT", "REAL", "DOUBLE"} {
		if strings.Contains(t, k) && !strings.Contains(t, "INTERVAL") {
			return true
		}
	}
	return false
}

var decimalRE = regexp.MustCompile(`^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$`)

// CanonicalDecimal renders a decimal string canonically: no exponent, no
// sign for zero, no leading zeros, no trailing fractional zeros ("0012.500"
// → "12.5", "1E+3" → "1000", "-0.00" → "0"). ok is false when s is not a
// decimal number.
func CanonicalDecimal(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if !decimalRE.MatchString(s) {
		return s, false
	}
	if strings.ContainsAny(s, "eE") {
		r, ok := new(big.Rat).SetString(s)
		if !ok {
			return s, false
		}
		s = r.FloatString(decimals(r))
	}
	return decimal.CanonicalPlain(s), true
}

// decimals is the number of fractional digits needed to print r exactly
// (r comes from a decimal string, so its denominator divides a power of ten).
func decimals(r *big.Rat) int {
	den := new(big.Int).Set(r.Denom())
	ten, n := big.NewInt(10), 0
	for den.Cmp(big.NewInt(1)) != 0 && n < 400 {
		g := new(big.Int).GCD(nil, nil, den, ten)
		den.Quo(den, g)
		n++
	}
	return n
}

// canonicalDate renders a date-shaped s in DateLayout and returns any
// other text unchanged. Text already in DateLayout's shape is returned as
// it is without parsing: a valid date would format back to the same text,
// and an invalid one is not a date.
func canonicalDate(s string) string {
	if inDateLayout(s) {
		return s
	}
	if d, ok := parseDate(s); ok {
		return d.Format(DateLayout)
	}
	return s
}

// inDateLayout reports whether s has DateLayout's shape: digits, with "-"
// "-" " " ":" ":" where the layout has them.
func inDateLayout(s string) bool {
	if len(s) != len(DateLayout) {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := DateLayout[i]; c {
		case '-', ' ', ':':
			if s[i] != c {
				return false
			}
		default:
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
	}
	return true
}

var dateRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$`)

// parseDate reads "2006-01-02", "2006-01-02 15:04[:05[.frac]]" (or with a
// "T") as a time in UTC.
func parseDate(s string) (time.Time, bool) {
	if len(s) < 10 || len(s) > 32 || s[4] != '-' || s[7] != '-' || !dateRE.MatchString(s) {
		return time.Time{}, false
	}
	s = strings.Replace(s, "T", " ", 1)
	for _, layout := range []string{DateLayout, "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
		if t, err := time.Parse(layout+".999999999", s); err == nil {
			return t.Truncate(time.Second), true
		}
	}
	return time.Time{}, false
}
