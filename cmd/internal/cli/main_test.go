package cli

import (
	"fmt"
	"os"
	"testing"
)

// TestMain points the per-user state folder (the default audit file) at a
// temporary one, for the commands run in-process and the binaries the
// end-to-end tests start.
func TestMain(m *testing.M) {
	state, err := os.MkdirTemp("", "gt3ct-state-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	os.Setenv("XDG_STATE_HOME", state)
	code := m.Run()
	os.RemoveAll(state)
	os.Exit(code)
}
