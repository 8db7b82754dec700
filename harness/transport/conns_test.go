package transport_test

import (
	"context"
	"io"
	"net"
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

// 64 workers in waves keep their 64 connections: the second and third
// waves open none (cleanhttp's pool kept 3 idle, so a --parallel 64 sweep
// redialled almost every call).
func TestParallelWorkersKeepTheirConnections(t *testing.T) {
	var dials atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		time.Sleep(20 * time.Millisecond) // all 64 in flight at once
		_, _ = w.Write(answer(t, body))
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			dials.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	c, err := transport.New(transport.Options{Endpoint: srv.URL})
	require.NoError(t, err)
	wave := func() {
		var wg sync.WaitGroup
		for range 64 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := c.Send(context.Background(), request(t), false)
				assert.NoError(t, err)
			}()
		}
		wg.Wait()
	}
	wave()
	first := dials.Load()
	require.LessOrEqual(t, first, int32(64))
	wave()
	wave()
	assert.Equal(t, first, dials.Load(), "connections opened after the first wave")
}

// Predial opens the first round's connections before it is sent: 16
// requests at once then dial none of their own.
func TestPredialOpensTheFirstRoundsConnections(t *testing.T) {
	var accepted atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		time.Sleep(20 * time.Millisecond) // all 16 in flight at once
		_, _ = w.Write(answer(t, body))
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			accepted.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	c, err := transport.New(transport.Options{Endpoint: srv.URL})
	require.NoError(t, err)
	c.Predial(16)
	require.Eventually(t, func() bool { return accepted.Load() == 16 }, 5*time.Second, time.Millisecond, "connections dialled ahead")
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.Send(context.Background(), request(t), false)
			assert.NoError(t, err)
		}()
	}
	wg.Wait()
	assert.Equal(t, int32(16), accepted.Load(), "connections the requests dialled")
}
