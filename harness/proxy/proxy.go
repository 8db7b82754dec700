// Package proxy is gt3ct's checking proxy: it stands between another
// caller (the e-tax bureau's application) and the bus, forwards every HTTP
// POST or SOAP 1.1 exchange byte for byte, and checks each one beside the
// traffic — head lint, answer class, schemas, the contract's request
// expectations (required fields; codes the core's code tables hold) and,
// for answered writes, the rows written (harness/written, found after the
// answer by the keys in request and answer) with the data-specification
// checks (harness/spec) — recording one result.Result per exchange in
// DIR/results.jsonl, masked (result.Mask), blamed as every Result is
// (result.Settle), with case "proxy <tran_seq>".
//
// What the proxy changes on the wire, and nothing else:
//
//   - Hop-by-hop headers (Connection and the headers it names, Keep-Alive,
//     Proxy-Connection, Proxy-Authenticate, Proxy-Authorization, TE,
//     Trailer, Transfer-Encoding, Upgrade) are not forwarded, as RFC 9110
//     §7.6.1 requires of any intermediary: they describe the caller's
//     connection to the proxy, not the proxy's to the bus. Message framing
//     is redone per connection (a chunked answer stays chunked).
//   - Host is the endpoint's host (the caller addressed the proxy).
//   - No header is added: no X-Forwarded-For, no Via, no User-Agent or
//     Accept-Encoding of Go's own, no Date or Content-Type the bus did not
//     send. Compressed answers pass through compressed.
//   - When the bus cannot be reached, or does not start answering within
//     the timeout, the caller gets 502 Bad Gateway with the connection
//     error as a one-line text/plain body ("gt3ct proxy: upstream …: …");
//     when the bus breaks off mid-answer, the caller gets what the bus gave
//     and then the connection is cut, as the bus cut it.
//
// Checks never delay, alter or break an exchange: they run on a bounded
// pool of workers after the answer has been forwarded, each under recover.
// When the queue is full the exchange is recorded as "check dropped: queue
// full" instead of waiting.
package proxy

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/harness/render"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/runner"
	"github.com/gt3ct/gt3ct/harness/session"
	"github.com/gt3ct/gt3ct/harness/spec"
	"github.com/gt3ct/gt3ct/harness/sweep"
	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/errs"
	"github.com/gt3ct/gt3ct/internal/safety"
)

// Defaults for Config fields left zero.
const (
	DefaultMaxCheck = 64 << 20 // largest request or answer copied for checking (64 MiB)
	DefaultWorkers  = 2
	DefaultQueue    = 256
	DefaultBudget   = 256 << 20 // bytes of exchanges waiting for checks
	DefaultTimeout  = 30 * time.Second
)

// CodeChecker checks the values of a request against the core's code
// tables: the proxy calls it for every readable request of a catalog
// service with the request's leaf values by element name (every
// occurrence, in order); failing checks of kind request (or blamed on the
// caller) are the caller's fault. SpecCodes is the data specification's.
type CodeChecker func(ctx context.Context, svc *catalog.Service, fields map[string][]string) []result.Check

// SpecCodes is the CodeChecker of the data specification: each element
// whose column has a code table (zsxmDm → ZSXM_DM → DM_GY_ZSXM) must hold
// a code of it (spec.Checker.CheckRequest).
func SpecCodes(c *spec.Checker) CodeChecker {
	return func(ctx context.Context, _ *catalog.Service, fields map[string][]string) []result.Check {
		return c.CheckRequest(ctx, fields)
	}
}

// Config is what a Proxy forwards to and checks with.
type Config struct {
	Upstream string           // the bus: http(s)://…; a soap+ prefix is dropped (traffic goes as the caller sent it)
	Catalog  *catalog.Catalog // resolves tran_id to the service and its contract
	DB       check.Querier    // the core database, read after answers; nil: rows are not read (checks needing them fail)
	XSD      runner.XSDValidator
	// Spec is the data specification applied to the rows answered writes
	// left; nil: the built-in rules (contracts/spec.yaml) over DB.
	Spec *spec.Checker
	// Codes checks the request's codes; nil: SpecCodes(Spec) when there is
	// a database, else none.
	Codes CodeChecker
	// Redactor scrubs secrets from everything the proxy writes and prints;
	// nil: one that knows Env's secrets.
	Redactor *safety.Redactor
	Env      config.Environment // named in the audit trail; Readonly is noted there
	Audit    *safety.Audit      // every exchange is recorded; nil records nothing
	Out      string             // run folder: results.jsonl, run.json, exchanges/
	Console  io.Writer          // one line per exchange; nil for none
	RunID    string
	Args     []string      // the command line, for run.json (redacted)
	Timeout  time.Duration // the bus must start answering within this (default 30s)
	MaxCheck int64         // largest request or answer copied for checks (default 64 MiB)
	Workers  int           // check workers (default 2)
	Queue    int           // exchanges waiting for checks (default 256)
	Budget   int64         // bytes of exchanges waiting for checks (default 256 MiB)
	Now      func() time.Time
}

// Proxy forwards exchanges to the bus and checks them. It is an
// http.Handler; Close drains the checks and closes the journal.
type Proxy struct {
	cfg       Config
	upstream  *url.URL
	transport *http.Transport
	shapes    map[string][]shape // by service code: the request templates of its contracts
	templates *render.Cache
	journal   *sweep.Journal
	masker    *safety.Masker
	red       *safety.Redactor
	inspect   session.Inspector // rows written and their spec checks; valid when cfg.DB is set
	pool      *pool
	consoleMu sync.Mutex
	unnamed   atomic.Int64 // exchanges recorded without a tran_seq
	closeOnce sync.Once
	closeErr  error
}

// New checks cfg, opens DIR/results.jsonl for appending, writes run.json and
// starts the check workers.
func New(cfg Config) (*Proxy, error) {
	cfg, err := withDefaults(cfg)
	if err != nil {
		return nil, err
	}
	u, err := url.Parse(strings.TrimPrefix(cfg.Upstream, "soap+"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, errs.E("proxy", errs.Input, "endpoint %q is not http(s)://host/…", cfg.Redactor.Redact(cfg.Upstream))
	}
	if cfg.Out == "" {
		return nil, errs.E("proxy", errs.Input, "no run folder (--out)")
	}
	p := &Proxy{cfg: cfg, upstream: u, transport: newTransport(cfg.Timeout), templates: render.NewCache(),
		masker: safety.NewMasker(nil), red: cfg.Redactor}
	if cfg.DB != nil {
		p.inspect = session.NewInspector(cfg.DB, cfg.Spec)
	}
	p.shapes = indexShapes(cfg.Catalog)
	if p.journal, err = sweep.OpenJournal(cfg.Out, sweep.ResultsFile); err != nil {
		return nil, err
	}
	p.journal.Filter = func(b []byte) []byte { return []byte(p.red.Redact(string(b))) }
	if err := p.writeRunInfo(); err != nil {
		p.journal.Close()
		return nil, err
	}
	p.pool = startPool(p, cfg.Workers, cfg.Queue, cfg.Budget)
	return p, nil
}

// withDefaults fills the Config fields left zero; reading the built-in
// data specification is the only thing that can fail.
func withDefaults(c Config) (Config, error) {
	if c.Redactor == nil {
		c.Redactor = safety.NewRedactor(c.Env.Secrets()...)
	}
	if c.Spec == nil && c.DB != nil {
		rules, err := spec.Load("")
		if err != nil {
			return c, err
		}
		c.Spec = spec.New(rules, c.DB)
	}
	if c.Codes == nil && c.Spec != nil {
		c.Codes = SpecCodes(c.Spec)
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.MaxCheck <= 0 {
		c.MaxCheck = DefaultMaxCheck
	}
	if c.Workers <= 0 {
		c.Workers = DefaultWorkers
	}
	if c.Queue <= 0 {
		c.Queue = DefaultQueue
	}
	if c.Budget <= 0 {
		c.Budget = DefaultBudget
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Catalog == nil {
		c.Catalog = &catalog.Catalog{}
	}
	return c, nil
}

// Close waits for the queued checks to finish, records any exchange that
// could not be recorded, and closes the journal. Call it after the HTTP
// server has stopped (http.Server.Shutdown), so no exchange is still
// arriving.
func (p *Proxy) Close() error {
	p.closeOnce.Do(func() {
		lost := p.pool.close()
		if lost > 0 {
			p.recordLost(lost)
		}
		p.transport.CloseIdleConnections()
		p.closeErr = p.journal.Close()
	})
	return p.closeErr
}
