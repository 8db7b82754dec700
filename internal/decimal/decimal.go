// Package decimal parses and prints exact decimal numbers as they appear in
// taxML documents and core database columns: plain ("10200000.00"), signed
// and in exponent form ("1.02E7"). Values are exact (math/big), never floats.
package decimal

import (
	"math/big"
	"strings"
)

// Dec is an exact decimal number with the number of fraction digits it was
// written with (its scale), which arithmetic uses to print results.
type Dec struct {
	Rat   *big.Rat
	Scale int
}

// Parse reads s (surrounding spaces ignored) as a decimal number. It accepts
// an optional sign, digits with at most one point, and an optional exponent
// (e or E); it rejects everything else (hex, fractions, Inf, NaN, "").
func Parse(s string) (Dec, bool) {
	s = strings.TrimSpace(s)
	frac, exp, ok := shape(s)
	if !ok {
		return Dec{}, false
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return Dec{}, false
	}
	return Dec{Rat: r, Scale: max(0, frac-exp)}, true
}

// IsDecimal reports whether s parses as a decimal number.
func IsDecimal(s string) bool {
	_, _, ok := shape(strings.TrimSpace(s))
	return ok
}

// shape checks the syntax of s and returns its fraction digits and exponent.
func shape(s string) (frac, exp int, ok bool) {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	intDigits := 0
	for i < len(s) && isDigit(s[i]) {
		i, intDigits = i+1, intDigits+1
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isDigit(s[i]) {
			i, frac = i+1, frac+1
		}
	}
	if intDigits+frac == 0 {
		return 0, 0, false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		sign := 1
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			if s[i] == '-' {
				sign = -1
			}
			i++
		}
		start := i
		for i < len(s) && isDigit(s[i]) && i-start < 4 {
			exp = exp*10 + int(s[i]-'0')
			i++
		}
		if i == start {
			return 0, 0, false
		}
		exp *= sign
	}
	return frac, exp, i == len(s)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// Canonical returns the canonical form of s (see Dec.Canonical) when s is a
// decimal number. Plain numbers are normalised as text, without math/big.
func Canonical(s string) (string, bool) {
	s = strings.TrimSpace(s)
	_, _, ok := shape(s)
	if !ok {
		return "", false
	}
	if strings.ContainsAny(s, "eE") {
		d, ok := Parse(s)
		return d.Canonical(), ok
	}
	return CanonicalPlain(s), true
}

// CanonicalPlain is the canonical text of a well-formed decimal without an
// exponent: no "+", no leading or trailing zeros, "0" for zero (never "-0").
func CanonicalPlain(s string) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimLeft(s, "+-")
	intPart, frac, _ := strings.Cut(s, ".")
	intPart = strings.TrimLeft(intPart, "0")
	frac = strings.TrimRight(frac, "0")
	if intPart == "" {
		intPart = "0"
	}
	out := intPart
	if frac != "" {
		out += "." + frac
	}
	if neg && out != "0" {
		out = "-" + out
	}
	return out
}

// String prints d with exactly d.Scale fraction digits.
func (d Dec) String() string {
	if d.Rat == nil {
		return ""
	}
	return d.Rat.FloatString(d.Scale)
}

// Canonical prints d in a form equal for equal values: no exponent, no
// trailing fraction zeros, no point when whole ("10200000", "0.5", "-1.25").
func (d Dec) Canonical() string {
	if d.Rat == nil {
		return ""
	}
	s := d.Rat.FloatString(d.Scale)
	if strings.IndexByte(s, '.') >= 0 {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}

// Cmp compares a and b by value: -1, 0 or +1.
func (d Dec) Cmp(o Dec) int { return d.Rat.Cmp(o.Rat) }

// Add returns d+o printed with the larger of the two scales.
func (d Dec) Add(o Dec) Dec {
	return Dec{Rat: new(big.Rat).Add(d.Rat, o.Rat), Scale: max(d.Scale, o.Scale)}
}

// Mul returns d×o printed with the sum of the two scales (exact).
func (d Dec) Mul(o Dec) Dec {
	return Dec{Rat: new(big.Rat).Mul(d.Rat, o.Rat), Scale: d.Scale + o.Scale}
}
