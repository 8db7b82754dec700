package xsd

import (
	"fmt"
	"regexp"
	"strings"
)

// Problem is one reason a document does not satisfy its schema, or is not
// well-formed XML.
type Problem struct {
	File    string
	Line    int
	Element string // path of the element, /taxML/sbxxGrid/sbxxGridlb[2]/zsxmDm; "" when not known
	Msg     string
}

// String renders "request.xml:14: element /taxML/skssqz: '2026-13-01' is
// not a valid value of the atomic type 'xs:date'.".
func (p Problem) String() string {
	if p.Element == "" {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return fmt.Sprintf("%s:%d: element %s: %s", p.File, p.Line, p.Element, p.Msg)
}

// elementPrefix is how libxml2 starts a validity message; the path says it.
var elementPrefix = regexp.MustCompile(`^Element '[^']*'(, attribute '[^']*')?: `)

// Validate validates data (UTF-8, GBK, GB18030 or any encoding libxml2
// reads, as declared) against the schema with libxml2. file names the
// document in problems. A document that is not well-formed gives problems
// too (saying so), not an error.
func (s *Schema) Validate(data []byte, file string) ([]Problem, error) {
	found, wellFormed := s.compiled.Validate(data, file)
	out := make([]Problem, len(found))
	for i, p := range found {
		msg := elementPrefix.ReplaceAllString(p.Msg, "")
		if s.TargetNS != "" {
			msg = strings.ReplaceAll(msg, "{"+s.TargetNS+"}", "")
		}
		if !wellFormed {
			msg = "not well-formed XML: " + msg
		}
		out[i] = Problem{File: file, Line: p.Line, Element: p.Path, Msg: msg}
	}
	return out, nil
}
