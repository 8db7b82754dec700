package config

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The audit trail is one file per user, wherever gt3ct runs.
func TestDefaultAudit(t *testing.T) {
	type testCase struct {
		name, xdg, home, want string
	}
	for _, tc := range []testCase{
		{"XDG_STATE_HOME", "/var/state/alice", "/home/alice", "/var/state/alice/gt3ct/audit.jsonl"},
		{"no XDG_STATE_HOME: ~/.local/state", "", "/home/alice", "/home/alice/.local/state/gt3ct/audit.jsonl"},
		{"a relative XDG_STATE_HOME is ignored (XDG spec)", "state", "/home/alice", "/home/alice/.local/state/gt3ct/audit.jsonl"},
		{"no home at all", "", "", filepath.Join(".gt3ct", "audit.jsonl")},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("XDG_STATE_HOME", tc.xdg)
			t.Setenv("HOME", tc.home)
			assert.Equal(t, tc.want, DefaultAudit())
			assert.Equal(t, tc.want, Sim().Audit)
		})
	}
}
