package proxy

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/result"
)

// A check that panics leaves the exchange untouched and the proxy working;
// the exchange is recorded as an error naming the panic.
func TestPanickingCheckDoesNotBreakTheExchange(t *testing.T) {
	b := newBus(t, "")
	tp := b.taxpayer(t)
	var calls atomic.Int32
	codes := func(context.Context, *catalog.Service, map[string][]string) []result.Check {
		if calls.Add(1) == 1 {
			panic("code table exploded")
		}
		return nil
	}
	f := newFront(t, b.URL, b.DB, func(c *Config) { c.Codes = codes })
	resp, body, _ := rawPost(t, f.Addr, nil, request(t, "HXZG_SB_00045", "pre.xml", tp, nil))
	require.Equal(t, 200, resp.StatusCode)
	sameAnswer(t, b.tap.written(), resp, body)
	resp2, _, _ := rawPost(t, f.Addr, nil, request(t, "HXZG_SB_00045", "pre.xml", tp, nil))
	require.Equal(t, 200, resp2.StatusCode)
	rs := f.results(t)
	require.Len(t, rs, 2)
	byStatus := map[result.Status]result.Result{}
	for _, r := range rs {
		byStatus[r.Status] = r
	}
	assert.Equal(t, "check panicked: code table exploded", byStatus[result.Error].Error)
	assert.Equal(t, result.BlameUnknown, byStatus[result.Error].Blame)
	assert.Equal(t, "HXZG_SB_00044", byStatus[result.Pass].Service)
}

// slowBus writes the head and the first part of an answer, then waits for
// the client to go away (or release).
func slowBus(t *testing.T) (url string, gone chan struct{}) {
	gone = make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "text/xml; charset=UTF-8")
		io.WriteString(w, "<service><head>")
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
			close(gone)
		case <-time.After(10 * time.Second):
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL, gone
}

// A caller that disconnects mid-answer: the bus's request is cancelled as
// it would be without the proxy, and the exchange is recorded as an error.
func TestCallerDisconnects(t *testing.T) {
	url, gone := slowBus(t)
	f := newFront(t, url, nil, nil)
	conn, err := net.Dial("tcp", f.Addr)
	require.NoError(t, err)
	body := request(t, "HXZG_SB_00045", "pre.xml", map[string]string{"djxh": "10114501000000000001", "nsrsbh": "X"}, nil)
	fmt.Fprintf(conn, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
	br := bufio.NewReader(conn)
	status, err := br.ReadString('\n')
	require.NoError(t, err)
	assert.Equal(t, "HTTP/1.1 200 OK\r\n", status, "the head is streamed before the answer ends")
	conn.Close()
	select {
	case <-gone:
	case <-time.After(5 * time.Second):
		t.Fatal("the bus's request was not cancelled when the caller went away")
	}
	rs := f.results(t)
	require.Len(t, rs, 1)
	assert.Equal(t, result.Error, rs[0].Status)
	assert.Contains(t, rs[0].Error, "caller disconnected before the answer was delivered")
	assert.Equal(t, "HXZG_SB_00044", rs[0].Service)
}

// A bus that does not start answering within the timeout: the caller gets
// 502 with the connection error, recorded as a transport error.
func TestUpstreamTimeout(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(func() { close(release); srv.Close() })
	f := newFront(t, srv.URL, nil, func(c *Config) { c.Timeout = 200 * time.Millisecond })
	resp, body, _ := rawPost(t, f.Addr, nil, request(t, "HXZG_SB_00045", "pre.xml", map[string]string{"djxh": "1", "nsrsbh": "X"}, nil))
	assert.Equal(t, http.StatusBadGateway, resp.StatusCode)
	assert.Contains(t, string(body), "gt3ct proxy: upstream http://127.0.0.1:")
	assert.Contains(t, string(body), "timeout awaiting response headers")
	r := f.results(t)[0]
	assert.Equal(t, result.ClassTransport, r.Class)
	assert.Equal(t, result.Error, r.Status)
	assert.Equal(t, strings.TrimSpace(string(body)), r.Error)
}

// An answer beyond the check ceiling reaches the caller whole; only the
// checks give up, saying why.
func TestAnswerTooLargeToCheck(t *testing.T) {
	big := bytes.Repeat([]byte("<x>0123456789</x>"), 10000) // 170 KB
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Write(big)
	}))
	t.Cleanup(srv.Close)
	f := newFront(t, srv.URL, nil, func(c *Config) { c.MaxCheck = 64 << 10 })
	resp, body, _ := rawPost(t, f.Addr, nil, request(t, "HXZG_SB_00045", "pre.xml", map[string]string{"djxh": "1", "nsrsbh": "X"}, nil))
	require.Equal(t, 200, resp.StatusCode)
	assert.True(t, bytes.Equal(big, body), "the caller must get the whole answer")
	r := f.results(t)[0]
	assert.Equal(t, result.Error, r.Status)
	assert.Equal(t, fmt.Sprintf("answer too large to check: %d bytes > %d", len(big), 64<<10), r.Error)
}

// With one worker busy and the queue full, a third exchange is recorded as
// dropped at once instead of waiting; its traffic is unaffected.
func TestQueueFullDropsChecksNotTraffic(t *testing.T) {
	b := newBus(t, "")
	tp := b.taxpayer(t)
	entered, release := make(chan struct{}), make(chan struct{})
	var once sync.Once
	codes := func(context.Context, *catalog.Service, map[string][]string) []result.Check {
		once.Do(func() { close(entered); <-release })
		return nil
	}
	f := newFront(t, b.URL, b.DB, func(c *Config) { c.Codes, c.Workers, c.Queue = codes, 1, 1 })
	send := func() {
		resp, _, _ := rawPost(t, f.Addr, nil, request(t, "HXZG_SB_00045", "pre.xml", tp, nil))
		require.Equal(t, 200, resp.StatusCode)
	}
	send()
	<-entered // the worker is busy with the first
	send()    // waits in the queue
	send()    // finds the queue full
	close(release)
	rs := f.results(t)
	require.Len(t, rs, 3)
	errors := 0
	for _, r := range rs {
		if r.Status == result.Error {
			errors++
			assert.Equal(t, "check dropped: queue full", r.Error)
			assert.Equal(t, "HXZG_SB_00044", r.Service)
		}
	}
	assert.Equal(t, 1, errors)
}

// Concurrent callers on keep-alive connections: every answer arrives, each
// exchange is recorded once (as its own result: reports key results by
// service and case), connections are reused.
func TestConcurrentKeepAliveCallers(t *testing.T) {
	b := newBus(t, "")
	tp := b.taxpayer(t)
	f := newFront(t, b.URL, b.DB, nil)
	const callers, each = 4, 10
	var wg sync.WaitGroup
	var ok atomic.Int32
	for i := 0; i < callers; i++ {
		wg.Add(1)
		// One connection per caller at most: a new dial happens only when
		// the proxy closed the caller's connection.
		client := &http.Client{Transport: &http.Transport{MaxConnsPerHost: 1, DisableCompression: true}}
		go func() {
			defer wg.Done()
			for j := 0; j < each; j++ {
				resp, err := client.Post(f.URL, "application/xml", bytes.NewReader(request(t, "HXZG_SB_00045", "pre.xml", tp, nil)))
				if err != nil {
					continue
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode == 200 && bytes.Contains(body, []byte("<rtn_code>0</rtn_code>")) {
					ok.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, int32(callers*each), ok.Load())
	assert.Equal(t, callers, f.tap.count(), "each caller's connection is kept alive")
	rs := f.results(t)
	require.Len(t, rs, callers*each)
	keys := map[string]bool{}
	for _, r := range rs {
		assert.Equal(t, result.Pass, r.Status, "%+v", r.Checks)
		assert.Equal(t, "proxy "+r.TranSeq, r.Case)
		keys[r.Key()] = true
	}
	assert.Len(t, keys, callers*each, "one result per exchange")
}

// A bus that starts answering before it has read the whole request (a large
// one): the answer streams back while the request is still going up, and
// both arrive whole.
func TestAnswerStreamsWhileRequestStillUploading(t *testing.T) {
	var gotLen atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc := http.NewResponseController(w)
		_ = rc.EnableFullDuplex()
		io.WriteString(w, "<first/>")
		rc.Flush()
		n, _ := io.Copy(io.Discard, r.Body)
		gotLen.Store(n)
		fmt.Fprintf(w, "<read>%d</read>", n)
	}))
	t.Cleanup(srv.Close)
	f := newFront(t, srv.URL, nil, nil)
	big := bytes.Repeat([]byte("x"), 8<<20)
	resp, body, _ := rawPost(t, f.Addr, nil, big)
	require.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, fmt.Sprintf("<first/><read>%d</read>", len(big)), string(body))
	assert.Equal(t, int64(len(big)), gotLen.Load())
}
