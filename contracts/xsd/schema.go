// Package xsd validates documents against the business schemas (XSD) of
// HXZG services with libxml2 (Validate), and writes a sample document for
// one (Sample) from a small model of the schema, checked by libxml2 before
// it is written. See README.md.
package xsd

import (
	"fmt"
	"io/fs"
	"os"
	pathpkg "path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/beevik/etree"

	"github.com/gt3ct/gt3ct/internal/errs"
	"github.com/gt3ct/gt3ct/internal/libxml"
)

// Unbounded is MaxOccurs of maxOccurs="unbounded".
const Unbounded = -1

// Schema is a business schema with its includes and imports merged.
type Schema struct {
	TargetNS   string
	Elements   map[string]*Element // global elements by local name
	Types      map[string]*Type    // named complex and simple types by local name
	Groups     map[string]*Group   // named model groups (xs:group)
	AttrGroups map[string][]Attr   // named attribute groups (xs:attributeGroup)
	order      []string            // global element names in document order
	fsys       fs.FS               // where includes are read from; nil = the OS
	files      []string            // the schema's files, the main one first
	compiled   *libxml.Schema      // what validates
	// Qualified is elementFormDefault="qualified": local elements are in
	// the target namespace (else they are in none).
	Qualified bool
}

// Element is an element declaration (global, local or a resolved ref).
type Element struct {
	Name     string
	TypeName string // local name of the named type or built-in (string, date…)
	Type     *Type  // inline anonymous type, or nil
	Ref      string
	Min, Max int
	Global   bool // a global declaration (always in the target namespace)
}

// Group is a sequence, choice or all of particles, or a reference to a
// named group (Kind "ref").
type Group struct {
	Kind     string // sequence, choice, all, ref
	Ref      string // the named group, for Kind "ref"
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
	Name       string
	Abstract   bool   // abstract="true": an instance names a derived type in xsi:type
	Base       string // complexContent extension: the base type, whose content comes first
	Content    *Group
	Attrs      []Attr
	AttrGroups []string // referenced attribute groups
	Simple     *Simple  // simple type, or simple content of a complex type
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
	Patterns       []string // XSD regular expressions, ORed
	Length         *int
	MinLength      *int
	MaxLength      *int
	TotalDigits    *int
	FractionDigits *int
	MinInclusive   string // range facets, as written ("" when absent)
	MaxInclusive   string
	MinExclusive   string
	MaxExclusive   string
}

// Load compiles the schema file with libxml2 (includes and imports read
// relative to it) and reads it and every sibling it includes or imports into
// the model Sample uses. A schema libxml2 cannot compile is an errs.Input
// error with libxml2's reason.
func Load(path string) (*Schema, error) {
	s := newSchema(nil)
	if err := s.loadFile(path, map[string]bool{}); err != nil {
		return nil, err
	}
	return s, s.compile(path, path)
}

// LoadFS is Load from a file system (a contract folder in the embedded
// catalog); includes and imports are read from the same file system.
func LoadFS(fsys fs.FS, name string) (*Schema, error) {
	s := newSchema(fsys)
	seen := map[string]bool{}
	if err := s.loadFile(name, seen); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "gt3ct-xsd-")
	if err != nil {
		return nil, errs.E("xsd", errs.Internal, "%v", err)
	}
	defer os.RemoveAll(dir)
	for file := range seen {
		if err := copyOut(fsys, file, dir); err != nil {
			return nil, errs.At("xsd", errs.Input, file, "%v", err)
		}
	}
	return s, s.compile(filepath.Join(dir, filepath.FromSlash(name)), name)
}

// copyOut writes file of fsys under dir at the same relative path, so that
// libxml2 finds includes where the schema says they are.
func copyOut(fsys fs.FS, file, dir string) error {
	b, err := fs.ReadFile(fsys, file)
	if err != nil {
		return err
	}
	out := filepath.Join(dir, filepath.FromSlash(file))
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	return os.WriteFile(out, b, 0o644)
}

// compile compiles the schema at path with libxml2; name is how errors
// name it.
func (s *Schema) compile(path, name string) error {
	compiled, problems, err := libxml.CompileSchema(path)
	if err != nil {
		p := problems[0]
		return errs.At("xsd", errs.Input, fmt.Sprintf("%s:%d", name, p.Line), "libxml2 cannot compile the schema: %s", p.Msg)
	}
	s.compiled = compiled
	return nil
}

func (s *Schema) loadFile(path string, seen map[string]bool) error {
	key := path
	if s.fsys == nil {
		key, _ = filepath.Abs(path)
	}
	if seen[key] {
		return nil
	}
	seen[key] = true
	s.files = append(s.files, path)
	doc := etree.NewDocument()
	doc.ReadSettings.CharsetReader = CharsetReader
	if err := s.readDoc(doc, path); err != nil {
		return errs.At("xsd", errs.Input, path, "%v", err)
	}
	root := doc.Root()
	if root == nil || root.Tag != "schema" {
		return errs.At("xsd", errs.Input, path, "not an XML schema (root is not xs:schema)")
	}
	if s.TargetNS == "" {
		s.TargetNS = root.SelectAttrValue("targetNamespace", "")
		s.Qualified = root.SelectAttrValue("elementFormDefault", "") == "qualified"
	}
	for _, c := range root.ChildElements() {
		if err := s.topLevel(c, path, seen); err != nil {
			return err
		}
	}
	return nil
}

func (s *Schema) readDoc(doc *etree.Document, path string) error {
	b, err := s.readBytes(path)
	if err != nil {
		return err
	}
	return doc.ReadFromBytes(b)
}

func (s *Schema) readBytes(path string) ([]byte, error) {
	if s.fsys == nil {
		return os.ReadFile(path)
	}
	return fs.ReadFile(s.fsys, path)
}

// readText is the file's text for searching ASCII (names, not values).
func (s *Schema) readText(path string) (string, error) {
	b, err := s.readBytes(path)
	return string(b), err
}

func (s *Schema) topLevel(c *etree.Element, path string, seen map[string]bool) error {
	switch c.Tag {
	case "include", "import":
		loc := c.SelectAttrValue("schemaLocation", "")
		if loc == "" {
			return nil
		}
		if s.fsys != nil {
			return s.loadFile(pathpkg.Join(pathpkg.Dir(path), loc), seen)
		}
		return s.loadFile(filepath.Join(filepath.Dir(path), loc), seen)
	case "element":
		e, err := parseElement(c, path)
		if err != nil {
			return err
		}
		e.Global = true
		s.Elements[e.Name] = e
		s.order = append(s.order, e.Name)
	case "group", "attributeGroup":
		return s.namedGroup(c, path)
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
