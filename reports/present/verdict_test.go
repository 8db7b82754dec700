package present

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/result"
)

func TestVerdict(t *testing.T) {
	type testCase struct {
		name string
		res  result.Result
		want string
	}
	run := func(t *testing.T, tc testCase) {
		tc.res.Service, tc.res.Case = "HXZG_SB_00045", "basic"
		require.Equal(t, tc.want, Verdict(tc.res))
	}
	ok := result.Check{Kind: result.KindEnvelope, Name: "class", Status: result.Pass, Want: "success", Got: "success"}
	amount := result.Check{Kind: result.KindDB, Name: "ZS_YJSF", Status: result.Fail, Want: "1234.56", Got: "1234.57",
		Detail: "HX_ZS.ZS_YJSF[ZSUUID=AB12].YBTSE: want 1234.56, got 1234.57; HX_ZS.ZS_YJSF[ZSUUID=CD34]: missing row"}
	noDetail := result.Check{Kind: result.KindXPath, Name: "//sbjgVO/ybtse", Status: result.Fail, Want: "3000.00"}
	long := result.Check{Kind: result.KindXPath, Name: "x", Status: result.Fail, Detail: strings.Repeat("税", 200)}
	skipped := result.Check{Kind: result.KindXSD, Name: "answer matches", Status: result.Skip}
	tests := []testCase{
		{name: "pass", res: result.Result{Status: result.Pass, LatencyMS: 12.34, Checks: []result.Check{ok, ok, ok}},
			want: "PASS HXZG_SB_00045/basic: 3 checks passed in 12.3 ms"},
		{name: "one check", res: result.Result{Status: result.Pass, LatencyMS: 1, Checks: []result.Check{ok}},
			want: "PASS HXZG_SB_00045/basic: 1 check passed in 1.0 ms"},
		{name: "fail names the first mismatch only", res: result.Result{Status: result.Fail, Checks: []result.Check{ok, amount, noDetail}},
			want: "FAIL HXZG_SB_00045/basic: 2 of 3 checks failed (db: HX_ZS.ZS_YJSF[ZSUUID=AB12].YBTSE: want 1234.56, got 1234.57)"},
		{name: "fail without detail uses name want got", res: result.Result{Status: result.Fail, Checks: []result.Check{noDetail}},
			want: `FAIL HXZG_SB_00045/basic: 1 of 1 check failed (xpath: //sbjgVO/ybtse: want 3000.00, got "")`},
		{name: "long reason is clipped", res: result.Result{Status: result.Fail, Checks: []result.Check{long}},
			want: "FAIL HXZG_SB_00045/basic: 1 of 1 check failed (xpath: " + strings.Repeat("税", maxReason-1) + "…)"},
		{name: "skipped checks are not failures", res: result.Result{Status: result.Pass, LatencyMS: 2, Checks: []result.Check{ok, skipped}},
			want: "PASS HXZG_SB_00045/basic: 2 checks passed in 2.0 ms"},
		{name: "fail with only an error", res: result.Result{Status: result.Fail, Checks: []result.Check{ok}, Error: "poll: context canceled\nmore"},
			want: "FAIL HXZG_SB_00045/basic: poll: context canceled"},
		{name: "error shows its first line", res: result.Result{Status: result.Error, Error: "dial tcp: connection refused\nretried 3 times"},
			want: "ERROR HXZG_SB_00045/basic: dial tcp: connection refused"},
		{name: "error without text", res: result.Result{Status: result.Error},
			want: "ERROR HXZG_SB_00045/basic: no result"},
		{name: "skip", res: result.Result{Status: result.Skip, Error: "service writes; env prod is read-only"},
			want: "SKIP HXZG_SB_00045/basic: service writes; env prod is read-only"},
		{name: "unsettled failing result", res: result.Result{Checks: []result.Check{ok, amount}},
			want: "FAIL HXZG_SB_00045/basic: 1 of 2 checks failed (db: HX_ZS.ZS_YJSF[ZSUUID=AB12].YBTSE: want 1234.56, got 1234.57)"},
		{name: "unsettled error", res: result.Result{Error: "no such service"},
			want: "ERROR HXZG_SB_00045/basic: no such service"},
		{name: "control characters from the wire are made visible", res: result.Result{Status: result.Fail,
			Checks: []result.Check{{Kind: result.KindXPath, Name: "n", Status: result.Fail, Detail: "got \x1b[2Jcleared"}}},
			want: `FAIL HXZG_SB_00045/basic: 1 of 1 check failed (xpath: got \x1b[2Jcleared)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}
