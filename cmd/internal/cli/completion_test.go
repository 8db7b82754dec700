package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// complete sources `gt3ct completion bash` in a bash without rc files (so
// without the bash-completion package), sets COMP_WORDS and COMP_CWORD the
// way bash does for words, calls the completion function and returns
// COMPREPLY, descriptions cut off.
func complete(t *testing.T, bin, dir string, words ...string) []string {
	t.Helper()
	quoted := make([]string, len(words))
	for i, w := range words {
		quoted[i] = "'" + w + "'"
	}
	script := `source <(gt3ct completion bash) || exit 9
declare -F _get_comp_words_by_ref && exit 8 # the test must run without bash-completion
COMP_WORDS=(` + strings.Join(quoted, " ") + `); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
__start_gt3ct 2>/dev/null
printf '%s\n' "${COMPREPLY[@]}"`
	cmd := exec.Command("bash", "--norc", "--noprofile", "-c", script)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PATH="+filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"),
		"GT3CT_CONFIG=", "GT3CT_CONTRACTS=")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "bash: %s", out)
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if f := strings.Fields(l); len(f) > 0 {
			got = append(got, f[0])
		}
	}
	return got
}

func TestBashCompletion(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	bin := buildGT3CT(t)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "gt3ct.yaml"),
		[]byte("environments:\n  preprod:\n    endpoint: http://esb:7001/gt3\n    identity_type: ${NOT_SET_HERE}\n  prod:\n    readonly: true\n"), 0o600))
	for _, run := range []string{"a", "b/nightly"} {
		require.NoError(t, os.MkdirAll(filepath.Join(dir, "out", run), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, "out", run, "results.jsonl"), nil, 0o644))
	}
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "out", "empty"), 0o755))
	type testCase struct {
		name  string
		words []string
		want  []string
	}
	for _, tc := range []testCase{
		{"service codes by prefix (the catalog's four)", []string{"gt3ct", "run", "HXZG_SB_0004"},
			[]string{"HXZG_SB_00040", "HXZG_SB_00041", "HXZG_SB_00044", "HXZG_SB_00045"}},
		{"tran_id", []string{"gt3ct", "catalog", "show", "SWZJ.HXZG.SB.BCZZSXGMS"}, []string{"SWZJ.HXZG.SB.BCZZSXGMSB"}},
		{"case names of the service argument", []string{"gt3ct", "run", "HXZG_SB_00045", "--case", ""}, []string{"file-and-void", "file-and-pay"}},
		{"--case=, split by bash at =", []string{"gt3ct", "run", "HXZG_SB_00045", "--case", "=", "file-and-p"}, []string{"file-and-pay"}},
		{"env names: sim and the config's, secrets unset", []string{"gt3ct", "nightly", "--env", ""}, []string{"preprod", "prod", "sim"}},
		{"env names by prefix", []string{"gt3ct", "db", "ping", "--env", "pr"}, []string{"preprod", "prod"}},
		{"faults, a comma list", []string{"gt3ct", "sim", "--faults", "wrong-amount,t"}, []string{"wrong-amount,timeout", "wrong-amount,truncate-name"}},
		{"shards", []string{"gt3ct", "nightly", "--shard", "2/"}, []string{"2/2", "2/3", "2/4", "2/5", "2/6", "2/7", "2/8"}},
		{"run folders hold results.jsonl (and report's subcommand)", []string{"gt3ct", "report", ""}, []string{"merge", "out/a", "out/b/nightly"}},
		{"run folders for --baseline", []string{"gt3ct", "nightly", "--baseline", "out/b"}, []string{"out/b/nightly"}},
		{"commands", []string{"gt3ct", "re"}, []string{"reconcile", "render", "report", "repro"}},
		{"simulator shapes", []string{"gt3ct", "run", "HXZG_SB_00045", "--sim-shape", ""}, []string{"cdata", "escaped", "java"}},
		{"simulator DDL variants", []string{"gt3ct", "nightly", "--sim-ddl", "s"}, []string{"site"}},
		{"sim --shape", []string{"gt3ct", "sim", "--shape", "j"}, []string{"java"}},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, complete(t, bin, dir, tc.words...)) })
	}
}
