package xsd

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"
)

const schemaFile = "testdata/TaxMLBw_HXZG_SB_00045_Request_V1.0.xsd"

func sample(t *testing.T, s *Schema) string {
	var b bytes.Buffer
	require.NoError(t, s.Sample(&b, ""))
	return b.String()
}

func TestSampleRoundTrip(t *testing.T) {
	s, err := Load(schemaFile)
	require.NoError(t, err)
	doc := sample(t, s)
	assert.Contains(t, doc, `xsi:type="HXZGSB00045Request"`)
	problems, err := s.Validate([]byte(doc), "sample.xml")
	require.NoError(t, err)
	assert.Empty(t, problems)
}

const good = `<?xml version="1.0" encoding="UTF-8"?>
<taxML xsi:type="HXZGSB00045Request" bbh="" xmlbh="" xmlmc="增值税小规模申报"
       xmlns="http://www.chinatax.gov.cn/dataspec/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <djxh>10114501000000000001</djxh>
  <skssqq>2026-10-01</skssqq>
  <skssqz>2026-12-31</skssqz>
  <yzpzzlDm>BDA0610611</yzpzzlDm>
  <nsrsbh>91450100MA5KXXXX1X</nsrsbh>
  <sbxxGrid>
    <sbxxGridlb xh="1"><zsxmDm>10101</zsxmDm><ybtse>1200.50</ybtse></sbxxGridlb>
    <sbxxGridlb xh="2"><zsxmDm>10109</zsxmDm><ybtse>84.04</ybtse></sbxxGridlb>
  </sbxxGrid>
</taxML>
`

func TestValidate(t *testing.T) {
	s, err := Load(schemaFile)
	require.NoError(t, err)
	type testCase struct {
		name     string
		from, to string // replacement applied to the good document
		want     string // "" = valid
	}
	run := func(t *testing.T, tc testCase) {
		doc := strings.Replace(good, tc.from, tc.to, 1)
		problems, err := s.Validate([]byte(doc), "request.xml")
		require.NoError(t, err)
		if tc.want == "" {
			assert.Empty(t, problems)
			return
		}
		require.NotEmpty(t, problems)
		assert.Equal(t, tc.want, problems[0].String())
	}
	for _, tc := range []testCase{
		{name: "valid"},
		{"bad date", "<skssqz>2026-12-31", "<skssqz>2026-13-01", `request.xml:6: element <skssqz>: value "2026-13-01" is not a valid xs:date`},
		{"enumeration", "BDA0610611", "BDA0000000", `request.xml:7: element <yzpzzlDm>: value "BDA0000000" is not one of BDA0610611, BDA0610606`},
		{"pattern", "<djxh>10114501000000000001", "<djxh>3011450100000000000", `request.xml:4: element <djxh>: value "3011450100000000000" does not match the pattern [12]\d{19}`},
		{"length", "<zsxmDm>10101", "<zsxmDm>1010", `request.xml:10: element <zsxmDm>: value "1010" has length 4, want 5`},
		{"max length", "91450100MA5KXXXX1X", "91450100MA5KXXXX1X0000", `request.xml:8: element <nsrsbh>: value "91450100MA5KXXXX1X0000" is longer than 20`},
		{"fraction digits", "1200.50", "1200.505", `request.xml:10: element <ybtse>: value "1200.505" has more than 2 fraction digits`},
		{"decimal", "1200.50", "12OO", `request.xml:10: element <ybtse>: value "12OO" is not a valid xs:decimal`},
		{"missing required", "  <skssqq>2026-10-01</skssqq>\n", "", `request.xml:5: element <skssqz>: found where <skssqq> is required`},
		{"order", "<skssqq>2026-10-01</skssqq>\n  <skssqz>2026-12-31</skssqz>", "<skssqz>2026-12-31</skssqz>\n  <skssqq>2026-10-01</skssqq>", `request.xml:5: element <skssqz>: found where <skssqq> is required`},
		{"choice", "<nsrsbh>91450100MA5KXXXX1X</nsrsbh>", "", `request.xml:9: element <sbxxGrid>: want one of <nsrsbh>, <shxydm>`},
		{"choice other branch", "<nsrsbh>91450100MA5KXXXX1X</nsrsbh>", "<shxydm>91450100MA5KXXXX1X</shxydm>", ""},
		{"required attribute", `<sbxxGridlb xh="2">`, `<sbxxGridlb>`, `request.xml:11: element <sbxxGridlb>: missing required attribute xh`},
		{"unknown xsi:type", `xsi:type="HXZGSB00045Request"`, `xsi:type="HXZGSB00044Response"`, `request.xml:3: element <taxML>: xsi:type "HXZGSB00044Response" is not a type of the schema`},
		{"wrong namespace", `xmlns="http://www.chinatax.gov.cn/dataspec/"`, `xmlns="urn:other"`, `request.xml:3: element <taxML>: namespace "urn:other", want "http://www.chinatax.gov.cn/dataspec/"`},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestValidateUnexpected(t *testing.T) {
	s, err := Load(schemaFile)
	require.NoError(t, err)
	doc := strings.Replace(good, "<nsrsbh>", "<bzz>x</bzz>\n  <nsrsbh>", 1)
	problems, err := s.Validate([]byte(doc), "request.xml")
	require.NoError(t, err)
	require.NotEmpty(t, problems)
	assert.Equal(t, `request.xml:8: element <bzz>: want one of <nsrsbh>, <shxydm>`, problems[0].String())
}

func TestValidateGBK(t *testing.T) {
	s, err := Load(schemaFile)
	require.NoError(t, err)
	doc := strings.Replace(good, `encoding="UTF-8"`, `encoding="GBK"`, 1)
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(doc)
	require.NoError(t, err)
	problems, err := s.Validate([]byte(gbk), "gbk.xml")
	require.NoError(t, err)
	assert.Empty(t, problems)

	_, err = s.Validate([]byte("<taxML><djxh>"), "broken.xml")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "broken.xml: not well-formed XML")
}

func TestLoadErrors(t *testing.T) {
	_, err := Load("testdata/missing.xsd")
	require.Error(t, err)
	s, err := Load(schemaFile)
	require.NoError(t, err)
	_, err = s.Root("nope")
	assert.EqualError(t, err, `xsd: no global element "nope" (have taxML)`)
}
