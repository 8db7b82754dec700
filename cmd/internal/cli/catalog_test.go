package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Main(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func TestCatalogCommands(t *testing.T) {
	type testCase struct {
		args     []string
		code     int
		contains string
	}
	run := func(t *testing.T, tc testCase) {
		code, out, errOut := runCLI(tc.args...)
		assert.Equal(t, tc.code, code, errOut)
		assert.Contains(t, out+errOut, tc.contains)
	}
	for _, tc := range []testCase{
		{[]string{"catalog", "ls", "--contracts", "../../../contracts", "--module", "FP", "--level", "templated"}, 0, "HXZG_FP_10016"},
		{[]string{"catalog", "show", "--contracts", "../../../contracts", "swzj.hxzg.fp.bcdksqshjg"}, 0, "request.xml"},
		{[]string{"catalog", "show", "--contracts", "../../../contracts", "HXZG_XX_00000"}, 2, "no service"},
		{[]string{"catalog", "ls", "--contracts", "../../../contracts", "--level", "gold"}, 2, "unknown level"},
		{[]string{"catalog", "ls", "--format", "yaml"}, 2, "unknown --format"},
		{[]string{"catalog", "coverage", "--help"}, 0, "usage: gt3ct catalog coverage"},
		{[]string{"catalog", "import", "--contracts", "../../../contracts", "../../../contracts/catalog/testdata/no-header.tsv"}, 2, "no name or code column"},
		{[]string{"xsd", "validate", "../../../contracts/xsd/testdata/TaxMLBw_HXZG_SB_00045_Request_V1.0.xsd", "../../../contracts/xsd/testdata/TaxMLBw_Common_V1.0.xsd"}, 1, "No matching global declaration available for the validation root"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) { run(t, tc) })
	}
}

func TestCatalogCoverageJSON(t *testing.T) {
	code, out, errOut := runCLI("catalog", "coverage", "--contracts", "../../../contracts", "--format", "json")
	require.Equal(t, 0, code, errOut)
	var cov struct {
		Total   int                       `json:"total"`
		Levels  map[string]int            `json:"levels"`
		Modules map[string]map[string]int `json:"modules"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &cov))
	assert.GreaterOrEqual(t, cov.Levels["listed"], 900)
	assert.Equal(t, cov.Levels["listed"], cov.Levels["routed"])
	assert.Equal(t, cov.Total, cov.Levels["listed"])
	assert.Equal(t, cov.Modules["FP"]["total"], cov.Modules["FP"]["listed"])
}

// TestCatalogLint: the repository's contracts lint clean (exit 0); an
// `exists` on a list container is a finding (exit 1, text and JSON); a
// contract that does not load is exit 2.
func TestCatalogLint(t *testing.T) {
	code, out, errOut := runCLI("catalog", "lint", "--format", "json")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, "[]\n", out)

	dir := copyContracts(t)
	yaml := filepath.Join(dir, "services", "HXZG_SB_00065", "contract.yaml")
	b, err := os.ReadFile(yaml)
	require.NoError(t, err)
	fragile := strings.Replace(string(b), "- path: \"//ysbjlGridlb\"\n          # nothing on file: an empty list and no list at all both say so\n          count: 0",
		"- path: \"//ysbjlGrid\"\n          exists: true", 1)
	require.NotEqual(t, string(b), fragile)
	require.NoError(t, os.WriteFile(yaml, []byte(fragile), 0o644))
	code, out, _ = runCLI("catalog", "lint", "--contracts", dir)
	require.Equal(t, 1, code, out)
	assert.Contains(t, out, "services/HXZG_SB_00065/contract.yaml:10: ")
	code, out, _ = runCLI("catalog", "lint", "--contracts", dir, "--format", "json")
	require.Equal(t, 1, code)
	var found []map[string]string
	require.NoError(t, json.Unmarshal([]byte(out), &found))
	require.Len(t, found, 1)
	assert.Equal(t, "HXZG_SB_00065", found[0]["code"])
	assert.NotEmpty(t, found[0]["rule"])

	require.NoError(t, os.WriteFile(yaml, []byte("code: HXZG_SB_00065\nnope: [\n"), 0o644))
	code, _, errOut = runCLI("catalog", "lint", "--contracts", dir)
	assert.Equal(t, 2, code, errOut)
	assert.Contains(t, errOut, "HXZG_SB_00065")
}

// copyContracts copies the repository's contracts folder into a temporary one.
func copyContracts(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "contracts")
	require.NoError(t, os.CopyFS(dst, os.DirFS(filepath.Join("..", "..", "..", "contracts"))))
	return dst
}
