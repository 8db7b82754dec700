package safety

import (
	"strings"
	"testing"
)

// resultLine is a results.jsonl line of the size a passing nightly case
// writes (~1.4 KB: six checks, no messages kept).
var resultLine = `{"run_id":"fx-20261128T063512-459355","service":"HXZG_DJ_00205","tran_id":"SWZJ.HXZG.DJ.CXNSRZTBYDHXH","case":"basic","tran_seq":"090c6105963a44cca1eee06ff99faa1d","status":"pass","class":"success","latency_ms":16.091,"checks":[` +
	strings.Repeat(`{"kind":"envelope","name":"tran_id echoed","status":"pass","want":"SWZJ.HXZG.DJ.CXNSRZTBYDHXH","got":"SWZJ.HXZG.DJ.CXNSRZTBYDHXH","detail":""},`, 5) +
	`{"kind":"xpath","name":"/taxML/djxh equals","status":"pass","want":"` + sampleDJXH + `","got":"` + sampleDJXH + `","detail":""}],"error":"","started_at":"2026-11-28T06:35:13.258795814Z","module":"DJ","name":"查询纳税人状态","level":"templated"}`

// BenchmarkMaskTextResultLine masks one results.jsonl line, as the nightly's
// journal filter does for every case.
func BenchmarkMaskTextResultLine(b *testing.B) {
	m := NewMasker(testKey)
	for i := range 300 { // a nightly pool teaches the masker every seeded taxpayer's names
		m.Learn(ClassName, "南宁市测试贸易有限公司"+itoa(i))
	}
	b.SetBytes(int64(len(resultLine)))
	b.ReportAllocs()
	for b.Loop() {
		m.MaskText(resultLine)
	}
}
