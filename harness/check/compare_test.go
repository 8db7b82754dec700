package check

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gt3ct/gt3ct/harness/result"
)

func TestCompareXML(t *testing.T) {
	type testCase struct {
		name   string
		want   string
		got    string
		ignore []string
		status result.Status
		detail string
	}
	const head = `<taxML xmlns="http://www.chinatax.gov.cn/dataspec/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="R">`
	base := head + `<pzxh>1001</pzxh><ybtse>1234.56</ybtse><skssqq>2026-07-01</skssqq>` +
		`<sbxxGrid><sbxxGridlb><sbuuid>AA</sbuuid><zsxmDm>10101</zsxmDm></sbxxGridlb><sbxxGridlb><sbuuid>BB</sbuuid><zsxmDm>10109</zsxmDm></sbxxGridlb></sbxxGrid></taxML>`
	run := func(t *testing.T, tc testCase) {
		chk := CompareXML(tc.want, tc.got, tc.ignore)
		assert.Equal(t, tc.status, chk.Status, chk.Detail)
		assert.Equal(t, tc.detail, chk.Detail)
	}
	for _, tc := range []testCase{
		{name: "identical", want: base, got: base, status: result.Pass},
		{name: "other prefix, spacing, exponent, time", want: base, status: result.Pass,
			got: `<?xml version="1.0"?>` + "\n" + `<ns:taxML xmlns:ns="http://www.chinatax.gov.cn/dataspec/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="R" xsi:schemaLocation="x y">
  <ns:pzxh> 1001 </ns:pzxh><ns:ybtse>1.23456E3</ns:ybtse><ns:skssqq>2026-07-01 00:00:00</ns:skssqq>
  <ns:sbxxGrid><ns:sbxxGridlb><ns:sbuuid>AA</ns:sbuuid><ns:zsxmDm>10101</ns:zsxmDm></ns:sbxxGridlb>
  <ns:sbxxGridlb><ns:sbuuid>BB</ns:sbuuid><ns:zsxmDm>10109</ns:zsxmDm></ns:sbxxGridlb></ns:sbxxGrid></ns:taxML>`},
		{name: "amount differs", want: base, got: strings.Replace(base, "1234.56", "1234.57", 1), status: result.Fail,
			detail: "/taxML/ybtse: want 1234.56, got 1234.57"},
		{name: "grid row differs", want: base, got: strings.Replace(base, "10109", "10110", 1), status: result.Fail,
			detail: "/taxML/sbxxGrid/sbxxGridlb[2]/zsxmDm: want 10109, got 10110"},
		{name: "ignored paths", want: base, got: strings.NewReplacer("1001", "9999", ">AA<", ">CC<", ">BB<", ">DD<").Replace(base),
			ignore: []string{"//pzxh", "/taxML/sbxxGrid/sbxxGridlb/sbuuid"}, status: result.Pass},
		{name: "ignored element missing on one side", want: base, got: strings.Replace(base, "<pzxh>1001</pzxh>", "", 1),
			ignore: []string{"//ns:pzxh"}, status: result.Pass},
		{name: "missing and extra element", want: base, status: result.Fail,
			got:    strings.Replace(base, "<skssqq>2026-07-01</skssqq>", "", 1),
			detail: "/taxML/skssqq: want element, got missing"},
		{name: "one row expected, two got", want: head + `<g><r>1</r></g></taxML>`, got: head + `<g><r>1</r><r>2</r></g></taxML>`,
			status: result.Fail, detail: "/taxML/g/r[2]: want nothing, got unexpected element"},
		{name: "extra grid row", want: base, status: result.Fail,
			got:    strings.Replace(base, "</sbxxGrid>", "<sbxxGridlb><zsxmDm>1</zsxmDm></sbxxGridlb></sbxxGrid>", 1),
			detail: "/taxML/sbxxGrid/sbxxGridlb[3]: want nothing, got unexpected element"},
		{name: "attribute differs", want: base, got: strings.Replace(base, `xsi:type="R"`, `xsi:type="Q" bbh=""`, 1),
			status: result.Fail, detail: "/taxML/@type: want R, got Q; /taxML/@bbh: want absent, got ''"},
		{name: "many differences", want: base, status: result.Fail,
			got:    strings.NewReplacer("1001", "1", "1234.56", "2", "2026-07-01", "2026-07-02", "10101", "3", "10109", "4", ">AA<", ">Z<").Replace(base),
			detail: "/taxML/pzxh: want 1001, got 1; /taxML/ybtse: want 1234.56, got 2; /taxML/skssqq: want 2026-07-01, got 2026-07-02; /taxML/sbxxGrid/sbxxGridlb[1]/sbuuid: want AA, got Z; /taxML/sbxxGrid/sbxxGridlb[1]/zsxmDm: want 10101, got 3; … and 1 more"},
		{name: "bad answer", want: base, got: "<taxML>", status: result.Fail,
			detail: "answer: body is not XML: XML syntax error on line 1: unexpected EOF"},
		{name: "bad expected", want: "", got: base, status: result.Fail, detail: "expected document: body is empty"},
		{name: "bad ignore path", want: base, got: base, ignore: []string{"//a["}, status: result.Fail,
			detail: "ignore: bad path //a[: path has invalid filter [brackets]."},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestNoChecks(t *testing.T) {
	env := []result.Check{{Kind: result.KindEnvelope, Status: result.Pass}}
	got := NoChecks(env)
	assert.Len(t, got, 2)
	assert.Equal(t, result.Fail, got[1].Status)
	assert.Equal(t, "contract has no checks", got[1].Detail)
	assert.Len(t, NoChecks(nil), 1)
	withDB := append(env, result.Check{Kind: result.KindDB, Status: result.Pass})
	assert.Equal(t, withDB, NoChecks(withDB))
}
