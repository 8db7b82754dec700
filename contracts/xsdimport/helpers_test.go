package xsdimport

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts/catalog"
)

// bundle is the repository's test bundle of taxML-like schemas.
const bundle = "../../testdata/taxml-bundle"

// copyContracts copies the data of the repository's contracts folder to a
// temporary folder: tests import there, never into the repository.
func copyContracts(t *testing.T) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), "contracts")
	require.NoError(t, catalog.CopyData(os.DirFS(".."), dst))
	return dst
}

// copyTree copies the folder src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
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
