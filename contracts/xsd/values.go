package xsd

import (
	"math"
	"regexp/syntax"
	"strconv"
	"strings"
)

// value returns a value for s: its first enumeration, else a string made
// from its first pattern (unless the sampler prefers the base type), else a
// value of its built-in base that respects the other facets.
func (sm *sampler) value(s *Simple) string {
	if len(s.Enum) > 0 {
		return s.Enum[0]
	}
	if len(s.Patterns) > 0 && !sm.preferBase {
		if v, ok := fromPattern(s.Patterns[0]); ok {
			return v
		}
	}
	return baseValue(s)
}

// xsdClasses maps XSD's regular expression escapes to Go's (RE2) syntax:
// enough to write a string the pattern matches.
var xsdClasses = strings.NewReplacer(
	`\i`, `[A-Za-z_:]`, `\I`, `[0-9]`, `\c`, `[A-Za-z0-9._:-]`, `\C`, `[ ]`,
	`\p{IsCJKUnifiedIdeographs}`, `[\x{4E00}-\x{9FFF}]`, `\p{IsBasicLatin}`, `[A-Za-z]`,
	`\d`, `[0-9]`, `\w`, `[A-Za-z0-9]`)

// fromPattern returns the shortest string the XSD pattern matches, when
// RE2 can read the pattern once XSD's escapes are translated.
func fromPattern(pattern string) (string, bool) {
	re, err := syntax.Parse(xsdClasses.Replace(pattern), syntax.Perl)
	if err != nil {
		return "", false
	}
	var b strings.Builder
	fromRegexp(&b, re.Simplify())
	return b.String(), true
}

// fromRegexp writes the shortest string the expression matches (the
// minimum count of each repeat, the first branch, the first rune of a class).
func fromRegexp(b *strings.Builder, re *syntax.Regexp) {
	switch re.Op {
	case syntax.OpLiteral:
		b.WriteString(string(re.Rune))
	case syntax.OpCharClass:
		b.WriteRune(classRune(re.Rune))
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		b.WriteByte('x')
	case syntax.OpCapture, syntax.OpPlus:
		fromRegexp(b, re.Sub[0])
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			fromRegexp(b, sub)
		}
	case syntax.OpAlternate:
		fromRegexp(b, re.Sub[0])
	case syntax.OpRepeat:
		for range re.Min {
			fromRegexp(b, re.Sub[0])
		}
	}
}

// classRune picks a printable rune of a class given as ranges: '1' or 'A'
// when the class has it (not 0: a value of a pattern is often a number
// that must be positive), else the first rune from '!' on.
func classRune(ranges []rune) rune {
	for _, want := range []rune{'1', 'A'} {
		for i := 0; i+1 < len(ranges); i += 2 {
			if ranges[i] <= want && want <= ranges[i+1] {
				return want
			}
		}
	}
	for i := 0; i+1 < len(ranges); i += 2 {
		if r := max(ranges[i], '!'); r <= ranges[i+1] {
			return r
		}
	}
	return 'x'
}

// baseValue returns a value of the built-in base of s within its facets.
func baseValue(s *Simple) string {
	switch s.Base {
	case "date":
		return firstNonEmpty(s.MinInclusive, "2026-01-01")
	case "dateTime":
		return firstNonEmpty(s.MinInclusive, "2026-01-01T00:00:00")
	case "decimal", "double", "float":
		return formatNumber(number(s), s.FractionDigits)
	case "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
		"unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte":
		return strconv.FormatFloat(math.Round(number(s)), 'f', 0, 64)
	case "boolean":
		return "true"
	}
	n := 1
	for _, l := range []*int{s.MinLength, s.Length} {
		if l != nil {
			n = max(n, *l)
		}
	}
	if s.MaxLength != nil {
		n = min(n, *s.MaxLength)
	}
	return strings.Repeat("x", n)
}

// number picks 1, or a number inside the range facets: the middle of a
// range with both ends, else one step inside the end there is.
func number(s *Simple) float64 {
	lo, hasLo := bound(s.MinInclusive, s.MinExclusive, 1)
	hi, hasHi := bound(s.MaxInclusive, s.MaxExclusive, -1)
	switch {
	case hasLo && hasHi:
		return (lo + hi) / 2
	case hasLo:
		return lo
	case hasHi:
		return min(hi, 1)
	}
	return 1
}

// bound reads an inclusive or exclusive end (exclusive moved one inside).
func bound(inclusive, exclusive string, inside float64) (float64, bool) {
	if v, err := strconv.ParseFloat(inclusive, 64); err == nil {
		return v, true
	}
	if v, err := strconv.ParseFloat(exclusive, 64); err == nil {
		return v + inside, true
	}
	return 0, false
}

func formatNumber(v float64, fraction *int) string {
	if fraction != nil {
		return strconv.FormatFloat(v, 'f', *fraction, 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
