package proxy

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/textproto"
	"strings"
	"sync"
	"time"
)

// hopHeaders describe one connection and are not forwarded (RFC 9110 §7.6.1).
var hopHeaders = []string{
	"Connection", "Proxy-Connection", "Keep-Alive", "Proxy-Authenticate",
	"Proxy-Authorization", "Te", "Trailer", "Transfer-Encoding", "Upgrade",
}

// newTransport connects to the bus: no compression of its own (answers
// pass through as the bus encoded them), idle connections kept for
// keep-alive, and a deadline for the bus to start answering.
func newTransport(timeout time.Duration) *http.Transport {
	return &http.Transport{
		Proxy:                 nil,
		DialContext:           (&net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second}).DialContext,
		DisableCompression:    true,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   64,
		IdleConnTimeout:       90 * time.Second,
		ResponseHeaderTimeout: timeout,
		ExpectContinueTimeout: time.Second,
	}
}

// ServeHTTP forwards one exchange to the bus and its answer back, streaming,
// then hands a copy of both to the check workers.
func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ex := &exchange{at: p.cfg.Now(), method: r.Method, reqEncoding: r.Header.Get("Content-Encoding"),
		req: &capture{max: p.cfg.MaxCheck}, ans: &capture{max: p.cfg.MaxCheck}}
	start := time.Now()
	// The transport may still be finishing the request body (its last read,
	// to see EOF) when the answer starts streaming back: without full duplex
	// Go's server would close the body at the first flush and the transport
	// would drop the bus connection mid-answer.
	_ = http.NewResponseController(w).EnableFullDuplex()
	body := &teeBody{r: r.Body, c: ex.req, closed: make(chan struct{})}
	ex.body = body
	resp, err := p.transport.RoundTrip(p.outRequest(r, body))
	if err != nil {
		body.Close()
		ex.upstreamErr = p.badGateway(w, err)
		ex.latency = time.Since(start)
		p.submit(ex)
		return
	}
	ex.status, ex.ansEncoding = resp.StatusCode, resp.Header.Get("Content-Encoding")
	writeHead(w, resp)
	upErr, callerErr := stream(w, resp.Body, ex.ans)
	resp.Body.Close()
	copyTrailers(w, resp)
	ex.latency = time.Since(start)
	ex.ansComplete = upErr == nil && callerErr == nil
	switch {
	case callerErr != nil:
		ex.cut = "caller disconnected before the answer was delivered: " + oneLine(callerErr)
	case upErr != nil && r.Context().Err() != nil:
		ex.cut = "caller disconnected before the answer was delivered: " + oneLine(r.Context().Err())
	case upErr != nil:
		ex.cut = "the bus broke off the answer: " + oneLine(upErr)
	}
	p.submit(ex)
	if upErr != nil && callerErr == nil && r.Context().Err() == nil {
		panic(http.ErrAbortHandler) // cut the caller's connection as the bus cut ours
	}
}

// outRequest is the caller's request addressed to the bus: same method,
// path (under the endpoint's path), query, headers and body.
func (p *Proxy) outRequest(r *http.Request, body *teeBody) *http.Request {
	out := r.Clone(r.Context())
	u := *p.upstream
	u.Path, u.RawPath = joinPath(p.upstream.Path, r.URL.Path), ""
	u.RawQuery = r.URL.RawQuery
	if u.RawQuery == "" {
		u.RawQuery = p.upstream.RawQuery
	}
	out.URL, out.Host, out.RequestURI = &u, "", ""
	out.Body, out.ContentLength = body, r.ContentLength
	if r.ContentLength == 0 {
		out.Body = http.NoBody
		body.eof = true
		body.Close()
	}
	out.Header = forwardable(r.Header)
	if _, ok := out.Header["User-Agent"]; !ok {
		out.Header["User-Agent"] = []string{""} // Go adds none when the key is present but empty
	}
	out.Close = false
	return out
}

// joinPath puts the caller's path under the endpoint's: "/" (or nothing)
// is the endpoint itself.
func joinPath(base, path string) string {
	if path == "" || path == "/" {
		if base == "" {
			return "/"
		}
		return base
	}
	return strings.TrimSuffix(base, "/") + "/" + strings.TrimPrefix(path, "/")
}

// forwardable copies h without hop-by-hop headers and those Connection names.
func forwardable(h http.Header) http.Header {
	out := make(http.Header, len(h))
	for k, vv := range h {
		out[k] = append([]string(nil), vv...)
	}
	for _, c := range h["Connection"] {
		for _, name := range strings.Split(c, ",") {
			if name = textproto.TrimString(name); name != "" {
				out.Del(name)
			}
		}
	}
	for _, k := range hopHeaders {
		out.Del(k)
	}
	return out
}

// writeHead sends the bus's status and headers, suppressing the Date and
// Content-Type Go would otherwise add, and announcing trailers.
func writeHead(w http.ResponseWriter, resp *http.Response) {
	h := w.Header()
	for k, vv := range forwardable(resp.Header) {
		h[k] = vv
	}
	for _, k := range []string{"Date", "Content-Type"} {
		if _, ok := resp.Header[k]; !ok {
			h[k] = nil
		}
	}
	for k := range resp.Trailer {
		h.Add("Trailer", k)
	}
	w.WriteHeader(resp.StatusCode)
}

func copyTrailers(w http.ResponseWriter, resp *http.Response) {
	for k, vv := range resp.Trailer {
		w.Header()[k] = vv
	}
}

var bufPool = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

// stream copies the answer to the caller as it comes, flushing each piece,
// and into the check copy. It stops at the first error of either side.
func stream(w http.ResponseWriter, body io.Reader, c *capture) (upErr, callerErr error) {
	bp := bufPool.Get().(*[]byte)
	defer bufPool.Put(bp)
	buf := *bp
	rc := http.NewResponseController(w)
	for {
		n, err := body.Read(buf)
		if n > 0 {
			c.Write(buf[:n])
			if _, werr := w.Write(buf[:n]); werr != nil {
				return nil, werr
			}
			if ferr := rc.Flush(); ferr != nil && !errors.Is(ferr, http.ErrNotSupported) {
				return nil, ferr
			}
		}
		if err == io.EOF {
			return nil, nil
		}
		if err != nil {
			return err, nil
		}
	}
}

// badGateway answers 502 with the connection error when the bus gave no
// answer, and returns the text.
func (p *Proxy) badGateway(w http.ResponseWriter, err error) string {
	text := p.red.Redact(fmt.Sprintf("gt3ct proxy: upstream %s: %s", p.upstream.Redacted(), oneLine(err)))
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusBadGateway)
	io.WriteString(w, text+"\n")
	return text
}

func oneLine(err error) string { return strings.Join(strings.Fields(err.Error()), " ") }

// capture keeps a copy of up to max bytes; beyond that it keeps only the
// count. It is safe for concurrent use (the transport reads the request
// body in its own goroutine).
type capture struct {
	mu   sync.Mutex
	max  int64
	buf  []byte
	n    int64
	over bool
}

// Write copies p unless the ceiling is passed; it never fails.
func (c *capture) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n += int64(len(p))
	if c.over {
		return len(p), nil
	}
	if c.n > c.max {
		c.over, c.buf = true, nil
		return len(p), nil
	}
	c.buf = append(c.buf, p...)
	return len(p), nil
}

// bytes returns the copy, its full size and whether it passed the ceiling.
func (c *capture) bytes() ([]byte, int64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.buf, c.n, c.over
}

// teeBody is the caller's request body on its way to the bus, copied.
type teeBody struct {
	r      io.Reader
	c      *capture
	eof    bool
	once   sync.Once
	closed chan struct{}
}

func (t *teeBody) Read(p []byte) (int, error) {
	n, err := t.r.Read(p)
	t.c.Write(p[:n])
	if err == io.EOF {
		t.c.mu.Lock()
		t.eof = true
		t.c.mu.Unlock()
	}
	return n, err
}

// Close marks the copy complete; the server closes the caller's body.
func (t *teeBody) Close() error {
	t.once.Do(func() { close(t.closed) })
	return nil
}

// complete waits (up to wait) for the transport to finish with the body and
// reports whether the whole request was read.
func (t *teeBody) complete(wait time.Duration) bool {
	select {
	case <-t.closed:
	case <-time.After(wait):
		return false
	}
	t.c.mu.Lock()
	defer t.c.mu.Unlock()
	return t.eof
}
