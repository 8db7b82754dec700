package proxy

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/fixtures/seed"
	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/harness/session"
	"github.com/gt3ct/gt3ct/harness/spec"
	"github.com/gt3ct/gt3ct/harness/target"
	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/errs"
	"github.com/gt3ct/gt3ct/internal/safety"
)

// Options are what `gt3ct proxy` passes to Serve.
type Options struct {
	Env     config.Environment // resolved, --endpoint and --db applied; no endpoint: the embedded simulator
	Catalog *catalog.Catalog
	Listen  string    // address the caller connects to, e.g. 127.0.0.1:8081
	Out     string    // run folder
	Console io.Writer // one line per exchange
	Args    []string  // the command line, for run.json
	Faults  string    // faults of the embedded simulator (tests, demos)
	// SimShape and SimDDL shape the embedded simulator (sim.Shapes,
	// coredb.Variants; "" = cdata, own).
	SimShape, SimDDL string
	// Spec is the data specification (spec.Load of --contracts); nil: the
	// built-in contracts/spec.yaml.
	Spec *spec.Rules
	// Codes checks the request's codes; nil: SpecCodes, the code tables of
	// the environment's core.
	Codes CodeChecker
	// Redactor scrubs secrets from everything the proxy writes and prints;
	// nil: one that knows Env's secrets (Env.Secrets).
	Redactor *safety.Redactor
	// Ready is called with the listening address once the proxy accepts
	// connections (the command prints it).
	Ready func(addr string)
	// Tuning; zero values take the Config defaults.
	MaxCheck int64
	Workers  int
	Queue    int
	Now      func() time.Time
}

// Serve forwards and checks exchanges until ctx ends; then it stops
// accepting, lets the exchanges in flight finish (up to 10 s), drains the
// checks, closes the journal and the environment. Errors are errs kinds:
// Input for a bad address, endpoint or database.
func Serve(ctx context.Context, o Options) error {
	up, err := openUpstream(ctx, o)
	if err != nil {
		return err
	}
	defer up.close()
	now := o.Now
	if now == nil {
		now = time.Now
	}
	p, err := New(Config{Upstream: up.endpoint, Catalog: o.Catalog, DB: up.db, XSD: session.ValidateXSD,
		Spec: specOver(o.Spec, up.db), Codes: o.Codes, Redactor: o.Redactor, Env: o.Env, Audit: up.audit, Out: o.Out,
		Console: o.Console, RunID: seed.NewRunID(now()), Args: o.Args, Timeout: o.Env.Timeout, MaxCheck: o.MaxCheck,
		Workers: o.Workers, Queue: o.Queue, Now: now})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", o.Listen)
	if err != nil {
		p.Close()
		return errs.E("proxy", errs.Input, "listen %s: %v", o.Listen, err)
	}
	srv := &http.Server{Handler: p, ReadHeaderTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	if o.Ready != nil {
		o.Ready(ln.Addr().String())
	}
	return stop(ctx, srv, served, p)
}

// specOver is the checker of rules over the core q; nil (New's default,
// the built-in rules) when no rules are given or there is no core.
func specOver(rules *spec.Rules, q check.Querier) *spec.Checker {
	if rules == nil || q == nil {
		return nil
	}
	return spec.New(*rules, q)
}

// stop waits for ctx to end (or the server to fail), then stops accepting,
// lets exchanges in flight finish (up to 10 s) and drains the checks.
func stop(ctx context.Context, srv *http.Server, served <-chan error, p *Proxy) error {
	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-served:
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		srv.Close()
	}
	closeErr := p.Close()
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return errs.E("proxy", errs.Internal, "serve: %v", serveErr)
	}
	return closeErr
}

// upstream is what the proxy forwards to and reads from.
type upstream struct {
	endpoint string
	db       check.Querier
	audit    *safety.Audit
	closers  []func() error
}

func (u *upstream) close() {
	for _, c := range u.closers {
		_ = c()
	}
}

// openUpstream opens the target: the embedded simulator when the
// environment has no endpoint, and the core database — read-only on a
// readonly environment (target.Open opens that session read-only).
func openUpstream(ctx context.Context, o Options) (*upstream, error) {
	if o.Env.Readonly && o.Env.Endpoint == "" {
		return nil, errs.E("proxy", errs.Input, "environment %q is readonly and has no endpoint to forward to", o.Env.Name)
	}
	audit, err := safety.OpenAudit(o.Env.Audit)
	if err != nil {
		return nil, err
	}
	t, err := target.Open(ctx, o.Env, target.Options{Catalog: o.Catalog, Faults: o.Faults, SimShape: o.SimShape, SimDDL: o.SimDDL})
	if err != nil {
		audit.Close()
		return nil, err
	}
	u := &upstream{endpoint: t.Endpoint, audit: audit, closers: []func() error{t.Close, audit.Close}}
	if t.DB != nil {
		u.db = check.SQLQuerier{DB: t.DB}
	}
	return u, nil
}
