package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/fixtures/seed"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/coredb"
)

// TestSetsAndPreflight: --set wins over the case's vars in render and run,
// unknown keys and misused flags are refused (exit 2) before anything is
// sent, each naming what is wrong.
func TestSetsAndPreflight(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string // in stdout (code 0) or stderr
	}{
		{"render: --set beats the case's vars", []string{"render", "HXZG_SB_00045", "--seed", "1", "--set", "ybtse=99"}, 0, "<ybtse>99</ybtse>"},
		{"render: unknown --set key", []string{"render", "HXZG_SB_00045", "--set", "ybtsee=99"}, 2, "render: HXZG_SB_00045/file-and-void: --set ybtsee: unknown key (the case knows: "},
		{"render: malformed --set labelled render", []string{"render", "HXZG_SB_00045", "--set", "ybtse"}, 2, `gt3ct: render: --set "ybtse": want key=value`},
		{"run: unknown --set key", []string{"run", "HXZG_SB_00045", "--set", "nope=1"}, 2, "--set nope: unknown key"},
		{"run: --faults outside sim", []string{"run", "HXZG_SB_00045", "--faults", "wrong-amount", "--endpoint", "http://127.0.0.1:9/", "--db", "sqlite:core.db"}, 2, `--faults: "wrong-amount" works only on the embedded simulator`},
		{"run: --endpoint without --db", []string{"run", "HXZG_SB_00045", "--endpoint", "http://127.0.0.1:9/"}, 2, "without --db"},
		{"run: unknown --sim-shape", []string{"run", "HXZG_SB_00045", "--sim-shape", "soap12"}, 2, `unknown --sim-shape "soap12": want cdata or escaped or java`},
		{"run: unknown --sim-ddl", []string{"run", "HXZG_SB_00045", "--sim-ddl", "oracle"}, 2, `unknown --sim-ddl "oracle": want own or site`},
		{"nightly: --faults outside sim", []string{"nightly", "--faults", "wrong-amount", "--endpoint", "http://127.0.0.1:9/", "--db", "sqlite:core.db", "--out", "n1"}, 2, "works only on the embedded simulator"},
		{"repro run: --faults outside sim", []string{"repro", "run", "nobundle", "--faults", "wrong-amount", "--endpoint", "http://127.0.0.1:9/", "--db", "sqlite:core.db"}, 2, "works only on the embedded simulator"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(tc.args...)
			require.Equal(t, tc.code, code, "stdout %s\nstderr %s", out, errOut)
			if code == 0 {
				assert.Contains(t, out, tc.want)
				return
			}
			assert.Contains(t, errOut, tc.want)
			assert.NoFileExists(t, "core.db", "nothing opened")
			assert.NoDirExists(t, ".gt3ct", "no simulator started")
		})
	}
}

// TestRunSetAndShapes: run sends the --set value and checks the rows with
// it; every simulator answer shape and the site DDL pass the filing save's
// contract; rows a run left behind fail it (exit 1) naming table and key.
func TestRunSetAndShapes(t *testing.T) {
	t.Chdir(t.TempDir())
	code, out, errOut := runCLI("run", "HXZG_SB_00045", "--seed", "7", "--set", "ybtse=99.50", "--format", "json")
	require.Equal(t, 0, code, "%s\n%s", out, errOut)
	var res result.Result
	require.NoError(t, json.Unmarshal([]byte(out), &res))
	assert.Contains(t, checkGots(res), "99.50", "the rows were checked against the --set value")

	for _, shape := range []string{"cdata", "escaped", "java"} {
		code, out, errOut = runCLI("run", "HXZG_SB_00045", "--seed", "7", "--sim-shape", shape, "--sim-ddl", "site")
		assert.Equal(t, 0, code, "shape %s: %s\n%s", shape, out, errOut)
	}
	code, out, errOut = runCLI("run", "HXZG_SB_00045", "--seed", "7", "--faults", "orphan-detail")
	require.Equal(t, 1, code, out)
	assert.Contains(t, errOut, "HX_SB.SB_SBXX SBUUID=", "the orphan named by table and key")
}

func checkGots(r result.Result) string {
	var b strings.Builder
	for _, c := range r.Checks {
		b.WriteString(c.Got + "\n")
	}
	return b.String()
}

// TestFixturesFollowUpAndSite: the clean command seed prints reaches the
// database seed wrote to and cleans every row; an env's ledger: and
// fixtures.columns keys are honoured; rows of a run left behind make clean
// exit 1, naming them.
func TestFixturesFollowUpAndSite(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	dsn := "sqlite:" + filepath.Join(dir, "other", "core.db")
	code, out, errOut := runCLI("fixtures", "seed", "--db", dsn, "--count", "2", "--seed", "5")
	require.Equal(t, 0, code, errOut)
	follow := regexp.MustCompile(`clean with: gt3ct (.*)\n`).FindStringSubmatch(out)
	require.NotNil(t, follow, out)
	assert.Contains(t, follow[1], "--db "+dsn)
	code, out, errOut = runCLI(strings.Fields(follow[1])...)
	require.Equal(t, 0, code, "%s\n%s", out, errOut)
	assert.Regexp(t, `HX_DJ.DJ_NSRXX\s+seeded\s+2`, out, "the printed command cleaned what was seeded")
	assert.Equal(t, 0, tableCount(t, dsn, "HX_DJ.DJ_NSRXX"))

	ledger := filepath.Join(dir, "ledger.db")
	cfg := "environments:\n  site:\n    db: " + dsn + "\n    ledger: file:" + ledger + "\n"
	require.NoError(t, os.WriteFile("gt3ct.yaml", []byte(cfg), 0o600))
	code, _, errOut = runCLI("fixtures", "seed", "--env", "site", "--count", "1", "--seed", "6")
	require.Equal(t, 0, code, errOut)
	assert.FileExists(t, ledger, "ledger: file:PATH keeps the ledger there")
	code, _, errOut = runCLI("fixtures", "clean", "--env", "site")
	require.Equal(t, 0, code, errOut)

	code, _, errOut = runCLI("run", "HXZG_SB_00045", "--seed", "8", "--faults", "orphan-detail", "--keep-fixtures")
	require.Equal(t, 1, code, errOut)
	code, out, errOut = runCLI("fixtures", "clean")
	require.Equal(t, 1, code, out)
	assert.Contains(t, out, "left behind: HX_SB.SB_SBXX SBUUID=")
	assert.Contains(t, errOut, "DJXH NULL")
}

func tableCount(t *testing.T, dsn, table string) int {
	t.Helper()
	db, err := coredb.Open(context.Background(), dsn)
	require.NoError(t, err)
	defer db.Close()
	counts, err := seed.Counts(context.Background(), db)
	require.NoError(t, err)
	return counts[table]
}
