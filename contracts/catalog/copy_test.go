package catalog

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts"
)

// TestCopyDataOfTheEmbeddedCopy: the embedded contracts copied to a folder
// load as the same catalog, bindings included.
func TestCopyDataOfTheEmbeddedCopy(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "c")
	require.NoError(t, CopyData(contracts.FS(), dir))
	got, err := LoadDir(dir)
	require.NoError(t, err)
	want, err := Load(contracts.FS())
	require.NoError(t, err)
	require.Empty(t, got.Problems)
	require.Equal(t, want.Coverage(), got.Coverage())
	_, err = LoadBindings(contracts.FS(), "embedded:contracts")
	require.NoError(t, err)
}
