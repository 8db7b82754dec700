package cli

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/repro"
	"github.com/gt3ct/gt3ct/internal/coredb"
)

// seededTaxpayer seeds one taxpayer into a SQLite core and returns the
// DSN and its DJXH.
func seededTaxpayer(t *testing.T) (string, string) {
	dsn := "sqlite:" + filepath.Join(t.TempDir(), "core.db")
	code, _, errOut := runCLI("fixtures", "seed", "--db", dsn, "--count", "1", "--seed", "7")
	require.Equal(t, 0, code, errOut)
	db, err := coredb.Open(context.Background(), dsn)
	require.NoError(t, err)
	defer db.Close()
	rows, err := db.Select(context.Background(), "SELECT DJXH FROM HX_DJ.DJ_NSRXX", nil)
	require.NoError(t, err)
	require.Len(t, rows, 1)
	return dsn, rows[0]["DJXH"].S
}

// TestReproCaptureFolder: without --message the capture says on stderr
// (and in the README) that the bundle cannot be replayed; capturing into
// an existing bundle is refused (exit 2) without --force and replaces it
// with --force.
func TestReproCaptureFolder(t *testing.T) {
	t.Chdir(t.TempDir())
	dsn, djxh := seededTaxpayer(t)
	capture := func(extra ...string) (int, string) {
		code, _, errOut := runCLI(append([]string{"repro", "capture", "--db", dsn, "--djxh", djxh, "--out", "bundle"}, extra...)...)
		return code, errOut
	}
	code, errOut := capture()
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, errOut, "repro capture: no message: `repro run` cannot replay it; it holds rows only\n")
	assert.Contains(t, readFile(t, filepath.Join("bundle", repro.ReadmeFile)), repro.NoMessageNote)
	require.NoError(t, os.WriteFile(filepath.Join("bundle", "stale.txt"), []byte("x"), 0o600))

	code, errOut = capture()
	assert.Equal(t, 2, code, errOut)
	assert.Contains(t, errOut, "--out bundle already holds a case bundle: --force replaces it")
	assert.FileExists(t, filepath.Join("bundle", "stale.txt"))

	code, errOut = capture("--force")
	require.Equal(t, 0, code, errOut)
	assert.NoFileExists(t, filepath.Join("bundle", "stale.txt"))
	assert.FileExists(t, filepath.Join("bundle", repro.MetaFile))
}
