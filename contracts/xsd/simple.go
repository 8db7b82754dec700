package xsd

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/beevik/etree"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// parseSimple reads a restriction (or extension) under c: its base and facets.
func parseSimple(c *etree.Element, path string) (*Simple, error) {
	r := firstChild(c, "restriction", "extension")
	if r == nil {
		if firstChild(c, "list", "union") != nil {
			return &Simple{Base: "string"}, nil
		}
		return nil, errs.At("xsd", errs.Input, path, "simple type %q without restriction", c.SelectAttrValue("name", ""))
	}
	s := &Simple{Base: local(r.SelectAttrValue("base", "string"))}
	if inner := r.SelectElement("simpleType"); inner != nil {
		in, err := parseSimple(inner, path)
		if err != nil {
			return nil, err
		}
		*s = *in
	}
	for _, f := range r.ChildElements() {
		if err := s.facet(f.Tag, f.SelectAttrValue("value", ""), path); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (s *Simple) facet(name, v, path string) error {
	num := func() (*int, error) {
		n, err := strconv.Atoi(v)
		if err != nil {
			return nil, errs.At("xsd", errs.Input, path, "facet %s: %q is not a number", name, v)
		}
		return &n, nil
	}
	var err error
	switch name {
	case "enumeration":
		s.Enum = append(s.Enum, v)
	case "pattern":
		re, perr := regexp.Compile("^(?:" + v + ")$")
		if perr != nil {
			return errs.At("xsd", errs.Input, path, "pattern %q: %v", v, perr)
		}
		s.Patterns = append(s.Patterns, re)
	case "length":
		s.Length, err = num()
	case "minLength":
		s.MinLength, err = num()
	case "maxLength":
		s.MaxLength, err = num()
	case "totalDigits":
		s.TotalDigits, err = num()
	case "fractionDigits":
		s.FractionDigits, err = num()
	}
	return err
}

// resolve flattens a simple type: facets of named base types are merged in,
// the base becomes a built-in name.
func (sc *Schema) resolve(s *Simple) *Simple {
	out := *s
	for depth := 0; depth < 20; depth++ {
		t := sc.Types[out.Base]
		if t == nil || t.Simple == nil {
			return &out
		}
		b := t.Simple
		out.Base = b.Base
		if len(out.Enum) == 0 {
			out.Enum = b.Enum
		}
		out.Patterns = append(out.Patterns, b.Patterns...)
		out.Length = firstInt(out.Length, b.Length)
		out.MinLength = firstInt(out.MinLength, b.MinLength)
		out.MaxLength = firstInt(out.MaxLength, b.MaxLength)
		out.TotalDigits = firstInt(out.TotalDigits, b.TotalDigits)
		out.FractionDigits = firstInt(out.FractionDigits, b.FractionDigits)
	}
	return &out
}

func firstInt(a, b *int) *int {
	if a != nil {
		return a
	}
	return b
}

var (
	reDecimal = regexp.MustCompile(`^[+-]?(\d+(\.\d*)?|\.\d+)$`)
	reInteger = regexp.MustCompile(`^[+-]?\d+$`)
)

// check returns why v is not a valid value of s ("" when it is).
func (s *Simple) check(v string) string {
	if msg := checkBuiltin(s.Base, v); msg != "" {
		return msg
	}
	if len(s.Enum) > 0 && !contains(s.Enum, v) {
		return fmt.Sprintf("value %q is not one of %s", v, strings.Join(s.Enum, ", "))
	}
	for _, re := range s.Patterns {
		if !re.MatchString(v) {
			return fmt.Sprintf("value %q does not match the pattern %s", v, strings.TrimSuffix(strings.TrimPrefix(re.String(), "^(?:"), ")$"))
		}
	}
	n := utf8.RuneCountInString(v)
	switch {
	case s.Length != nil && n != *s.Length:
		return fmt.Sprintf("value %q has length %d, want %d", v, n, *s.Length)
	case s.MinLength != nil && n < *s.MinLength:
		return fmt.Sprintf("value %q is shorter than %d", v, *s.MinLength)
	case s.MaxLength != nil && n > *s.MaxLength:
		return fmt.Sprintf("value %q is longer than %d", v, *s.MaxLength)
	}
	return s.checkDigits(v)
}

func (s *Simple) checkDigits(v string) string {
	if s.TotalDigits == nil && s.FractionDigits == nil {
		return ""
	}
	digits := strings.TrimLeft(strings.TrimLeft(v, "+-"), "0")
	intPart, frac, _ := strings.Cut(digits, ".")
	frac = strings.TrimRight(frac, "0")
	if s.FractionDigits != nil && len(frac) > *s.FractionDigits {
		return fmt.Sprintf("value %q has more than %d fraction digits", v, *s.FractionDigits)
	}
	if s.TotalDigits != nil && len(intPart)+len(frac) > *s.TotalDigits {
		return fmt.Sprintf("value %q has more than %d digits", v, *s.TotalDigits)
	}
	return ""
}

func contains(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// checkBuiltin checks v against a built-in type; unknown names accept anything.
func checkBuiltin(base, v string) string {
	bad := func(what string) string { return fmt.Sprintf("value %q is not a valid xs:%s", v, what) }
	switch base {
	case "date":
		if _, err := time.Parse("2006-01-02", v); err != nil {
			return bad(base)
		}
	case "dateTime":
		if _, err := time.Parse("2006-01-02T15:04:05", strings.TrimSuffix(v, "Z")); err != nil {
			return bad(base)
		}
	case "decimal":
		if !reDecimal.MatchString(v) {
			return bad(base)
		}
	case "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "unsignedInt", "unsignedLong":
		if !reInteger.MatchString(v) || (strings.HasPrefix(v, "-") && strings.Contains(base, "Negative")) {
			return bad(base)
		}
	case "double", "float":
		if _, err := strconv.ParseFloat(v, 64); err != nil {
			return bad(base)
		}
	case "boolean":
		if !contains([]string{"true", "false", "1", "0"}, v) {
			return bad(base)
		}
	}
	return ""
}
