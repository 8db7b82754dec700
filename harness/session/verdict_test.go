package session

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts"
	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/sweep"
	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// overlayFS is the embedded contracts folder with some files replaced.
type overlayFS struct {
	base  fs.FS
	files map[string]string
}

func (o overlayFS) Open(name string) (fs.File, error) {
	if _, ok := o.files[name]; ok {
		return fstestFile(name, o.files[name])
	}
	return o.base.Open(name)
}

// brokenCatalog loads the embedded catalog with one contract.yaml replaced.
func brokenCatalog(t *testing.T, code, yaml string) *catalog.Catalog {
	t.Helper()
	return brokenCatalogFiles(t, map[string]string{"services/" + code + "/contract.yaml": yaml})
}

// brokenCatalogFiles loads the embedded catalog with some files replaced.
func brokenCatalogFiles(t *testing.T, files map[string]string) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load(overlayFS{contracts.FS(), files})
	require.NoError(t, err)
	return c
}

// A contract that does not load is an error for its service, in a sweep
// and in a single run, naming file:line; it never falls back to smoke.
func TestBrokenContractIsAnErrorNeverSmoke(t *testing.T) {
	good, err := fs.ReadFile(contracts.FS(), "services/HXZG_DJ_00205/contract.yaml")
	require.NoError(t, err)
	broken := strings.Replace(string(good), "cases:", "casez:", 1)
	cat := brokenCatalog(t, "HXZG_DJ_00205", broken)
	svc, ok := cat.Lookup("HXZG_DJ_00205")
	require.True(t, ok)
	const place = "contracts/services/HXZG_DJ_00205/contract.yaml:"

	jobs := sweep.Plan(cat, sweep.Selection{Services: "HXZG_DJ_00205"}, SharedProfile)
	require.Len(t, jobs, 1)
	assert.NotEqual(t, sweep.SmokeCase, jobs[0].Case.Name)
	assert.Contains(t, jobs[0].Error, place)

	_, err = PickCase(cat, svc, "")
	require.Error(t, err)
	assert.True(t, errs.Is(err, errs.Input), "exit 2: %v", err)
	assert.Contains(t, err.Error(), place)

	dir := t.TempDir()
	s, err := Open(context.Background(), Options{Env: simEnv(dir), Catalog: cat, Seed: 1})
	require.NoError(t, err)
	defer s.Close(context.Background())
	out := filepath.Join(dir, "run")
	_, err = s.Nightly(context.Background(), NightlyOptions{Selection: sweep.Selection{Services: "HXZG_DJ_00205"}, Out: out, Mask: true})
	require.NoError(t, err)
	got := readResults(t, out)
	require.Len(t, got, 1)
	for _, r := range got {
		assert.Equal(t, result.Error, r.Status)
		assert.Contains(t, r.Error, place)
	}
}

// A case whose own service reads but whose steps write is journalled in
// flight before it is sent; after a kill, --resume reports it and never
// sends it again.
func TestResumeNeverResendsAStepThatWrites(t *testing.T) {
	const svc, key = "HXZG_ZS_00377", "HXZG_ZS_00377/after-filing"
	cat := embeddedCatalog(t)
	s0, _ := cat.Lookup(svc)
	require.False(t, s0.Writes, "the case's own service reads")
	dir := t.TempDir()
	env := simEnv(dir)
	out := filepath.Join(dir, "run")
	sel := sweep.Selection{Services: svc}
	s := open(t, env, "", nil)
	_, err := s.Nightly(context.Background(), NightlyOptions{Selection: sel, Out: out, Mask: true})
	require.NoError(t, err)
	runID := s.RunID
	_, err = s.Close(context.Background())
	require.NoError(t, err)

	inflight, err := os.ReadFile(filepath.Join(out, sweep.InflightFile))
	require.NoError(t, err)
	assert.Contains(t, string(inflight), `"key":"`+key+`"`)
	assert.Contains(t, string(inflight), `"service":"HXZG_SB_00045"`)

	dropResult(t, out, key) // killed after sending, before recording
	log := &simLog{}
	s2, err := Open(context.Background(), Options{Env: env, Catalog: cat, SimLog: log, RunID: runID, Resume: true, Seed: time.Now().UnixNano()})
	require.NoError(t, err)
	defer s2.Close(context.Background())
	_, err = s2.Nightly(context.Background(), NightlyOptions{Selection: sel, Out: out, Resume: true, Mask: true})
	require.NoError(t, err)
	assert.Equal(t, []string{""}, log.lines(), "nothing is sent again")
	r := readResults(t, out)[key]
	assert.Equal(t, result.Error, r.Status)
	assert.Contains(t, r.Error, "not re-sent: HXZG_SB_00045 writes")
}

// dropResult removes the result line of key from the run's results.jsonl.
func dropResult(t *testing.T, dir, key string) {
	t.Helper()
	path := filepath.Join(dir, sweep.ResultsFile)
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	var keep []string
	svc, name, _ := strings.Cut(key, "/")
	for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if !strings.Contains(l, `"service":"`+svc+`"`) || !strings.Contains(l, `"case":"`+name+`"`) {
			keep = append(keep, l)
		}
	}
	require.Less(t, len(keep), len(strings.Split(strings.TrimSpace(string(b)), "\n")))
	require.NoError(t, os.WriteFile(path, []byte(strings.Join(keep, "\n")+"\n"), 0o644))
}

// fstestFile serves one in-memory file.
func fstestFile(name, data string) (fs.File, error) {
	return fstest.MapFS{name: {Data: []byte(data)}}.Open(name)
}

// Open refuses what it could only misuse, before any file or socket is
// opened: one line naming the flag or key to fix.
func TestOpenRefusesMisusedEnvironments(t *testing.T) {
	type testCase struct {
		name   string
		env    func(dir string) config.Environment
		faults string
		want   string
	}
	run := func(t *testing.T, tc testCase) {
		dir := t.TempDir()
		_, err := Open(context.Background(), Options{Env: tc.env(dir), Catalog: embeddedCatalog(t), Faults: tc.faults})
		require.Error(t, err)
		assert.True(t, errs.Is(err, errs.Input), "exit 2: %v", err)
		assert.Contains(t, err.Error(), tc.want)
		assert.NoFileExists(t, filepath.Join(dir, "core.db"), "nothing seeded")
	}
	bus := func(dir string) config.Environment {
		e := simEnv(dir)
		e.Name, e.Endpoint = "preprod", "http://127.0.0.1:1/gt3"
		e.Given = config.Given{EnvEndpoint: true, EnvDB: true}
		return e
	}
	for _, tc := range []testCase{
		{name: "faults on a bus", env: bus, faults: "wrong-amount", want: "--faults: \"wrong-amount\" works only on the embedded simulator"},
		{name: "endpoint without db", env: func(dir string) config.Environment {
			e := simEnv(dir)
			e.Endpoint, e.Given = "http://127.0.0.1:1/gt3", config.Given{EndpointFlag: true, EnvDB: true}
			return e
		}, want: "without --db"},
		{name: "readonly without channel_id", env: func(dir string) config.Environment {
			e := bus(dir)
			e.Readonly, e.ChannelID = true, ""
			return e
		}, want: "has no channel_id"},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}
