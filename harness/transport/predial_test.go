package transport

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// CountingServer starts a test server with handler h that counts the
// connections it accepts (the transport_test package uses it too).
func CountingServer(t *testing.T, h http.Handler) (*httptest.Server, *atomic.Int32) {
	var accepted atomic.Int32
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			accepted.Add(1)
		}
	}
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, &accepted
}

// A connection dialled ahead serves a request only while fresh: one older
// than predialFresh is closed and the request dials its own (the server may
// have closed it, and a write request sent on it could be lost).
func TestPredialledConnectionsServeOnlyWhileFresh(t *testing.T) {
	srv, accepted := CountingServer(t, http.NotFoundHandler())
	u, _ := url.Parse(srv.URL)
	tr := &http.Transport{DialContext: (&net.Dialer{}).DialContext}
	p := newPredial(tr, u)
	require.NotNil(t, p)
	now := time.Now()
	p.now = func() time.Time { return now }
	for _, tc := range []struct {
		age      time.Duration
		accepted int32 // connections the server accepted after the dial
	}{
		{0, 1},
		{predialFresh - time.Millisecond, 1},
		{predialFresh, 2},
	} {
		base := accepted.Load()
		p.add()
		require.Eventually(t, func() bool { return accepted.Load() == base+1 }, 5*time.Second, time.Millisecond)
		now = now.Add(tc.age)
		conn, err := tr.DialContext(context.Background(), "tcp", p.addr)
		require.NoError(t, err)
		conn.Close()
		require.Eventually(t, func() bool { return accepted.Load() == base+tc.accepted }, 5*time.Second, time.Millisecond, "age %v", tc.age)
		require.Empty(t, p.ready, "age %v", tc.age)
	}
}

// Requests through a proxy dial the proxy: nothing is dialled ahead.
func TestNoPredialThroughAProxy(t *testing.T) {
	u, _ := url.Parse("http://core.example:7001/sxsq")
	proxy, _ := url.Parse("http://proxy.example:3128")
	tr := &http.Transport{Proxy: http.ProxyURL(proxy)}
	require.Nil(t, newPredial(tr, u))
	tr.Proxy = func(*http.Request) (*url.URL, error) { return nil, nil }
	p := newPredial(tr, u)
	require.NotNil(t, p)
	require.Equal(t, "core.example:7001", p.addr)
	u, _ = url.Parse("https://core.example/sxsq")
	require.Equal(t, "core.example:443", newPredial(tr, u).addr)
}

// Predialled is how many connections c holds dialled ahead (for the
// transport_test package).
func Predialled(c *Client) int {
	c.pre.mu.Lock()
	defer c.pre.mu.Unlock()
	return len(c.pre.ready)
}
