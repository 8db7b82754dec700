package session

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts"
	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/sweep"
	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/safety"
)

// TestRunRecordsWrittenRows: a filing and its void, run once, records the
// rows the calls wrote at the top of the Result (as the void left them) and
// in each writing step, and the data specification passes on them.
func TestRunRecordsWrittenRows(t *testing.T) {
	res := runCase(t, "", "HXZG_SB_00045", "file-and-void")
	require.Equal(t, result.Pass, res.Status, "%+v", failedChecks(res))
	assert.Equal(t, []string{"HX_SB.SB_SBB", "HX_SB.SB_SBXX", "HX_ZS.ZS_YJSF"}, res.Written.Tables())
	sbb := res.Written["HX_SB.SB_SBB"]
	require.Len(t, sbb, 1)
	assert.Equal(t, "Y", sbb[0]["ZFBZ_1"], "the union shows the row as the void left it")
	assert.Equal(t, "BDA0610611", sbb[0]["YZPZZL_DM"])
	require.Len(t, res.Steps, 3)
	assert.Empty(t, res.Steps[0].Written, "the pre-check writes nothing")
	assert.Equal(t, "N", res.Steps[1].Written["HX_SB.SB_SBB"][0]["ZFBZ_1"], "the save step shows the row it wrote")
	specs := 0
	for _, c := range res.Checks {
		if c.Kind == result.KindSpec {
			specs++
			assert.Equal(t, result.Pass, c.Status, "%+v", c)
		}
	}
	assert.Equal(t, 6, specs, "one spec check per table per writing step")
	b, err := json.Marshal(res)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"written":{"HX_SB.SB_SBB":[{`)
}

// TestBadCodeFailsSpecOnEveryWritingService: with bad-code every service
// whose calls wrote rows fails a spec check naming table, column, value and
// code table, including services whose contracts have no database checks;
// the blame is the core's (the request sent valid codes).
func TestBadCodeFailsSpecOnEveryWritingService(t *testing.T) {
	if testing.Short() {
		t.Skip("whole-catalog nightly")
	}
	got, _, _ := runSweep(t, simEnv(t.TempDir()), "bad-code", sweep.Selection{}, nil)
	wrote, failed := map[string]bool{}, map[string]bool{}
	for _, r := range got {
		if len(r.Written) > 0 {
			wrote[r.Service] = true
		}
		for _, c := range r.Checks {
			if c.Kind == result.KindSpec && c.Status == result.Fail && strings.HasSuffix(c.Name, " code") {
				failed[r.Service] = true
				assert.Regexp(t, `^HX_[A-Z]+\.[A-Z_]+\[.*\]\.[A-Z_]+ = 9+`, c.Detail, r.Key())
				assert.Regexp(t, `^a code of HX_DM_(QG|ZDY)\.DM_`, c.Want, r.Key())
				assert.Regexp(t, `^9+$`, c.Got, r.Key())
				assert.Equal(t, result.BlameCore, r.Blame, r.Key())
			}
		}
	}
	require.GreaterOrEqual(t, len(wrote), 30, "writing services touched")
	var missed []string
	for s := range wrote {
		if !failed[s] {
			missed = append(missed, s)
		}
	}
	sort.Strings(missed)
	assert.Empty(t, missed, "writing services without a failing spec check")
}

// TestBadCodeCaughtWithoutDBChecks: the data specification catches the bad
// code on services whose contracts hold no database check at all (their
// db checks removed here): a filing save and a bank agreement save (whose
// rows have no coded column, so the fault marks the taxpayer's row).
func TestBadCodeCaughtWithoutDBChecks(t *testing.T) {
	cat, err := catalog.Load(contracts.FS())
	require.NoError(t, err)
	for _, tc := range []struct{ service, caseName, table, column string }{
		{"HXZG_SB_00045", "file-and-void", "HX_SB.SB_SBXX", "ZSXM_DM"},
		{"HXZG_ZS_X0001", "save-and-end", "HX_DJ.DJ_NSRXX", "HY_DM"},
	} {
		t.Run(tc.service, func(t *testing.T) {
			svc, ok := cat.Lookup(tc.service)
			require.True(t, ok)
			dropDBChecks(svc.Contract)
			require.False(t, hasDBChecks(svc.Contract))
			s := openWith(t, simEnv(t.TempDir()), "bad-code", cat)
			job, err := PickCase(cat, svc, tc.caseName)
			require.NoError(t, err)
			res, err := s.RunJob(context.Background(), job, nil)
			require.NoError(t, err)
			c := firstFailed(res, result.KindSpec)
			require.NotNil(t, c, "%+v", res.Checks)
			assert.Equal(t, "spec "+tc.table+"."+tc.column+" code", bare(c.Name))
			assert.Contains(t, c.Detail, tc.table+"[")
			assert.Regexp(t, `^9+$`, c.Got)
			assert.Equal(t, result.BlameCore, res.Blame)
		})
	}
}

func dropDBChecks(c *catalog.Contract) {
	for i := range c.Cases {
		c.Cases[i].DB = nil
		for j := range c.Cases[i].Steps {
			c.Cases[i].Steps[j].DB = nil
		}
	}
}

func firstFailed(r result.Result, kind result.Kind) *result.Check {
	for i, c := range r.Checks {
		if c.Kind == kind && c.Status == result.Fail {
			return &r.Checks[i]
		}
	}
	return nil
}

// openWith starts a session over a catalog of the test's own.
func openWith(t *testing.T, env config.Environment, faults string, cat *catalog.Catalog) *Session {
	t.Helper()
	s, err := Open(context.Background(), Options{Env: env, Catalog: cat, Faults: faults, Seed: 7})
	require.NoError(t, err)
	t.Cleanup(func() { s.Close(context.Background()) })
	return s
}

// TestNoSpecFailureWithoutFaults: without faults no spec check fails or
// skips across the whole catalog, and written rows reach results.jsonl
// with their PII masked.
func TestNoSpecFailureWithoutFaults(t *testing.T) {
	if testing.Short() {
		t.Skip("whole-catalog nightly")
	}
	got, _, out := runSweep(t, simEnv(t.TempDir()), "", sweep.Selection{}, nil)
	written := 0
	for _, r := range got {
		if len(r.Written) > 0 {
			written++
		}
		for _, c := range r.Checks {
			if c.Kind == result.KindSpec {
				assert.Equal(t, result.Pass, c.Status, "%s: %+v", r.Key(), c)
			}
		}
	}
	assert.GreaterOrEqual(t, written, 30)
	name := got["HXZG_DJ_00073/register"].Written["HX_DJ.DJ_NSRXX"]
	require.NotEmpty(t, name, "the registration wrote the taxpayer row")
	assert.True(t, strings.HasPrefix(name[0]["NSRMC"], safety.MaskedName), "masked: %q", name[0]["NSRMC"])
	raw, err := os.ReadFile(filepath.Join(out, sweep.ResultsFile))
	require.NoError(t, err)
	assert.NotContains(t, string(raw), "（gt3ct）\"", "no unmasked fixture name in results.jsonl")
}

// hasDBChecks reports whether a contract has any hand-written db check.
func hasDBChecks(c *catalog.Contract) bool {
	if c == nil {
		return false
	}
	for _, cs := range c.Cases {
		if len(cs.DB) > 0 {
			return true
		}
		for _, st := range cs.Steps {
			if len(st.DB) > 0 {
				return true
			}
		}
	}
	return false
}

// TestWrittenAndSpecOnPostgres: the same written rows and spec verdicts
// with the core on PostgreSQL (GT3CT_PG_DSN), with and without bad-code.
func TestWrittenAndSpecOnPostgres(t *testing.T) {
	dsn := os.Getenv("GT3CT_PG_DSN")
	if dsn == "" {
		t.Skip("GT3CT_PG_DSN not set")
	}
	for _, faults := range []string{"", "bad-code"} {
		t.Run("faults="+faults, func(t *testing.T) {
			env := simEnv(t.TempDir())
			env.DB = dsn
			cat, err := catalog.Load(contracts.FS())
			require.NoError(t, err)
			s := openWith(t, env, faults, cat)
			svc, _ := cat.Lookup("HXZG_SB_00045")
			job, err := PickCase(cat, svc, "file-and-void")
			require.NoError(t, err)
			res, err := s.RunJob(context.Background(), job, nil)
			require.NoError(t, err)
			assert.Equal(t, []string{"HX_SB.SB_SBB", "HX_SB.SB_SBXX", "HX_ZS.ZS_YJSF"}, res.Written.Tables())
			bad := firstFailed(res, result.KindSpec)
			if faults == "" {
				assert.Nil(t, bad, "%+v", bad)
				assert.Equal(t, result.Pass, res.Status, "%+v", failedChecks(res))
				return
			}
			require.NotNil(t, bad)
			assert.Equal(t, "spec HX_SB.SB_SBXX.ZSXM_DM code", bare(bad.Name))
			assert.Equal(t, "99999", bad.Got)
		})
	}
}

// bare is a check's name without the step prefix the runner adds in
// multi-step cases ("2 HXZG_SB_00045: ").
func bare(name string) string {
	if _, rest, ok := strings.Cut(name, ": "); ok {
		return rest
	}
	return name
}
