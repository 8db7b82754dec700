package catalog

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts"
)

func TestRepoContractsLintClean(t *testing.T) {
	c, err := Load(contracts.FS())
	require.NoError(t, err)
	var lines []string
	for _, f := range Lint(c) {
		lines = append(lines, f.String())
	}
	assert.Empty(t, lines)
}

// lintOne lints a single hand-made contract.
func lintOne(ct *Contract) []Finding {
	ct.Dir, ct.Origin = "services/HXZG_SB_00045", "contracts"
	return Lint(&Catalog{Services: []*Service{{Code: "HXZG_SB_00045", Contract: ct}}})
}

func TestLintFlagsExistsOnListContainers(t *testing.T) {
	zero := 0
	type testCase struct {
		assert XPathAssert
		flag   bool
	}
	for _, tc := range []testCase{
		{XPathAssert{Path: "//ysbjlGrid", Exists: true, Line: 7}, true},
		{XPathAssert{Path: "//ns2:wqjsfGrid", Exists: true}, true},
		{XPathAssert{Path: "//sfxyGridlb[sfxyh='1']", Exists: true}, true},
		{XPathAssert{Path: "//cxjgList/", Exists: true}, true},
		{XPathAssert{Path: "//ysbjlGridlb", Count: &zero}, false},
		{XPathAssert{Path: "//sfxyGridlb/sfxyh", Exists: true}, false},
		{XPathAssert{Path: "//sbjgVO/pzxh", Exists: true}, false},
	} {
		got := lintOne(&Contract{Cases: []Case{{Name: "basic", Expect: Expect{XPath: []XPathAssert{tc.assert}}}}})
		if !tc.flag {
			assert.Empty(t, got, tc.assert.Path)
			continue
		}
		require.Len(t, got, 1, tc.assert.Path)
		assert.Equal(t, RuleListExists, got[0].Rule)
		if tc.assert.Line > 0 {
			assert.Equal(t, "contracts/services/HXZG_SB_00045/contract.yaml:7", got[0].Place)
		}
	}
}

func TestLintFlagsWrittenTablesNoCaseReads(t *testing.T) {
	step := func(sql string) Step {
		return Step{Service: "HXZG_SB_00045", DB: []DBCheck{{SQL: sql}}}
	}
	ct := &Contract{Writes: []string{"HX_SB.SB_SBB", "HX_SB.SB_SBXX", "HX_ZS.ZS_YJSF", "HX_ZS.NOPE"}, WritesLine: 4,
		Cases: []Case{
			{Name: "a", Steps: []Step{step("SELECT YBTSE FROM hx_sb.sb_sbb WHERE SBUUID = :sbuuid")}},
			{Name: "b", Steps: []Step{step("SELECT J.SJJE FROM HX_ZS.ZS_JKS J JOIN HX_ZS.ZS_YJSF Y ON Y.ZSUUID = J.ZSUUID")}},
		}}
	got := lintOne(ct)
	require.Len(t, got, 2)
	assert.Equal(t, Finding{Code: "HXZG_SB_00045", Place: "contracts/services/HXZG_SB_00045/contract.yaml:4",
		Rule: RuleUnreadWrite, Message: "HXZG_SB_00045 writes HX_SB.SB_SBXX but no database check of its cases reads it"}, got[0])
	assert.Equal(t, RuleUnknownTable, got[1].Rule)
	assert.Contains(t, got[1].Message, "HX_ZS.NOPE")
}
