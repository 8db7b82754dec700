// Package session assembles what run, nightly and repro share: the catalog,
// the resolved environment and its target (the embedded simulator by
// default), the audit trail, seeded fixtures, and a runner wired to them.
package session

import (
	"context"
	"io"
	"sync"
	"time"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/fixtures/seed"
	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/harness/render"
	"github.com/gt3ct/gt3ct/harness/runner"
	"github.com/gt3ct/gt3ct/harness/spec"
	"github.com/gt3ct/gt3ct/harness/target"
	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/safety"
)

// Options say what to open.
type Options struct {
	Env          config.Environment
	Catalog      *catalog.Catalog
	Faults       string        // faults of the embedded simulator
	SimLatency   time.Duration // delay per answer of the embedded simulator
	SimLog       io.Writer     // request log of the embedded simulator
	SimShape     string        // answer shape of the embedded simulator (sim.Shapes; "" = cdata)
	SimDDL       string        // core DDL variant of the embedded simulator (coredb.Variants; "" = own)
	AuditPath    string        // default: the env's audit path, else config.DefaultAudit()
	RunID        string        // the run's id in results and run.json (shards of one nightly share it)
	LedgerID     string        // the fixtures ledger's run id; "" = RunID (one per shard: shards share a database)
	Seed         int64         // fixture seed; 0 = from the clock (fresh taxpayers every run)
	KeepFixtures bool          // leave seeded rows in place at Close
	Resume       bool          // RunID names a killed run being resumed: continue its ledger
	Now          func() time.Time
	// Spec is the GT3 data specification applied to every written row;
	// nil is the built-in contracts/spec.yaml (spec.Load("")).
	Spec *spec.Rules
	// Redactor scrubs secrets from what the session writes; nil = one that
	// knows the environment's secrets.
	Redactor *safety.Redactor
}

// Session is an open environment ready to run cases.
type Session struct {
	Env     config.Environment
	Catalog *catalog.Catalog
	Target  *target.Target
	Audit   *safety.Audit
	Runner  *runner.Runner
	Ledger  *seed.Ledger
	Store   *seed.Store // the core database under the env's ledger: and fixtures.columns; nil without a database
	RunID   string
	// Redactor scrubs secrets from everything the session writes.
	Redactor *safety.Redactor
	opts     Options
	mu       sync.Mutex
	seeded   bool
	ahead    *ahead // the nightly's clean of finished cases' taxpayers; nil: none
}

// Open starts the target and wires a runner to it, after Preflight.
func Open(ctx context.Context, o Options) (*Session, error) {
	if err := Preflight(o); err != nil {
		return nil, err
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.RunID == "" {
		o.RunID = seed.NewRunID(o.Now())
	}
	if o.LedgerID == "" {
		o.LedgerID = o.RunID
	}
	auditPath := firstNonEmpty(o.AuditPath, o.Env.Audit) // "" is the default audit file
	audit, err := safety.OpenAudit(auditPath)
	if err != nil {
		return nil, err
	}
	t, err := target.Open(ctx, o.Env, target.Options{Catalog: o.Catalog, SimLog: o.SimLog, Faults: o.Faults,
		Latency: o.SimLatency, SimShape: o.SimShape, SimDDL: o.SimDDL})
	if err != nil {
		audit.Close()
		return nil, err
	}
	if o.Spec == nil {
		rules, err := spec.Load("")
		if err != nil {
			t.Close()
			audit.Close()
			return nil, err
		}
		o.Spec = &rules
	}
	if o.Redactor == nil {
		o.Redactor = safety.NewRedactor(o.Env.Secrets()...)
	}
	s := &Session{Env: o.Env, Catalog: o.Catalog, Target: t, Audit: audit, RunID: o.RunID, opts: o, Redactor: o.Redactor}
	if t.DB != nil {
		s.Store = seed.NewStore(t.DB, seed.SiteOf(o.Env))
	}
	s.Ledger = resumedLedger(ctx, s.Store, o)
	s.seeded = s.Ledger.Len() > 0 // a resumed run's fixtures are cleaned at Close too
	s.Runner = s.newRunner()
	return s, nil
}

func (s *Session) newRunner() *runner.Runner {
	r := &runner.Runner{
		Catalog: s.Catalog, Templates: render.NewCache(), Now: s.opts.Now, RunID: s.RunID, XSD: ValidateXSD,
		Target: runner.Target{
			Sender: s.Target.Client, ChannelID: s.Env.ChannelID, Expand: s.Target.Expand(),
			Builder: s.Target.Builder(), Timeout: s.Env.Timeout,
			BeforeSend: func(svc *catalog.Service, seq string) error {
				return s.Audit.Sent(s.Env, svc.Code, svc.TranID, seq, svc.Writes, "sent")
			},
			Adopt:    s.adopt,
			Answered: s.answered,
			Env:      s.Env.Name,
		},
	}
	if s.Target.DB != nil {
		r.Target.DB = check.SQLQuerier{DB: s.Target.DB}
		r.Target.Inspect = NewInspector(r.Target.DB, spec.New(*s.opts.Spec, r.Target.DB))
	}
	r.Target.DBs = s.Target.Queriers()
	return r
}

// resumedLedger continues the ledger of a run being resumed (a killed
// nightly): new rows are numbered after what it recorded, and Close cleans
// the killed run's fixtures too. A fresh run, or a readonly environment
// (where even reading the ledger could create its table), starts empty.
func resumedLedger(ctx context.Context, st *seed.Store, o Options) *seed.Ledger {
	if !o.Resume || st == nil || o.Env.Readonly {
		return seed.NewLedger(o.LedgerID)
	}
	leds, err := st.LoadLedger(ctx, o.LedgerID)
	if err != nil || len(leds) == 0 {
		return seed.NewLedger(o.LedgerID)
	}
	return leds[0]
}

// adopt records a taxpayer a case created (a registration answering a new
// DJXH) in the run's ledger, so Close removes its rows as well.
func (s *Session) adopt(ctx context.Context, djxh string) error {
	if s.Store == nil {
		return nil
	}
	if err := s.Store.Adopt(ctx, s.Ledger, djxh); err != nil {
		return err
	}
	s.mu.Lock()
	s.seeded = true
	s.mu.Unlock()
	return nil
}

// Close cleans the fixtures this session seeded (unless kept), stops the
// simulator and closes the audit trail. Cleaning runs even when ctx was
// cancelled (Ctrl-C), so a stopped run leaves no test rows behind.
func (s *Session) Close(ctx context.Context) (*seed.Report, error) {
	var rep *seed.Report
	var first error
	s.ahead.wait()
	if s.cleansFixtures() {
		rep, first = s.Store.Clean(context.WithoutCancel(ctx), seed.CleanOptions{RunID: s.Ledger.RunID, Derived: true})
	}
	if s.Store != nil {
		if err := s.Store.Close(); err != nil && first == nil {
			first = err
		}
	}
	if err := s.Target.Close(); err != nil && first == nil {
		first = err
	}
	if err := s.Audit.Close(); err != nil && first == nil {
		first = err
	}
	return rep, first
}

// cleansFixtures says whether Close cleans the run's fixtures: it seeded or
// recorded some, has a database, and was not told to keep them.
func (s *Session) cleansFixtures() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.seeded && !s.opts.KeepFixtures && s.Store != nil
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
