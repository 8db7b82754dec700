package xsd

import (
	"bytes"
	"fmt"
	"io"
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

// Sample writes a sample document for the global element name (the first
// one when empty): every element once (optional ones too, the first branch
// of a choice), values that satisfy the facets. A root of a named complex
// type carries xsi:type, as taxML bodies do. libxml2 validates the sample
// before it is written: when neither values from patterns nor values of
// the base types give a valid one, Sample refuses (errs.Input, naming the
// element and libxml2's reason) and writes nothing.
func (s *Schema) Sample(w io.Writer, name string) error {
	root, err := s.Root(name)
	if err != nil {
		return err
	}
	var first []Problem
	for _, preferBase := range []bool{false, true} {
		doc := s.sampleDoc(root, preferBase)
		problems, err := s.Validate(doc, "sample.xml")
		if err != nil {
			return err
		}
		if len(problems) == 0 {
			_, err = w.Write(doc)
			return err
		}
		if first == nil {
			first = problems
		}
	}
	p := first[0]
	return errs.E("xsd sample", errs.Input, "no valid sample for <%s>: element %s: %s", root.Name, p.Element, p.Msg)
}

// sampler writes one sample document.
type sampler struct {
	s          *Schema
	preferBase bool   // a value of the base type before one from a pattern
	prefix     string // prefix of the target namespace for global elements; "" = default namespace
	values     Filler // values of leaf elements by local name; nil for none
}

func (s *Schema) sampleDoc(root *Element, preferBase bool) []byte {
	return s.sampleDocWith(root, preferBase, nil)
}

func (s *Schema) sampleDocWith(root *Element, preferBase bool, fill Filler) []byte {
	sm := &sampler{s: s, preferBase: preferBase, values: fill}
	if s.TargetNS != "" && !s.Qualified {
		sm.prefix = "tns" // local elements are in no namespace: no default namespace
	}
	doc := etree.NewDocument()
	doc.CreateProcInst("xml", `version="1.0" encoding="UTF-8"`)
	el := doc.CreateElement(sm.name(root))
	if s.TargetNS != "" {
		el.CreateAttr(strings.TrimSuffix("xmlns:"+sm.prefix, ":"), s.TargetNS)
	}
	el.CreateAttr("xmlns:xsi", xsiNS)
	t := s.concrete(s.typeOf(root))
	if t != nil && t.Name != "" && t.Simple == nil {
		el.CreateAttr("xsi:type", strings.TrimPrefix(sm.prefix+":", ":")+t.Name)
	}
	sm.fillType(el, root, t, 0)
	doc.Indent(2)
	var b bytes.Buffer
	_, _ = doc.WriteTo(&b) // a bytes.Buffer never fails
	return b.Bytes()
}

// name is the element's qualified name in the sample.
func (sm *sampler) name(e *Element) string {
	if sm.prefix != "" && e.Global {
		return sm.prefix + ":" + e.Name
	}
	return e.Name
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
		return &Element{Name: e.Ref, TypeName: "string", Min: e.Min, Max: e.Max, Global: true}
	}
	out := *g
	out.Min, out.Max = e.Min, e.Max
	return &out
}

func (sm *sampler) fill(el *etree.Element, e *Element, depth int) {
	sm.fillType(el, e, sm.s.typeOf(e), depth)
}

// fillType fills el, declared by e, as an element of type t.
func (sm *sampler) fillType(el *etree.Element, e *Element, t *Type, depth int) {
	if t == nil {
		el.SetText(sm.leaf(e, &Simple{Base: e.TypeName}))
		return
	}
	for _, a := range sm.s.attrsOf(t, 0) {
		el.CreateAttr(a.Name, sm.value(sm.s.attrSimple(a)))
	}
	if t.Simple != nil {
		el.SetText(sm.leaf(e, sm.s.resolve(t.Simple)))
		return
	}
	sm.content(el, t, depth)
}

// content fills the element content of t: its base's first (extension).
func (sm *sampler) content(el *etree.Element, t *Type, depth int) {
	if depth >= maxDepth {
		return
	}
	if b := sm.s.Types[t.Base]; b != nil {
		sm.content(el, b, depth+1)
	}
	if t.Content != nil {
		sm.group(el, t.Content, depth)
	}
}

func (s *Schema) attrSimple(a Attr) *Simple {
	if a.Simple != nil {
		return s.resolve(a.Simple)
	}
	return s.resolve(&Simple{Base: a.TypeName})
}

func (sm *sampler) group(el *etree.Element, g *Group, depth int) {
	if g.Kind == "ref" {
		if named := sm.s.Groups[g.Ref]; named != nil && depth < maxDepth {
			sm.group(el, named, depth+1)
		}
		return
	}
	items := g.Items
	if g.Kind == "choice" && len(items) > 0 {
		items = items[:1]
	}
	for range max(g.Min, 1) {
		for _, p := range items {
			sm.particle(el, p, depth)
		}
	}
}

func (sm *sampler) particle(el *etree.Element, p Particle, depth int) {
	if p.Group != nil {
		sm.group(el, p.Group, depth+1)
		return
	}
	d := sm.s.decl(p.Element)
	for range max(d.Min, 1) {
		sm.fill(el.CreateElement(sm.name(d)), d, depth+1)
	}
}

// Describe returns a one-line summary of the schema, for diagnostics.
func (s *Schema) Describe() string {
	return fmt.Sprintf("namespace %s, %d global elements, %d named types", s.TargetNS, len(s.Elements), len(s.Types))
}
