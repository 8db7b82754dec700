package transport_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/transport"
)

// TestMaxAnswerIsConfigurable: an answer up to Options.MaxAnswer is read
// whole; one byte more is an error naming the ceiling, whether the server
// announces its length or streams it chunked.
func TestMaxAnswerIsConfigurable(t *testing.T) {
	type testCase struct {
		name    string
		size    int
		chunked bool
		max     int64
		wantErr string
	}
	run := func(t *testing.T, tc testCase) {
		body := strings.Repeat("x", tc.size)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if tc.chunked {
				w.Write([]byte(body[:tc.size/2]))
				w.(http.Flusher).Flush() // no Content-Length: chunked
				w.Write([]byte(body[tc.size/2:]))
				return
			}
			w.Write([]byte(body))
		}))
		defer srv.Close()
		c, err := transport.New(transport.Options{Endpoint: srv.URL, MaxAnswer: tc.max, Retries: -1})
		require.NoError(t, err)
		ans, err := c.Send(context.Background(), request(t), false)
		if tc.wantErr != "" {
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.wantErr)
			return
		}
		require.NoError(t, err)
		assert.Len(t, ans.Body, tc.size)
	}
	for _, tc := range []testCase{
		{name: "at the ceiling", size: 10000, max: 10000},
		{name: "at the ceiling, chunked", size: 10000, chunked: true, max: 10000},
		{name: "one byte over", size: 10001, max: 10000, wantErr: "answer larger than 10000 bytes (max_answer)"},
		{name: "one byte over, chunked", size: 10001, chunked: true, max: 10000, wantErr: "answer larger than 10000 bytes (max_answer)"},
		{name: "over a MiB ceiling", size: 2<<20 + 1, max: 2 << 20, wantErr: "answer larger than 2 MiB"},
		{name: "70 MiB under a 100 MiB ceiling (over the old fixed 64 MiB)", size: 70 << 20, max: 100 << 20},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}
