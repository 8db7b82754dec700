package safety

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/config"
)

// With no audit: key, every command, from any folder, appends to the one
// per-user file; a relative audit: path is made absolute.
func TestOpenAuditDefaultIsPerUser(t *testing.T) {
	state := t.TempDir()
	t.Setenv("XDG_STATE_HOME", state)
	want := filepath.Join(state, "gt3ct", "audit.jsonl")
	for _, dir := range []string{t.TempDir(), t.TempDir()} {
		t.Chdir(dir)
		a, err := OpenAudit("")
		require.NoError(t, err)
		assert.Equal(t, want, a.Path())
		require.NoError(t, a.Sent(config.Sim(), "HXZG_SB_00045", "T", "seq-"+filepath.Base(dir), false, "sent"))
		require.NoError(t, a.Close())
		assert.NoDirExists(t, filepath.Join(dir, ".gt3ct"), "nothing in the working folder")
	}
	b, err := os.ReadFile(want)
	require.NoError(t, err)
	assert.Equal(t, 2, bytes.Count(b, []byte("\n")), "both commands' sends in one file")

	dir := t.TempDir()
	t.Chdir(dir)
	a, err := OpenAudit("site/audit.jsonl")
	require.NoError(t, err)
	defer a.Close()
	assert.Equal(t, filepath.Join(dir, "site", "audit.jsonl"), a.Path())
}
