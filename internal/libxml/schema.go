package libxml

/*
#include <stdlib.h>
#include "gt3xml.h"
*/
import "C"

import (
	"errors"
	"runtime"
	"strconv"
	"strings"
	"unsafe"
)

// Schema is an XML Schema (XSD 1.0) compiled by libxml2. It is read-only
// once compiled: any number of goroutines may validate with it at once.
type Schema struct{ p unsafe.Pointer }

// Problem is one error libxml2 reports: the line, the path of the element
// (or attribute) when validating, and libxml2's message on one line.
type Problem struct {
	Line int
	Path string // /taxML/sbxxGrid/sbxxGridlb[2]/zsxmDm; "" when not known
	Msg  string
}

// CompileSchema compiles the schema file at path; includes and imports are
// read relative to it, never from the network. The error holds libxml2's
// reasons, one per line.
func CompileSchema(path string) (*Schema, []Problem, error) {
	cpath := C.CString(path)
	defer C.free(unsafe.Pointer(cpath))
	var errs *C.char
	p := C.gt3_schema_compile(cpath, &errs)
	problems := takeProblems(errs)
	if p == nil {
		if len(problems) == 0 {
			problems = []Problem{{Msg: "libxml2 could not compile the schema"}}
		}
		return nil, problems, errors.New(problems[0].Msg)
	}
	s := &Schema{p: p}
	runtime.SetFinalizer(s, func(s *Schema) { C.gt3_schema_free(s.p) })
	return s, nil, nil
}

// Validate validates doc (in any encoding libxml2 reads: UTF-8, GBK,
// GB18030, UTF-16…) against the schema. wellFormed is false when doc is not
// well-formed XML (problems then say why); problems is empty when doc is
// valid. url names the document in libxml2's own messages.
func (s *Schema) Validate(doc []byte, url string) (problems []Problem, wellFormed bool) {
	curl := C.CString(url)
	defer C.free(unsafe.Pointer(curl))
	var p *C.char
	if len(doc) > 0 {
		p = (*C.char)(unsafe.Pointer(&doc[0]))
	}
	var status C.int
	out := C.gt3_schema_validate(s.p, p, C.int(len(doc)), curl, &status)
	runtime.KeepAlive(s)
	problems = takeProblems(out)
	if status != 0 && len(problems) == 0 {
		problems = []Problem{{Msg: "invalid"}}
	}
	return problems, status != 2
}

// takeProblems parses and frees the C side's "LINE\tPATH\tMESSAGE\n" lines.
func takeProblems(out *C.char) []Problem {
	if out == nil {
		return nil
	}
	defer C.free(unsafe.Pointer(out))
	var problems []Problem
	for _, line := range strings.Split(C.GoString(out), "\n") {
		f := strings.SplitN(line, "\t", 3)
		if len(f) != 3 {
			continue
		}
		n, _ := strconv.Atoi(f[0])
		problems = append(problems, Problem{Line: n, Path: f[1], Msg: oneLine(f[2])})
	}
	return problems
}
