package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/cmd/internal/cli"
)

func TestBenchCommands(t *testing.T) {
	register()
	type testCase struct {
		name string
		args []string
		code int
		want []string
		not  string
	}
	for _, tc := range []testCase{
		{"send --help names its flags' values", []string{"bench", "send", "--help"}, 0,
			[]string{"usage: gt3ct-bench bench send [flags]", "--targets DIR", "folder DIR written by bench record"}, "-targets bench record"},
		{"profile wraps a gt3ct command", []string{"bench", "profile", "--cpu", t.TempDir() + "/cpu.prof", "--", "catalog", "show", "HXZG_SB_00045"}, 0,
			[]string{"SWZJ.HXZG.SB.BCZZSXGMSB"}, ""},
		{"profile without a command", []string{"bench", "profile"}, 2, []string{"want -- COMMAND"}, ""},
		{"gt3ct's commands are there", []string{"catalog"}, 0, []string{"gt3ct-bench catalog ls [flags]"}, ""},
		{"a big answer parses whole", []string{"bench", "parse", bigAnswer(t)}, 0, []string{"class success, body", "0 head problems"}, ""},
		{"exec times a program's runs", []string{"bench", "exec", "--n", "3", "--", "true"}, 0, []string{"of 3 runs", "mean ", "least "}, ""},
		{"exec of a program that does not run", []string{"bench", "exec", "--", "/nonexistent/prog"}, 2, []string{"run 0: /nonexistent/prog"}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := cli.Main(context.Background(), tc.args, strings.NewReader(""), &out, &errOut)
			require.Equal(t, tc.code, code, "stdout %s\nstderr %s", out.String(), errOut.String())
			for _, w := range tc.want {
				assert.Contains(t, out.String()+errOut.String(), w)
			}
			if tc.not != "" {
				assert.NotContains(t, out.String(), tc.not)
			}
		})
	}
}

// bigAnswer writes a 12 MB answer (one CDATA section above libxml2's default
// 10 MB text limit) with bench answer and returns its path.
func bigAnswer(t *testing.T) string {
	path := t.TempDir() + "/big.xml"
	require.NoError(t, writeBigAnswer(path, 12_000_000))
	return path
}
