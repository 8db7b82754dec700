package session

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/contracts/xsdimport"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/sweep"
)

// importedBundle copies the repository's contracts data to a temporary
// folder (never the repository's own), imports testdata/taxml-bundle into
// it and loads the result. It returns the catalog and the bundle's codes.
func importedBundle(t *testing.T) (*catalog.Catalog, string, []string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "contracts")
	require.NoError(t, catalog.CopyData(os.DirFS("../../contracts"), dir))
	rep, err := xsdimport.Import(xsdimport.Options{Bundle: "../../testdata/taxml-bundle", Contracts: dir})
	require.NoError(t, err)
	var codes []string
	for _, l := range rep.Services {
		codes = append(codes, l.Code)
	}
	require.GreaterOrEqual(t, len(codes), 30)
	cat, err := catalog.LoadDir(dir)
	require.NoError(t, err)
	require.Empty(t, cat.Problems)
	return cat, dir, codes
}

// bundleNightly runs a nightly over the bundle's services of cat.
func bundleNightly(t *testing.T, cat *catalog.Catalog, codes []string, faults string, log *simLog) map[string]result.Result {
	t.Helper()
	o := Options{Env: simEnv(t.TempDir()), Catalog: cat, Faults: faults, Seed: 7}
	if log != nil {
		o.SimLog = log
	}
	s, err := Open(context.Background(), o)
	require.NoError(t, err)
	out := filepath.Join(t.TempDir(), "run")
	_, err = s.Nightly(context.Background(), NightlyOptions{Selection: sweep.Selection{Services: strings.Join(codes, ",")}, Parallel: 4, Out: out, Mask: true})
	require.NoError(t, err)
	_, err = s.Close(context.Background())
	require.NoError(t, err)
	got := readResults(t, out)
	require.Len(t, got, len(codes))
	return got
}

// xsdCheck returns the result's XSD check whose name starts with prefix.
func xsdCheck(r result.Result, prefix string) (result.Check, bool) {
	for _, c := range r.Checks {
		if c.Kind == result.KindXSD && strings.HasPrefix(c.Name, prefix) {
			return c, true
		}
	}
	return result.Check{}, false
}

// TestImportedBundleIsSchemaLevelAndGreen: after importing the bundle every
// service of it is at the schema level or above, and a nightly over them
// passes against the simulator with the request and the answer of each
// validated by libxml2.
func TestImportedBundleIsSchemaLevelAndGreen(t *testing.T) {
	cat, _, codes := importedBundle(t)
	for _, code := range codes {
		svc, ok := cat.Lookup(code)
		require.True(t, ok, code)
		assert.GreaterOrEqual(t, catalog.LevelRank(svc.Level), catalog.LevelRank(catalog.LevelSchema), "%s is %s", code, svc.Level)
	}
	for _, r := range bundleNightly(t, cat, codes, "", nil) {
		assert.Equal(t, result.Pass, r.Status, "%s: %s %+v", r.Service, r.Error, failedChecks(r))
		assert.Equal(t, catalog.LevelSchema, r.Level, r.Service)
		req, ok := xsdCheck(r, "request matches")
		assert.True(t, ok && req.Status == result.Pass, "%s: request validated: %+v", r.Service, req)
		svc, _ := cat.Lookup(r.Service)
		if svc.Contract.XSD.Response != "" {
			ans, ok := xsdCheck(r, "answer matches")
			assert.True(t, ok && ans.Status == result.Pass, "%s: answer validated: %+v", r.Service, ans)
		}
	}
}

// TestSchemaDriftFailsEveryImportedService: with the simulator's answers
// breaking their schema, every bundle service with a response schema
// fails, the failure naming the element.
func TestSchemaDriftFailsEveryImportedService(t *testing.T) {
	cat, _, codes := importedBundle(t)
	withResponse := 0
	for _, r := range bundleNightly(t, cat, codes, "schema-drift", nil) {
		svc, _ := cat.Lookup(r.Service)
		if svc.Contract.XSD.Response == "" {
			continue // a field list without answer fields: nothing says what the answer looks like
		}
		withResponse++
		assert.Equal(t, result.Fail, r.Status, r.Service)
		ans, _ := xsdCheck(r, "answer matches")
		assert.Equal(t, result.Fail, ans.Status, r.Service)
		assert.Contains(t, ans.Got, "element /taxML/DJXH:", r.Service)
	}
	assert.GreaterOrEqual(t, withResponse, 30)
}

// TestInvalidRequestIsReportedBeforeSending: a generated template made
// invalid is an error result naming the template, the field and the
// schema's line, and nothing reaches the simulator.
func TestInvalidRequestIsReportedBeforeSending(t *testing.T) {
	_, dir, _ := importedBundle(t)
	const code = "HXZG_SB_00080"
	tmpl := filepath.Join(dir, catalog.ServicesDir, code, xsdimport.RequestTemplate)
	data, err := os.ReadFile(tmpl)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(tmpl, []byte(strings.Replace(string(data), "{{.djxh}}", "1234", 1)), 0o644))
	cat, err := catalog.LoadDir(dir)
	require.NoError(t, err)
	log := &simLog{}
	got := bundleNightly(t, cat, []string{code}, "", log)
	r := got[code+"/"+xsdimport.CaseName]
	assert.Equal(t, result.Error, r.Status)
	assert.Contains(t, r.Error, "services/"+code+"/request.xml: request does not validate against TaxMLBw_HXZG_SB_00080_Request_V1.0.xsd, not sent")
	assert.Contains(t, r.Error, "element /taxML/djxh:")
	assert.Contains(t, r.Error, "(schema TaxMLBw_HXZG_SB_00080_Request_V1.0.xsd:10)")
	assert.NotContains(t, strings.Join(log.lines(), "\n"), `"tran_id":"SWZJ.HXZG.SB.ClhgzxxDrAndJk"`)
}
