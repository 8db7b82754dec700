package check

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/result"
)

func answer(t testing.TB) string {
	b, err := os.ReadFile("testdata/answer.xml")
	require.NoError(t, err)
	return string(b)
}

func intp(n int) *int { return &n }

func TestRunXPath(t *testing.T) {
	type testCase struct {
		name   string
		a      catalog.XPathAssert
		status result.Status
		detail string
	}
	body := answer(t)
	r := renderWith(map[string]string{"pzxh": "10014501000000000777", "ybtse": "1234.56"})
	run := func(t *testing.T, tc testCase) {
		got := RunXPath(body, []catalog.XPathAssert{tc.a}, r)
		require.Len(t, got, 1)
		assert.Equal(t, result.KindXPath, got[0].Kind)
		assert.Equal(t, tc.status, got[0].Status, got[0].Detail)
		assert.Equal(t, tc.detail, got[0].Detail)
	}
	for _, tc := range []testCase{
		{name: "equals rendered", a: catalog.XPathAssert{Path: "//pzxh", Equals: "{{.pzxh}}"}, status: result.Pass},
		{name: "equals differs", a: catalog.XPathAssert{Path: "//pzxh", Equals: "1"}, status: result.Fail,
			detail: "//pzxh: want 1, got 10014501000000000777"},
		{name: "number exponent", a: catalog.XPathAssert{Path: "/taxML/ybtse", Equals: "{{.ybtse}}", Number: true}, status: result.Pass},
		{name: "decimal guessed", a: catalog.XPathAssert{Path: "/taxML/ybtse", Equals: "1234.560"}, status: result.Pass},
		{name: "number differs", a: catalog.XPathAssert{Path: "/taxML/ybtse", Equals: "1234.57", Number: true}, status: result.Fail,
			detail: "/taxML/ybtse: want 1234.57, got 1.23456E3"},
		{name: "number on text", a: catalog.XPathAssert{Path: "//nsrmc", Equals: "1", Number: true}, status: result.Fail,
			detail: `//nsrmc: "广西测试商贸有限公司" is not a number`},
		{name: "date with time", a: catalog.XPathAssert{Path: "//skssqq", Equals: "2026-07-01"}, status: result.Pass},
		{name: "prefixed path", a: catalog.XPathAssert{Path: "//ns:sbxxGridlb[@xh='2']/ns:zsxmDm", Equals: "10109"}, status: result.Pass},
		{name: "index filter", a: catalog.XPathAssert{Path: "//sbxxGrid/sbxxGridlb[3]/zsxmDm", Equals: "30203"}, status: result.Pass},
		{name: "matches", a: catalog.XPathAssert{Path: "//sbuuid", Matches: `^[0-9A-F]{32}$`}, status: result.Pass},
		{name: "matches fails", a: catalog.XPathAssert{Path: "//pzxh", Matches: `^\d{19}$`}, status: result.Fail,
			detail: `//pzxh matches: want ^\d{19}$, got 10014501000000000777`},
		{name: "bad regexp", a: catalog.XPathAssert{Path: "//pzxh", Matches: `(`}, status: result.Fail,
			detail: "bad regexp \"(\": error parsing regexp: missing closing ): `(`"},
		{name: "exists", a: catalog.XPathAssert{Path: "//returnStateVO/returnCode", Exists: true}, status: result.Pass},
		{name: "exists fails", a: catalog.XPathAssert{Path: "//nosuch", Exists: true}, status: result.Fail, detail: "no node matches //nosuch"},
		{name: "equals on nothing", a: catalog.XPathAssert{Path: "//pzxhh", Equals: "1"}, status: result.Fail, detail: "no node matches //pzxhh"},
		{name: "absent", a: catalog.XPathAssert{Path: "//errorMsg", Absent: true}, status: result.Pass},
		{name: "absent fails", a: catalog.XPathAssert{Path: "//pzxh", Absent: true}, status: result.Fail,
			detail: "//pzxh should match nothing: want absent, got 1 nodes"},
		{name: "count", a: catalog.XPathAssert{Path: "//sbxxGridlb", Count: intp(4)}, status: result.Pass},
		{name: "count zero", a: catalog.XPathAssert{Path: "//nosuch", Count: intp(0)}, status: result.Pass},
		{name: "count differs", a: catalog.XPathAssert{Path: "//sbxxGridlb", Count: intp(1)}, status: result.Fail,
			detail: "//sbxxGridlb node count: want 1, got 4"},
		{name: "no rule", a: catalog.XPathAssert{Path: "//pzxh"}, status: result.Fail,
			detail: "assertion on //pzxh has no rule (equals, matches, exists, absent, count)"},
		{name: "two rules", a: catalog.XPathAssert{Path: "//pzxh", Equals: "1", Absent: true}, status: result.Fail,
			detail: "assertion on //pzxh has more than one rule"},
		{name: "bad path", a: catalog.XPathAssert{Path: "//pzxh[", Exists: true}, status: result.Fail,
			detail: "bad path //pzxh[: path has invalid filter [brackets]."},
		{name: "template error", a: catalog.XPathAssert{Path: "//pzxh", Equals: "{{.nope}}"}, status: result.Fail,
			detail: "xpath //pzxh:1: unknown field {{.nope}}"},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestRunXPathMalformedBody(t *testing.T) {
	asserts := []catalog.XPathAssert{{Path: "//pzxh", Exists: true}, {Path: "//x", Absent: true}}
	for body, want := range map[string]string{
		"":                       "body is empty",
		"<taxML><pzxh>1</taxML>": "body is not XML: XML syntax error on line 1: element <pzxh> closed by </taxML>",
		"rtn_code=2":             "body is not XML: no root element",
	} {
		got := RunXPath(body, asserts, nil)
		require.Len(t, got, 2)
		for _, c := range got {
			assert.Equal(t, result.Fail, c.Status, body)
			assert.Equal(t, want, c.Detail, body)
		}
	}
}

func TestStripPrefixesAndExtract(t *testing.T) {
	assert.Equal(t, "//a/b[@c='x:y']/d", StripPrefixes("//ns:a/ns2:b[@c='x:y']/d"))
	assert.Equal(t, "//a[local-name()='b']", StripPrefixes("//a[local-name()='b']"))
	got, err := Extract(answer(t), map[string]string{"pzxh": "//pzxh", "sbuuid": "/taxML/sbuuid"})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"pzxh": "10014501000000000777", "sbuuid": "5F0C1C9E2B6A4D0E9A7B3C2D1E0F9A8B"}, got)
	_, err = Extract(answer(t), map[string]string{"x": "//bz"})
	assert.EqualError(t, err, "save x: no value at //bz")
}

func BenchmarkRunXPath2KB(b *testing.B) {
	body := answer(b)
	asserts := []catalog.XPathAssert{
		{Path: "//pzxh", Matches: `^\d{20}$`},
		{Path: "/taxML/ybtse", Equals: "1234.56", Number: true},
		{Path: "//sbxxGridlb[@xh='2']/zsxmDm", Equals: "10109"},
		{Path: "//sbxxGridlb", Count: intp(4)},
		{Path: "//errorMsg", Absent: true},
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, c := range RunXPath(body, asserts, nil) {
			if c.Status != result.Pass {
				b.Fatal(c)
			}
		}
	}
}

func TestRunXPathRendersTemplatesInPaths(t *testing.T) {
	body := `<taxML><wqjsfGrid><wqjsfGridlb><yzpzxh>111</yzpzxh></wqjsfGridlb><wqjsfGridlb><yzpzxh>222</yzpzxh></wqjsfGridlb></wqjsfGrid></taxML>`
	one := 1
	render := func(name, text string) (string, error) {
		return strings.ReplaceAll(text, "{{.pzxh}}", "222"), nil
	}
	got := RunXPath(body, []catalog.XPathAssert{{Path: "//wqjsfGridlb[yzpzxh='{{.pzxh}}']", Count: &one}}, render)
	if got[0].Status != result.Pass {
		t.Fatalf("templated path: %+v", got[0])
	}
	saved, err := Extract("", nil)
	if err != nil || saved != nil {
		t.Fatalf("nothing to save must not parse the body: %v %v", saved, err)
	}
}
