package libxml

import (
	"strings"
	"testing"
)

// fastCase is a document, whether the fast path must give a verdict on it
// (accept it), and whether libxml2 accepts it as it is.
type fastCase struct {
	name, doc  string
	force      bool
	fast, want bool
}

var fastCases = []fastCase{
	{"plain", `<a>x</a>`, false, true, true},
	{"declared UTF-8, CDATA", `<?xml version="1.0" encoding="UTF-8"?><a><![CDATA[<b>&</b>]]></a>`, false, true, true},
	{"split CDATA", `<a><![CDATA[x]]]]><![CDATA[>y]]></a>`, false, true, true},
	{"CDATA of multi-byte text", "<a><![CDATA[增值税 \t\r\n\U0001F600\u00e9]]></a>", false, true, true},
	{"CDATA after a comment and a PI", `<a><!-- <![CDATA[ --><?p <![CDATA[ ?><![CDATA[x]]></a>`, false, true, true},
	{"quoted > in a tag", `<a b=">"><![CDATA[x]]></a>`, false, true, true},
	{"forced UTF-8 over a GBK label", `<?xml version="1.0" encoding="GBK"?><a><![CDATA[成]]></a>`, true, true, true},
	{"UTF-8 BOM", "\uFEFF<a><![CDATA[x]]></a>", false, true, true},
	{"-- hidden in a CDATA-like comment", `<a><!-- <![CDATA[ -- ]]> --></a>`, false, false, false},
	{"control char in CDATA", "<a><![CDATA[x\x01]]></a>", false, false, false},
	{"NUL in CDATA", "<a><![CDATA[x\x00]]></a>", false, false, false},
	{"invalid UTF-8 in CDATA", "<a><![CDATA[x\xff]]></a>", false, false, false},
	{"surrogate in CDATA", "<a><![CDATA[\xed\xa0\x80]]></a>", false, false, false},
	{"U+FFFE in CDATA", "<a><![CDATA[\uFFFE]]></a>", false, false, false},
	{"CDATA outside the root", `<a/><![CDATA[x]]>`, false, false, false},
	{"]]> in text", `<a><![CDATA[x]]>]]></a>`, false, false, false},
	{"unterminated CDATA", `<a><![CDATA[x</a>`, false, false, false},
	{"ends in a comment", `<a/><!-- x`, false, false, false},
	{"ends in a comment ending in -", `<a/><!-- x -`, false, false, false},
	{"ends in a PI", `<a/><?p x`, false, false, false},
	{"ends in CDATA", `<a><![CDATA[x`, false, false, false},
	{"ends in an attribute value", `<a b="x`, false, false, false},
	{"ends in a start tag", `<a`, false, false, false},
	{"ends in an end tag", `<a></a`, false, false, false},
	{"ends in a reference", `<a>&amp`, false, false, false},
	{"ends inside the root", `<a>x`, false, false, false},
	{"ends in the declaration", `<?xml version="1.0"`, false, false, false},
	{"no root", `<!-- x -->`, false, false, false},
	{"DOCTYPE", `<!DOCTYPE a><a><![CDATA[x]]></a>`, false, false, false},
	{"GBK declared", "<?xml version=\"1.0\" encoding=\"GBK\"?><a><![CDATA[\xb3\xc9]]></a>", false, false, true},
	{"GBK declared, ASCII CDATA", `<?xml version="1.0" encoding="GBK"?><a><![CDATA[x]]></a>`, false, false, true},
	{"UTF-16LE", "\xff\xfe<\x00a\x00/\x00>\x00", false, false, true},
	{"UTF-16 label on UTF-8", `<?xml version="1.0" encoding="UTF-16"?><a/>`, false, false, false},
}

// TestFastPath: the fast path accepts only what libxml2 accepts as it is,
// and does accept the common shapes (else Check would be slow, not wrong).
func TestFastPath(t *testing.T) {
	for _, tc := range fastCases {
		t.Run(tc.name, func(t *testing.T) {
			fast, exact := verdicts(t, []byte(tc.doc), tc.force)
			if fast != tc.fast || exact != tc.want {
				t.Fatalf("fast path %v, libxml2 %v; want %v, %v", fast, exact, tc.fast, tc.want)
			}
		})
	}
}

// verdicts returns the fast path's verdict and libxml2's on the document
// as it is; it fails t when the fast path accepts what libxml2 rejects.
func verdicts(t *testing.T, doc []byte, force bool) (fast, exact bool) {
	t.Helper()
	ps := parsers.get()
	defer parsers.put(ps)
	fast = ps.fastAccepts(doc, force)
	_, err := ps.check(doc, force)
	if fast && err != nil {
		t.Fatalf("fast path accepts it, libxml2 rejects it: %v", err)
	}
	return fast, err == nil
}

// TestCheckKeepsReasons: a rejected document gets the reason and offset of
// the document as it is, not of the fast path's copy.
func TestCheckKeepsReasons(t *testing.T) {
	doc := "<a><![CDATA[" + strings.Repeat("x", 300) + "]]><b c='1' c='2'/></a>"
	_, err := Check([]byte(doc), false)
	if err == nil || err.Offset != int64(strings.Index(doc, "/></a>")) || !strings.Contains(err.Msg, "redefined") {
		t.Fatalf("got %v, want the duplicate attribute at byte %d", err, strings.Index(doc, "/></a>"))
	}
}

func TestStripCDATA(t *testing.T) {
	for _, tc := range []struct{ in, out string }{
		{`<a><![CDATA[x<y>]]></a>`, `<a><![CDATA[]]></a>`},
		{`<a><![CDATA[]]]]><![CDATA[>]]></a>`, `<a><![CDATA[]]><![CDATA[]]></a>`},
		{`<a><!-- <![CDATA[x]]> --></a>`, `<a><!-- <![CDATA[x]]> --></a>`},
		{`<?p <![CDATA[x]]> ?><a/>`, `<?p <![CDATA[x]]> ?><a/>`},
		{`<a b="x"><![CDATA[y]]>z</a>`, `<a b="x"><![CDATA[]]>z</a>`},
		{`<a><![CDATA[x`, ""},
		{`<!DOCTYPE a><a/>`, ""},
		{"<a><![CDATA[\x02]]></a>", ""},
	} {
		dst := make([]byte, len(tc.in))
		n, ok := stripCDATA(dst, []byte(tc.in))
		if got := string(dst[:n]); ok != (tc.out != "") || ok && got != tc.out {
			t.Errorf("stripCDATA(%q) = %q, %v; want %q", tc.in, got, ok, tc.out)
		}
	}
}

func TestXMLChars(t *testing.T) {
	for in, want := range map[string]bool{
		"":                                       true,
		"plain ASCII, more than 8 bytes \x7f":    true,
		"tab\tnewline\ncr\r":                     true,
		"增值税 then ASCII after it":                true,
		"\U00010000\U0010FFFF\uFFFD\uE000":       true,
		"eight by\x1ftes":                        false,
		"0123456\x01ABCDEFGH, 16 bytes and more": false,
		"\x00":                                   false,
		"abc\xc3":                                false,
		"\xc0\xaf":                               false, // overlong
		"\xed\xbf\xbf":                           false, // surrogate
		"\uFFFF":                                 false,
		"12345678\uFFFE":                         false,
	} {
		if got := xmlChars([]byte(in)); got != want {
			t.Errorf("xmlChars(%q) = %v, want %v", in, got, want)
		}
	}
}

// FuzzFastPath: whatever the input, the fast path accepts only what
// libxml2 accepts as it is (seeds: the cases above).
func FuzzFastPath(f *testing.F) {
	for _, tc := range fastCases {
		f.Add([]byte(tc.doc), tc.force)
	}
	f.Fuzz(func(t *testing.T, doc []byte, force bool) { verdicts(t, doc, force) })
}
