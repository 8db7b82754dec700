package safety

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A pretty-printed report puts <name>sjjg</name> and its <value> on two
// lines: the tax office code is not a mobile number, a mobile still is.
func TestScanForLeaksReadsThePreviousLine(t *testing.T) {
	dir := t.TempDir()
	page := "      &lt;name&gt;sjjg&lt;/name&gt;\n      &lt;value&gt;14501000000&lt;/value&gt;\n" +
		"      &lt;name&gt;lxdh&lt;/name&gt;\n      &lt;value&gt;13877112345&lt;/value&gt;\n"
	assert.NoError(t, os.WriteFile(filepath.Join(dir, "report.html"), []byte(page), 0o600))
	assert.Equal(t, []string{"report.html:4: unmasked mobile number"}, ScanForLeaks(dir, nil))
}
