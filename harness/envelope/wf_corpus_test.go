package envelope_test

import (
	"bytes"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// The corpus of the differential test (wf_diff_test.go): business documents
// and whole-message changes, well-formed and not, of every kind issue 16
// lists. Written for gt3ct; libxml2 decides which are well-formed.

const (
	nsAttrs  = ` xmlns="http://www.chinatax.gov.cn/dataspec/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"`
	declUTF8 = `<?xml version="1.0" encoding="UTF-8"?>`
)

// doc returns a taxML answer document whose <mc> holds inner.
func doc(inner string) string {
	return declUTF8 + `<taxML xsi:type="HXZGSB00044Response"` + nsAttrs + `><mc>` + inner + `</mc></taxML>`
}

// docKinds are business documents: each is embedded in every body form.
var docKinds = map[string]string{
	"plain":               doc("增值税"),
	"long char ref":       doc("&#x0000000031;&#0000000049;"),
	"char refs":           doc("&#x4E2D;&#20013;&#x10FFFF;&#9;"),
	"nested CDATA":        doc("<![CDATA[a<b&c]]>"),
	"escaped ]]>":         doc("a]]&gt;b"),
	"comment and PI":      doc("<!-- 说明 --><?gt3 x?>") + "\n<!-- end -->",
	"no declaration":      `<taxML` + nsAttrs + `><mc>x</mc></taxML>`,
	"standalone yes":      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><taxML/>`,
	"GBK declared string": `<?xml version="1.0" encoding="GBK"?><taxML><mc>增值税</mc></taxML>`,
	"unbound prefix":      doc("<x:a/>"),
	"CJK names":           doc("<名称 属性='值'/>"),
	"attr with entities":  doc(`<a v="A&amp;B&lt;C&#x3E;"/>`),
	"control char":        doc("a\x01b"),
	"control char VT":     doc("a\vb"),
	"char ref 1":          doc("&#1;"),
	"char ref 0":          doc("&#0;"),
	"char ref FFFF":       doc("&#xFFFF;"),
	"char ref D800":       doc("&#xD800;"),
	"char ref bad digit":  doc("&#x12G;"),
	"attr & and <":        doc(`<a mc="A&B<C"/>`),
	"attr bare &":         doc(`<a mc="A&B"/>`),
	"attr <":              doc(`<a mc="A<C"/>`),
	"attr undefined":      doc(`<a mc="&foo;"/>`),
	"text undefined":      doc("&nbsp;"),
	"attr duplicate":      doc(`<a x="1" x="2"/>`),
	"attr no value":       doc(`<a x/>`),
	"attr no quotes":      doc(`<a x=1/>`),
	"attr no space":       doc(`<a x="1"y="2"/>`),
	"]]> in text":         doc("a]]>b"),
	"-- in comment":       doc("<!-- a -- b -->"),
	"comment --->":        doc("<!-- a --->"),
	"XML decl in content": doc(`<?xml version="1.0"?>`),
	"PI named xml":        doc(`<?XmL x?>`),
	"PI no target":        doc(`<? x?>`),
	"space before decl":   " " + doc("x"),
	"newline before decl": "\n" + doc("x"),
	"decl no version":     `<?xml encoding="UTF-8"?><taxML/>`,
	"decl version 2.0":    `<?xml version="2.0"?><taxML/>`,
	"decl bad standalone": `<?xml version="1.0" standalone="maybe"?><taxML/>`,
	"decl order":          `<?xml encoding="UTF-8" version="1.0"?><taxML/>`,
	"VT before root":      "\v<taxML/>",
	"NBSP before root":    "\u00a0<taxML/>",
	"NBSP after root":     "<taxML/>\u00a0",
	"bad name digit":      doc("<1a/>"),
	"bad name dash":       doc("<-a/>"),
	"bad attr name":       doc(`<a 1x="1"/>`),
	"name with space":     doc("<a b></a b>"),
	"end tag mismatch":    doc("<a></b>"),
	"truncated":           declUTF8 + `<taxML><mc>x</mc>`,
	"truncated in tag":    declUTF8 + `<taxML><mc`,
	"two documents":       doc("x") + doc("y"),
	"two roots":           `<taxML/><taxML/>`,
	"text after root":     `<taxML/>x`,
	"text before root":    `x<taxML/>`,
	"CDATA outside root":  `<taxML/><![CDATA[x]]>`,
	"lone surrogate UTF8": doc("\xed\xa0\x80"),
	"invalid UTF-8":       doc("\xc3\x28"),
	"noncharacter FFFE":   doc("\uFFFE"),
	"empty":               "",
}

// messageKinds change a whole valid bare answer (CDATA body) in place.
var messageKinds = map[string]func(string) string{
	"as is":                 func(m string) string { return m },
	"space before decl":     func(m string) string { return " " + m },
	"decl without version":  replace(`<?xml version="1.0" encoding="UTF-8"?>`, `<?xml encoding="UTF-8"?>`),
	"bad standalone":        replace(`encoding="UTF-8"?>`, `encoding="UTF-8" standalone="maybe"?>`),
	"VT before root":        replace("?>\n<service", "?>\n\v<service"),
	"NBSP before root":      replace("?>\n<service", "?>\n\u00a0<service"),
	"control char in head":  replace("<Reason/>", "<Reason>a\x01b</Reason>"),
	"char ref 1 in head":    replace("<Reason/>", "<Reason>&#1;</Reason>"),
	"char ref FFFF in head": replace("<Reason/>", "<Reason>&#xFFFF;</Reason>"),
	"char ref D800 in head": replace("<Reason/>", "<Reason>&#xD800;</Reason>"),
	"long char ref in head": replace("<Reason/>", "<Reason>&#x0000000031;</Reason>"),
	"attr & and <":          replace("<service ", `<service mc="A&B<C" `),
	"attr undefined entity": replace("<service ", `<service mc="&foo;" `),
	"duplicate attribute":   replace("<service ", `<service xmlns:xsi="x" `),
	"]]> in head":           replace("<Reason/>", "<Reason>a]]>b</Reason>"),
	"-- in comment":         replace("<head>", "<head><!-- a -- b -->"),
	"PI in head":            replace("<head>", "<head><?gt3 x?>"),
	"XML decl in head":      replace("<head>", `<head><?xml version="1.0"?>`),
	"bad element name":      replace("<head>", "<head><1x/>"),
	"undefined entity":      replace("<Reason/>", "<Reason>&nbsp;</Reason>"),
	"truncated in body":     func(m string) string { return m[:strings.Index(m, "</body>")+4] },
	"truncated at end":      func(m string) string { return strings.TrimSpace(m)[:len(strings.TrimSpace(m))-3] },
	"two answers":           func(m string) string { return m + m },
	"element after root":    func(m string) string { return m + "<service/>" },
	"text after root":       func(m string) string { return m + "x" },
	"comment after root":    func(m string) string { return m + "<!-- 完 -->\n" },
	"GBK declared UTF-8":    replace(`encoding="UTF-8"?>`+"\n<service", `encoding="GBK"?>`+"\n<service"),
	"GBK declared, decodes": func(m string) string {
		return replace(`encoding="UTF-8"?>`+"\n<service", `encoding="GBK"?>`+"\n<service")(replace("<Message>成", "<Message>成功")(m))
	},
	"GBK encoded":     gbk,
	"UTF-16 with BOM": utf16,
}

func replace(old, new string) func(string) string {
	return func(m string) string { return strings.Replace(m, old, new, 1) }
}

func gbk(m string) string {
	m = strings.Replace(m, `encoding="UTF-8"`, `encoding="GBK"`, 1)
	out, err := simplifiedchinese.GBK.NewEncoder().String(m)
	if err != nil {
		panic(err)
	}
	return out
}

func utf16(m string) string {
	m = strings.Replace(m, `encoding="UTF-8"`, `encoding="UTF-16"`, 1)
	var b bytes.Buffer
	b.WriteString("\xff\xfe")
	for _, r := range m {
		b.WriteByte(byte(r))
		b.WriteByte(byte(r >> 8))
	}
	return b.String()
}

// escape writes s as element text (entity-escaped) the way a Java bus
// does, leaving every other character as it is.
func escape(s string) string { return escaper.Replace(s) }

var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// cdata writes s as CDATA, splitting every "]]>".
func cdata(s string) string {
	return "<![CDATA[" + strings.ReplaceAll(s, "]]>", "]]]]><![CDATA[>") + "]]>"
}

// soapKinds change a valid SOAP 1.1 answer: what follows the Body's first
// child, and the end of the message.
var soapKinds = map[string]func(string) string{
	"as is":               func(m string) string { return m },
	"element after":       after("<x>y</x>"),
	"char ref 1 after":    after("<x>&#1;</x>"),
	"control char after":  after("<x>\x01</x>"),
	"duplicate attribute": after(`<x a="1" a="2"/>`),
	"attr & and < after":  after(`<x mc="A&B<C"/>`),
	"-- in comment after": after("<!-- a -- b -->"),
	"XML decl after":      after(`<?xml version="1.0"?>`),
	"]]> after":           after("a]]>b"),
	"unclosed after":      after("<x>"),
	"stray end tag after": after("</x>"),
	"bad name after":      after("<1x/>"),
	"truncated after return": func(m string) string {
		return m[:strings.Index(m, "</return>")+len("</return>")] + "</ns2:sendBaseXMLEsbWebServiceResponse></soap:Bo"
	},
	"two answers":        func(m string) string { return m + m },
	"text after":         func(m string) string { return m + "x" },
	"NBSP before root":   replace("?>\n<soap:", "?>\n\u00a0<soap:"),
	"header before body": replace("<soap:Body>", "<soap:Header><h>&#x0000000031;</h></soap:Header><soap:Body>"),
}

const soapEnd = "</ns2:sendBaseXMLEsbWebServiceResponse>"

func after(fragment string) func(string) string { return replace(soapEnd, soapEnd+fragment) }

// soapAnswer wraps payload (the escaped or CDATA text of <return>, or an
// inline <service>) the way Gt3AipWebService answers.
func soapAnswer(payload string) string {
	return declUTF8 + "\n<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" +
		`<ns2:sendBaseXMLEsbWebServiceResponse xmlns:ns2="http://service.gt3.example/"><return>` + payload +
		"</return>" + soapEnd + "</soap:Body></soap:Envelope>\n"
}
