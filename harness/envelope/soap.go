package envelope

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
)

// Fault is a SOAP Fault found in a SOAP Body.
type Fault struct {
	Code   string // faultcode (SOAP 1.1) or Code/Value (SOAP 1.2)
	String string // faultstring (SOAP 1.1) or Reason/Text (SOAP 1.2)
}

// Error renders "SOAP Fault: code: string".
func (f *Fault) Error() string {
	return fmt.Sprintf("SOAP Fault: %s: %s", f.Code, clip(f.String, 200))
}

// WrapSOAP wraps an envelope in a SOAP 1.1 request in the style of
// Gt3AipWebService.sendBaseXMLEsbWebService: the whole <service> document is
// a CDATA string inside <spec:service> in soapenv:Body. An envelope in another
// declared encoding is converted to UTF-8 first.
func WrapSOAP(envelope []byte) []byte {
	if text, _, err := toUTF8(envelope); err == nil {
		envelope = []byte(asUTF8Decl(string(text)))
	}
	var b bytes.Buffer
	b.Grow(len(envelope) + 320)
	b.WriteString(xmlDeclUTF8 + "\n")
	b.WriteString(`<soapenv:Envelope xmlns:soapenv="` + NSSOAP + `" xmlns:spec="` + NSSpec + `">`)
	b.WriteString(`<soapenv:Header/><soapenv:Body><spec:service>`)
	writeCDATA(&b, string(envelope))
	b.WriteString(`</spec:service></soapenv:Body></soapenv:Envelope>` + "\n")
	return b.Bytes()
}

// UnwrapSOAP returns the message inside a SOAP 1.1 (or 1.2) envelope: the
// text of the first element in the Body (spec:service, or a response element
// such as sendBaseXMLEsbWebServiceResponse/return), or the markup of a
// <service> element placed in the Body as XML. The bool reports whether data
// was SOAP at all; data that is not is returned unchanged. A SOAP Fault is
// returned as a *Fault error.
func UnwrapSOAP(data []byte) ([]byte, bool, error) {
	text, _, err := toUTF8(data)
	if err != nil {
		return nil, false, err
	}
	inner, soap, err := unwrap(text)
	if !soap && err == nil {
		return data, false, nil
	}
	return inner, soap, err
}

// unwrap is UnwrapSOAP on UTF-8 text; non-SOAP text is returned as is.
func unwrap(text []byte) ([]byte, bool, error) {
	s := newScanner(text)
	root, err := rootElement(s)
	if err != nil {
		return nil, false, err
	}
	if string(root.name) != "Envelope" {
		return text, false, nil
	}
	inner, err := soapBody(s)
	if err != nil {
		return nil, true, err
	}
	return inner, true, nil
}

// soapBody finds the Body among the Envelope's children and reads its payload.
func soapBody(s *scanner) ([]byte, error) {
	for {
		tok, ok, err := s.nextChild()
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, errors.New("SOAP Envelope without a Body")
		}
		if string(tok.name) == "Body" {
			return bodyPayload(s)
		}
		if err := s.skip(); err != nil {
			return nil, err
		}
	}
}

// bodyPayload reads the first child of the SOAP Body.
func bodyPayload(s *scanner) ([]byte, error) {
	tok, ok, err := s.nextChild()
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, errors.New("empty SOAP Body")
	}
	if string(tok.name) == "Fault" {
		return nil, readFault(s)
	}
	return payload(s, tok.at)
}

// payload returns the text held by the element just opened (at any depth),
// or its raw markup when it holds a <head>: a <service> sent as XML. Text
// must be a well-formed document itself (libxml2's call, read as UTF-8).
func payload(s *scanner, start int) ([]byte, error) {
	var text textOf
	inline := false
	for d := s.depth(); s.depth() >= d; {
		tok, err := s.next()
		if err != nil {
			return nil, err
		}
		switch tok.kind {
		case tokText:
			text.add(tok)
		case tokStart:
			inline = inline || (s.depth() == d+1 && string(tok.name) == "head")
		}
	}
	if inline {
		return s.src[start:s.pos], nil
	}
	if blank(text.b) {
		return nil, errors.New("the SOAP Body holds no message")
	}
	if _, err := judge(text.b, true); err != nil {
		return nil, fmt.Errorf("in the SOAP payload: %w", err)
	}
	return bytes.TrimSpace(text.b), nil
}

func readFault(s *scanner) error {
	f := &Fault{}
	var cur *string
	var sb strings.Builder
	for d := s.depth(); s.depth() >= d; {
		tok, err := s.next()
		if err != nil {
			return err
		}
		switch tok.kind {
		case tokStart:
			cur, sb = faultField(f, string(tok.name)), strings.Builder{}
		case tokText:
			sb.Write(tok.text)
		case tokEnd:
			if cur != nil && *cur == "" {
				*cur = strings.TrimSpace(sb.String())
			}
			cur = nil
		}
	}
	return f
}

func faultField(f *Fault, name string) *string {
	switch name {
	case "faultcode", "Value":
		return &f.Code
	case "faultstring", "Text":
		return &f.String
	}
	return nil
}
