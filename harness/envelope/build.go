package envelope

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/xml"
	"strings"
	"time"
	"unicode/utf8"
)

// Request is what a caller fills to build a request envelope.
type Request struct {
	TranID, ChannelID string
	Expand            []Pair // e.g. identityType, sjry, sjjg, in the order to send
	Body              string // the taxML document; it gets an XML declaration if it has none
}

// Builder builds request envelopes. Now and Seq are injectable for
// byte-stable output in tests; the zero value uses the clock in Beijing time
// (head times are UTC+08:00) and a random dashless UUID (crypto/rand) as
// tran_seq. An injected Now keeps its own zone (a replay keeps its head).
// Encoding (GBK, GB18030; default UTF-8) is the encoding of the whole
// envelope sent, CDATA body included, both declaring it.
type Builder struct {
	Now      func() time.Time
	Seq      func() string
	Encoding string
}

// Build returns a bare <service> request envelope and the head it holds.
// The head order is tran_id, channel_id, tran_seq, tran_date, tran_time,
// expand*; the body goes in CDATA with its own XML declaration.
func (b Builder) Build(r Request) ([]byte, Head) {
	now := func() time.Time { return time.Now().In(Beijing) }
	if b.Now != nil {
		now = b.Now
	}
	seq := NewSeq
	if b.Seq != nil {
		seq = b.Seq
	}
	t := now()
	h := Head{
		TranID: r.TranID, ChannelID: r.ChannelID, TranSeq: seq(),
		TranDate: t.Format("20060102"), TranTime: FormatTranTime(t),
		Expand: r.Expand,
	}
	env := write(h, r.Body, false)
	if out, err := encodeRequest(env, b.Encoding); err == nil {
		env = out // an unknown name is refused where it is configured (config, CLI)
	}
	return env, h
}

// BuildResponse returns a response envelope with h's head (rtn_code and
// rtn_msg included) and body. Tests use it to stand in for the bus.
func BuildResponse(h Head, body string) []byte { return write(h, body, true) }

// FormatTranTime formats t as tran_time: HHmmssSSS, 24-hour clock.
func FormatTranTime(t time.Time) string {
	return t.Format("150405") + t.Format(".000")[1:]
}

// NewSeq returns a random 32-character tran_seq: a dashless version 4 UUID.
func NewSeq() string {
	var u [16]byte
	if _, err := rand.Read(u[:]); err != nil {
		panic("envelope: crypto/rand failed: " + err.Error())
	}
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	return hex.EncodeToString(u[:])
}

const xmlDeclUTF8 = `<?xml version="1.0" encoding="UTF-8"?>`

func write(h Head, body string, response bool) []byte {
	var b bytes.Buffer
	b.Grow(len(body) + 640)
	b.WriteString(xmlDeclUTF8 + "\n")
	b.WriteString(`<service xmlns="` + NSSpec + `" xmlns:xsi="` + NSXSI + `">` + "\n  <head>\n")
	field(&b, "tran_id", h.TranID)
	field(&b, "channel_id", h.ChannelID)
	field(&b, "tran_seq", h.TranSeq)
	field(&b, "tran_date", h.TranDate)
	field(&b, "tran_time", h.TranTime)
	if response {
		field(&b, "rtn_code", h.RtnCode)
		b.WriteString("    <rtn_msg>")
		inline(&b, "Code", h.Code)
		inline(&b, "Message", h.Message)
		inline(&b, "Reason", h.Reason)
		b.WriteString("</rtn_msg>\n")
	}
	optional(&b, "file_path", h.FilePath)
	optional(&b, "serv_version", h.ServVersion)
	for _, p := range h.Expand {
		b.WriteString("    <expand>")
		inline(&b, "name", p.Name)
		inline(&b, "value", p.Value)
		b.WriteString("</expand>\n")
	}
	b.WriteString("  </head>\n  <body>")
	if body = strings.TrimSpace(body); body != "" {
		writeCDATA(&b, withDecl(body))
	}
	b.WriteString("</body>\n</service>\n")
	return b.Bytes()
}

func field(b *bytes.Buffer, name, v string) {
	b.WriteString("    ")
	inline(b, name, v)
	b.WriteByte('\n')
}

func optional(b *bytes.Buffer, name, v string) {
	if v != "" {
		field(b, name, v)
	}
}

func inline(b *bytes.Buffer, name, v string) {
	b.WriteByte('<')
	b.WriteString(name)
	if v == "" {
		b.WriteString("/>")
		return
	}
	b.WriteByte('>')
	escapeText(b, v)
	b.WriteString("</")
	b.WriteString(name)
	b.WriteByte('>')
}

// escapeText writes v as xml.EscapeText does; text of printable ASCII
// without markup characters (most head values) is written as it is.
func escapeText(b *bytes.Buffer, v string) {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '&' || c == '\'' || c == '<' || c == '>' {
			_ = xml.EscapeText(b, []byte(v)) // a bytes.Buffer never fails
			return
		}
	}
	b.WriteString(v)
}

// withDecl gives a body document an XML declaration saying UTF-8 (EncodeAs
// names the encoding sent in the body's declaration too).
func withDecl(body string) string {
	body = strings.TrimPrefix(body, "\uFEFF")
	if _, ok := xmlDecl([]byte(body)); ok {
		return asUTF8Decl(body)
	}
	return xmlDeclUTF8 + body
}

// writeCDATA writes s as CDATA, splitting every "]]>" across two sections.
func writeCDATA(b *bytes.Buffer, s string) {
	b.WriteString("<![CDATA[")
	b.WriteString(strings.ReplaceAll(s, "]]>", "]]]]><![CDATA[>"))
	b.WriteString("]]>")
}
