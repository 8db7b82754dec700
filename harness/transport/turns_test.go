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

// Turns bound the cases talking to the server at once; a case keeps its
// turn from its first message to its release, so its later steps never
// queue behind other cases.
func TestTurnsBoundCasesTalking(t *testing.T) {
	var now, most atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		n := now.Add(1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(5 * time.Millisecond)
		now.Add(-1)
		_, _ = w.Write(answer(t, body))
	}))
	defer srv.Close()
	c, err := transport.New(transport.Options{Endpoint: srv.URL})
	require.NoError(t, err)
	turns := transport.NewTurns(2)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			turn := turns.Case()
			defer turn.Release()
			ctx := transport.WithTurn(context.Background(), turn)
			for range 3 { // a chain of three steps
				_, err := c.Send(ctx, request(t), false)
				assert.NoError(t, err)
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, int32(2), most.Load(), "cases talking at once")
}

// A case whose context ends while it waits for a turn sends nothing and
// says why.
func TestTurnWaitCancelled(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		hits.Add(1)
		_, _ = w.Write(answer(t, body))
	}))
	defer srv.Close()
	c, err := transport.New(transport.Options{Endpoint: srv.URL})
	require.NoError(t, err)
	turns := transport.NewTurns(1)
	held := turns.Case()
	_, err = c.Send(transport.WithTurn(context.Background(), held), request(t), false)
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err = c.Send(transport.WithTurn(ctx, turns.Case()), request(t), true)
	require.ErrorContains(t, err, "waiting for a turn to send")
	assert.Equal(t, int32(1), hits.Load(), "the waiting case sent nothing")
	held.Release()
	_, err = c.Send(transport.WithTurn(context.Background(), turns.Case()), request(t), false)
	require.NoError(t, err, "a released turn is free again")
}
