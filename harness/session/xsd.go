package session

import (
	"fmt"
	"path"
	"strings"
	"sync"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/contracts/xsd"
)

var schemas sync.Map // contract dir + schema -> *xsd.Schema (or error)

type loaded struct {
	s   *xsd.Schema
	err error
}

// ValidateXSD validates doc against a schema of contract c, loading each
// schema once per process.
func ValidateXSD(c *catalog.Contract, schema string, doc []byte) ([]string, error) {
	name := path.Join(c.Dir, schema)
	key := c.Origin + "|" + name
	v, ok := schemas.Load(key)
	if !ok {
		s, err := xsd.LoadFS(c.FS, name)
		v, _ = schemas.LoadOrStore(key, loaded{s, err})
	}
	l := v.(loaded)
	if l.err != nil {
		return nil, l.err
	}
	docName := "answer"
	if schema == c.XSD.Request {
		docName = "request"
	}
	problems, err := l.s.Validate(doc, docName)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(problems))
	for i, p := range problems {
		out[i] = p.String() + declaredAt(l.s, c.Dir, p.Element)
	}
	return out, nil
}

// declaredAt names where the schema declares the element of a problem:
// " (schema TaxMLBw_HXZG_SB_00080_Request_V1.0.xsd:9)", "" when unknown.
func declaredAt(s *xsd.Schema, dir, element string) string {
	if element == "" {
		return ""
	}
	field := element[strings.LastIndexByte(element, '/')+1:]
	if i := strings.IndexByte(field, '['); i >= 0 {
		field = field[:i]
	}
	file, line, ok := s.DeclLine(field)
	if !ok {
		return ""
	}
	return fmt.Sprintf(" (schema %s:%d)", strings.TrimPrefix(file, dir+"/"), line)
}
