package xsdimport

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// bundle is the repository's test bundle of taxML-like schemas.
const bundle = "../../testdata/taxml-bundle"

// copyContracts copies the data of the repository's contracts folder
// (catalog, inventories, bindings, contracts; not the Go packages beside
// them) to a temporary folder: tests import there, never into the repository.
func copyContracts(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "contracts")
	copyTree(t, "..", dst, map[string]bool{"catalog": true, "xsd": true, "xsdimport": true})
	return dst
}

// copyTree copies src to dst, leaving out the top-level folders in skip.
func copyTree(t *testing.T, src, dst string, skip map[string]bool) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			if skip[rel] {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	require.NoError(t, err)
}
