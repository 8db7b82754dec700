package envelope

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
)

// rootElement reads up to the first start tag.
func rootElement(s *scanner) (token, error) {
	for {
		tok, err := s.next()
		if err != nil {
			return token{}, err
		}
		switch tok.kind {
		case tokEOF:
			return token{}, errors.New("no XML element found")
		case tokStart:
			return tok, nil
		case tokText:
			if len(bytes.TrimSpace(tok.text)) > 0 {
				return token{}, fmt.Errorf("text %q before the root element", clip(string(tok.text), 40))
			}
		}
	}
}

// parseService reads a bare <service> document.
func parseService(text []byte) (*Message, error) {
	s := newScanner(text)
	root, err := rootElement(s)
	if err != nil {
		return nil, err
	}
	if string(root.name) != "service" {
		return nil, fmt.Errorf("root element <%s> is neither <service> nor a SOAP Envelope", root.name)
	}
	m := &Message{Kind: KindRequest}
	sawHead := false
	for {
		tok, ok, err := s.nextChild()
		if err != nil {
			return nil, err
		}
		if !ok {
			if !sawHead {
				return nil, errors.New("no <head> in <service>")
			}
			return m, trailer(s)
		}
		if err := serviceChild(s, tok, m, &sawHead); err != nil {
			return nil, err
		}
	}
}

func serviceChild(s *scanner, t token, m *Message, sawHead *bool) error {
	switch string(t.name) {
	case "head":
		*sawHead = true
		response, err := readHead(s, &m.Head)
		if response {
			m.Kind = KindResponse
		}
		return err
	case "body":
		return readBodyInto(s, m)
	}
	return s.skip()
}

// trailer checks that nothing but comments and space follow the root.
func trailer(s *scanner) error {
	for {
		tok, err := s.next()
		if err != nil {
			return err
		}
		switch tok.kind {
		case tokEOF:
			return nil
		case tokStart:
			return s.errAt(tok.at, "element <%s> after the end of <service>", tok.name)
		case tokText:
			if len(bytes.TrimSpace(tok.text)) > 0 {
				return s.errAt(tok.at, "text %q after the end of <service>", clip(string(tok.text), 40))
			}
		}
	}
}

// readText returns the character data of the element just opened, ignoring
// any child elements.
func readText(s *scanner) (string, error) {
	var sb []byte
	for {
		tok, err := s.next()
		if err != nil {
			return "", err
		}
		switch tok.kind {
		case tokText:
			sb = joinText(sb, tok.text)
		case tokStart:
			if err := s.skip(); err != nil {
				return "", err
			}
		case tokEnd:
			return string(bytes.TrimSpace(sb)), nil
		}
	}
}

// joinText appends text to sb without writing into the scanner's input: the
// first piece is kept as is (usually the only one, copied once by string()).
func joinText(sb, text []byte) []byte {
	if sb == nil {
		return text
	}
	return append(sb[:len(sb):len(sb)], text...)
}

// readHead fills h from the children of <head> and reports whether it held
// rtn_code or rtn_msg (a response).
func readHead(s *scanner, h *Head) (response bool, err error) {
	for {
		tok, ok, err := s.nextChild()
		if err != nil || !ok {
			return response, err
		}
		name := string(tok.name)
		response = response || name == "rtn_code" || name == "rtn_msg"
		if err := headField(s, name, h); err != nil {
			return response, err
		}
	}
}

func headField(s *scanner, name string, h *Head) error {
	var dst *string
	switch name {
	case "tran_id":
		dst = &h.TranID
	case "channel_id":
		dst = &h.ChannelID
	case "tran_seq":
		dst = &h.TranSeq
	case "tran_date":
		dst = &h.TranDate
	case "tran_time":
		dst = &h.TranTime
	case "rtn_code":
		dst = &h.RtnCode
	case "file_path":
		dst = &h.FilePath
	case "serv_version":
		dst = &h.ServVersion
	case "rtn_msg":
		return readFields(s, [3]string{"Code", "Message", "Reason"}, [3]*string{&h.Code, &h.Message, &h.Reason})
	case "expand":
		var p Pair
		err := readFields(s, [3]string{"name", "value"}, [3]*string{&p.Name, &p.Value})
		h.Expand = append(h.Expand, p)
		return err
	default:
		return s.skip()
	}
	v, err := readText(s)
	*dst = v
	return err
}

// readFields reads the children of the element just opened into the strings
// of the same index; other children are skipped.
func readFields(s *scanner, names [3]string, dsts [3]*string) error {
	for {
		tok, ok, err := s.nextChild()
		if err != nil || !ok {
			return err
		}
		i := fieldIndex(names, tok.name)
		if i < 0 {
			err = s.skip()
		} else {
			*dsts[i], err = readText(s)
		}
		if err != nil {
			return err
		}
	}
}

func fieldIndex(names [3]string, name []byte) int {
	for i, n := range names {
		if n != "" && n == string(name) {
			return i
		}
	}
	return -1
}

// readBodyInto reads <body> into m.Body and m.BodyType. A document carried
// as text must be well-formed itself (libxml2's call, read as UTF-8).
func readBodyInto(s *scanner, m *Message) error {
	doc, inline, err := readBody(s)
	if err != nil {
		return err
	}
	if !inline && !blank(doc) {
		if _, err := judge(doc, true); err != nil {
			return fmt.Errorf("in the body: %w", err)
		}
	}
	doc = bytes.TrimSpace(doc)
	m.Body = asUTF8Decl(string(doc))
	m.BodyType = bodyType(doc)
	return nil
}

// readBody returns the content of <body>: the document it carries as text
// (see textOf), or, when it holds elements, the raw markup inside it.
func readBody(s *scanner) (doc []byte, inline bool, err error) {
	start := s.pos
	var text textOf
	for {
		tok, err := s.next()
		if err != nil {
			return nil, false, err
		}
		switch tok.kind {
		case tokText:
			text.add(tok)
		case tokStart:
			inline = true
			if err := s.skip(); err != nil {
				return nil, false, err
			}
		case tokEnd:
			if inline {
				return bytes.TrimSpace(s.src[start:tok.at]), true, nil
			}
			return text.b, false, nil
		}
	}
}

// textOf joins the text pieces of an element into the document it carries
// as a string: CDATA sections and escaped text as they are, except that
// blank text outside CDATA before the first piece (indentation in front of
// <![CDATA[) is not part of it.
type textOf struct {
	b       []byte
	started bool
}

func (t *textOf) add(tok token) {
	if !t.started && !tok.cdata && blank(tok.text) {
		return
	}
	t.started = true
	t.b = joinText(t.b, tok.text)
}

// blank reports whether b holds only XML white space.
func blank(b []byte) bool {
	for _, c := range b {
		if !isSpace(c) {
			return false
		}
	}
	return true
}

// bodyType returns the xsi:type of the body document's root element, without
// a namespace prefix.
func bodyType(body []byte) string {
	if len(body) == 0 {
		return ""
	}
	head := body[:min(len(body), 2048)] // the root's start tag is near the top
	root, err := rootElement(newScanner(head))
	if err != nil && len(head) < len(body) {
		root, err = rootElement(newScanner(body))
	}
	if err != nil {
		return ""
	}
	v, ok := attr(root.attrs, "type", NSXSI, "xsi")
	if !ok {
		return ""
	}
	if i := strings.LastIndexByte(v, ':'); i >= 0 {
		v = v[i+1:]
	}
	return strings.TrimSpace(v)
}

func clip(s string, n int) string {
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
