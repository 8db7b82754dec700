package session

import (
	"context"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/sweep"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// A name with & and < is escaped in the request, sent well-formed, and the
// core's row matches the name as given.
func TestNameWithMarkupIsEscapedAndRegistered(t *testing.T) {
	const name = "A&B<C>贸易"
	s := open(t, simEnv(t.TempDir()), "", nil)
	j := job(t, "HXZG_DJ_00073", "register")
	res, err := s.RunJob(context.Background(), j, map[string]string{"nsrmc": name})
	require.NoError(t, err)
	assert.Contains(t, res.Request, "<nsrmc>A&amp;B&lt;C&gt;贸易</nsrmc>")
	assert.Equal(t, result.Pass, res.Status, "%s %+v", res.Error, failedChecks(res))
}

// A request that renders malformed (a raw fragment that is not XML) is
// never sent: run is an input error, nightly an error result naming the
// template line and the value's key.
func TestMalformedRequestIsNeverSent(t *testing.T) {
	tmpl, err := fs.ReadFile(contracts.FS(), "services/HXZG_DJ_00073/request.xml")
	require.NoError(t, err)
	yaml, err := fs.ReadFile(contracts.FS(), "services/HXZG_DJ_00073/contract.yaml")
	require.NoError(t, err)
	cat := brokenCatalogFiles(t, map[string]string{
		"services/HXZG_DJ_00073/request.xml":   strings.Replace(string(tmpl), "{{.nsrmc}}", "{{raw .nsrmc}}", 1),
		"services/HXZG_DJ_00073/contract.yaml": strings.Replace(string(yaml), "  - name: register\n", "  - name: register\n    vars: {nsrmc: \"A&B<C>\"}\n", 1),
	})
	svc, _ := cat.Lookup("HXZG_DJ_00073")
	j, err := PickCase(cat, svc, "register")
	require.NoError(t, err)
	require.Equal(t, "A&B<C>", j.Case.Vars["nsrmc"])

	dir := t.TempDir()
	log := &simLog{}
	s, err := Open(context.Background(), Options{Env: simEnv(dir), Catalog: cat, SimLog: log, Seed: time.Now().UnixNano()})
	require.NoError(t, err)
	defer s.Close(context.Background())
	_, err = s.RunJob(context.Background(), j, nil)
	require.Error(t, err)
	assert.True(t, errs.Is(err, errs.Input), "exit 2: %v", err)
	assert.Contains(t, err.Error(), "request.xml:4: rendered request is not well-formed XML")
	assert.Contains(t, err.Error(), "value of nsrmc")

	assert.Equal(t, []string{""}, log.lines(), "run sent nothing")

	dir2 := t.TempDir()
	s, err = Open(context.Background(), Options{Env: simEnv(dir2), Catalog: cat, SimLog: log, Seed: time.Now().UnixNano()})
	require.NoError(t, err)
	defer s.Close(context.Background())
	out := filepath.Join(dir2, "run")
	_, err = s.Nightly(context.Background(), NightlyOptions{Selection: sweep.Selection{Services: "HXZG_DJ_00073"}, Out: out, Mask: true})
	require.NoError(t, err)
	r := readResults(t, out)["HXZG_DJ_00073/register"]
	assert.Equal(t, result.Error, r.Status)
	assert.Contains(t, r.Error, "request.xml:4: rendered request is not well-formed XML")
	assert.Contains(t, r.Error, "value of nsrmc")
	assert.Equal(t, []string{""}, log.lines(), "nightly sent nothing")
}
