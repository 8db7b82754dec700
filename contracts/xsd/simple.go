package xsd

import (
	"strconv"

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
		s.Patterns = append(s.Patterns, v)
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
	case "minInclusive":
		s.MinInclusive = v
	case "maxInclusive":
		s.MaxInclusive = v
	case "minExclusive":
		s.MinExclusive = v
	case "maxExclusive":
		s.MaxExclusive = v
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
		for _, f := range [][2]*string{{&out.MinInclusive, &b.MinInclusive}, {&out.MaxInclusive, &b.MaxInclusive},
			{&out.MinExclusive, &b.MinExclusive}, {&out.MaxExclusive, &b.MaxExclusive}} {
			if *f[0] == "" {
				*f[0] = *f[1]
			}
		}
	}
	return &out
}

func firstInt(a, b *int) *int {
	if a != nil {
		return a
	}
	return b
}
