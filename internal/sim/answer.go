package sim

import (
	"encoding/xml"
	"strings"
)

// Return codes the bus uses (gt3-protocol.md §1).
const (
	rtnOK        = "0"
	rtnInterface = "1" // interface exception (Code 003/005): malformed request, core error
	rtnRouting   = "2" // the bus could not reach the core EJB
	rtnBusiness  = "3" // a business rule refused the call
)

const (
	nsSpec     = "http://www.chinatax.gov.cn/spec/"
	nsData     = "http://www.chinatax.gov.cn/dataspec/"
	nsXSI      = "http://www.w3.org/2001/XMLSchema-instance"
	nsSOAP     = "http://schemas.xmlsoap.org/soap/envelope/"
	routingMsg = "javax.naming.CommunicationException: Could not establish a connection with the core EJB gt3.esb.ejb.AipEJBAdapterXml [Root exception is java.net.ConnectException: t3://hxzg-core:7001: Destination unreachable]"
)

// answer is what a service returns before it is put in an envelope.
type answer struct {
	RtnCode string
	Code    string
	Message string
	Reason  string
	Body    string // inner XML of the taxML root (success only)
}

func success(body string) *answer { return &answer{RtnCode: rtnOK, Code: "000", Body: body} }

func refusal(reason string) *answer {
	return &answer{RtnCode: rtnBusiness, Code: "300", Message: "业务校验未通过", Reason: reason}
}

func routingError() *answer {
	return &answer{RtnCode: rtnRouting, Code: "004", Message: "调用核心服务失败", Reason: routingMsg}
}

func malformedAnswer(reason string) *answer {
	return &answer{RtnCode: rtnInterface, Code: "003", Message: "报文格式错误", Reason: reason}
}

func coreError(reason string) *answer {
	return &answer{RtnCode: rtnInterface, Code: "005", Message: "核心服务异常", Reason: reason}
}

// esc escapes text for element content and attributes.
func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// cdata wraps s in CDATA, splitting any "]]>" it contains.
func cdata(s string) string {
	return "<![CDATA[" + strings.ReplaceAll(s, "]]>", "]]]]><![CDATA[>") + "]]>"
}

// envelope renders the answer as a <service> document declaring enc.
func (a *answer) envelope(h head, bodyType, enc string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="` + enc + `"?>`)
	b.WriteString(`<service xmlns="` + nsSpec + `" xmlns:xsi="` + nsXSI + `"><head>`)
	for _, kv := range [][2]string{{"tran_id", h.TranID}, {"channel_id", h.ChannelID}, {"tran_seq", h.TranSeq},
		{"tran_date", h.TranDate}, {"tran_time", h.TranTime}, {"rtn_code", a.RtnCode}} {
		b.WriteString(el(kv[0], kv[1]))
	}
	b.WriteString("<rtn_msg>" + el("Code", a.Code) + el("Message", a.Message) + el("Reason", a.Reason) + "</rtn_msg>")
	for _, kv := range h.Expand {
		b.WriteString("<expand>" + el("name", kv[0]) + el("value", kv[1]) + "</expand>")
	}
	b.WriteString("</head>")
	if a.RtnCode != rtnOK {
		b.WriteString("<body/></service>")
		return b.String()
	}
	doc := `<?xml version="1.0" encoding="` + enc + `" standalone="yes"?><taxML xsi:type="` + bodyType +
		`" xmlns="` + nsData + `" xmlns:xsi="` + nsXSI + `">` + a.Body + `</taxML>`
	b.WriteString("<body>" + cdata(doc) + "</body></service>")
	return b.String()
}

// soapWrap puts a <service> document in a SOAP 1.1 envelope the way the
// Gt3AipWebService answers: a CDATA string inside spec:service.
func soapWrap(doc, enc string) string {
	doc = xmlDecl.ReplaceAllString(doc, "")
	return `<?xml version="1.0" encoding="` + enc + `"?><soap:Envelope xmlns:soap="` + nsSOAP + `"><soap:Body>` +
		`<spec:service xmlns:spec="` + nsSpec + `">` + cdata(doc) + `</spec:service></soap:Body></soap:Envelope>`
}

// el renders <name>value</name>, or <name/> when value is empty.
func el(name, value string) string {
	if value == "" {
		return "<" + name + "/>"
	}
	return "<" + name + ">" + esc(value) + "</" + name + ">"
}

// group renders <name>inner</name> around already rendered XML.
func group(name string, inner ...string) string {
	return "<" + name + ">" + strings.Join(inner, "") + "</" + name + ">"
}

// fieldsXML renders ordered (name, value) pairs.
func fieldsXML(pairs ...string) string {
	var b strings.Builder
	for i := 0; i+1 < len(pairs); i += 2 {
		b.WriteString(el(pairs[i], pairs[i+1]))
	}
	return b.String()
}

// grid renders rows as <name><nameLb>…</nameLb></name>; each row's fields
// are written in the order of cols (lowerCamel names).
func grid(name string, rows []map[string]string, cols []string) string {
	var b strings.Builder
	b.WriteString("<" + name + ">")
	for _, r := range rows {
		b.WriteString("<" + name + "lb>")
		for _, c := range cols {
			b.WriteString(el(c, r[c]))
		}
		b.WriteString("</" + name + "lb>")
	}
	b.WriteString("</" + name + ">")
	return b.String()
}

// bodyType is the xsi:type of an answer: HXZG_SB_00045 → HXZGSB00045Response.
func bodyType(code string) string { return strings.ReplaceAll(code, "_", "") + "Response" }
