package envelope_test

import (
	"strings"
	"testing"

	"github.com/gt3ct/gt3ct/harness/envelope"
)

// BenchmarkBuildParseClassify builds a ~2 KB answer envelope and parses and
// classifies it, as the harness does for every response.
func BenchmarkBuildParseClassify(b *testing.B) {
	rows := strings.Repeat(`<sbxxGridlb><zsxmDm>10101</zsxmDm><zspmDm>101017101</zspmDm><ybtse>1.02E7</ybtse><mc>增值税</mc></sbxxGridlb>`, 12)
	body := `<taxML xsi:type="HXZGSB00044Response" xmlns="http://www.chinatax.gov.cn/dataspec/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><sbxxGrid>` + rows + `</sbxxGrid></taxML>`
	h := envelope.Head{TranID: "SWZJ.HXZG.SB.SQJKJHQQCSJZZSXGMSB", ChannelID: "GX.DZSWJ.TEST", TranSeq: "0123456789abcdef0123456789abcdef",
		TranDate: "20261128", TranTime: "143015123", RtnCode: "0", Code: "000",
		Expand: []envelope.Pair{{"sjry", "14501000001"}, {"sjjg", "14501000000"}}}
	b.SetBytes(int64(len(envelope.BuildResponse(h, body))))
	b.ReportAllocs()
	for b.Loop() {
		m, err := envelope.Parse(envelope.BuildResponse(h, body))
		if err != nil || envelope.Classify(m) != "success" {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseSOAP parses a SOAP-wrapped answer (two passes).
func BenchmarkParseSOAP(b *testing.B) {
	data := envelope.WrapSOAP(readSample(b, "response_success.xml"))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := envelope.Parse(data); err != nil {
			b.Fatal(err)
		}
	}
}
