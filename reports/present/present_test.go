package present

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gtgolden "gotest.tools/v3/golden"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/gt3ct/gt3ct/harness/result"
)

// load reads a testdata file.
func load(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return string(b)
}

// envelopeChecks are the five envelope checks of an answer that echoes the head.
func envelopeChecks(seq string) []result.Check {
	pass := func(name, want string) result.Check {
		return result.Check{Kind: result.KindEnvelope, Name: name, Status: result.Pass, Want: want, Got: want}
	}
	return []result.Check{
		pass("tran_id echoed", "SWZJ.HXZG.SB.BCZZSXGMSB"), pass("channel_id echoed", "GX.DZSWJ.TEST"),
		pass("tran_seq matches", seq), pass("class", string(result.ClassSuccess)), pass("head lint", "no problems"),
	}
}

func passed(kind result.Kind, name, want, detail string) result.Check {
	return result.Check{Kind: kind, Name: name, Status: result.Pass, Want: want, Got: want, Detail: detail}
}

// filing is HXZG_SB_00045 case basic as the runner returns it on success.
func filing(t testing.TB) result.Result {
	const seq = "5f0c1c9e2b6a4d0e9a7b3c2d1e0f9a8b"
	checks := append(envelopeChecks(seq),
		passed(result.KindXPath, "//sbjgVO/ybtse", "3000.00", ""),
		passed(result.KindDB, "DJ_NSRXX taxpayer", "1 row", "HX_DJ.DJ_NSRXX: 1 row match"),
		passed(result.KindDB, "SB_SBB row", "1 row", "HX_SB.SB_SBB: 1 row match"),
		passed(result.KindDB, "ZS_YJSF payable per item", "2 rows", "HX_ZS.ZS_YJSF: 2 rows match"))
	return result.Result{
		Service: "HXZG_SB_00045", TranID: "SWZJ.HXZG.SB.BCZZSXGMSB", Case: "basic", TranSeq: seq,
		Status: result.Pass, Class: result.ClassSuccess, LatencyMS: 12.34, Checks: checks,
		Module: "SB", Name: "保存增值税小规模申报", Level: "verified", Writes: true,
		Request: load(t, "request_00045.xml"), Response: load(t, "answer_00045.xml"),
		Rows: []result.Table{
			{Check: "DJ_NSRXX taxpayer", Columns: []string{"DJXH", "NSRMC", "ZGSWJ_DM"},
				Rows: []map[string]string{{"DJXH": "10114501000012345678", "NSRMC": "南宁市测试商贸有限公司", "ZGSWJ_DM": "14501020000"}}},
			{Check: "SB_SBB row", Columns: []string{"DJXH", "YZPZZL_DM", "PZXH", "ZFBZ_1"},
				Rows: []map[string]string{{"DJXH": "10114501000012345678", "YZPZZL_DM": "BDA0610611", "PZXH": "10014525000000012345", "ZFBZ_1": "N"}}},
			{Check: "ZS_YJSF payable per item", Columns: []string{"ZSXM_DM", "ZSXMMC", "YBTSE", "JKBZ"},
				Rows: []map[string]string{
					{"ZSXM_DM": "10101", "ZSXMMC": "增值税", "YBTSE": "3000.00", "JKBZ": "N"},
					{"ZSXM_DM": "10109", "ZSXMMC": "城市维护建设税", "YBTSE": "210.00"},
				}},
		},
	}
}

// wrongAmount is the filing against `sim --faults wrong-amount,missing-payable`.
func wrongAmount(t testing.TB) result.Result {
	r := filing(t)
	r.Status = result.Fail
	r.Checks[len(r.Checks)-1] = result.Check{
		Kind: result.KindDB, Name: "ZS_YJSF payable per item", Status: result.Fail, Want: "3000.00", Got: "3000.01",
		Detail: "HX_ZS.ZS_YJSF[ZSXM_DM=10101].YBTSE: want 3000.00, got 3000.01; HX_ZS.ZS_YJSF[ZSXM_DM=10109]: missing row",
	}
	r.Checks = append(r.Checks, result.Check{
		Kind: result.KindXPath, Name: "//yjsfGridlb", Status: result.Fail, Want: "2 nodes", Got: "1 node",
		Detail: "count of //yjsfGridlb: want 2, got 1\nanswer has: /taxML/yjsfGrid/yjsfGridlb[1]",
	})
	r.Rows[2].Rows = []map[string]string{{"ZSXM_DM": "10101", "ZSXMMC": "增值税", "YBTSE": "3000.01", "JKBZ": "N"}}
	return r
}

// fileAndVoid is a three-step case: pre-check, save, void.
func fileAndVoid(t testing.TB) result.Result {
	r := filing(t)
	r.Case, r.TranSeq, r.LatencyMS = "file-and-void", "c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8", 31.5
	r.Request, r.Response = load(t, "request_00067.xml"), load(t, "answer_00067.xml")
	r.Steps = []result.Step{
		{Service: "HXZG_SB_00044", TranSeq: "0123456789abcdef0123456789abcdef", Class: result.ClassSuccess, LatencyMS: 4.2},
		{Service: "HXZG_SB_00045", TranSeq: "5f0c1c9e2b6a4d0e9a7b3c2d1e0f9a8b", Class: result.ClassSuccess, LatencyMS: 12.3},
		{Service: "HXZG_SB_00067", TranSeq: r.TranSeq, Class: result.ClassSuccess, LatencyMS: 9.8},
	}
	r.Checks = append(r.Checks, passed(result.KindDB, "SB_SBB voided", "1 row", "HX_SB.SB_SBB: 1 row match"))
	r.Rows = append(r.Rows[1:2], result.Table{Check: "SB_SBB voided", Columns: []string{"ZFBZ_1"},
		Rows: []map[string]string{{"ZFBZ_1": "Y"}}})
	return r
}

// refused is a transport failure: nothing answered.
func refused(t testing.TB) result.Result {
	r := filing(t)
	r.Status, r.Class, r.Checks, r.Rows, r.Response = result.Error, result.ClassTransport, nil, nil, ""
	r.LatencyMS = 0.8
	r.Error = "post http://127.0.0.1:7001/gt3: dial tcp 127.0.0.1:7001: connect: connection refused"
	return r
}

// refusedByRunner is a transport failure as the runner records it: a failed
// "answer received" check carrying the error, so the case settles as fail.
func refusedByRunner(t testing.TB) result.Result {
	r := refused(t)
	r.Status = ""
	r.Checks = []result.Check{{Kind: result.KindEnvelope, Name: "answer received", Status: result.Fail, Want: "an answer", Got: r.Error}}
	return r
}

// answered returns the filing with another answer text and class.
func answered(t testing.TB, answer string, class result.Class, checks ...result.Check) result.Result {
	r := filing(t)
	r.Response, r.Class, r.Rows = answer, class, nil
	r.Checks = append(envelopeChecks(r.TranSeq)[:3], checks...)
	r.Status = ""
	return r
}

func malformed(t testing.TB) result.Result {
	return answered(t, load(t, "answer_truncated.xml"), result.ClassMalformed, result.Check{
		Kind: result.KindEnvelope, Name: "class", Status: result.Fail, Want: "success", Got: "malformed",
		Detail: `class: want success, got malformed (rtn_code "", Code "")`,
	})
}

func gbk(t testing.TB) result.Result {
	b, err := simplifiedchinese.GBK.NewEncoder().String(load(t, "answer_gbk.xml"))
	require.NoError(t, err)
	return answered(t, b, result.ClassSuccess, passed(result.KindXPath, "//sbjgVO/ybtse", "3000.00", ""))
}

func escaped(t testing.TB) result.Result {
	return answered(t, load(t, "answer_escaped.xml"), result.ClassSuccess, passed(result.KindXPath, "//sbjgVO/ybtse", "3000.00", ""))
}

// longAnswer has a payable list of 80 items: more lines than non-verbose shows.
func longAnswer(t testing.TB) result.Result {
	var items strings.Builder
	for i := range 80 {
		fmt.Fprintf(&items, "<yjsfGridlb><zsxmDm>%d</zsxmDm><ybtse>%d.00</ybtse></yjsfGridlb>", 10101+i, 100+i)
	}
	answer := strings.Replace(load(t, "answer_00045.xml"), "<yjsfGrid>", "<yjsfGrid>"+items.String(), 1)
	r := answered(t, answer, result.ClassSuccess, passed(result.KindXPath, "//sbjgVO/ybtse", "3000.00", ""))
	rows := make([]map[string]string, 25)
	for i := range rows {
		rows[i] = map[string]string{"ZSXM_DM": fmt.Sprint(10101 + i), "YBTSE": fmt.Sprintf("%d.00", 100+i)}
	}
	r.Rows = []result.Table{{Check: "ZS_YJSF payable per item", Columns: []string{"ZSXM_DM", "YBTSE"}, Rows: rows}}
	return r
}

func TestTextGolden(t *testing.T) {
	type testCase struct {
		name string
		res  func(testing.TB) result.Result
		opts Options
	}
	run := func(t *testing.T, tc testCase) {
		var buf bytes.Buffer
		require.NoError(t, Text(&buf, tc.res(t), tc.opts))
		out := buf.String()
		gtgolden.Assert(t, out, tc.name+".golden")
		require.NotContains(t, out, "GX_SECRET_IDENTITY_42", "identityType must never be printed")
		require.NotContains(t, out, "&#x", "Chinese must be shown as Chinese")
		if !tc.opts.Color {
			require.NotContains(t, out, "\x1b[", "no ANSI codes without Color")
		}
	}
	tests := []testCase{
		{name: "pass", res: filing},
		{name: "pass_color", res: filing, opts: Options{Color: true, Width: 60}},
		{name: "fail_wrong_amount", res: wrongAmount},
		{name: "multi_step", res: fileAndVoid},
		{name: "error_refused", res: refused},
		{name: "refused_by_runner", res: refusedByRunner},
		{name: "malformed", res: malformed},
		{name: "gbk", res: gbk},
		{name: "escaped_soap", res: escaped},
		{name: "long", res: longAnswer},
		{name: "long_verbose", res: longAnswer, opts: Options{Verbose: true}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}
