package safety

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRecordXML(t *testing.T) {
	m := NewMasker(testKey)
	name, id := m.Mask(ClassName, "张伟"), m.Mask(ClassID, "450103198807150013")
	type testCase struct{ name, in, want string }
	run := func(t *testing.T, tc testCase) {
		assert.Equal(t, tc.want, m.Record().XML(tc.in))
	}
	for _, tc := range []testCase{
		{"leaf by its class, others kept", "<a><xm>张伟</xm><djxh>10114501000000012345</djxh></a>",
			"<a><xm>" + name + "</xm><djxh>10114501000000012345</djxh></a>"},
		{"prefix and spaces", `<ns:a x="1"><ns:sfzjhm> 450103198807150013 </ns:sfzjhm></ns:a>`,
			`<ns:a x="1"><ns:sfzjhm> ` + id + ` </ns:sfzjhm></ns:a>`},
		{"CDATA body is walked", "<body><![CDATA[<t><xm>张伟</xm></t>]]></body>",
			"<body><![CDATA[<t><xm>" + name + "</xm></t>]]></body>"},
		{"CDATA value", "<xm><![CDATA[张伟]]></xm>", "<xm><![CDATA[" + name + "]]></xm>"},
		{"escaped body is walked", "<body>&lt;t&gt;&lt;xm&gt;张伟&lt;/xm&gt;&lt;/t&gt;</body>",
			"<body>&lt;t&gt;&lt;xm&gt;" + name + "&lt;/xm&gt;&lt;/t&gt;</body>"},
		{"a field with children is not a leaf", "<xm><b>1</b></xm>", "<xm><b>1</b></xm>"},
		{"comments, declarations, self-closing, quoted >", `<?xml version="1.0"?><!-- <xm>x</xm> --><a q=">"><xm/><b>2</b></a>`,
			`<?xml version="1.0"?><!-- <xm>x</xm> --><a q=">"><xm/><b>2</b></a>`},
		{"not XML", "rtn_code=2", "rtn_code=2"},
		{"truncated", "<a><xm>张伟</xm><b", "<a><xm>" + name + "</xm><b"},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestRecordTextReplacesItsValues(t *testing.T) {
	m := NewMasker(testKey)
	r := m.Record()
	masked := r.Value(ClassPhone, "13877123456")
	assert.Equal(t, "call "+masked+" now", r.Text("call 13877123456 now"))
	assert.Equal(t, "call 13877123456 now", m.Record().Text("call 13877123456 now"), "another record did not see it")
}

func TestIdentifierRecordMasksEveryParty(t *testing.T) {
	m := NewMasker(testKey)
	buyer, seller, kept := "91110108MA01ABCD1X", sampleUSCC, "91450100MA5L7XKE1X"
	other := "450103198807150013" // an ID number in a field of no known name
	rec := m.IdentifierRecord(map[string]bool{kept: true})
	doc := "<fp><gmfnsrsbh>" + buyer + "</gmfnsrsbh><xsfnsrsbh>" + seller + "</xsfnsrsbh><shxydm>" + seller +
		"</shxydm><bz>" + other + "</bz><bsrsfzjhm>x1</bsrsfzjhm><je>3000.00</je></fp>"
	out := rec.XML(doc)
	for _, v := range []string{buyer, seller, other, ">x1<"} {
		assert.NotContains(t, out, v)
	}
	assert.Contains(t, out, "<je>3000.00</je>")
	assert.Contains(t, out, "<gmfnsrsbh>"+m.Mask(ClassID, buyer)+"</gmfnsrsbh>", "same input, same stand-in as the run's Mask")
	assert.Equal(t, 2, strings.Count(out, m.Mask(ClassID, seller)), "a value masks the same in every field")
	assert.Equal(t, "<nsrsbh>"+kept+"</nsrsbh>", m.IdentifierRecord(map[string]bool{kept: true}).XML("<nsrsbh>"+kept+"</nsrsbh>"))
	assert.Equal(t, "<gmfnsrsbh>"+buyer+"</gmfnsrsbh>", m.Record().XML("<gmfnsrsbh>"+buyer+"</gmfnsrsbh>"), "a plain Record keeps identifiers")
}
