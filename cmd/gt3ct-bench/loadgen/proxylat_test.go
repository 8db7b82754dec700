package loadgen_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/cmd/gt3ct-bench/loadgen"
	"github.com/gt3ct/gt3ct/harness/proxy"
)

// ProxyLatency times the same exchange direct and through a real proxy.
func TestProxyLatency(t *testing.T) {
	b := bus(t, "0")
	p, err := proxy.New(proxy.Config{Upstream: b.URL, Out: t.TempDir()})
	require.NoError(t, err)
	front := httptestServer(t, p)
	rep, err := loadgen.ProxyLatency(context.Background(), b.URL, front, request("<taxML/>"), 50)
	require.NoError(t, err)
	p.Close()
	assert.Equal(t, 50, rep.N)
	assert.Greater(t, rep.Direct.P50, time.Duration(0))
	assert.GreaterOrEqual(t, rep.Proxied.P99, rep.Proxied.P50)
	assert.Contains(t, rep.String(), "proxy_added_latency: p50 ")
}

func httptestServer(t *testing.T, h http.Handler) string {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}
