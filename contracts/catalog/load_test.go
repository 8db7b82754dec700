package catalog

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts"
)

func TestLoadEmbedded(t *testing.T) {
	c, err := Load(contracts.FS())
	require.NoError(t, err)
	for _, p := range c.Problems {
		// Folders for services missing from the catalog are reported, not
		// fatal here (another helper may add them before the inventory
		// learns the service); every other problem is a broken contract.
		if strings.Contains(p.Error(), "which is not in "+File) {
			t.Log(p)
			continue
		}
		t.Error(p)
	}
	cov := c.Coverage()
	assert.GreaterOrEqual(t, cov.Levels[LevelListed], 900)
	assert.Equal(t, cov.Levels[LevelListed], cov.Levels[LevelRouted])
	assert.GreaterOrEqual(t, cov.Levels[LevelRouted], cov.Levels[LevelTemplated])
	assert.GreaterOrEqual(t, cov.Levels[LevelTemplated], cov.Levels[LevelVerified])
	assert.GreaterOrEqual(t, cov.Levels[LevelTemplated], 80)

	s, ok := c.Lookup("swzj.hxzg.fp.bcdksqshjg")
	require.True(t, ok)
	assert.Equal(t, "HXZG_FP_10016", s.Code)
	assert.Equal(t, LevelTemplated, s.Level)
	require.NotNil(t, s.Contract)
	assert.Positive(t, s.Contract.Cases[0].Line)
	assert.Positive(t, s.Contract.Cases[0].Expect.XPath[0].Line)

	fp := c.Select("fp", "HXZG_FP_100*")
	require.NotEmpty(t, fp)
	for _, s := range fp {
		assert.True(t, strings.HasPrefix(s.Code, "HXZG_FP_100"), s.Code)
	}
}

const goodContract = `code: HXZG_FP_10016
cases:
  - name: basic
    expect:
      class: success
      xpath:
        - path: /taxML
          exists: true
    db:
      - name: row
        sql: select 1
`

func TestContractProblems(t *testing.T) {
	type testCase struct {
		name, yaml string
		files      map[string]string
		want       string // "" = loads, level verified
		level      string // level of HXZG_FP_10016 after a problem; default routed
	}
	run := func(t *testing.T, tc testCase) {
		catalogFile, err := os.ReadFile(filepath.Join(contractsDir, File))
		require.NoError(t, err)
		fsys := fstest.MapFS{
			File:                                   {Data: catalogFile},
			"services/HXZG_FP_10016/contract.yaml": {Data: []byte(tc.yaml)},
			"services/HXZG_FP_10016/request.xml":   {Data: []byte("<taxML/>")},
			"services/HXZG_FP_05048/contract.yaml": {Data: []byte(strings.ReplaceAll(goodContract, "10016", "05048"))},
			"services/HXZG_FP_05048/request.xml":   {Data: []byte("<taxML/>")},
		}
		for k, v := range tc.files {
			fsys[k] = &fstest.MapFile{Data: []byte(v)}
		}
		c, err := Load(fsys)
		require.NoError(t, err)
		other, _ := c.Lookup("HXZG_FP_05048")
		assert.Equal(t, LevelVerified, other.Level, "a broken contract must not stop the others")
		s, _ := c.Lookup("HXZG_FP_10016")
		if tc.want == "" {
			assert.Empty(t, c.Problems)
			assert.Equal(t, LevelVerified, s.Level)
			assert.Equal(t, 10, s.Contract.Cases[0].DB[0].Line)
			return
		}
		require.Len(t, c.Problems, 1)
		assert.Equal(t, tc.want, c.Problems[0].Error())
		if tc.level == "" {
			tc.level = LevelRouted
			// The service keeps why its contract did not load, so a run of it
			// is an error naming file:line, never its smoke case.
			require.Error(t, s.LoadErr)
			assert.Equal(t, tc.want, s.LoadErr.Error())
		} else {
			assert.NoError(t, s.LoadErr)
		}
		assert.Equal(t, tc.level, s.Level)
		assert.NoError(t, other.LoadErr)
	}
	for _, tc := range []testCase{
		{name: "good", yaml: goodContract},
		{name: "unknown field", yaml: strings.Replace(goodContract, "- path:", "- xpth:", 1),
			want: `contracts/services/HXZG_FP_10016/contract.yaml:7: field "xpth" not found`},
		{name: "syntax", yaml: "code: HXZG_FP_10016\ncases: [\n",
			want: `contracts/services/HXZG_FP_10016/contract.yaml:2: did not find expected node content`},
		{name: "code mismatch", yaml: strings.Replace(goodContract, "code: HXZG_FP_10016", "code: HXZG_FP_10017", 1),
			want: `contracts/services/HXZG_FP_10016/contract.yaml:1: code "HXZG_FP_10017" does not match the folder HXZG_FP_10016`},
		{name: "missing template", yaml: strings.Replace(goodContract, "  - name: basic\n", "  - name: basic\n    request: nope.xml\n", 1),
			want: `contracts/services/HXZG_FP_10016/contract.yaml:3: request template nope.xml not found`},
		{name: "two tests in one assertion", yaml: strings.Replace(goodContract, "exists: true", "exists: true\n          equals: x", 1),
			want: `contracts/services/HXZG_FP_10016/contract.yaml:7: xpath /taxML: want exactly one of equals, matches, exists, absent, count (got 2)`},
		{name: "reconcile steps", yaml: goodContract + recCase("{reconcile: sbb, from: '{{.skssqq}}'}\n      - {reconcile: site}"),
			files: map[string]string{"reconcile/site.yaml": "name: site"}},
		{name: "reconcile step that also sends", yaml: goodContract + recCase("{reconcile: sbb, service: HXZG_FP_10016}"),
			want: `contracts/services/HXZG_FP_10016/contract.yaml:14: reconcile step sbb sends nothing: it takes no service, request, save, adopt, expect or db`},
		{name: "reconcile step with checks", yaml: goodContract + recCase("{reconcile: sbb, expect: {class: success}}"),
			want: `contracts/services/HXZG_FP_10016/contract.yaml:14: reconcile step sbb sends nothing: it takes no service, request, save, adopt, expect or db`},
		{name: "unknown reconcile spec", yaml: goodContract + recCase("{reconcile: nope}"),
			want: `contracts/services/HXZG_FP_10016/contract.yaml:14: reconcile spec nope not found (reconcile/nope.yaml)`},
		{name: "period without reconcile", yaml: goodContract + recCase("{service: HXZG_FP_10016, from: '2025-01-01'}"),
			want: `contracts/services/HXZG_FP_10016/contract.yaml:14: from/to belong to a reconcile step (reconcile: SPEC)`},
		{name: "step without service", yaml: goodContract + recCase("{request: request.xml}"),
			want: `contracts/services/HXZG_FP_10016/contract.yaml:14: step without a service (or reconcile: SPEC)`},
		{name: "unknown service", yaml: goodContract, files: map[string]string{
			"services/HXZG_FP_99999/contract.yaml": strings.ReplaceAll(goodContract, "10016", "99999"),
			"services/HXZG_FP_99999/request.xml":   "<taxML/>"},
			want: `catalog: contracts/services/HXZG_FP_99999/contract.yaml: contract for HXZG_FP_99999, which is not in catalog.tsv`, level: LevelVerified},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

// recCase is a second case, at line 12, whose one step (line 14) is step.
func recCase(step string) string {
	return "  - name: rec\n    steps:\n      - " + step + "\n"
}

// BenchmarkLoad loads the whole embedded catalog with every contract.
func BenchmarkLoad(b *testing.B) {
	fsys := contracts.FS()
	for b.Loop() {
		if _, err := Load(fsys); err != nil {
			b.Fatal(err)
		}
	}
}
