package libxml

/*
#include <stdlib.h>
#include "gt3xml.h"
*/
import "C"

import (
	"bytes"
	"encoding/binary"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// The fast path of Check. libxml2 reads a CDATA section a character at a
// time, and an answer's bulk is the business document in a CDATA body: most
// of the time of a check went there. And in the last 250 bytes of its input
// libxml2 asks the input for more at every step, which costs as much again
// there. So a document up to fastMax bytes is first judged as a copy with
// the content of its CDATA sections left out ("<![CDATA[…]]>" becomes
// "<![CDATA[]]>") and a long comment after it (tail). When libxml2
// accepts the copy, reading it as UTF-8, and every content left out is valid
// UTF-8 of XML characters, it accepts the document too:
//
//   - the tail can only be a comment after the root element. Anywhere else
//     it would have to close what the document left open, and it closes
//     nothing: it holds no end tag, '>' only after "--" (not allowed in a
//     comment), no "?>" or "]]>", and its '<' is not allowed in a tag, an
//     attribute value or a reference (a DOCTYPE is refused anyway). So the
//     document without it is accepted as well;
//   - the copy differs from the document only by characters inside CDATA
//     sections, which libxml2 accepts when they are characters (a content
//     ends at the first "]]>", as libxml2's does).
//
// Any other outcome is no verdict: Check parses the document as it is, which
// alone gives the reason, line and offset of an error.
//
// stripCDATA finds the sections with a scan that is right on every
// well-formed document: outside comments, processing instructions and CDATA
// sections, a '<' only ever starts a tag, and a tag holds no '<'. The copy
// is scanned the same way as the document (the same sections, emptied), so
// when libxml2 accepts the copy, what the scan took for sections are
// sections.

// fastMax is the largest document the fast path takes: far below libxml2's
// 10 MB limits on a text node and on lookahead, which apply to the document
// as it is but not to the shorter copy.
const fastMax = 1 << 20

// tail follows the copy: longer than libxml2's INPUT_CHUNK (250), so the
// document's own bytes are never near the end; a comment, which libxml2
// reads many bytes at a step (white space after the root element it reads
// one at a time).
var tail = []byte("<!--" + strings.Repeat("x", 256) + "-->")

// keptScratch is the largest copy buffer a pooled parser keeps.
const keptScratch = 64 << 10

var (
	cdataOpen  = []byte("<![CDATA[")
	cdataClose = []byte("]]>")
)

// fastAccepts reports whether libxml2 accepts data (read as UTF-8, no
// encoder) as judged on its copy; false is no verdict.
func (ps *parser) fastAccepts(data []byte, forceUTF8 bool) bool {
	if len(data) == 0 || len(data) > fastMax {
		return false
	}
	if cap(ps.scratch) < len(data)+len(tail) {
		ps.scratch = make([]byte, max(len(data)+len(tail), 4096))
	}
	buf := ps.scratch[:len(data)+len(tail)]
	n, ok := len(data), true
	if hasCDATA(data) {
		n, ok = stripCDATA(buf, data)
	} else {
		copy(buf, data)
	}
	if !ok {
		return false
	}
	n += copy(buf[n:], tail)
	r := &ps.verdict
	p := (*C.char)(unsafe.Pointer(&buf[0]))
	ps.reusable = C.gt3_check(ps.ctxt, p, C.int(n), cBool(forceUTF8), r) != 0
	return r.wellformed != 0 && r.encoding[0] == 0
}

// hasCDATA reports whether data holds "<![CDATA[" (found by its rarer
// "[CDATA[": '<' is everywhere in markup).
func hasCDATA(data []byte) bool {
	for at := 0; ; {
		i := bytes.Index(data[at:], cdataOpen[2:])
		if i < 0 {
			return false
		}
		if i += at; i >= 2 && data[i-2] == '<' && data[i-1] == '!' {
			return true
		}
		at = i + 1
	}
}

// trim drops a copy buffer too big to keep in the pool.
func (ps *parser) trim() {
	if cap(ps.scratch) > keptScratch {
		ps.scratch = nil
	}
}

// stripCDATA copies doc into dst (len(dst) >= len(doc)) without the content
// of its CDATA sections and returns the length of the copy. ok is false when
// a content is not valid UTF-8 of XML characters, a section does not end,
// or doc holds a "<!" that is neither a comment nor a CDATA section.
func stripCDATA(dst, doc []byte) (n int, ok bool) {
	copied := 0 // doc[:copied] is in dst[:n]
	for at := 0; ; {
		i := bytes.IndexByte(doc[at:], '<')
		if i < 0 {
			return n + copy(dst[n:], doc[copied:]), true
		}
		i += at
		end, cdata := markupEnd(doc, i)
		if end < 0 {
			return 0, false
		}
		if cdata {
			if !xmlChars(doc[i+len(cdataOpen) : end-len(cdataClose)]) {
				return 0, false
			}
			n += copy(dst[n:], doc[copied:i+len(cdataOpen)])
			copied = end - len(cdataClose)
		}
		at = end
	}
}

// markupEnd returns the offset just past the comment, processing
// instruction or CDATA section starting at doc[i] ('<'), or i+1 for a tag;
// -1 when it does not end or is another "<!" (a DOCTYPE).
func markupEnd(doc []byte, i int) (end int, cdata bool) {
	if i+1 == len(doc) || doc[i+1] != '!' && doc[i+1] != '?' {
		return i + 1, false
	}
	rest := doc[i:]
	var open, close []byte
	switch {
	case bytes.HasPrefix(rest, cdataOpen):
		open, close, cdata = cdataOpen, cdataClose, true
	case bytes.HasPrefix(rest, []byte("<!--")):
		open, close = []byte("<!--"), []byte("-->")
	case rest[1] == '?':
		open, close = []byte("<?"), []byte("?>")
	default:
		return -1, false
	}
	j := bytes.Index(rest[len(open):], close)
	if j < 0 {
		return -1, false
	}
	return i + len(open) + j + len(close), cdata
}

// xmlChars reports whether b is valid UTF-8 holding only XML characters
// (XML 1.0 production Char). Printable ASCII goes 8 bytes at a time, or a
// byte at a time up to the next other byte.
func xmlChars(b []byte) bool {
	for i := 0; i < len(b); {
		if i+8 <= len(b) && printableASCII(binary.LittleEndian.Uint64(b[i:])) {
			i += 8
			continue
		}
		for stop := min(i+8, len(b)); i < stop && b[i] >= 0x20 && b[i] < utf8.RuneSelf; {
			i++
		}
		if i == len(b) {
			break
		}
		size := charAt(b, i)
		if size == 0 {
			return false
		}
		i += size
	}
	return true
}

// charAt returns the length of the XML character at b[i], or 0 when there
// is none.
func charAt(b []byte, i int) int {
	if c := b[i]; c < utf8.RuneSelf {
		if c >= 0x20 || c == '\t' || c == '\n' || c == '\r' {
			return 1
		}
		return 0
	}
	r, size := utf8.DecodeRune(b[i:])
	if size == 1 || r > 0xD7FF && r < 0xE000 || r == 0xFFFE || r == 0xFFFF {
		return 0
	}
	return size
}

// printableASCII reports whether the 8 bytes of w are all in 0x20..0x7F: no
// high bit set, and subtracting 0x20 from each borrows nowhere.
func printableASCII(w uint64) bool {
	const high, spaces = 0x8080808080808080, 0x2020202020202020
	return w&high == 0 && (w-spaces)&high == 0
}
