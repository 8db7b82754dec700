package envelope

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A small XML tokenizer that extracts the envelope's fields. It is not a
// judge: libxml2 decides whether a message is well-formed (see judge in
// decode.go) before this scanner reads it, so it only needs to read
// well-formed input right. encoding/xml reads a byte at a time and copies
// every text; the envelope's bulk is one CDATA body, so this scanner slices
// its input instead (see BenchmarkBuildParseClassify). Its own errors are a
// safety net for input that did not pass the judge.

type tokKind int

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
	tokText
)

type token struct {
	kind  tokKind
	name  []byte // local name (prefix removed) of a start or end tag
	attrs []byte // raw attributes of a start tag
	text  []byte // character data, entities resolved
	cdata bool   // text from a CDATA section
	at    int    // offset of the token's first byte in the input
}

type scanner struct {
	src      []byte
	pos      int
	open     [][]byte // qualified names of the open elements
	closeTop bool     // the last start tag was self-closing: emit its end next
}

func newScanner(src []byte) *scanner { return &scanner{src: src, open: make([][]byte, 0, 8)} }

// line returns the 1-based line of offset at.
func (s *scanner) line(at int) int { return bytes.Count(s.src[:min(at, len(s.src))], []byte{'\n'}) + 1 }

func (s *scanner) errAt(at int, format string, args ...any) error {
	return fmt.Errorf("line %d: %s", s.line(at), fmt.Sprintf(format, args...))
}

func (s *scanner) truncated() error {
	where := "the document ends before its root element closes"
	if n := len(s.open); n > 0 {
		where = "the document ends inside <" + string(s.open[n-1]) + ">"
	}
	return fmt.Errorf("truncated at line %d: %s", s.line(len(s.src)), where)
}

// depth is the number of open elements.
func (s *scanner) depth() int { return len(s.open) }

// next returns the next start tag, end tag or text; comments, processing
// instructions and the XML declaration are skipped.
func (s *scanner) next() (token, error) {
	if s.closeTop {
		s.closeTop = false
		return s.end(s.pos), nil
	}
	for s.pos < len(s.src) {
		at := s.pos
		if s.src[at] != '<' {
			return s.chars(at)
		}
		tok, skipped, err := s.markup(at)
		if !skipped || err != nil {
			return tok, err
		}
	}
	if len(s.open) > 0 {
		return token{}, s.truncated()
	}
	return token{kind: tokEOF, at: s.pos}, nil
}

// markup reads the markup at at ('<'); skipped says it was a comment or a
// processing instruction, which give no token.
func (s *scanner) markup(at int) (tok token, skipped bool, err error) {
	var second byte
	if at+1 < len(s.src) {
		second = s.src[at+1]
	}
	rest := s.src[at:]
	switch {
	case second == '/':
		tok, err = s.endTag(at)
	case second == '?':
		return token{}, true, s.skipPast(at, "?>")
	case second != '!':
		tok, err = s.startTag(at)
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		tok, err = s.cdata(at)
	case bytes.HasPrefix(rest, []byte("<!--")):
		return token{}, true, s.skipPast(at, "-->")
	default:
		err = s.errAt(at, "unexpected <! (DOCTYPE and DTDs are not allowed)")
	}
	return tok, false, err
}

func (s *scanner) skipPast(at int, end string) error {
	i := bytes.Index(s.src[at:], []byte(end))
	if i < 0 {
		return s.truncated()
	}
	s.pos = at + i + len(end)
	return nil
}

func (s *scanner) cdata(at int) (token, error) {
	start := at + len("<![CDATA[")
	i := bytes.Index(s.src[start:], []byte("]]>"))
	if i < 0 {
		return token{}, s.truncated()
	}
	if len(s.open) == 0 {
		return token{}, s.errAt(at, "CDATA outside the root element")
	}
	s.pos = start + i + 3
	return token{kind: tokText, text: s.src[start : start+i], cdata: true, at: at}, nil
}

func (s *scanner) chars(at int) (token, error) {
	i := bytes.IndexByte(s.src[at:], '<')
	if i < 0 {
		i = len(s.src) - at
	}
	s.pos = at + i
	raw := s.src[at:s.pos]
	if bytes.IndexByte(raw, '&') < 0 {
		return token{kind: tokText, text: raw, at: at}, nil
	}
	text, err := s.unescape(raw, at)
	return token{kind: tokText, text: text, at: at}, err
}

// unescape resolves the five predefined entities and character references.
func (s *scanner) unescape(raw []byte, at int) ([]byte, error) {
	out := make([]byte, 0, len(raw))
	for len(raw) > 0 {
		i := bytes.IndexByte(raw, '&')
		if i < 0 {
			out = append(out, raw...)
			break
		}
		out = append(out, raw[:i]...)
		raw = raw[i:]
		semi := bytes.IndexByte(raw, ';')
		if semi < 0 {
			return nil, s.errAt(at, "a bare & (write &amp;)")
		}
		r, ok := entity(raw[1:semi])
		if !ok {
			return nil, s.errAt(at, "unknown entity %s", raw[:semi+1])
		}
		out = utf8.AppendRune(out, r)
		raw = raw[semi+1:]
	}
	return out, nil
}

func entity(name []byte) (rune, bool) {
	switch string(name) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "quot":
		return '"', true
	case "apos":
		return '\'', true
	}
	if len(name) < 2 || name[0] != '#' {
		return 0, false
	}
	var n uint64
	var err error
	if name[1] == 'x' || name[1] == 'X' {
		n, err = strconv.ParseUint(string(name[2:]), 16, 32)
	} else {
		n, err = strconv.ParseUint(string(name[1:]), 10, 32)
	}
	if err != nil || n == 0 || n > utf8.MaxRune {
		return 0, false
	}
	return rune(n), true
}

func (s *scanner) startTag(at int) (token, error) {
	end, err := s.tagEnd(at)
	if err != nil {
		return token{}, err
	}
	inner := s.src[at+1 : end]
	self := len(inner) > 0 && inner[len(inner)-1] == '/'
	if self {
		inner = inner[:len(inner)-1]
	}
	n := nameEnd(inner)
	qname := inner[:n]
	if len(qname) == 0 {
		return token{}, s.errAt(at, "invalid element name %q", clip(string(inner), 40))
	}
	s.pos = end + 1
	s.open = append(s.open, qname)
	s.closeTop = self
	return token{kind: tokStart, name: local(qname), attrs: inner[n:], at: at}, nil
}

// nameEnd returns the length of the name at the start of a tag's inside.
func nameEnd(inner []byte) int {
	for i, c := range inner {
		if isSpace(c) {
			return i
		}
	}
	return len(inner)
}

// tagEnd finds the '>' that ends the tag at at, skipping quoted values (the
// only place a '>' may be inside a tag libxml2 accepted).
func (s *scanner) tagEnd(at int) (int, error) {
	for i := at + 1; ; {
		gt := bytes.IndexByte(s.src[i:], '>')
		if gt < 0 {
			return 0, s.truncated()
		}
		q := firstQuote(s.src[i : i+gt])
		if q < 0 {
			return i + gt, nil
		}
		i += q
		end := bytes.IndexByte(s.src[i+1:], s.src[i])
		if end < 0 {
			return 0, s.truncated()
		}
		i += end + 2
	}
}

// firstQuote returns the offset of the first quote (either kind) in b, or -1.
func firstQuote(b []byte) int {
	d := bytes.IndexByte(b, '"')
	if d < 0 {
		d = len(b)
	}
	if a := bytes.IndexByte(b[:d], '\''); a >= 0 {
		return a
	}
	if d == len(b) {
		return -1
	}
	return d
}

func (s *scanner) endTag(at int) (token, error) {
	i := bytes.IndexByte(s.src[at:], '>')
	if i < 0 {
		return token{}, s.truncated()
	}
	qname := s.src[at+2 : at+i]
	for len(qname) > 0 && isSpace(qname[len(qname)-1]) {
		qname = qname[:len(qname)-1]
	}
	if len(s.open) == 0 {
		return token{}, s.errAt(at, "unexpected </%s>", qname)
	}
	if top := s.open[len(s.open)-1]; !bytes.Equal(top, qname) {
		return token{}, s.errAt(at, "element <%s> closed by </%s>", top, qname)
	}
	s.pos = at + i + 1
	return s.end(at), nil
}

func (s *scanner) end(at int) token {
	q := s.open[len(s.open)-1]
	s.open = s.open[:len(s.open)-1]
	return token{kind: tokEnd, name: local(q), at: at}
}

func local(qname []byte) []byte {
	if i := bytes.IndexByte(qname, ':'); i >= 0 {
		return qname[i+1:]
	}
	return qname
}

// nextChild returns the next child element opened inside the current
// element, passing over text; ok is false once the element ends.
func (s *scanner) nextChild() (tok token, ok bool, err error) {
	for {
		if tok, err = s.next(); err != nil {
			return tok, false, err
		}
		switch tok.kind {
		case tokStart:
			return tok, true, nil
		case tokEnd:
			return tok, false, nil
		}
	}
}

// skip reads past the end of the element just opened.
func (s *scanner) skip() error {
	for d := s.depth(); s.depth() >= d; {
		if _, err := s.next(); err != nil {
			return err
		}
	}
	return nil
}

// attr returns the value of the attribute prefix:name whose prefix is bound
// to ns in these attributes, or is the conventional prefix for ns.
func attr(attrs []byte, name, ns, conventional string) (string, bool) {
	bound := conventional
	var prefix, value string
	found := false
	for _, a := range splitAttrs(attrs) {
		if p, l, ok := strings.Cut(a[0], ":"); ok {
			switch {
			case p == "xmlns" && a[1] == ns:
				bound = l
			case l == name:
				prefix, value, found = p, a[1], true
			}
		}
	}
	return value, found && (prefix == bound || prefix == conventional)
}

// splitAttrs splits raw attributes into key, value pairs; it stops at the
// first thing that is not key="value".
func splitAttrs(attrs []byte) [][2]string {
	var out [][2]string
	for {
		attrs = bytes.TrimLeft(attrs, " \t\r\n")
		eq := bytes.IndexByte(attrs, '=')
		if eq < 0 {
			return out
		}
		key := string(bytes.TrimSpace(attrs[:eq]))
		rest := bytes.TrimLeft(attrs[eq+1:], " \t\r\n")
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return out
		}
		end := bytes.IndexByte(rest[1:], rest[0])
		if end < 0 {
			return out
		}
		out = append(out, [2]string{key, string(rest[1 : 1+end])})
		attrs = rest[end+2:]
	}
}
