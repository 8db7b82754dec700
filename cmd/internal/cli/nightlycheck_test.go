package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// small is a quick selection: the 小规模 filing chain's services.
var small = []string{"--services", "HXZG_SB_0004*", "--seed", "11"}

func nightlyArgs(extra ...string) []string {
	return append(append([]string{"nightly"}, small...), extra...)
}

// TestNightlyPreconditions: what a nightly would misuse is refused before
// anything is sent (exit 2, one line naming it), and the run folder that
// was there stays as it was.
func TestNightlyPreconditions(t *testing.T) {
	t.Chdir(t.TempDir())
	code, out, errOut := runCLI(nightlyArgs("--out", "yesterday")...)
	require.Equal(t, 0, code, "%s\n%s", out, errOut)
	require.NoError(t, os.MkdirAll("empty", 0o755))
	before := readFile(t, "yesterday/results.jsonl")
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"module matching nothing", []string{"nightly", "--module", "XX", "--out", "n1"}, `the selection (--module "XX" --services "") matches no service`},
		{"services matching nothing", []string{"nightly", "--services", "HXZG_NOPE*", "--out", "n1"}, `matches no service`},
		{"--resume of a missing folder", nightlyArgs("--resume", "nothere"), "--resume nothere: no run there"},
		{"--resume of a folder without a run", nightlyArgs("--resume", "empty"), "--resume empty: no run there"},
		{"--out holding a run", nightlyArgs("--out", "yesterday"), "--out yesterday already holds a run: pass --force"},
		{"--out is the --baseline, even with --force", nightlyArgs("--out", "yesterday", "--baseline", "yesterday/", "--force"), "is the --baseline"},
		{"unreadable --baseline", nightlyArgs("--out", "n1", "--baseline", "nothere"), "--baseline nothere: "},
		{"--faults outside sim, with --force", nightlyArgs("--out", "yesterday", "--force", "--faults", "wrong-amount", "--endpoint", "http://127.0.0.1:9/", "--db", "sqlite:x.db"), "works only on the embedded simulator"},
		{"bad --sim-shape", nightlyArgs("--out", "n1", "--sim-shape", "x"), `unknown --sim-shape "x"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(tc.args...)
			require.Equal(t, 2, code, "%s\n%s", out, errOut)
			assert.Contains(t, errOut, tc.want)
			assert.NoDirExists(t, "n1", "nothing created")
			assert.Equal(t, before, readFile(t, "yesterday/results.jsonl"), "the old run is untouched")
		})
	}
	code, _, errOut = runCLI(nightlyArgs("--out", "yesterday", "--force")...)
	require.Equal(t, 0, code, errOut)
	assert.NotEqual(t, before, readFile(t, "yesterday/results.jsonl"), "--force replaced the run")
}

// TestNightlyRunID: --run-id names the run in run.json and every result;
// without it the CI's pipeline id does; without a CI, shards started
// separately agree on a digest and merge as one run.
func TestNightlyRunID(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, v := range ciRunIDVars {
		t.Setenv(v, "")
	}
	code, _, errOut := runCLI(nightlyArgs("--out", "named", "--run-id", "night-42")...)
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, "night-42", runIDOf(t, "named"))

	t.Setenv("CI_PIPELINE_ID", "981")
	code, _, errOut = runCLI(nightlyArgs("--out", "ci")...)
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, "981", runIDOf(t, "ci"))
	t.Setenv("CI_PIPELINE_ID", "")

	for _, s := range []string{"1/2", "2/2"} {
		code, _, errOut = runCLI(nightlyArgs("--out", "shard"+s[:1], "--shard", s)...)
		require.Equal(t, 0, code, errOut)
	}
	id := runIDOf(t, "shard1")
	assert.Regexp(t, `^nightly-\d{8}-[0-9a-f]{10}$`, id)
	assert.Equal(t, id, runIDOf(t, "shard2"), "shards of one nightly share the run id")
	code, out, errOut := runCLI("report", "merge", "shard1", "shard2", "--out", "all")
	require.Equal(t, 0, code, "%s\n%s", out, errOut)
	code, _, errOut = runCLI("report", "merge", "shard1", "named", "--out", "mixed")
	assert.Equal(t, 2, code, "shards of different runs: %s", errOut)
}

// runIDOf reads the run id of a run folder's run.json, and checks every
// result carries it.
func runIDOf(t *testing.T, dir string) string {
	t.Helper()
	var info struct {
		RunID string `json:"run_id"`
	}
	require.NoError(t, json.Unmarshal([]byte(readFile(t, filepath.Join(dir, "run.json"))), &info))
	for _, r := range readJSONLines(t, filepath.Join(dir, "results.jsonl")) {
		require.Equal(t, info.RunID, r["run_id"])
	}
	return info.RunID
}

func readJSONLines(t *testing.T, path string) []map[string]any {
	t.Helper()
	var out []map[string]any
	dec := json.NewDecoder(strings.NewReader(readFile(t, path)))
	for dec.More() {
		var m map[string]any
		require.NoError(t, dec.Decode(&m))
		out = append(out, m)
	}
	return out
}
