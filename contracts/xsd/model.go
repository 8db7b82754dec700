package xsd

import (
	"io/fs"
	"sort"

	"github.com/beevik/etree"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// The parts of the model for complex types: content, extension, named
// groups and attribute groups. The model only drives Sample; libxml2
// validates.

func newSchema(fsys fs.FS) *Schema {
	return &Schema{Elements: map[string]*Element{}, Types: map[string]*Type{}, Groups: map[string]*Group{},
		AttrGroups: map[string][]Attr{}, fsys: fsys}
}

func parseComplex(c *etree.Element, path string) (*Type, error) {
	t := &Type{Name: c.SelectAttrValue("name", ""), Abstract: c.SelectAttrValue("abstract", "") == "true"}
	return t, complexChildren(t, c, path)
}

// complexChildren reads the content and attributes under c (a complexType
// or the extension of its complexContent) into t.
func complexChildren(t *Type, c *etree.Element, path string) error {
	for _, k := range c.ChildElements() {
		var err error
		switch k.Tag {
		case "sequence", "choice", "all", "group":
			t.Content, err = parseGroup(k, path)
		case "attribute":
			var a Attr
			a, err = parseAttr(k, path)
			t.Attrs = append(t.Attrs, a)
		case "attributeGroup":
			t.AttrGroups = append(t.AttrGroups, local(k.SelectAttrValue("ref", "")))
		case "simpleContent":
			err = simpleContent(t, k, path)
		case "complexContent":
			err = complexContent(t, k, path)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func simpleContent(t *Type, k *etree.Element, path string) error {
	ext := firstChild(k, "extension", "restriction")
	if ext == nil {
		return nil
	}
	st, err := parseSimple(k, path)
	if err != nil {
		return err
	}
	t.Simple = st
	for _, a := range ext.SelectElements("attribute") {
		at, err := parseAttr(a, path)
		if err != nil {
			return err
		}
		t.Attrs = append(t.Attrs, at)
	}
	return nil
}

// complexContent reads an extension (the base's content, then this one's)
// or a restriction (this content only).
func complexContent(t *Type, k *etree.Element, path string) error {
	d := firstChild(k, "extension", "restriction")
	if d == nil {
		return errs.At("xsd", errs.Input, path, "complexContent without extension or restriction")
	}
	if d.Tag == "extension" {
		t.Base = local(d.SelectAttrValue("base", ""))
	}
	return complexChildren(t, d, path)
}

// parseGroup reads a sequence, choice or all, or a group reference.
func parseGroup(c *etree.Element, path string) (*Group, error) {
	min, max, err := occurs(c, path)
	if err != nil {
		return nil, err
	}
	if c.Tag == "group" {
		return &Group{Kind: "ref", Ref: local(c.SelectAttrValue("ref", "")), Min: min, Max: max}, nil
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
		case "sequence", "choice", "all", "group":
			sub, err := parseGroup(k, path)
			if err != nil {
				return nil, err
			}
			g.Items = append(g.Items, Particle{Group: sub})
		}
	}
	return g, nil
}

// namedGroup reads a top-level xs:group or xs:attributeGroup.
func (s *Schema) namedGroup(c *etree.Element, path string) error {
	name := c.SelectAttrValue("name", "")
	if c.Tag == "group" {
		body := firstChild(c, "sequence", "choice", "all")
		if body == nil {
			return nil
		}
		g, err := parseGroup(body, path)
		s.Groups[name] = g
		return err
	}
	t := &Type{}
	err := complexChildren(t, c, path)
	for _, ref := range t.AttrGroups {
		t.Attrs = append(t.Attrs, s.AttrGroups[ref]...)
	}
	s.AttrGroups[name] = t.Attrs
	return err
}

// attrsOf returns every attribute of t: its base's, its own, and those of
// the attribute groups it references.
func (s *Schema) attrsOf(t *Type, depth int) []Attr {
	var out []Attr
	if b := s.Types[t.Base]; b != nil && depth < maxDepth {
		out = append(out, s.attrsOf(b, depth+1)...)
	}
	out = append(out, t.Attrs...)
	for _, g := range t.AttrGroups {
		out = append(out, s.AttrGroups[g]...)
	}
	return out
}

// concrete returns t, or when t is abstract the first type (by name)
// derived from it by extension, which a sample names in xsi:type.
func (s *Schema) concrete(t *Type) *Type {
	if t == nil || !t.Abstract {
		return t
	}
	names := make([]string, 0, len(s.Types))
	for name := range s.Types {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if d := s.Types[name]; d.Base == t.Name && !d.Abstract {
			return d
		}
	}
	return t
}
