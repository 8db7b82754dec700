package transport_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/transport"
)

// answering is a server answering every request after 20 ms (so that all
// of a wave are in flight at once) that counts the connections it accepts.
func answering(t *testing.T) (*httptest.Server, *atomic.Int32) {
	return transport.CountingServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		time.Sleep(20 * time.Millisecond)
		_, _ = w.Write(answer(t, body))
	}))
}

// wave sends n requests at once through c and waits for their answers.
func wave(t *testing.T, c *transport.Client, n int) {
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.Send(context.Background(), request(t), false)
			assert.NoError(t, err)
		}()
	}
	wg.Wait()
}

// 64 workers in waves keep their 64 connections: the second and third
// waves open none (cleanhttp's pool kept 3 idle, so a --parallel 64 sweep
// redialled almost every call).
func TestParallelWorkersKeepTheirConnections(t *testing.T) {
	srv, dials := answering(t)
	c, err := transport.New(transport.Options{Endpoint: srv.URL})
	require.NoError(t, err)
	wave(t, c, 64)
	first := dials.Load()
	require.LessOrEqual(t, first, int32(64))
	wave(t, c, 64)
	wave(t, c, 64)
	assert.Equal(t, first, dials.Load(), "connections opened after the first wave")
}

// Predial opens the first round's connections before it is sent: 16
// requests at once then dial none of their own.
func TestPredialOpensTheFirstRoundsConnections(t *testing.T) {
	srv, accepted := answering(t)
	c, err := transport.New(transport.Options{Endpoint: srv.URL})
	require.NoError(t, err)
	c.Predial(16)
	require.Eventually(t, func() bool { return transport.Predialled(c) == 16 }, 5*time.Second, time.Millisecond, "connections dialled ahead")
	wave(t, c, 16)
	assert.Equal(t, int32(16), accepted.Load(), "connections the requests dialled")
}
