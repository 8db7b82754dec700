package libxml

/*
#include <stdlib.h>
#include <libxml/xmlerror.h>
#include "gt3xml.h"
*/
import "C"

import (
	"fmt"
	"runtime"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// libxml2 error codes and domains the messages treat specially.
const (
	errTagNotFinished = C.XML_ERR_TAG_NOT_FINISHED // "Premature end of data in tag …"
	fromI18N          = C.XML_FROM_I18N            // the declared encoding does not decode
	fromIO            = C.XML_FROM_IO              // the input buffer's decoder failed
)

// SyntaxError says why libxml2 does not accept a document (or why it is
// refused: a DOCTYPE). Its text is one line and names where: line and column
// and, when known, the byte offset in the input.
type SyntaxError struct {
	Line, Column int
	Offset       int64  // byte offset in the input; -1 when unknown
	Code         int    // libxml2's error code (0 for a refused DOCTYPE)
	Msg          string // libxml2's message, on one line
	Tag          string // the open element when the input ends inside it
	Encoding     string // the encoding that did not decode; "" for other errors
	Truncated    bool   // the input ends before the document does
	DOCTYPE      bool   // refused because it carries a DOCTYPE
}

// Error renders the reason on one line.
func (e *SyntaxError) Error() string {
	switch {
	case e.DOCTYPE:
		return fmt.Sprintf("line %d: DOCTYPE and DTDs are not allowed", e.Line)
	case e.Encoding != "":
		return fmt.Sprintf("not valid %s at byte %d: %s", e.Encoding, e.Offset, e.Msg)
	case e.Truncated && e.Tag != "":
		return fmt.Sprintf("truncated at line %d (byte %d): the document ends inside <%s>", e.Line, e.Offset, e.Tag)
	case e.Truncated:
		return fmt.Sprintf("truncated at line %d (byte %d): %s", e.Line, e.Offset, e.Msg)
	}
	return fmt.Sprintf("line %d, column %d%s: %s", e.Line, e.Column, e.at(), e.Msg)
}

func (e *SyntaxError) at() string {
	if e.Offset < 0 {
		return ""
	}
	return fmt.Sprintf(" (byte %d)", e.Offset)
}

// Check parses data with libxml2's SAX parser, building nothing, and returns
// nil when libxml2 finds it well-formed, the same verdict as
// `xmllint --noout` (namespace errors are not well-formedness errors). A
// DOCTYPE is refused (no DTD, so no external or nested entities). The
// encoding is libxml2's call: a BOM, the declaration, or UTF-8; with
// forceUTF8 the declaration is ignored and the text read as UTF-8 (a
// document carried as a string inside another). encoder names the encoding
// libxml2 decoded with ("" for UTF-8).
func Check(data []byte, forceUTF8 bool) (encoder string, err *SyntaxError) {
	ps := parsers.get()
	if ps == nil {
		return "", &SyntaxError{Offset: -1, Msg: "libxml2 could not start a parser"}
	}
	defer parsers.put(ps)
	if ps.fastAccepts(data, forceUTF8) {
		return "", nil
	}
	return ps.check(data, forceUTF8)
}

// check is Check without the fast path: libxml2 parses data as it is.
func (ps *parser) check(data []byte, forceUTF8 bool) (encoder string, err *SyntaxError) {
	r := &ps.verdict
	var p *C.char
	if len(data) > 0 {
		p = (*C.char)(unsafe.Pointer(&data[0]))
	}
	ps.reusable = C.gt3_check(ps.ctxt, p, C.int(len(data)), cBool(forceUTF8), r) != 0
	encoder = C.GoString(&r.encoding[0])
	if r.wellformed != 0 {
		return encoder, nil
	}
	return encoder, syntaxError(r, data, encoder)
}

func cBool(b bool) C.int {
	if b {
		return 1
	}
	return 0
}

// parser is a libxml2 parser context, the buffer fastAccepts copies
// documents into and the verdict of its last check.
type parser struct {
	ctxt     unsafe.Pointer
	scratch  []byte
	verdict  C.gt3_wf // what gt3_check found, kept here to not allocate one per call
	reusable bool
}

// parserPool keeps parsers for reuse: a bounded free list (a sync.Pool
// would drop them without freeing their C memory).
type parserPool chan *parser

var parsers = make(parserPool, 2*runtime.GOMAXPROCS(0))

func (p parserPool) get() *parser {
	select {
	case ps := <-p:
		return ps
	default:
		ctxt := C.gt3_new_ctxt()
		if ctxt == nil {
			return nil
		}
		return &parser{ctxt: ctxt, reusable: true}
	}
}

// put keeps ps for reuse when its context is reusable and there is room,
// else frees it.
func (p parserPool) put(ps *parser) {
	if ps.reusable {
		ps.trim()
		select {
		case p <- ps:
			return
		default:
		}
	}
	C.gt3_free_ctxt(ps.ctxt)
}

func syntaxError(r *C.gt3_wf, data []byte, encoder string) *SyntaxError {
	e := &SyntaxError{Line: int(r.line), Column: int(r.col), Offset: int64(r.offset), Code: int(r.code),
		Msg: oneLine(C.GoString(&r.msg[0])), DOCTYPE: r.doctype != 0}
	if e.DOCTYPE {
		return e
	}
	if e.Msg == "" {
		e.Msg = "not well-formed"
	}
	if enc, at, ok := badEncoding(r, data, encoder); ok {
		e.Encoding, e.Offset = enc, at
		return e
	}
	e.Truncated = e.Offset >= int64(len(data)) || e.Code == errTagNotFinished
	if e.Code == errTagNotFinished {
		e.Tag = C.GoString(&r.str1[0])
	}
	return e
}

// badEncoding finds the first byte that does not decode when the error is
// a decoding failure.
func badEncoding(r *C.gt3_wf, data []byte, encoder string) (string, int64, bool) {
	msg := C.GoString(&r.msg[0])
	switch {
	case strings.HasPrefix(msg, "Input is not proper UTF-8"):
		return "UTF-8", int64(invalidUTF8(data)), true
	case r.domain == fromI18N || r.domain == fromIO:
		if encoder == "" {
			return "", 0, false
		}
		_, at, _ := decode(data, encoder)
		return strings.ToUpper(encoder), at, true
	}
	return "", 0, false
}

func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// oneLine joins libxml2's multi-line messages ("…\nBytes: 0x…") into one.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
