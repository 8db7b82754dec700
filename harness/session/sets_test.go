package session

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/fixtures/profile"
	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/render"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/runner"
	"github.com/gt3ct/gt3ct/harness/sweep"
	"github.com/gt3ct/gt3ct/internal/errs"
)

func job(t *testing.T, service, caseName string) sweep.Job {
	t.Helper()
	cat := embeddedCatalog(t)
	svc, ok := cat.Lookup(service)
	require.True(t, ok, service)
	j, err := PickCase(cat, svc, caseName)
	require.NoError(t, err)
	return j
}

// --set wins over the case's vars, which win over the fixture: the
// README's `render HXZG_SB_00045 --set ybtse=99` renders and sends 99.
func TestSetWinsOverCaseVars(t *testing.T) {
	j := job(t, "HXZG_SB_00045", "file-and-void")
	caseValue := j.Case.Vars["ybtse"]
	require.NotEmpty(t, caseValue)
	require.NotEqual(t, "99", caseValue)
	sets := map[string]string{"ybtse": "99", "nsrmc": "Set Name"}
	tps, err := profile.Generate(j.Profile, 1, 1)
	require.NoError(t, err)
	fixture := profile.Fields(tps[0])
	r := &runner.Runner{Catalog: embeddedCatalog(t), Templates: render.NewCache(), Target: runner.Target{Builder: envelope.Builder{}}}
	pv, err := r.PreviewWith(j.Service, j.Case, fixture, sets)
	require.NoError(t, err)
	assert.Contains(t, string(pv[1].Envelope), "<ybtse>99</ybtse>")
	assert.NotContains(t, string(pv[1].Envelope), caseValue)

	s := open(t, simEnv(t.TempDir()), "", nil)
	res, err := s.RunJob(context.Background(), j, map[string]string{"ybtse": "99"})
	require.NoError(t, err)
	require.Equal(t, result.Pass, res.Status, "%+v", failedChecks(res))
	var filed []string
	for _, tbl := range res.Rows {
		for _, row := range tbl.Rows {
			if v, ok := row["YBTSE"]; ok {
				filed = append(filed, v)
			}
		}
	}
	require.NotEmpty(t, filed, "the core's rows were read")
	for _, v := range filed {
		assert.Contains(t, []string{"99", "99.00"}, v, "the core stored the --set amount, not %s", caseValue)
	}
}

// An unknown --set key is an input error naming the keys the case knows;
// every kind of known key is accepted.
func TestCheckSetsRefusesUnknownKeys(t *testing.T) {
	j := job(t, "HXZG_SB_00045", "file-and-void")
	for _, known := range []string{"ybtse", "djxh", "nsrmc", "pzxh", "sbuuid", "skssqq", "sfxyh", "determinations"} {
		assert.NoError(t, CheckSets("render", j, map[string]string{known: "1"}), known)
	}
	err := CheckSets("render", j, map[string]string{"ybtsee": "99"})
	require.Error(t, err)
	assert.True(t, errs.Is(err, errs.Input))
	assert.Contains(t, err.Error(), "render: HXZG_SB_00045/file-and-void: --set ybtsee: unknown key (the case knows: ")
	assert.Contains(t, err.Error(), "ybtse")

	smoke := job(t, "HXZG_DJ_X0062", "")
	assert.NoError(t, CheckSets("run", smoke, map[string]string{"nsrsbh": "X"}))
	assert.Error(t, CheckSets("run", smoke, map[string]string{"nope": "X"}))
}

// A malformed --set is labelled with the command that got it.
func TestParseSetsLabelsTheCommand(t *testing.T) {
	for _, cmd := range []string{"render", "run"} {
		_, err := ParseSets(cmd, []string{"ybtse"})
		require.Error(t, err)
		assert.True(t, errs.Is(err, errs.Input))
		assert.Equal(t, cmd+`: --set "ybtse": want key=value`, err.Error())
	}
	got, err := ParseSets("run", []string{"a=b=c", " k =v"})
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"a": "b=c", "k": "v"}, got)
}
