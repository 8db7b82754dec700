package suggest

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestScore(t *testing.T) {
	type testCase struct {
		input, name string
		want        int
	}
	for _, tc := range []testCase{
		{"nightly", "NIGHTLY", 0},
		{"cat", "catalog", 1},
		{"小规模", "增值税小规模申报", 2},
		{"nigthly", "nightly", 4},             // one swap
		{"HXZG_SB_0045", "HXZG_SB_00045", 4},  // one insertion
		{"HXZG_SB_0045", "HXZG_SB_00445", 4},  // one substitution of the inserted place
		{"HXZG_SB_0045", "HXZG_SB_01284", -1}, // too far
		{"x", "xsd", -1},                      // one character is no prefix
		{"", "run", -1},
		{"rn", "run", 4},
	} {
		t.Run(tc.input+"→"+tc.name, func(t *testing.T) { assert.Equal(t, tc.want, Score(tc.input, tc.name)) })
	}
}

func TestNames(t *testing.T) {
	commands := []string{"catalog", "envelope", "fixtures", "nightly", "render", "report", "repro", "run", "sim", "version", "xsd"}
	type testCase struct {
		input string
		want  []string
	}
	for _, tc := range []testCase{
		{"nigthly", []string{"nightly"}},
		{"rep", []string{"report", "repro"}}, // prefixes beat the edit-distance tier (run, rn…)
		{"rnu", []string{"run"}},
		{"verison", []string{"version"}},
		{"zzz", nil},
	} {
		t.Run(tc.input, func(t *testing.T) { assert.Equal(t, tc.want, Names(tc.input, commands, 3)) })
	}
}

func TestRankKeepsBestTierAndOrder(t *testing.T) {
	items := [][]string{
		{"HXZG_SB_00044", "SWZJ.HXZG.SB.ZZSXGMSBSQJKJHQQCSJ", "增值税小规模申报事前监控及获取期初数据"},
		{"HXZG_SB_00045", "SWZJ.HXZG.SB.BCZZSXGMSB", "保存增值税小规模申报"},
		{"HXZG_SB_00041", "SWZJ.HXZG.SB.BCZZSYBRSB", "保存增值税一般人申报"},
	}
	assert.Equal(t, []int{1}, Rank("HXZG_SB_0045", items, 5), "only the nearest code")
	assert.Equal(t, []int{0, 1}, Rank("增值税小规模", items, 5), "every name containing it, catalog order")
	assert.Equal(t, []int{1}, Rank("swzj.hxzg.sb.bczzsxgmsb", items, 5), "tran_id ignoring case")
	assert.Equal(t, []int{0}, Rank("增值税小规模", items, 1), "max")
}

func TestPhrase(t *testing.T) {
	assert.Equal(t, "", Phrase(nil))
	assert.Equal(t, " (did you mean a?)", Phrase([]string{"a"}))
	assert.Equal(t, " (did you mean a, b or c?)", Phrase([]string{"a", "b", "c"}))
	assert.Equal(t, " (did you mean sim?)", Hint("sm", []string{"dev", "prod", "sim"}))
}
