package spec

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gt3ct/gt3ct/harness/result"
)

func TestColumn(t *testing.T) {
	for in, want := range map[string]string{"zsxmDm": "ZSXM_DM", "zsxm_dm": "ZSXM_DM", "fddbrsfzjlxDm": "FDDBRSFZJLX_DM",
		"SJGSDQ": "SJGSDQ", "djxh": "DJXH"} {
		assert.Equal(t, want, Column(in), in)
	}
}

// The codes a request sends are looked up in the code tables of its
// columns: a code no table holds fails on the caller, an empty table skips.
func TestCheckRequest(t *testing.T) {
	type testCase struct {
		name   string
		fields map[string][]string
		want   []result.Check
	}
	pass := func(n string) result.Check {
		return result.Check{Kind: result.KindRequest, Name: "request codes", Status: result.Pass,
			Want: "codes of the core's code tables", Got: n + " codes held"}
	}
	cases := []testCase{
		{"known codes", map[string][]string{"zsxmDm": {"10101", " 10101 "}, "sjgsdq": {"14501020000"}, "djxh": {"1"}},
			[]result.Check{pass("2")}},
		{"no coded element", map[string][]string{"djxh": {"1"}, "yzpzzlDm": {"BDA0610606"}}, nil},
		{"a code no table holds, in a second line", map[string][]string{"zsxmDm": {"10101", "99999"}}, []result.Check{{
			Kind: result.KindRequest, Name: "request zsxmDm code", Status: result.Fail, Want: "a code of HX_DM_QG.DM_GY_ZSXM",
			Got: "99999", Blame: result.BlameCaller, Detail: "the request's zsxmDm holds 99999, which HX_DM_QG.DM_GY_ZSXM does not hold"}}},
		{"empty code table", map[string][]string{"zspm_dm": {"101017301"}}, []result.Check{{
			Kind: result.KindRequest, Name: "request zspm_dm code", Status: result.Skip, Want: "a code of its code table",
			Got: "not checked", Detail: "code table HX_DM_QG.DM_GY_ZSPM empty"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := New(rules(t), core(t))
			assert.Equal(t, tc.want, c.CheckRequest(context.Background(), tc.fields))
		})
	}
}
