package xsd

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

// Filler gives the text of a leaf element by its local name (djxh); ok is
// false when it has none, and the sampled value stays.
type Filler func(name string) (value string, ok bool)

// leaf is the text of the leaf element e: fill's value when it has one,
// else a value of s.
func (sm *sampler) leaf(e *Element, s *Simple) string {
	if sm.values != nil && e != nil {
		if v, ok := sm.values(e.Name); ok {
			return v
		}
	}
	return sm.value(s)
}

// SampleWith is Sample with the text of every leaf element whose local
// name fill knows taken from fill (the request's djxh echoed in an answer,
// fixture values in a template). libxml2 validates the result: it is
// returned with its problems when neither values from patterns nor values
// of the base types make it valid (the problems of the first attempt).
func (s *Schema) SampleWith(name string, fill Filler) ([]byte, []Problem, error) {
	root, err := s.Root(name)
	if err != nil {
		return nil, nil, err
	}
	var firstDoc []byte
	var first []Problem
	for _, preferBase := range []bool{false, true} {
		doc := s.sampleDocWith(root, preferBase, fill)
		problems, err := s.Validate(doc, "sample.xml")
		if err != nil {
			return nil, nil, err
		}
		if len(problems) == 0 {
			return doc, nil, nil
		}
		if firstDoc == nil {
			firstDoc, first = doc, problems
		}
	}
	return firstDoc, first, nil
}

// RequiredLeaves returns the paths (/taxML/sbxxGrid/djxh) of the leaf
// elements every valid document of the global element name has: reached
// from the root through elements with minOccurs ≥ 1 in sequences and alls
// (a choice of more than one branch makes nothing below it required).
func (s *Schema) RequiredLeaves(name string) ([]string, error) {
	root, err := s.Root(name)
	if err != nil {
		return nil, err
	}
	var out []string
	s.required(s.concrete(s.typeOf(root)), "/"+root.Name, 0, &out)
	return out, nil
}

func (s *Schema) required(t *Type, path string, depth int, out *[]string) {
	if t == nil || t.Simple != nil {
		*out = append(*out, path)
		return
	}
	if depth >= maxDepth {
		return
	}
	if b := s.Types[t.Base]; b != nil {
		s.required(b, path, depth+1, out)
	}
	if t.Content != nil {
		s.requiredGroup(t.Content, path, depth, out)
	}
}

func (s *Schema) requiredGroup(g *Group, path string, depth int, out *[]string) {
	if g.Kind == "ref" {
		if named := s.Groups[g.Ref]; named != nil && depth < maxDepth && g.Min >= 1 {
			s.requiredGroup(named, path, depth+1, out)
		}
		return
	}
	if g.Min < 1 || (g.Kind == "choice" && len(g.Items) > 1) {
		return
	}
	for _, p := range g.Items {
		if p.Group != nil {
			s.requiredGroup(p.Group, path, depth+1, out)
			continue
		}
		d := s.decl(p.Element)
		if d.Min < 1 {
			continue
		}
		s.required(s.concrete(s.typeOf(d)), path+"/"+d.Name, depth+1, out)
	}
}

// DeclLine returns the file and line of the first declaration of an element
// or attribute named name (name="djxh") in the schema's files, the main
// file first; ok is false when none declares it.
func (s *Schema) DeclLine(name string) (file string, line int, ok bool) {
	decl := regexp.MustCompile(`<(?:[\w.-]+:)?(?:element|attribute)\s[^>]*\bname="` + regexp.QuoteMeta(name) + `"`)
	for _, f := range s.files {
		text, err := s.readText(f)
		if err != nil {
			continue
		}
		for i, l := range strings.Split(text, "\n") {
			if decl.MatchString(l) {
				return f, i + 1, true
			}
		}
	}
	return "", 0, false
}

// CharsetReader reads schema files declared GBK, GB2312 or GB18030 (as
// sites ship them) for the model; libxml2 reads them itself.
func CharsetReader(label string, input io.Reader) (io.Reader, error) {
	switch strings.ToUpper(label) {
	case "GBK", "GB2312", "GB18030", "CP936":
		return transform.NewReader(input, simplifiedchinese.GB18030.NewDecoder()), nil
	case "UTF-8", "UTF8", "US-ASCII", "ASCII":
		return input, nil
	}
	return nil, fmt.Errorf("encoding %q of a schema file is not supported (use UTF-8, GBK or GB18030)", label)
}

// Files returns the schema's files: the main one first, then those it
// includes or imports, as they were read (paths in the file system or on disk).
func (s *Schema) Files() []string { return append([]string(nil), s.files...) }
