package session

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts"
	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/config"
)

var (
	catOnce sync.Once
	cat     *catalog.Catalog
)

// embeddedCatalog loads the catalog compiled into the binary once per test run.
func embeddedCatalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	catOnce.Do(func() {
		c, err := catalog.Load(contracts.FS())
		if err != nil {
			panic(err)
		}
		cat = c
	})
	return cat
}

// simEnv is the built-in sim environment over a private database in dir.
func simEnv(dir string) config.Environment {
	e := config.Sim()
	e.DB = "sqlite:" + filepath.Join(dir, "core.db")
	e.Audit = filepath.Join(dir, "audit.jsonl")
	e.Timeout = 2 * time.Second
	return e
}

// simLog collects the embedded simulator's request log.
type simLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *simLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *simLog) lines() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Split(strings.TrimSpace(l.buf.String()), "\n")
}

// open starts a session on the embedded simulator with the given faults.
func open(t *testing.T, env config.Environment, faults string, log *simLog) *Session {
	t.Helper()
	o := Options{Env: env, Catalog: embeddedCatalog(t), Faults: faults, Seed: time.Now().UnixNano()}
	if log != nil {
		o.SimLog = log
	}
	s, err := Open(context.Background(), o)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close(context.Background()) })
	return s
}

// runCase runs one case of a service in a fresh session.
func runCase(t *testing.T, faults, service, caseName string) result.Result {
	t.Helper()
	s := open(t, simEnv(t.TempDir()), faults, nil)
	svc, ok := s.Catalog.Lookup(service)
	require.True(t, ok, service)
	job, err := PickCase(s.Catalog, svc, caseName)
	require.NoError(t, err)
	res, err := s.RunJob(context.Background(), job, nil)
	require.NoError(t, err)
	return res
}

func failedChecks(r result.Result) []result.Check {
	var out []result.Check
	for _, c := range r.Checks {
		if c.Status == result.Fail {
			out = append(out, c)
		}
	}
	return out
}
