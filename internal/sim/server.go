// Package sim is the embedded HXZG simulator: a stand-in for the service bus
// and the core that answers the GT3 envelope over HTTP POST and SOAP 1.1,
// keeps its own core database (internal/coredb) and injects faults on demand.
// It is a separate system from the harness and imports none of its code.
package sim

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// Config configures a simulator.
type Config struct {
	DB      *coredb.DB    // core database; New creates the schema if missing
	Catalog []ServiceInfo // every catalog service (the known tran_ids)
	Faults  string        // the --faults list: name or name=rate, comma separated
	Seed    int64         // seed of the fault decisions
	Latency time.Duration // fixed delay added to every answer
	Log     io.Writer     // one JSON line per request; nil for none
}

// Sim is a running simulator: its services, faults and database.
type Sim struct {
	cfg      Config
	db       *coredb.DB
	faults   faultSet
	services map[string]*service // by tran_id: built-in semantics
	catalog  map[string]ServiceInfo
	writeMu  sync.Mutex // serializes writing services
	logMu    sync.Mutex
	done     chan struct{}
	doneOnce sync.Once
}

// New checks the configuration, creates the core schema and returns a
// simulator. A bad fault list is an errs.Input error.
func New(cfg Config) (*Sim, error) {
	fs, err := parseFaults(cfg.Faults)
	if err != nil {
		return nil, err
	}
	if cfg.DB == nil {
		return nil, errs.E("sim", errs.Input, "no core database")
	}
	if err := cfg.DB.CreateSchema(context.Background()); err != nil {
		return nil, errs.E("sim", errs.Internal, "%w", err)
	}
	if cfg.DB.Stats().MaxOpenConnections != 1 {
		// bounded pool: 1,000 concurrent requests must not open 1,000
		// connections (PostgreSQL max_connections, SQLite file handles).
		cfg.DB.SetMaxOpenConns(16)
	}
	s := &Sim{cfg: cfg, db: cfg.DB, faults: fs, services: map[string]*service{},
		catalog: map[string]ServiceInfo{}, done: make(chan struct{})}
	for _, c := range cfg.Catalog {
		s.catalog[c.TranID] = c
	}
	byCode := map[string]*service{}
	for _, b := range builtins() {
		s.services[b.info.TranID] = b
		byCode[b.info.Code] = b
	}
	for _, c := range cfg.Catalog {
		// the catalog may know a built-in service under another tran_id
		// (a provisional one): route that one to the same semantics.
		if b, ok := byCode[c.Code]; ok && s.services[c.TranID] == nil {
			s.services[c.TranID] = b
		}
	}
	return s, nil
}

// Close releases requests that hang on the timeout fault. It does not close
// the database (the caller owns it).
func (s *Sim) Close() { s.doneOnce.Do(func() { close(s.done) }) }

// Handler serves POST / (a bare envelope or SOAP 1.1, told apart by content)
// and GET /healthz.
func (s *Sim) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	})
	mux.HandleFunc("POST /", s.serveEnvelope)
	return mux
}

// Start serves s on addr ("127.0.0.1:0" picks a free port) until ctx ends or
// stop is called; it returns the base URL (http://127.0.0.1:PORT/).
func Start(ctx context.Context, addr string, s *Sim) (url string, stop func() error, err error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", nil, errs.E("sim", errs.Input, "listen %s: %w", addr, err)
	}
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	var once sync.Once
	var stopErr error
	stop = func() error {
		once.Do(func() {
			s.Close()
			sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
			defer cancel()
			if err := srv.Shutdown(sctx); err != nil {
				stopErr = srv.Close()
			}
		})
		return stopErr
	}
	go func() {
		select {
		case <-ctx.Done():
			stop()
		case <-s.done:
		}
	}()
	return "http://" + ln.Addr().String() + "/", stop, nil
}

// logLine appends one JSON line per received request.
func (s *Sim) logLine(h head, writes bool) {
	if s.cfg.Log == nil {
		return
	}
	line, _ := json.Marshal(struct {
		At      string `json:"at"`
		TranID  string `json:"tran_id"`
		TranSeq string `json:"tran_seq"`
		Writes  bool   `json:"writes"`
	}{time.Now().Format(time.RFC3339Nano), h.TranID, h.TranSeq, writes})
	s.logMu.Lock()
	defer s.logMu.Unlock()
	s.cfg.Log.Write(append(line, '\n'))
}

// wait sleeps d, or less when the request or the simulator ends first.
func (s *Sim) wait(ctx context.Context, d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	case <-s.done:
	}
}

// errConflict means a row changed between the check and the write.
var errConflict = errors.New("row changed concurrently, retry")
