// Package envelope reads, writes, classifies and lints the GT3 technical
// envelope (技术报文): the <service><head/><body/></service> document that
// carries a taxML business document to and from the HXZG core, bare or
// wrapped in SOAP 1.1 (gt3-protocol.md §1, §4).
package envelope

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// Namespaces used by the envelope and its SOAP wrapping.
const (
	NSSpec = "http://www.chinatax.gov.cn/spec/"
	NSXSI  = "http://www.w3.org/2001/XMLSchema-instance"
	NSSOAP = "http://schemas.xmlsoap.org/soap/envelope/"
)

// Message kinds.
const (
	KindRequest  = "request"
	KindResponse = "response"
)

// Pair is one <expand><name/><value/></expand> entry of the head.
type Pair struct{ Name, Value string }

// Head is the envelope head. Requests fill the first five fields and Expand;
// responses echo them and add RtnCode and the rtn_msg fields.
type Head struct {
	TranID, ChannelID, TranSeq, TranDate, TranTime string
	RtnCode                                        string // responses only
	Code, Message, Reason                          string // from <rtn_msg><Code/><Message/><Reason/></rtn_msg>
	FilePath, ServVersion                          string
	Expand                                         []Pair
}

// ExpandValue returns the value of the first expand entry called name.
func (h Head) ExpandValue(name string) (string, bool) {
	for _, p := range h.Expand {
		if p.Name == name {
			return p.Value, true
		}
	}
	return "", false
}

// Message is a parsed envelope.
type Message struct {
	Kind     string       // KindRequest or KindResponse (response when rtn_code or rtn_msg is present)
	Head     Head         // the head fields
	Body     string       // the business document (taxML) as UTF-8 text; its declaration, if any, says UTF-8
	BodyType string       // xsi:type of the taxML root, e.g. HXZGSB00045Request ("" when none)
	Encoding string       // the encoding the bytes were in (declared, upper-case; "UTF-8" when none)
	SOAP     bool         // it came wrapped in SOAP 1.1
	Class    result.Class // for responses, the answer class (see Classify); "" for requests
	Problems []string     // head lint problems (see Lint)
}

// Parse decodes an envelope: a request or a response, bare or wrapped in
// SOAP 1.1, in any declared encoding, with the body in CDATA or escaped text.
// It never panics; a message it cannot read gives an error of kind errs.Input
// whose text says why and where (line, column, byte offset). Well-formedness
// is libxml2's call (see judge), for the whole message and for a document
// carried as text inside it (SOAP payload, CDATA or escaped body).
func Parse(data []byte) (m *Message, err error) {
	defer func() {
		if r := recover(); r != nil {
			m, err = nil, errs.E("envelope", errs.Input, "unreadable message: %v", r)
		}
	}()
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, bomUTF8))) == 0 {
		return nil, errs.E("envelope", errs.Input, "empty message")
	}
	text, enc, err := toUTF8(data)
	if err != nil {
		return nil, errs.E("envelope", errs.Input, "%w", err)
	}
	inner, soap, err := unwrap(text)
	if err != nil {
		return nil, errs.E("envelope", errs.Input, "%w", err)
	}
	m, err = parseService(inner)
	if err != nil {
		if soap {
			return nil, errs.E("envelope", errs.Input, "in the SOAP payload: %w", err)
		}
		return nil, errs.E("envelope", errs.Input, "%w", err)
	}
	m.Encoding, m.SOAP = enc, soap
	m.Class = Classify(m)
	m.Problems = Lint(m)
	return m, nil
}

// Reason returns the text of a Parse error without the "envelope: " prefix:
// what a person needs to know about why the message is malformed.
func Reason(err error) string {
	var e *errs.Error
	if errors.As(err, &e) && e.Err != nil {
		return e.Err.Error()
	}
	return fmt.Sprint(err)
}
