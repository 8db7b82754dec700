package check

import (
	"testing"

	"github.com/gt3ct/gt3ct/contracts/catalog"
)

// stepAsserts are the five assertions of BenchmarkRunXPath2KB plus a save,
// the answer work of a typical contract step.
var (
	stepAsserts = []catalog.XPathAssert{
		{Path: "//pzxh", Matches: `^\d{20}$`},
		{Path: "/taxML/ybtse", Equals: "1234.56", Number: true},
		{Path: "//sbxxGridlb[@xh='2']/zsxmDm", Equals: "10109"},
		{Path: "//sbxxGridlb", Count: intp(4)},
		{Path: "//errorMsg", Absent: true},
	}
	stepSave = map[string]string{"pzxh": "//pzxh"}
)

// BenchmarkStepAnswerThreeParses is the answer work of a step as the runner
// did it before check.Doc: answer fields, XPath and saves each parse the body.
func BenchmarkStepAnswerThreeParses(b *testing.B) {
	body := answer(b)
	b.ReportAllocs()
	for b.Loop() {
		tree, err := ParseXML(body)
		if err != nil || len(LeafValues(tree)) == 0 {
			b.Fatal(err)
		}
		RunXPath(body, stepAsserts, nil)
		if _, err := Extract(body, stepSave); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStepAnswerDoc is the same work on one check.Doc (one parse).
func BenchmarkStepAnswerDoc(b *testing.B) {
	body := answer(b)
	b.ReportAllocs()
	for b.Loop() {
		d := NewDoc(body)
		if len(d.Leaves()) == 0 {
			b.Fatal("no leaves")
		}
		RunXPathDoc(d, stepAsserts, nil)
		if _, err := ExtractDoc(d, stepSave); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseXML2KB is the parse alone, the floor of any step.
func BenchmarkParseXML2KB(b *testing.B) {
	body := answer(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseXML(body); err != nil {
			b.Fatal(err)
		}
	}
}
