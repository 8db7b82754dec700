package xsd

import (
	"fmt"
	"io"
	"regexp/syntax"
	"sort"
	"strings"

	"github.com/beevik/etree"

	"github.com/gt3ct/gt3ct/internal/errs"
)

const xsiNS = "http://www.w3.org/2001/XMLSchema-instance"

// maxDepth bounds recursion through self-referencing types.
const maxDepth = 32

// Root returns the global element named name, or the first global element
// of the schema when name is empty.
func (s *Schema) Root(name string) (*Element, error) {
	if name == "" {
		if len(s.order) == 0 {
			return nil, errs.E("xsd", errs.Input, "the schema declares no global element")
		}
		name = s.order[0]
	}
	e, ok := s.Elements[name]
	if !ok {
		names := append([]string(nil), s.order...)
		sort.Strings(names)
		return nil, errs.E("xsd", errs.Input, "no global element %q (have %s)", name, strings.Join(names, ", "))
	}
	return e, nil
}

// Sample writes a valid sample document for the global element name (the
// first one when empty): every element once (optional ones too, the first
// branch of a choice), values that satisfy the facets. A root of a named
// complex type carries xsi:type, as taxML bodies do.
func (s *Schema) Sample(w io.Writer, name string) error {
	root, err := s.Root(name)
	if err != nil {
		return err
	}
	doc := etree.NewDocument()
	doc.CreateProcInst("xml", `version="1.0" encoding="UTF-8"`)
	el := doc.CreateElement(root.Name)
	if s.TargetNS != "" {
		el.CreateAttr("xmlns", s.TargetNS)
	}
	el.CreateAttr("xmlns:xsi", xsiNS)
	if t := s.typeOf(root); t != nil && t.Name != "" && t.Simple == nil {
		el.CreateAttr("xsi:type", t.Name)
	}
	s.fill(el, root, 0)
	doc.Indent(2)
	_, err = doc.WriteTo(w)
	return err
}

// typeOf returns the declared type of e (inline or named), nil for built-ins.
func (s *Schema) typeOf(e *Element) *Type {
	if e.Type != nil {
		return e.Type
	}
	return s.Types[e.TypeName]
}

// decl follows a ref to its global declaration, keeping the occurrence.
func (s *Schema) decl(e *Element) *Element {
	if e.Ref == "" {
		return e
	}
	g, ok := s.Elements[e.Ref]
	if !ok {
		return &Element{Name: e.Ref, TypeName: "string", Min: e.Min, Max: e.Max}
	}
	out := *g
	out.Min, out.Max = e.Min, e.Max
	return &out
}

func (s *Schema) fill(el *etree.Element, e *Element, depth int) {
	t := s.typeOf(e)
	if t == nil {
		el.SetText(sampleValue(&Simple{Base: e.TypeName}))
		return
	}
	for _, a := range t.Attrs {
		el.CreateAttr(a.Name, sampleValue(s.attrSimple(a)))
	}
	if t.Simple != nil {
		el.SetText(sampleValue(s.resolve(t.Simple)))
		return
	}
	if t.Content != nil && depth < maxDepth {
		s.fillGroup(el, t.Content, depth)
	}
}

func (s *Schema) attrSimple(a Attr) *Simple {
	if a.Simple != nil {
		return s.resolve(a.Simple)
	}
	return s.resolve(&Simple{Base: a.TypeName})
}

func (s *Schema) fillGroup(el *etree.Element, g *Group, depth int) {
	items := g.Items
	if g.Kind == "choice" && len(items) > 0 {
		items = items[:1]
	}
	for _, p := range items {
		if p.Group != nil {
			s.fillGroup(el, p.Group, depth+1)
			continue
		}
		d := s.decl(p.Element)
		n := max(d.Min, 1)
		for range n {
			s.fill(el.CreateElement(d.Name), d, depth+1)
		}
	}
}

// sampleValue returns a value satisfying s: its first enumeration, a string
// generated from its first pattern, or a value of its built-in base that
// respects the length and digit facets.
func sampleValue(s *Simple) string {
	if len(s.Enum) > 0 {
		return s.Enum[0]
	}
	if len(s.Patterns) > 0 {
		p := strings.TrimSuffix(strings.TrimPrefix(s.Patterns[0].String(), "^(?:"), ")$")
		if re, err := syntax.Parse(p, syntax.Perl); err == nil {
			var b strings.Builder
			fromRegexp(&b, re.Simplify())
			return b.String()
		}
	}
	switch s.Base {
	case "date":
		return "2026-01-01"
	case "dateTime":
		return "2026-01-01T00:00:00"
	case "decimal", "double", "float":
		if s.FractionDigits != nil && *s.FractionDigits > 0 {
			return "1." + strings.Repeat("0", *s.FractionDigits)
		}
		return "1"
	case "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "unsignedInt", "unsignedLong":
		return "1"
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

// fromRegexp writes the shortest string the expression matches (the
// minimum count of each repeat, the first branch, the first rune of a class).
func fromRegexp(b *strings.Builder, re *syntax.Regexp) {
	switch re.Op {
	case syntax.OpLiteral:
		b.WriteString(string(re.Rune))
	case syntax.OpCharClass:
		if len(re.Rune) > 0 {
			b.WriteRune(re.Rune[0])
		}
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		b.WriteByte('x')
	case syntax.OpCapture:
		fromRegexp(b, re.Sub[0])
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			fromRegexp(b, sub)
		}
	case syntax.OpAlternate:
		fromRegexp(b, re.Sub[0])
	case syntax.OpPlus:
		fromRegexp(b, re.Sub[0])
	case syntax.OpRepeat:
		for range re.Min {
			fromRegexp(b, re.Sub[0])
		}
	}
}

// Describe returns a one-line summary of the schema, for diagnostics.
func (s *Schema) Describe() string {
	return fmt.Sprintf("namespace %s, %d global elements, %d named types", s.TargetNS, len(s.Elements), len(s.Types))
}
