package cli

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/fixtures/profile"
	"github.com/gt3ct/gt3ct/fixtures/seed"
	"github.com/gt3ct/gt3ct/fixtures/sim"
	"github.com/gt3ct/gt3ct/harness/target"
	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/safety"
)

// e2e is a temporary working directory with a gt3ct.yaml, in which tests
// drive the real commands through Main.
type e2e struct {
	t     *testing.T
	dir   string
	audit string
}

// newE2E chdirs into a fresh directory and writes cfg (with ${DIR} replaced
// by that directory) as its gt3ct.yaml, mode 0600.
func newE2E(t *testing.T, cfg string) *e2e {
	dir := t.TempDir()
	t.Chdir(dir)
	cfg = strings.ReplaceAll(cfg, "${DIR}", dir)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "gt3ct.yaml"), []byte(cfg), 0o600))
	return &e2e{t: t, dir: dir, audit: filepath.Join(dir, "audit.jsonl")}
}

// run runs gt3ct with args (stdin is not a terminal).
func (e *e2e) run(args ...string) (int, string, string) {
	var out, errOut bytes.Buffer
	code := Main(context.Background(), args, strings.NewReader("prod\n"), &out, &errOut)
	return code, out.String(), errOut.String()
}

// auditEntries reads the audit file.
func (e *e2e) auditEntries() []safety.Entry {
	var out []safety.Entry
	for _, line := range readLines(e.t, e.audit) {
		var en safety.Entry
		require.NoError(e.t, json.Unmarshal([]byte(line), &en), line)
		out = append(out, en)
	}
	return out
}

func readLines(t *testing.T, path string) []string {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	}
	require.NoError(t, err)
	var out []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out
}

// startSim starts a simulator over a SQLite core database at dbPath, logging
// every request it receives to logPath; it returns its URL and database.
func startSim(t *testing.T, dbPath, logPath string) (string, *coredb.DB) {
	ctx := context.Background()
	db, err := coredb.Open(ctx, "sqlite:"+dbPath)
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	log, err := os.Create(logPath)
	require.NoError(t, err)
	t.Cleanup(func() { log.Close() })
	cat, err := catalog.Open("")
	require.NoError(t, err)
	s, err := sim.New(sim.Config{DB: db, Catalog: target.SimCatalog(cat), Log: log, Seed: 1})
	require.NoError(t, err)
	url, stop, err := sim.Start(ctx, "127.0.0.1:0", s)
	require.NoError(t, err)
	t.Cleanup(func() { stop() })
	return url, db
}

func rowCounts(t *testing.T, db *coredb.DB) map[string]int {
	c, err := seed.Counts(context.Background(), db)
	require.NoError(t, err)
	return c
}

const readonlyConfig = `environments:
  prod:
    endpoint: ${URL}
    db: sqlite:${DIR}/sim/core.db
    channel_id: GT3CT.SIM
    readonly: true
    audit: ${DIR}/audit.jsonl
`

// On a readonly environment, every writing command is refused before
// anything is sent or written, and every refusal is audited; the nightly
// sends reads only.
func TestReadonlyEnvReachesNothing(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "sim"), 0o755))
	simLog := filepath.Join(dir, "sim.log")
	url, db := startSim(t, filepath.Join(dir, "sim", "core.db"), simLog)
	e := newE2E(t, strings.ReplaceAll(strings.ReplaceAll(readonlyConfig, "${DIR}", dir), "${URL}", url))
	e.audit = filepath.Join(dir, "audit.jsonl")
	before := rowCounts(t, db)
	type testCase struct {
		name  string
		args  []string
		rule  string // in the one-line refusal and the audit entry
		event string
	}
	run := func(t *testing.T, tc testCase) {
		n := len(e.auditEntries())
		code, out, errOut := e.run(tc.args...)
		assert.Equal(t, 2, code, "stdout %s\nstderr %s", out, errOut)
		assert.Contains(t, errOut, tc.rule)
		assert.Equal(t, 1, strings.Count(strings.TrimSpace(errOut), "\n")+1, "one line: %s", errOut)
		assert.Empty(t, readLines(t, simLog), "a refused command sends nothing")
		assert.Equal(t, before, rowCounts(t, db), "a refused command writes nothing")
		entries := e.auditEntries()
		require.Len(t, entries, n+1, "the refusal is audited")
		assert.Equal(t, tc.event, entries[n].Event)
		assert.Contains(t, entries[n].Outcome, tc.rule)
	}
	for _, tc := range []testCase{
		{name: "run a writing service", args: []string{"run", "HXZG_SB_00045", "--env", "prod"}, rule: "readonly envs refuse writing services", event: safety.EventRefused},
		{name: "run a query whose case writes first", args: []string{"run", "HXZG_SB_00065", "--case", "after-filing", "--env", "prod"}, rule: "HXZG_SB_00045 (save) writes", event: safety.EventRefused},
		{name: "unlock without a terminal", args: []string{"run", "HXZG_SB_00045", "--env", "prod", "--unlock-writes"}, rule: "typed on a terminal", event: safety.EventUnlockDenied},
		{name: "fixtures seed", args: []string{"fixtures", "seed", "--env", "prod", "--seed", "1"}, rule: "readonly envs refuse fixture commands", event: safety.EventRefused},
		{name: "fixtures clean", args: []string{"fixtures", "clean", "--env", "prod"}, rule: "readonly envs refuse fixture commands", event: safety.EventRefused},
		{name: "repro run", args: []string{"repro", "run", filepath.Join(dir, "bundle"), "--env", "prod"}, rule: "readonly envs refuse repro run", event: safety.EventRefused},
		{name: "nightly --no-mask", args: []string{"nightly", "--env", "prod", "--no-mask", "--out", filepath.Join(dir, "nomask")}, rule: "--no-mask is not allowed", event: safety.EventRefused},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
	t.Run("nightly sends reads only", func(t *testing.T) { readonlyNightly(t, e, simLog, db, before) })
}

func readonlyNightly(t *testing.T, e *e2e, simLog string, db *coredb.DB, before map[string]int) {
	out := filepath.Join(e.dir, "out")
	code, stdout, errOut := e.run("nightly", "--env", "prod", "--module", "SB", "--out", out, "--seed", "5")
	require.Contains(t, []int{0, 1}, code, "stdout %s\nstderr %s", stdout, errOut)
	var sum struct{ Total, Skip int }
	data, err := os.ReadFile(filepath.Join(out, "summary.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &sum))
	assert.Positive(t, sum.Skip, "writing services are skipped")
	assert.Less(t, sum.Skip, sum.Total, "reads still run")
	lines := readLines(t, simLog)
	require.NotEmpty(t, lines, "reads reach the endpoint")
	for _, l := range lines {
		require.Contains(t, l, `"writes":false`)
	}
	for _, en := range e.auditEntries() {
		if en.Event == safety.EventSent {
			require.False(t, en.Writes, "audited as sent: %+v", en)
		}
	}
	assert.Equal(t, before, rowCounts(t, db), "a readonly nightly seeds nothing")
}

const secretsConfig = `environments:
  dev:
    db: sqlite:${DIR}/dev/core.db
    channel_id: GT3CT.SIM
    identity_type: ${GT3_TEST_IDENTITY}
    db_password: ${GT3_TEST_DB_PASSWORD}
    audit: ${DIR}/audit.jsonl
  pg:
    db: postgres://u:${GT3_TEST_DB_PASSWORD}@127.0.0.1:1/x
    audit: ${DIR}/audit.jsonl
  ora:
    db: oracle://u@127.0.0.1:1/x
    db_password: ${GT3_TEST_DB_PASSWORD}
    identity_type: ${GT3_TEST_IDENTITY}
    audit: ${DIR}/audit.jsonl
`

// The secrets of the test environments: characters that change when URL-
// or base64-encoded.
const (
	testIdentity = "gt3-ID:s3cr3t/7731+q"
	testPassword = "pw+Secret!9931"
	testSeed     = "4242"
)

// A failing nightly and failing runs print and write neither a secret (in
// any encoding) nor, on disk, a fixture taxpayer's real PII.
func TestFailingRunLeaksNothing(t *testing.T) {
	t.Setenv("GT3_TEST_IDENTITY", testIdentity)
	t.Setenv("GT3_TEST_DB_PASSWORD", testPassword)
	e := newE2E(t, secretsConfig)
	out := filepath.Join(e.dir, "out")
	printed := filepath.Join(e.dir, "printed") // stdout and stderr of every command
	require.NoError(t, os.Mkdir(printed, 0o755))
	capture := func(name string, wantCode int, args ...string) string {
		code, stdout, stderr := e.run(args...)
		require.NoError(t, os.WriteFile(filepath.Join(printed, name+".stdout"), []byte(stdout), 0o644))
		require.NoError(t, os.WriteFile(filepath.Join(printed, name+".stderr"), []byte(stderr), 0o644))
		require.Equal(t, wantCode, code, "%s\nstdout %.2000s\nstderr %.2000s", name, stdout, stderr)
		return stdout + stderr
	}
	nightly := capture("nightly", 1, "nightly", "--env", "dev", "--faults", "wrong-amount", "--seed", testSeed, "--out", out, "--sim-log", filepath.Join(out, "sim.log"))
	assert.Regexp(t, `(?m)^fixtures cleaned \d+ ledger entries from 1 run\(s\)\n  HX_DJ\.DJ_NSRXX +seeded +\d+ +derived +\d+ +remaining 0\n`, nightly, "the cleaned tables one a line")
	runJSON := capture("run-json", 1, "run", "HXZG_SB_00045", "--env", "dev", "--faults", "wrong-amount", "--seed", testSeed, "--format", "json")
	runText := capture("run-text", 1, "run", "HXZG_SB_00045", "--env", "dev", "--faults", "wrong-amount", "--seed", testSeed)
	assert.Contains(t, capture("pg", 1, "run", "HXZG_DJ_00225", "--env", "pg"), "connect postgres://u:***@127.0.0.1:1/x: failed to connect", "an unreachable database is exit 1 naming it")
	assert.Contains(t, capture("oracle", 2, "db", "ping", "--env", "ora"), "DPI-1047")

	results, err := os.ReadFile(filepath.Join(out, "results.jsonl"))
	require.NoError(t, err)
	for what, text := range map[string]string{"results.jsonl": string(results), "run json": runJSON, "run text": runText} {
		assert.Contains(t, text, "identityType", "%s shows the head's expand (else this test proves nothing)", what)
	}
	assert.Contains(t, string(results), safety.MaskedName, "names were written, masked")
	for _, dir := range []string{out, printed} {
		assert.Empty(t, grepSecrets(t, dir, testIdentity, testPassword), "secrets under %s", dir)
	}
	assert.Empty(t, grepSecrets(t, e.audit, testIdentity, testPassword), "secrets in the audit file")
	assert.Empty(t, safety.ScanForLeaks(out, []string{testIdentity, testPassword}))
	assert.Empty(t, grepStrings(t, out, taxpayerPII(t)), "fixture PII on disk")
}

// grepSecrets lists the files under root (a file or a folder) holding a
// secret as is, URL-encoded or base64-encoded.
func grepSecrets(t *testing.T, root string, secrets ...string) []string {
	var forms []string
	for _, s := range secrets {
		forms = append(forms, safety.Forms(s)...)
	}
	return grepStrings(t, root, forms)
}

// grepStrings lists "file: value" for every value found in a file under root.
func grepStrings(t *testing.T, root string, values []string) []string {
	var found []string
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, v := range values {
			if v != "" && bytes.Contains(data, []byte(v)) {
				found = append(found, filepath.Base(path)+": "+v)
			}
		}
		return nil
	})
	require.NoError(t, err)
	return found
}

// taxpayerPII is the PII of every taxpayer the nightly and runs with
// --seed testSeed generate (the pool takes a prefix of each profile's
// sequence): names, ID numbers, mobiles, accounts and addresses.
func taxpayerPII(t *testing.T) []string {
	var out []string
	for _, p := range profile.ProfileNames() {
		tps, err := profile.Generate(p, 400, 4242)
		require.NoError(t, err)
		for _, tp := range tps {
			out = append(out, tp.NSRMC, tp.FDDBRXM, tp.FDDBRSFZJHM, tp.FDDBRYDDH,
				tp.Agreement.JKZH, tp.Agreement.JKZHMC, tp.SCJYDZ, tp.ZCDZ)
			if safety.ValidID(tp.NSRSBH) {
				out = append(out, tp.NSRSBH)
			}
		}
	}
	return out
}
