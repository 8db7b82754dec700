package cli

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestConventions: the kubectl/gh-style conventions of the command line —
// version, help, groups, suggestions, flags — and one-line errors.
func TestConventions(t *testing.T) {
	defer func(c, d string) { Commit, Date = c, d }(Commit, Date)
	Commit, Date = "0123456789abcdef0123", "2026-03-01T00:00:00Z"
	type testCase struct {
		name string
		args []string
		code int
		want []string // in stdout (code 0) or stderr
	}
	for _, tc := range []testCase{
		{"--version names the commit and date", []string{"--version"}, 0, []string{"gt3ct dev commit 0123456789ab date 2026-03-01T00:00:00Z go1."}},
		{"version", []string{"version"}, 0, []string{"commit 0123456789ab date 2026-03-01T00:00:00Z"}},
		{"help CMD shows its flags", []string{"help", "run"}, 0, []string{"usage: gt3ct run SERVICE [flags]", "--case string", "--set key=value", "--env NAME"}},
		{"CMD --help", []string{"run", "--help"}, 0, []string{"usage: gt3ct run SERVICE [flags]", "--format text|json"}},
		{"a group alone lists its subcommands", []string{"catalog"}, 0, []string{"gt3ct catalog show SERVICE [flags]", "gt3ct catalog ls [flags]",
			"gt3ct catalog import FILE [flags]", "gt3ct catalog build [flags]", "gt3ct catalog coverage [flags]"}},
		{"help GROUP", []string{"help", "fixtures"}, 0, []string{"gt3ct fixtures seed [flags]"}},
		{"root help lists every command", []string{}, 0, []string{"gt3ct report merge DIR... [flags]", "gt3ct repro run DIR [flags]", "gt3ct completion bash [flags]"}},
		{"unknown command", []string{"nigthly"}, 2, []string{`unknown command "nigthly" (did you mean nightly?)`}},
		{"unknown subcommand", []string{"catalog", "lss"}, 2, []string{`unknown catalog command "lss" (did you mean ls?)`}},
		{"mistyped code", []string{"run", "HXZG_SB_0045"}, 2, []string{`no service "HXZG_SB_0045"`, "did you mean HXZG_SB_00045 保存增值税小规模申报"}},
		{"part of a Chinese name", []string{"render", "增值税小规模"}, 2, []string{"HXZG_SB_00044 增值税小规模申报事前监控及获取期初数据", "HXZG_SB_00045 保存增值税小规模申报",
			"HXZG_SB_X0205 增值税小规模更正申报期初信息", "HXZG_SB_X0206 增值税小规模申报错误更正保存"}},
		{"mistyped case", []string{"run", "HXZG_SB_00045", "--case", "file-and-pya"}, 2, []string{`no case "file-and-pya" (did you mean file-and-pay?)`}},
		{"mistyped env", []string{"run", "HXZG_SB_00045", "--env", "sm"}, 2, []string{`unknown environment "sm" (did you mean sim?)`}},
		{"single-dash long flag", []string{"catalog", "ls", "-format", "json"}, 2, []string{"-format: long flags take two dashes now: --format"}},
		{"unknown flag", []string{"catalog", "ls", "--nope"}, 2, []string{"catalog ls: unknown flag: --nope"}},
		{"--set keeps commas, flags after the argument", []string{"render", "HXZG_SB_00044", "--seed", "1", "--set", "nsrsbh=a,b"}, 0, []string{"<nsrsbh>a,b</nsrsbh>"}},
		{"completion bash", []string{"completion", "bash"}, 0, []string{"__start_gt3ct()", "COMP_CWORD"}},
		{"completion zsh", []string{"completion", "zsh"}, 0, []string{"#compdef gt3ct"}},
		{"completion fish", []string{"completion", "fish"}, 0, []string{"complete -c gt3ct"}},
		{"completion powershell", []string{"completion", "powershell"}, 0, []string{"Register-ArgumentCompleter"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(tc.args...)
			assert.Equal(t, tc.code, code, "stdout %s\nstderr %s", out, errOut)
			text := out
			if tc.code != 0 {
				text = errOut
				assert.Equal(t, 1, strings.Count(errOut, "\n"), "one line: %q", errOut)
			}
			for _, w := range tc.want {
				assert.Contains(t, text, w)
			}
		})
	}
}
