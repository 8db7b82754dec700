package cli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts/catalog"
)

// TestImportXSDCommand: import-xsd into a copy of the contracts data, then
// coverage counts the schema level, show prints the bindings, render
// refuses a request the schema refuses (exit 2, naming the schema line).
func TestImportXSDCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "contracts")
	require.NoError(t, catalog.CopyData(os.DirFS("../../../contracts"), dir))
	for _, tc := range []struct {
		args     []string
		code     int
		contains string
	}{
		{[]string{"catalog", "import-xsd", "../../../testdata/taxml-bundle", "--contracts", dir, "--dry-run"}, 0, "34 services: 34 new"},
		{[]string{"catalog", "import-xsd", "../../../testdata/taxml-bundle", "--contracts", dir}, 0, "catalog: 2 added, 14 linked"},
		{[]string{"catalog", "import-xsd", "../../../testdata/taxml-bundle", "--contracts", dir}, 0, "34 unchanged"},
		{[]string{"catalog", "coverage", "--contracts", dir}, 0, "ALL     1015   1015    1015    166     132        51"},
		{[]string{"catalog", "show", "HXZG_SB_00080", "--contracts", dir}, 0, "djxh    {{.djxh}}    taxpayer"},
		{[]string{"render", "HXZG_SB_00080", "--contracts", dir, "--set", "djxh=12"}, 2, "element /taxML/djxh: [facet 'pattern'] The value '12' is not accepted by the pattern '\\d{20}'. (schema TaxMLBw_HXZG_SB_00080_Request_V1.0.xsd:10)"},
		{[]string{"catalog", "import-xsd", "../../../contracts/xsd", "--contracts", dir}, 0, "hand-written  HXZG_SB_00045"},
		{[]string{"catalog", "import-xsd", "../../../internal/errs", "--contracts", dir}, 2, "no business schemas"},
	} {
		code, out, errOut := runCLI(tc.args...)
		assert.Equal(t, tc.code, code, "%v: %s", tc.args, errOut)
		assert.Contains(t, out+errOut, tc.contains, tc.args)
	}
}
