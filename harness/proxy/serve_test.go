package proxy

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/config"
)

// Serve on the built-in sim environment: it starts the embedded simulator,
// forwards to it, and on cancel drains the checks and closes the journal.
func TestServeEmbeddedSimulator(t *testing.T) {
	dir := t.TempDir()
	env := config.Sim()
	env.DB, env.Audit = "sqlite:"+filepath.Join(dir, "core.db"), filepath.Join(dir, "audit.jsonl")
	ctx, cancel := context.WithCancel(context.Background())
	addr := make(chan string, 1)
	console := &bytes.Buffer{} // read after Serve returns
	done := make(chan error, 1)
	out := filepath.Join(dir, "out")
	go func() {
		done <- Serve(ctx, Options{Env: env, Catalog: embeddedCatalog(t), Listen: "127.0.0.1:0", Out: out,
			Console: console, Ready: func(a string) { addr <- a }})
	}()
	var a string
	select {
	case a = <-addr:
	case err := <-done:
		t.Fatal(err)
	}
	wire := request(t, "HXZG_SB_00045", "pre.xml", map[string]string{"djxh": "10114501009999999999", "nsrsbh": "91450100MA00000000"}, nil)
	resp, err := http.Post("http://"+a+"/", "application/xml", bytes.NewReader(wire))
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 200, resp.StatusCode)
	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(15 * time.Second):
		t.Fatal("Serve did not stop")
	}
	data, err := os.ReadFile(filepath.Join(out, "results.jsonl"))
	require.NoError(t, err)
	assert.Equal(t, 1, bytes.Count(data, []byte("\n")))
	assert.Contains(t, string(data), `"source":"proxy"`)
	audit, err := os.ReadFile(env.Audit)
	require.NoError(t, err)
	assert.Contains(t, string(audit), `"service":"HXZG_SB_00044"`)
	assert.Contains(t, console.String(), "HXZG_SB_00044")
}
