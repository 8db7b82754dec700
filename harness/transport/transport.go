// Package transport moves envelopes to the bus and back: a plain HTTP POST of
// the envelope, or SOAP 1.1 (Gt3AipWebService style). It only moves bytes and
// decides what may safely be sent again; decoding and classifying answers is
// the envelope package's job.
package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-cleanhttp"
	"github.com/hashicorp/go-retryablehttp"

	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// Defaults for Options fields left zero.
const (
	DefaultTimeout = 30 * time.Second
	DefaultRetries = 2
	DefaultWaitMin = 200 * time.Millisecond
	DefaultWaitMax = 2 * time.Second
	// MaxAnswer is the largest answer body read when Options.MaxAnswer is
	// zero (64 MiB).
	MaxAnswer = 64 << 20
	// KeepConns is how many idle connections a Client keeps to its
	// endpoint, so that as many parallel workers reuse theirs.
	KeepConns = 256
)

// ErrAnswerLost marks a write whose answer was lost after the request may
// have reached the server. It is never re-sent: the caller must check the
// core database instead of retrying.
var ErrAnswerLost = errors.New("answer lost after the request was sent")

// Options configure a Client.
type Options struct {
	Endpoint string            // http(s)://… plain POST of the envelope; soap+http(s)://… SOAP 1.1
	Timeout  time.Duration     // per attempt (default 30s)
	Retries  int               // max retries for safe cases (0 means 2; negative means none)
	Headers  map[string]string // extra request headers, e.g. RESOURCE-ID
	WaitMin  time.Duration     // shortest wait between attempts (default 200ms)
	WaitMax  time.Duration     // longest wait between attempts (default 2s)
	TLS      TLSOptions        // CA, client certificate and server name of an https endpoint
	// MaxAnswer is the largest answer body read, in bytes (0: the MaxAnswer
	// constant); a larger one is an error, not a truncated answer.
	MaxAnswer int64
}

// Answer is what came back for one envelope.
type Answer struct {
	Body     []byte        // the answer envelope, raw bytes in whatever encoding it came (SOAP unwrapped)
	Status   int           // HTTP status of the last attempt (0 when none came)
	Latency  time.Duration // duration of the last attempt, request sent to body read
	Attempts int           // how many times the request was sent or tried
}

// Client sends envelopes to one endpoint. It is safe for concurrent use.
type Client struct {
	url     string
	soap    bool
	opts    Options
	retries int
	http    *http.Client
	pre     *predial // nil: requests go through a proxy
}

// New checks o and returns a Client.
func New(o Options) (*Client, error) {
	raw, soap := strings.CutPrefix(o.Endpoint, "soap+")
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errs.E("transport", errs.Input, "endpoint %q is not http(s)://host/… or soap+http(s)://host/…", redact(o.Endpoint))
	}
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.WaitMin <= 0 {
		o.WaitMin = DefaultWaitMin
	}
	if o.MaxAnswer <= 0 {
		o.MaxAnswer = MaxAnswer
	}
	if o.WaitMax < o.WaitMin {
		o.WaitMax = max(DefaultWaitMax, o.WaitMin)
	}
	retries := o.Retries
	switch {
	case retries == 0:
		retries = DefaultRetries
	case retries < 0:
		retries = 0
	}
	tc, err := o.TLS.tlsConfig()
	if err != nil {
		return nil, err
	}
	hc := cleanhttp.DefaultPooledClient()
	hc.Timeout = o.Timeout
	tr := hc.Transport.(*http.Transport)
	// keep a connection per worker: cleanhttp keeps GOMAXPROCS+1 idle, so a
	// --parallel 64 sweep closed and redialled most connections per call.
	tr.MaxIdleConns, tr.MaxIdleConnsPerHost = KeepConns, KeepConns
	if tc != nil {
		tr.TLSClientConfig = tc
	}
	return &Client{url: raw, soap: soap, opts: o, retries: retries, http: hc, pre: newPredial(tr, u)}, nil
}

// SOAP reports whether the client speaks SOAP 1.1.
func (c *Client) SOAP() bool { return c.soap }

// Send posts one envelope and returns the answer. writes says the service
// changes data: such a request is re-sent only when it surely never left
// (connection refused, DNS, dial timeout); once it may have reached the
// server, a lost answer is an ErrAnswerLost error. Read-only requests are
// also retried after timeouts, resets and HTTP 502/503/504. Every error is
// of kind errs.Transient, but a TLS problem (untrusted or misnamed server
// certificate, client certificate refused): that is one line of kind
// errs.Finding (an unreachable bus, exit 1), never retried. The Answer is
// returned with the error when there is one.
func (c *Client) Send(ctx context.Context, env []byte, writes bool) (*Answer, error) {
	if err := takeTurn(ctx); err != nil { // nothing was sent
		return &Answer{}, errs.E("send", errs.Transient, "%s: waiting for a turn to send: %v", redact(c.url), err)
	}
	payload := env
	if c.soap { // the SOAP wrapper travels in the envelope's own encoding
		payload = envelope.WrapSOAP(env)
		if p, err := envelope.EncodeAs(payload, charsetOf(env)); err == nil {
			payload = p
		}
	}
	call := &call{writes: writes, tranID: tranID(env), max: c.opts.MaxAnswer}
	req, err := retryablehttp.NewRequestWithContext(httptrace.WithClientTrace(ctx, call.trace()), http.MethodPost, c.url, payload)
	if err != nil {
		return nil, errs.E("send", errs.Transient, "%s: %v", redact(c.url), err)
	}
	c.setHeaders(req, env)
	req.SetResponseHandler(call.read)
	resp, err := c.retrying(call).Do(req)
	if resp != nil && err == nil && call.ended.IsZero() {
		err = call.read(resp) // retries ran out on a 502/503/504: its body is still unread
	}
	ans := &Answer{Body: call.body, Attempts: call.attempts, Latency: call.latency()}
	if resp != nil {
		ans.Status = resp.StatusCode
	}
	if problem, ok := tlsProblem(err); err != nil && ok {
		return ans, errs.E("send", errs.Finding, "%s: TLS: %s (%d attempt(s), not retried)", redact(c.url), problem, call.attempts)
	}
	if err != nil {
		return ans, errs.E("send", errs.Transient, "%s: %w (%d attempt(s))", redact(c.url), err, call.attempts)
	}
	return ans, c.check(ans)
}

// check turns a SOAP fault or a non-2xx status into an error and unwraps a
// SOAP answer. An answer that is not well-formed SOAP is left as it came, so
// the envelope parser can call it malformed.
func (c *Client) check(ans *Answer) error {
	if c.soap {
		inner, _, err := envelope.UnwrapSOAP(ans.Body)
		var fault *envelope.Fault
		switch {
		case errors.As(err, &fault):
			return errs.E("send", errs.Transient, "%s: HTTP %d: %w", redact(c.url), ans.Status, fault)
		case err == nil && ans.Status/100 == 2:
			ans.Body = inner
		}
	}
	if ans.Status/100 != 2 {
		return errs.E("send", errs.Transient, "%s: HTTP %d %s%s", redact(c.url), ans.Status,
			http.StatusText(ans.Status), firstLine(ans.Body))
	}
	return nil
}

func (c *Client) setHeaders(req *retryablehttp.Request, env []byte) {
	if c.soap {
		req.Header.Set("Content-Type", "text/xml; charset="+strings.ToLower(charsetOf(env)))
		req.Header.Set("SOAPAction", `""`)
	} else {
		req.Header.Set("Content-Type", "text/xml; charset="+charsetOf(env))
	}
	for k, v := range c.opts.Headers {
		req.Header.Set(k, v)
	}
}

// charsetOf is the encoding an envelope declares, UTF-8 when none.
func charsetOf(env []byte) string {
	if cs := envelope.DeclaredEncoding(env); cs != "" {
		return cs
	}
	return "UTF-8"
}

// retrying builds the retryablehttp client for one call; its logger is off.
func (c *Client) retrying(cl *call) *retryablehttp.Client {
	return &retryablehttp.Client{
		HTTPClient:     c.http,
		Logger:         nil,
		RetryWaitMin:   c.opts.WaitMin,
		RetryWaitMax:   c.opts.WaitMax,
		RetryMax:       c.retries,
		CheckRetry:     cl.checkRetry,
		Backoff:        cappedBackoff,
		ErrorHandler:   retryablehttp.PassthroughErrorHandler,
		RequestLogHook: cl.attempt,
	}
}

// cappedBackoff is retryablehttp's exponential backoff, with a server's
// Retry-After never allowed to exceed the longest wait.
func cappedBackoff(lo, hi time.Duration, attempt int, resp *http.Response) time.Duration {
	return min(retryablehttp.DefaultBackoff(lo, hi, attempt, resp), hi)
}

// call is the state of one Send across its attempts.
type call struct {
	writes   bool
	tranID   string
	attempts int
	sent     atomic.Bool // this attempt's request was written to a connection
	started  time.Time
	ended    time.Time
	body     []byte
	max      int64 // the largest answer body read
}

func (cl *call) trace() *httptrace.ClientTrace {
	return &httptrace.ClientTrace{WroteRequest: func(httptrace.WroteRequestInfo) { cl.sent.Store(true) }}
}

func (cl *call) attempt(_ retryablehttp.Logger, _ *http.Request, _ int) {
	cl.attempts++
	cl.sent.Store(false)
	cl.body = nil
	cl.started, cl.ended = time.Now(), time.Time{}
}

func (cl *call) latency() time.Duration {
	if cl.started.IsZero() {
		return 0
	}
	if cl.ended.IsZero() {
		return time.Since(cl.started)
	}
	return cl.ended.Sub(cl.started)
}

// read is the response handler: it reads the whole body inside the retry
// loop, so a connection reset in the middle of an answer counts as lost.
func (cl *call) read(resp *http.Response) error {
	defer resp.Body.Close()
	body, err := readBody(resp, cl.max)
	cl.ended = time.Now()
	if err != nil {
		return err
	}
	cl.body = body
	return nil
}

// checkRetry is the retry policy (see Send).
func (cl *call) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if err != nil {
		switch {
		case permanent(err):
			return false, err
		case !cl.sent.Load():
			return true, nil // never left this machine: safe for any service
		case cl.writes:
			return false, fmt.Errorf("%w; not re-sent because %s writes: %v", ErrAnswerLost, cl.tranID, err)
		}
		return true, nil
	}
	switch resp.StatusCode {
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return !cl.writes, nil
	}
	return false, nil
}

// permanent reports errors that no retry can fix: every TLS problem.
func permanent(err error) bool {
	_, ok := tlsProblem(err)
	return ok
}

// tranID finds the tran_id of an envelope for messages, without parsing it.
func tranID(env []byte) string {
	i := bytes.Index(env, []byte("tran_id>"))
	if i < 0 {
		return "the service"
	}
	rest := env[i+len("tran_id>"):]
	if j := bytes.IndexByte(rest, '<'); j > 0 && j < 200 {
		return string(bytes.TrimSpace(rest[:j]))
	}
	return "the service"
}

func firstLine(body []byte) string {
	line, _, _ := bytes.Cut(bytes.TrimSpace(body), []byte("\n"))
	if len(line) == 0 {
		return ""
	}
	return ": " + clip(string(line), 120)
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// redact removes a password from a URL before it is printed.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparseable endpoint)"
	}
	return u.Redacted()
}
