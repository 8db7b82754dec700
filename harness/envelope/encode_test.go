package envelope

import (
	"bytes"
	"encoding/xml"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestBuildInSiteEncoding: a request built for a GBK (or GB18030) gateway is
// encoded whole, CDATA body included, both declarations naming the
// encoding, and parses back to the same text; a character GBK lacks
// travels as a character reference.
func TestBuildInSiteEncoding(t *testing.T) {
	type testCase struct {
		enc, decl string
		rare      bool // 𠀀 (U+20000) is in GB18030, not in GBK
	}
	body := `<taxML><nsrmc>广西测试𠀀有限公司</nsrmc><a><![CDATA[x<y]]></a></taxML>`
	run := func(t *testing.T, tc testCase) {
		b := Builder{Now: func() time.Time { return time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC) }, Seq: func() string { return "S1" }, Encoding: tc.enc}
		wire, _ := b.Build(Request{TranID: "SWZJ.HXZG.SB.X", ChannelID: "GX", Body: body})
		assert.True(t, bytes.HasPrefix(wire, []byte(`<?xml version="1.0" encoding="`+tc.decl+`"?>`)), "%s", wire[:60])
		assert.False(t, utf8.Valid(wire), "the Chinese is not UTF-8 on the wire")
		assert.Contains(t, string(wire), `<![CDATA[<?xml version="1.0" encoding="`+tc.decl+`"?>`)
		assert.Equal(t, tc.rare, bytes.Contains(wire, []byte("]]>&#x20000;<![CDATA[")))
		m, err := Parse(wire)
		require.NoError(t, err)
		assert.Equal(t, tc.decl, m.Encoding)
		assert.Contains(t, m.Body, "<nsrmc>广西测试𠀀有限公司</nsrmc>")
		assert.Contains(t, m.Body, "<a><![CDATA[x<y]]></a>", "a CDATA section inside the body survives the CDATA body")
	}
	for _, tc := range []testCase{{"GBK", "GBK", true}, {"gb18030", "GB18030", false}} {
		t.Run(tc.enc, func(t *testing.T) { run(t, tc) })
	}
}

func TestBuildDefaultStaysUTF8(t *testing.T) {
	for _, enc := range []string{"", "UTF-8", "utf8"} {
		wire, _ := Builder{Encoding: enc}.Build(Request{TranID: "X", Body: "<taxML><a>广西</a></taxML>"})
		assert.True(t, utf8.Valid(wire))
		assert.True(t, bytes.HasPrefix(wire, []byte(xmlDeclUTF8)))
	}
}

// TestEscapeText: head values are written as encoding/xml writes them,
// whether or not they take the shortcut for plain text.
func TestEscapeText(t *testing.T) {
	for _, v := range []string{"", "SWZJ.HXZG.SB", "plain \x7f", `a"b`, "a'b", "a&b", "a<b>", "tab\t", "nl\n", "cr\r",
		"\x01", "增值税", "\xff", "\uFFFE", "成 & 税"} {
		var got, want bytes.Buffer
		escapeText(&got, v)
		_ = xml.EscapeText(&want, []byte(v))
		if got.String() != want.String() {
			t.Errorf("escapeText(%q) = %q, want %q", v, got.String(), want.String())
		}
	}
}
