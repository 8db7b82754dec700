package session

import (
	"context"
	"io/fs"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts"
	"github.com/gt3ct/gt3ct/harness/result"
)

// Check names carry their step in a case of several steps and show the
// values compared, not templates; each step's envelope checks are about
// that step's own service.
func TestCheckNamesCarryTheStepAndRenderedValues(t *testing.T) {
	s := open(t, simEnv(t.TempDir()), "", nil)
	j := job(t, "HXZG_SB_00045", "file-and-void")
	res, err := s.RunJob(context.Background(), j, nil)
	require.NoError(t, err)
	require.Equal(t, result.Pass, res.Status, "%+v", failedChecks(res))
	names := map[string]result.Check{}
	for _, c := range res.Checks {
		assert.NotContains(t, c.Name, "{{", "rendered, not a template")
		names[c.Name] = c
	}
	assert.Contains(t, names, "1 HXZG_SB_00044: tran_id echoed")
	assert.Contains(t, names, "2 HXZG_SB_00045: tran_id echoed")
	djxh := names["1 HXZG_SB_00044: //sbqcVO/djxh equals "+djxhOf(t, res)]
	assert.Equal(t, result.Pass, djxh.Status, "the xpath check is named by the DJXH it compared")
	for _, c := range res.Checks {
		if strings.HasSuffix(c.Name, ": tran_id echoed") {
			code := strings.Fields(c.Name)[1]
			code = strings.TrimSuffix(code, ":")
			svc, ok := s.Catalog.Lookup(code)
			require.True(t, ok, code)
			assert.Equal(t, svc.TranID, c.Want, "%s is about its own step", c.Name)
		}
	}

	one := runCase(t, "", "HXZG_DJ_00004", "basic")
	assert.Equal(t, "tran_id echoed", one.Checks[0].Name, "a single-step case keeps plain names")
}

// djxhOf reads the DJXH the case was bound to from its first step's check.
func djxhOf(t *testing.T, res result.Result) string {
	for _, c := range res.Checks {
		if strings.HasPrefix(c.Name, "1 HXZG_SB_00044: //sbqcVO/djxh equals ") {
			assert.Regexp(t, `^[0-9]{20}$`, c.Want, "the DJXH compared, in the name")
			return c.Want
		}
	}
	t.Fatal("no djxh check in step 1")
	return ""
}

// A value a saving step did not save makes the checks that need it "not
// run", naming the step, instead of a template error.
func TestCheckNeedingAnUnsavedValueSaysWhichStep(t *testing.T) {
	yaml, err := fs.ReadFile(contracts.FS(), "services/HXZG_ZS_10025/contract.yaml")
	require.NoError(t, err)
	// The step saves the slip number as "slip" from a path the answer lacks.
	edited := strings.Replace(string(yaml), `dzsphm: "//dzsphm"`, `slip: "//no_dzsphm"`, 1)
	edited = strings.Replace(edited, `DZSPHM: "{{.dzsphm}}"`, `DZSPHM: "{{.slip}}"`, 1)
	require.NotEqual(t, string(yaml), edited)
	cat := brokenCatalogFiles(t, map[string]string{"services/HXZG_ZS_10025/contract.yaml": edited})
	svc, _ := cat.Lookup("HXZG_ZS_10025")
	j, err := PickCase(cat, svc, "pay-filing")
	require.NoError(t, err)
	s := open(t, simEnv(t.TempDir()), "", nil)
	s.Catalog, s.Runner.Catalog = cat, cat
	res, err := s.RunJob(context.Background(), j, nil)
	require.NoError(t, err)
	require.Equal(t, result.Fail, res.Status, "%+v", res.Checks)
	var slip *result.Check
	for i, c := range res.Checks {
		if c.Name == "4 HXZG_ZS_10025: payment slip" {
			slip = &res.Checks[i]
		}
	}
	require.NotNil(t, slip, "%+v", res.Checks)
	assert.Equal(t, result.Fail, slip.Status)
	assert.Equal(t, "not run: slip was never saved by step 4 (HXZG_ZS_10025)", slip.Detail)
}
