package result

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestBlame(t *testing.T) {
	pass := Check{Kind: KindEnvelope, Name: "tran_id echoed", Status: Pass}
	type testCase struct {
		name       string
		r          Result
		who, prefx string
	}
	cases := []testCase{
		{"passing result blames nobody", Result{Class: ClassSuccess, Checks: []Check{pass}}, "", ""},
		{"request breaks its schema", Result{Class: ClassSuccess, Checks: []Check{pass,
			{Kind: KindXSD, Name: "request matches req.xsd", Status: Fail, Want: "valid", Got: "bad element"},
			{Kind: KindDB, Name: "rows", Status: Fail}}}, BlameCaller, "xsd request matches req.xsd"},
		{"request head lint (the proxy's)", Result{Class: ClassSuccess, Checks: []Check{
			{Kind: KindEnvelope, Name: "head lint", Status: Fail, Want: "no problems", Got: "1 problems"},
			{Kind: KindEnvelope, Name: "request head lint", Status: Fail, Want: "no problems", Got: "2 problems"}}},
			BlameCaller, "envelope request head lint: want no problems, got 2 problems"},
		{"a code the request sent", Result{Class: ClassSuccess, Checks: []Check{
			{Kind: KindSpec, Name: "spec HX_SB.SB_SBXX.ZSXM_DM code", Status: Fail, Blame: BlameCaller, Want: "a code", Got: "99999"}}},
			BlameCaller, "spec HX_SB.SB_SBXX.ZSXM_DM code: want a code, got 99999"},
		{"rows wrong for a valid request", Result{Class: ClassSuccess, Checks: []Check{pass,
			{Kind: KindDB, Name: "ZS_YJSF", Status: Fail, Want: "3000.00", Got: "3000.01"}}}, BlameCore, "db ZS_YJSF: want 3000.00, got 3000.01"},
		{"bad code written by the core", Result{Class: ClassSuccess, Checks: []Check{
			{Kind: KindSpec, Name: "spec HX_SB.SB_SBXX.ZSXM_DM code", Status: Fail, Got: "99999"}}}, BlameCore, "spec"},
		{"no answer", Result{Class: ClassTransport, Error: "connection refused"}, BlameUnknown, "no usable answer (class transport): connection refused"},
		{"refusal of a request that passed every check", Result{Class: ClassBusiness, Checks: []Check{
			{Kind: KindEnvelope, Name: "class", Status: Fail, Want: string(ClassSuccess), Got: string(ClassBusiness)},
			{Kind: KindXSD, Name: "request matches req.xsd", Status: Pass}}}, BlameUnknown, "envelope class: want success, got business (the request"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.r.Settle()
			assert.Equal(t, tc.who, tc.r.Blame)
			assert.Contains(t, tc.r.BlameReason, tc.prefx)
			if tc.who == "" {
				assert.Empty(t, tc.r.BlameReason)
			}
		})
	}
}

func TestWrittenMergeKeepsLastStateByKey(t *testing.T) {
	var w Written
	w = w.Merge(Written{"HX_SB.SB_SBB": {{"SBUUID": "A", "ZFBZ_1": "N"}}, "HX_X.UNKNOWN": {{"C": "1"}}})
	w = w.Merge(Written{"HX_SB.SB_SBB": {{"SBUUID": "A", "ZFBZ_1": "Y"}, {"SBUUID": "B", "ZFBZ_1": "N"}},
		"HX_X.UNKNOWN": {{"C": "1"}, {"C": "2"}}})
	assert.Equal(t, Written{
		"HX_SB.SB_SBB": {{"SBUUID": "A", "ZFBZ_1": "Y"}, {"SBUUID": "B", "ZFBZ_1": "N"}},
		"HX_X.UNKNOWN": {{"C": "1"}, {"C": "2"}},
	}, w)
	assert.Equal(t, 4, w.Count())
	assert.Equal(t, []string{"HX_SB.SB_SBB", "HX_X.UNKNOWN"}, w.Tables())
}
