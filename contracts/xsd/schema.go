// Package xsd reads the business schemas (XSD) of HXZG services into a small
// model, writes a valid sample document for one (Sample) and validates a
// document against one (Validate), in pure Go. See README.md for the subset
// of XML Schema it covers and why it does not use libxml2.
package xsd

import (
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/beevik/etree"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// Unbounded is MaxOccurs of maxOccurs="unbounded".
const Unbounded = -1

// Schema is a business schema with its includes and imports merged.
type Schema struct {
	TargetNS string
	Elements map[string]*Element // global elements by local name
	Types    map[string]*Type    // named complex and simple types by local name
	order    []string            // global element names in document order
	fsys     fs.FS               // where includes are read from; nil = the OS
}

// Element is an element declaration (global, local or a resolved ref).
type Element struct {
	Name     string
	TypeName string // local name of the named type or built-in (string, date…)
	Type     *Type  // inline anonymous type, or nil
	Ref      string
	Min, Max int
}

// Group is a sequence, choice or all of particles.
type Group struct {
	Kind     string // sequence, choice, all
	Items    []Particle
	Min, Max int
}

// Particle is one item of a group: an element or a nested group.
type Particle struct {
	Element *Element
	Group   *Group
}

// Type is a complex type (Content and Attrs) or a simple type (Simple).
type Type struct {
	Name    string
	Content *Group
	Attrs   []Attr
	Simple  *Simple // simple type, or simple content of a complex type
}

// Attr is an attribute declaration.
type Attr struct {
	Name     string
	TypeName string
	Simple   *Simple
	Required bool
}

// Simple is a simple type: a built-in base and its facets.
type Simple struct {
	Base           string // local name of the base (built-in or named simple type)
	Enum           []string
	Patterns       []*regexp.Regexp
	Length         *int
	MinLength      *int
	MaxLength      *int
	TotalDigits    *int
	FractionDigits *int
}

// Load reads the schema file and every sibling it includes or imports.
func Load(path string) (*Schema, error) {
	s := &Schema{Elements: map[string]*Element{}, Types: map[string]*Type{}}
	if err := s.loadFile(path, map[string]bool{}); err != nil {
		return nil, err
	}
	return s, nil
}

// LoadFS is Load from a file system (a contract folder in the embedded
// catalog); includes and imports are read from the same file system.
func LoadFS(fsys fs.FS, name string) (*Schema, error) {
	s := &Schema{Elements: map[string]*Element{}, Types: map[string]*Type{}, fsys: fsys}
	if err := s.loadFile(name, map[string]bool{}); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Schema) loadFile(path string, seen map[string]bool) error {
	abs, _ := filepath.Abs(path)
	if seen[abs] {
		return nil
	}
	seen[abs] = true
	doc := etree.NewDocument()
	if err := s.readDoc(doc, path); err != nil {
		return errs.At("xsd", errs.Input, path, "%v", err)
	}
	root := doc.Root()
	if root == nil || root.Tag != "schema" {
		return errs.At("xsd", errs.Input, path, "not an XML schema (root is not xs:schema)")
	}
	if s.TargetNS == "" {
		s.TargetNS = root.SelectAttrValue("targetNamespace", "")
	}
	for _, c := range root.ChildElements() {
		if err := s.topLevel(c, path, seen); err != nil {
			return err
		}
	}
	return nil
}

func (s *Schema) readDoc(doc *etree.Document, path string) error {
	if s.fsys == nil {
		return doc.ReadFromFile(path)
	}
	b, err := fs.ReadFile(s.fsys, path)
	if err != nil {
		return err
	}
	return doc.ReadFromBytes(b)
}

func (s *Schema) topLevel(c *etree.Element, path string, seen map[string]bool) error {
	switch c.Tag {
	case "include", "import":
		loc := c.SelectAttrValue("schemaLocation", "")
		if loc == "" {
			return nil
		}
		return s.loadFile(filepath.Join(filepath.Dir(path), loc), seen)
	case "element":
		e, err := parseElement(c, path)
		if err != nil {
			return err
		}
		s.Elements[e.Name] = e
		s.order = append(s.order, e.Name)
	case "complexType":
		t, err := parseComplex(c, path)
		if err != nil {
			return err
		}
		s.Types[t.Name] = t
	case "simpleType":
		st, err := parseSimple(c, path)
		if err != nil {
			return err
		}
		name := c.SelectAttrValue("name", "")
		s.Types[name] = &Type{Name: name, Simple: st}
	}
	return nil
}

// local strips a namespace prefix: "xs:string" → "string".
func local(qname string) string {
	if i := strings.LastIndexByte(qname, ':'); i >= 0 {
		return qname[i+1:]
	}
	return qname
}

func occurs(e *etree.Element, path string) (int, int, error) {
	min, max := 1, 1
	if v := e.SelectAttrValue("minOccurs", ""); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return 0, 0, errs.At("xsd", errs.Input, path, "minOccurs %q is not a number", v)
		}
		min = n
	}
	if v := e.SelectAttrValue("maxOccurs", ""); v == "unbounded" {
		max = Unbounded
	} else if v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return 0, 0, errs.At("xsd", errs.Input, path, "maxOccurs %q is not a number", v)
		}
		max = n
	}
	return min, max, nil
}

func parseElement(c *etree.Element, path string) (*Element, error) {
	min, max, err := occurs(c, path)
	if err != nil {
		return nil, err
	}
	e := &Element{Name: c.SelectAttrValue("name", ""), TypeName: local(c.SelectAttrValue("type", "")),
		Ref: local(c.SelectAttrValue("ref", "")), Min: min, Max: max}
	if e.Name == "" && e.Ref == "" {
		return nil, errs.At("xsd", errs.Input, path, "element without name or ref")
	}
	for _, k := range c.ChildElements() {
		var err error
		switch k.Tag {
		case "complexType":
			e.Type, err = parseComplex(k, path)
		case "simpleType":
			var st *Simple
			st, err = parseSimple(k, path)
			e.Type = &Type{Simple: st}
		}
		if err != nil {
			return nil, err
		}
	}
	if e.TypeName == "" && e.Type == nil && e.Ref == "" {
		e.TypeName = "string" // xs:anyType read as text
	}
	return e, nil
}

func parseComplex(c *etree.Element, path string) (*Type, error) {
	t := &Type{Name: c.SelectAttrValue("name", "")}
	for _, k := range c.ChildElements() {
		switch k.Tag {
		case "sequence", "choice", "all":
			g, err := parseGroup(k, path)
			if err != nil {
				return nil, err
			}
			t.Content = g
		case "attribute":
			a, err := parseAttr(k, path)
			if err != nil {
				return nil, err
			}
			t.Attrs = append(t.Attrs, a)
		case "simpleContent":
			if ext := firstChild(k, "extension", "restriction"); ext != nil {
				st, err := parseSimple(k, path)
				if err != nil {
					return nil, err
				}
				t.Simple = st
				for _, a := range ext.SelectElements("attribute") {
					at, err := parseAttr(a, path)
					if err != nil {
						return nil, err
					}
					t.Attrs = append(t.Attrs, at)
				}
			}
		}
	}
	return t, nil
}

func firstChild(e *etree.Element, tags ...string) *etree.Element {
	for _, k := range e.ChildElements() {
		for _, t := range tags {
			if k.Tag == t {
				return k
			}
		}
	}
	return nil
}

func parseGroup(c *etree.Element, path string) (*Group, error) {
	min, max, err := occurs(c, path)
	if err != nil {
		return nil, err
	}
	g := &Group{Kind: c.Tag, Min: min, Max: max}
	for _, k := range c.ChildElements() {
		switch k.Tag {
		case "element":
			e, err := parseElement(k, path)
			if err != nil {
				return nil, err
			}
			g.Items = append(g.Items, Particle{Element: e})
		case "sequence", "choice", "all":
			sub, err := parseGroup(k, path)
			if err != nil {
				return nil, err
			}
			g.Items = append(g.Items, Particle{Group: sub})
		}
	}
	return g, nil
}

func parseAttr(c *etree.Element, path string) (Attr, error) {
	a := Attr{Name: c.SelectAttrValue("name", ""), TypeName: local(c.SelectAttrValue("type", "string")),
		Required: c.SelectAttrValue("use", "") == "required"}
	if st := c.SelectElement("simpleType"); st != nil {
		s, err := parseSimple(st, path)
		if err != nil {
			return a, err
		}
		a.Simple = s
	}
	return a, nil
}
