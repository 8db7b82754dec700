package textwidth

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestWidth(t *testing.T) {
	type testCase struct {
		in   string
		want int
	}
	run := func(t *testing.T, tc testCase) { assert.Equal(t, tc.want, Width(tc.in)) }
	for _, tc := range []testCase{
		{"", 0},
		{"HXZG_SB_00045", 13},
		{"保存增值税小规模申报", 20},
		{"（gt3ct）", 9},
		{"ＡＢ", 4},
		{"a\u0301", 1},
		{"…", 1},
	} {
		t.Run(tc.in, func(t *testing.T) { run(t, tc) })
	}
}

func TestPadTruncateTable(t *testing.T) {
	assert.Equal(t, "申报  |", Pad("申报", 6)+"|")
	assert.Equal(t, "toolong", Pad("toolong", 3))
	assert.Equal(t, "保存增…", Truncate("保存增值税", 7, "…"))
	assert.Equal(t, "短", Truncate("短", 7, "…"))
	got := Table([][]string{{"CODE", "NAME", "X"}, {"HXZG_SB_00045", "保存申报", "1"}}, "  ", 2)
	assert.Equal(t, "  CODE           NAME      X\n  HXZG_SB_00045  保存申报  1\n", got)
}
