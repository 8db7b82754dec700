package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/result"
)

// syncBuffer is a buffer a running command writes while the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestProxyCommand: `gt3ct run` sends a filing chain through `gt3ct proxy`
// (in front of the embedded simulator) and passes as it does directly; the
// proxy records one Result per exchange, stops with exit 0 when
// interrupted, and a recorded exchange becomes a repro bundle.
func TestProxyCommand(t *testing.T) {
	t.Chdir(t.TempDir())
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- Main(ctx, []string{"proxy", "--listen", "127.0.0.1:0", "--out", "px"}, strings.NewReader(""), &out, &errOut)
	}()
	addr := waitFor(t, &out, regexp.MustCompile(`proxy listening on (http://\S+) → the embedded simulator`), done)

	code, runOut, runErr := runCLI("run", "HXZG_SB_00045", "--seed", "3", "--endpoint", addr+"/", "--db", "sqlite:.gt3ct/sim/core.db", "--keep-fixtures") // capture reads the taxpayer
	require.Equal(t, 0, code, "%s\n%s", runOut, runErr)
	cancel()
	select {
	case code = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("proxy did not stop 20 s after it was interrupted")
	}
	require.Equal(t, 0, code, "a clean stop: %s", errOut.String())

	var save result.Result
	for _, l := range strings.Split(strings.TrimSpace(readFile(t, "px/results.jsonl")), "\n") {
		var r result.Result
		require.NoError(t, json.Unmarshal([]byte(l), &r))
		assert.Equal(t, result.SourceProxy, r.Source)
		if r.Service == "HXZG_SB_00045" {
			save = r
		}
	}
	require.Equal(t, "HXZG_SB_00045", save.Service, "the save was recorded")
	assert.Equal(t, result.ClassSuccess, save.Class)
	assert.Contains(t, out.String(), "HXZG_SB_00045", "one console line per exchange")

	code, _, errText := runCLI("repro", "capture", "--from", "px", "--tran-seq", save.TranSeq, "--out", "bundle")
	require.Equal(t, 0, code, errText)
	assert.FileExists(t, filepath.Join("bundle", "bundle.json"))
	code, _, errText = runCLI("repro", "capture", "--from", "px", "--tran-seq", "0000", "--out", "bundle2")
	assert.Equal(t, 2, code, "an exchange not recorded: %s", errText)
}

// TestProxyRefusals: bad input is exit 2 before anything listens.
func TestProxyRefusals(t *testing.T) {
	t.Chdir(t.TempDir())
	require.NoError(t, os.WriteFile("gt3ct.yaml", []byte("environments:\n  prod:\n    db: sqlite:prod.db\n    readonly: true\n    channel_id: X\n    sjry: A\n    sjjg: B\n"), 0o600))
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"proxy"}, "--listen HOST:PORT is required"},
		{[]string{"proxy", "--listen", "256.0.0.1:x"}, "listen 256.0.0.1:x"},
		{[]string{"proxy", "--listen", "127.0.0.1:0", "--faults", "wrong-amount", "--endpoint", "http://127.0.0.1:9/", "--db", "sqlite:x.db"}, "works only on the embedded simulator"},
		{[]string{"proxy", "--listen", "127.0.0.1:0", "--env", "prod"}, "readonly and names no endpoint"},
		{[]string{"proxy", "--listen", "127.0.0.1:0", "--sim-shape", "nope"}, `unknown --sim-shape "nope"`},
	} {
		code, _, errOut := runCLI(tc.args...)
		assert.Equal(t, 2, code, "%v: %s", tc.args, errOut)
		assert.Contains(t, errOut, tc.want, tc.args)
	}
}

// waitFor polls out until re matches, returning its first group.
func waitFor(t *testing.T, out *syncBuffer, re *regexp.Regexp, done <-chan int) string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			return m[1]
		}
		select {
		case code := <-done:
			t.Fatalf("command ended (exit %d) before printing %s: %s", code, re, out.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatalf("no %s in 20 s: %s", re, out.String())
	return ""
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}
