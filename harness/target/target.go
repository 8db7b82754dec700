// Package target opens what a command talks to: the bus endpoint (or the
// embedded simulator, started in-process on a loopback port) and the core
// database behind it.
package target

import (
	"context"
	"io"
	"path"
	"time"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/contracts/xsd"
	"github.com/gt3ct/gt3ct/fixtures/sim"
	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/transport"
	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// Target is an open environment: a transport client for its endpoint and its
// core database (nil when the environment has none).
type Target struct {
	Env      config.Environment
	Endpoint string
	Client   *transport.Client
	DB       *coredb.DB
	Named    map[string]*coredb.DB // the env's other databases (databases:), by name
	closers  []func() error
}

// Options tune Open.
type Options struct {
	Catalog *catalog.Catalog // services the embedded simulator must answer
	SimLog  io.Writer        // the embedded simulator's request log
	Faults  string           // faults of the embedded simulator (tests, demos)
	Latency time.Duration    // delay added to each answer of the embedded simulator
	// SimShape is the answer shape of the embedded simulator (sim.Shapes;
	// "" is cdata).
	SimShape string
	// SimDDL is the core DDL variant the embedded simulator creates and
	// writes (coredb.Variants; "" is own).
	SimDDL string
}

// Open connects to env. The built-in sim environment (no endpoint) starts the
// embedded simulator on 127.0.0.1 over its database.
func Open(ctx context.Context, env config.Environment, o Options) (*Target, error) {
	t := &Target{Env: env, Endpoint: env.Endpoint}
	if env.DB != "" {
		// a readonly env's session is read-only at the database, not only by statement text
		db, err := coredb.OpenWith(ctx, env.DB, coredb.OpenOptions{Password: env.DBPassword, ReadOnly: env.Readonly})
		if err != nil {
			return nil, err
		}
		t.DB = db
		t.closers = append(t.closers, db.Close)
	}
	if err := t.openDatabases(ctx); err != nil {
		t.Close()
		return nil, err
	}
	if t.Endpoint == "" {
		if err := t.startSim(ctx, o); err != nil {
			t.Close()
			return nil, err
		}
	}
	client, err := transport.New(clientOptions(env, t.Endpoint))
	if err != nil {
		t.Close()
		return nil, errs.E("target", errs.KindOf(err), "endpoint %s: %w", t.Endpoint, err)
	}
	t.Client = client
	return t, nil
}

// clientOptions are the transport settings of env: timeout, extra headers,
// the largest answer read and TLS.
func clientOptions(env config.Environment, endpoint string) transport.Options {
	return transport.Options{Endpoint: endpoint, Timeout: timeout(env), Headers: env.Headers, MaxAnswer: env.MaxAnswer,
		TLS: transport.TLSOptions{CAFile: env.TLS.CAFile, CertFile: env.TLS.CertFile, KeyFile: env.TLS.KeyFile, ServerName: env.TLS.ServerName}}
}

// Builder is the envelope builder for the environment: requests in its
// encoding.
func (t *Target) Builder() envelope.Builder { return envelope.Builder{Encoding: t.Env.Encoding} }

func (t *Target) startSim(ctx context.Context, o Options) error {
	if t.DB == nil {
		return errs.E("target", errs.Input, "environment %q has no endpoint and no database for the embedded simulator", t.Env.Name)
	}
	simDB := t.DB
	if t.DB.ReadOnly { // the simulator is the core: it writes its own database
		db, err := coredb.OpenWith(ctx, t.Env.DB, coredb.OpenOptions{Password: t.Env.DBPassword})
		if err != nil {
			return err
		}
		simDB = db
		t.closers = append(t.closers, db.Close)
	}
	s, err := sim.New(sim.Config{DB: simDB, Catalog: SimCatalog(o.Catalog), Faults: o.Faults, Log: o.SimLog, Seed: 1,
		Latency: o.Latency, Shape: o.SimShape, DDL: o.SimDDL})
	if err != nil {
		return err
	}
	url, stop, err := sim.Start(context.WithoutCancel(ctx), "127.0.0.1:0", s)
	if err != nil {
		return errs.E("target", errs.Internal, "start the embedded simulator: %w", err)
	}
	t.Endpoint = url
	t.closers = append([]func() error{stop}, t.closers...)
	return nil
}

// SimCatalog converts the catalog into the simulator's service list, so the
// simulator answers every catalog service (it never imports harness code),
// with the response schema of each contract that names one: the simulator
// answers those services in the declared shape.
func SimCatalog(cat *catalog.Catalog) []sim.ServiceInfo {
	out := sim.Implemented()
	if cat == nil {
		return out
	}
	for _, s := range cat.Services {
		out = append(out, sim.ServiceInfo{Code: s.Code, TranID: s.TranID, Name: s.Name, Module: s.Module,
			Kind: s.Kind, Writes: s.Writes, Fields: s.Fields, Response: responseSchema(s.Contract)})
	}
	return out
}

// responseSchema loads the contract's response schema; nil when it names
// none or it does not load (the contract's own XSD check then fails with
// the reason, and the simulator gives its generic answer).
func responseSchema(c *catalog.Contract) *xsd.Schema {
	if c == nil || c.XSD.Response == "" {
		return nil
	}
	s, err := xsd.LoadFS(c.FS, path.Join(c.Dir, c.XSD.Response))
	if err != nil {
		return nil
	}
	return s
}

// Expand is the head's expand pairs for the environment's channel identity.
func (t *Target) Expand() []envelope.Pair {
	var out []envelope.Pair
	if t.Env.IdentityType != "" {
		out = append(out, envelope.Pair{Name: "identityType", Value: t.Env.IdentityType})
	}
	if t.Env.Sjry != "" {
		out = append(out, envelope.Pair{Name: "sjry", Value: t.Env.Sjry})
	}
	if t.Env.Sjjg != "" {
		out = append(out, envelope.Pair{Name: "sjjg", Value: t.Env.Sjjg})
	}
	return out
}

// Close stops the simulator and closes the database.
func (t *Target) Close() error {
	var first error
	for _, c := range t.closers {
		if err := c(); err != nil && first == nil {
			first = err
		}
	}
	t.closers = nil
	return first
}

func timeout(env config.Environment) time.Duration {
	if env.Timeout > 0 {
		return env.Timeout
	}
	return 30 * time.Second
}
