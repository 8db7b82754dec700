package xsd

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/htmlindex"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// Problem is one reason a document does not satisfy its schema.
type Problem struct {
	File    string
	Line    int
	Element string
	Msg     string
}

// String renders "request.xml:14: element <skssqz>: value … is not a valid xs:date".
func (p Problem) String() string {
	return fmt.Sprintf("%s:%d: element <%s>: %s", p.File, p.Line, p.Element, p.Msg)
}

// node is an element of the document being validated, with its line.
type node struct {
	Name     string
	Space    string
	Attrs    []xml.Attr
	Text     strings.Builder
	Children []*node
	Line     int
}

// charsetReader decodes a document declared in any encoding the WHATWG
// index knows (GBK, GB18030…) to UTF-8.
func charsetReader(label string, r io.Reader) (io.Reader, error) {
	enc, err := htmlindex.Get(label)
	if err != nil {
		return nil, fmt.Errorf("unsupported encoding %q", label)
	}
	return enc.NewDecoder().Reader(r), nil
}

// parseDoc reads an XML document in any declared encoding (UTF-8, GBK,
// GB18030…) into nodes that remember their line.
func parseDoc(data []byte, file string) (*node, error) {
	dec := xml.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	dec.CharsetReader = charsetReader
	var stack []*node
	var root *node
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, errs.At("xsd validate", errs.Input, file, "not well-formed XML: %v", err)
		}
		line, _ := dec.InputPos()
		switch t := tok.(type) {
		case xml.StartElement:
			n := &node{Name: t.Name.Local, Space: t.Name.Space, Attrs: t.Attr, Line: line}
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				top.Children = append(top.Children, n)
			} else {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].Text.Write(t)
			}
		}
	}
	if root == nil {
		return nil, errs.At("xsd validate", errs.Input, file, "no root element")
	}
	return root, nil
}

// validator collects the problems of one document.
type validator struct {
	s        *Schema
	file     string
	problems []Problem
}

func (v *validator) add(n *node, format string, args ...any) {
	v.problems = append(v.problems, Problem{File: v.file, Line: n.Line, Element: n.Name, Msg: fmt.Sprintf(format, args...)})
}

// Validate checks a document against the schema: the root is a global
// element in the target namespace, elements appear as their sequence,
// choice or all demands with the right counts, required attributes are
// there, and every value satisfies its simple type. An xsi:type attribute
// picks the type of its element. A document that is not XML is an error;
// a document that breaks the schema gives Problems.
func (s *Schema) Validate(data []byte, file string) ([]Problem, error) {
	root, err := parseDoc(data, file)
	if err != nil {
		return nil, err
	}
	v := &validator{s: s, file: file}
	decl, ok := s.Elements[root.Name]
	switch {
	case !ok:
		v.add(root, "not a global element of the schema")
	case s.TargetNS != "" && root.Space != s.TargetNS:
		v.add(root, "namespace %q, want %q", root.Space, s.TargetNS)
	default:
		v.element(root, decl)
	}
	return v.problems, nil
}

func (v *validator) element(n *node, e *Element) {
	t := v.s.typeOf(e)
	if xt := xsiType(n); xt != "" {
		if t = v.s.Types[xt]; t == nil {
			v.add(n, "xsi:type %q is not a type of the schema", xt)
			return
		}
	}
	if t == nil {
		v.value(n, &Simple{Base: e.TypeName})
		return
	}
	v.attrs(n, t)
	if t.Simple != nil {
		v.value(n, v.s.resolve(t.Simple))
		return
	}
	rest := n.Children
	if t.Content != nil {
		rest = v.group(n, t.Content, rest)
	}
	for _, c := range rest {
		v.add(c, "unexpected element in <%s>", n.Name)
	}
}

func xsiType(n *node) string {
	for _, a := range n.Attrs {
		if a.Name.Local == "type" && a.Name.Space == xsiNS {
			return local(a.Value)
		}
	}
	return ""
}

func (v *validator) value(n *node, s *Simple) {
	if len(n.Children) > 0 {
		v.add(n, "has child elements, want a %s value", s.Base)
		return
	}
	if msg := s.check(strings.TrimSpace(n.Text.String())); msg != "" {
		v.add(n, "%s", msg)
	}
}

func (v *validator) attrs(n *node, t *Type) {
	have := map[string]string{}
	for _, a := range n.Attrs {
		if a.Name.Space == "" && a.Name.Local != "xmlns" {
			have[a.Name.Local] = a.Value
		}
	}
	for _, a := range t.Attrs {
		val, ok := have[a.Name]
		delete(have, a.Name)
		if !ok {
			if a.Required {
				v.add(n, "missing required attribute %s", a.Name)
			}
			continue
		}
		if msg := v.s.attrSimple(a).check(val); msg != "" {
			v.add(n, "attribute %s: %s", a.Name, msg)
		}
	}
	for name := range have {
		v.add(n, "unexpected attribute %s", name)
	}
}
