package sim

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/beevik/etree"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// head is the technical head of an envelope, echoed in every answer.
type head struct {
	TranID, ChannelID, TranSeq, TranDate, TranTime string
	Expand                                         [][2]string // name, value in order
}

// request is one decoded request: head, transport form and business body.
type request struct {
	Head   head
	SOAP   bool
	Body   *etree.Element    // the taxML root; nil when the body is empty
	Fields map[string]string // first non-empty leaf text per local name
}

// errMalformed marks a request that could not be decoded.
var errMalformed = errors.New("malformed request")

var xmlDecl = regexp.MustCompile(`^\s*<\?xml[^>]*\?>`)

// charsetReader decodes the encodings provincial gateways declare.
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "utf-8", "utf8", "":
		return in, nil
	case "gbk", "gb2312", "cp936":
		return simplifiedchinese.GBK.NewDecoder().Reader(in), nil
	case "gb18030":
		return simplifiedchinese.GB18030.NewDecoder().Reader(in), nil
	}
	return nil, fmt.Errorf("unsupported encoding %q", label)
}

func parseDoc(b []byte) (*etree.Element, error) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	doc := etree.NewDocument()
	doc.ReadSettings.CharsetReader = charsetReader
	if err := doc.ReadFromBytes(b); err != nil {
		return nil, err
	}
	if doc.Root() == nil {
		return nil, errors.New("no root element")
	}
	return doc.Root(), nil
}

// parseRequest decodes a bare envelope or one wrapped in SOAP 1.1. The head
// is returned as far as it could be read, also with an error.
func parseRequest(b []byte) (*request, error) {
	root, err := parseDoc(b)
	if err != nil {
		return &request{}, fmt.Errorf("%w: %v", errMalformed, err)
	}
	req := &request{}
	if root.Tag == "Envelope" {
		req.SOAP = true
		if root, err = unwrapSOAP(root); err != nil {
			return req, fmt.Errorf("%w: %v", errMalformed, err)
		}
	}
	if root.Tag != "service" {
		return req, fmt.Errorf("%w: root element is <%s>, want <service>", errMalformed, root.Tag)
	}
	h := root.SelectElement("head")
	if h == nil {
		return req, fmt.Errorf("%w: no <head>", errMalformed)
	}
	req.Head = readHead(h)
	if req.Head.TranID == "" {
		return req, fmt.Errorf("%w: empty tran_id", errMalformed)
	}
	if len(req.Head.TranSeq) != 32 {
		return req, fmt.Errorf("%w: tran_seq must be 32 characters, got %d", errMalformed, len(req.Head.TranSeq))
	}
	if body := root.SelectElement("body"); body != nil {
		if err := req.readBody(body.Text()); err != nil {
			return req, fmt.Errorf("%w: body: %v", errMalformed, err)
		}
	}
	return req, nil
}

// unwrapSOAP finds the <service> document inside soap:Body: either a CDATA
// (or escaped) string in the operation element or the element itself.
func unwrapSOAP(env *etree.Element) (*etree.Element, error) {
	body := env.SelectElement("Body")
	if body == nil {
		return nil, errors.New("SOAP envelope without Body")
	}
	for el := body; el != nil; {
		if el.Tag == "service" && el.SelectElement("head") != nil {
			return el, nil
		}
		if txt := strings.TrimSpace(el.Text()); strings.HasPrefix(txt, "<") {
			return parseDoc([]byte(xmlDecl.ReplaceAllString(txt, "")))
		}
		kids := el.ChildElements()
		if len(kids) == 0 {
			break
		}
		el = kids[0]
	}
	return nil, errors.New("SOAP Body carries no <service> document")
}

func readHead(h *etree.Element) head {
	get := func(n string) string {
		if e := h.SelectElement(n); e != nil {
			return strings.TrimSpace(e.Text())
		}
		return ""
	}
	out := head{TranID: get("tran_id"), ChannelID: get("channel_id"), TranSeq: get("tran_seq"),
		TranDate: get("tran_date"), TranTime: get("tran_time")}
	for _, e := range h.SelectElements("expand") {
		var n, v string
		if x := e.SelectElement("name"); x != nil {
			n = x.Text()
		}
		if x := e.SelectElement("value"); x != nil {
			v = x.Text()
		}
		out.Expand = append(out.Expand, [2]string{n, v})
	}
	return out
}

// readBody parses the business document (its own declaration is dropped:
// the text is already decoded) and indexes its leaf fields.
func (r *request) readBody(text string) error {
	text = strings.TrimSpace(xmlDecl.ReplaceAllString(text, ""))
	r.Fields = map[string]string{}
	if text == "" {
		return nil
	}
	root, err := parseDoc([]byte(text))
	if err != nil {
		return err
	}
	r.Body = root
	var walk func(e *etree.Element)
	walk = func(e *etree.Element) {
		kids := e.ChildElements()
		if len(kids) == 0 {
			if v := strings.TrimSpace(e.Text()); v != "" {
				if _, seen := r.Fields[e.Tag]; !seen {
					r.Fields[e.Tag] = v
				}
			}
		}
		for _, k := range kids {
			walk(k)
		}
	}
	walk(root)
	return nil
}

// rows returns the rows of a grid: every element named rowTag (e.g.
// sbxxGridlb) anywhere in the body, each as its leaf fields.
func (r *request) rows(rowTag string) []map[string]string {
	if r.Body == nil {
		return nil
	}
	var out []map[string]string
	for _, e := range r.Body.FindElements("//" + rowTag) {
		row := map[string]string{}
		for _, k := range e.ChildElements() {
			row[k.Tag] = strings.TrimSpace(k.Text())
		}
		out = append(out, row)
	}
	return out
}

// field returns a body field, trimmed ("" when absent).
func (r *request) field(name string) string { return r.Fields[name] }
