package sweep

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/gt3ct/gt3ct/contracts/catalog"

	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// Files of a run directory.
const (
	ResultsFile  = "results.jsonl"
	InflightFile = "inflight.jsonl"
	RunFile      = "run.json"
)

// Journal appends JSON lines to a file. Each line is written to the file
// before Append returns, so a killed process loses nothing already
// recorded. By default Append also returns only once the line is on disk
// (concurrent appends share one fsync: group commit), so a crashed machine
// loses nothing either; with SyncEvery set, lines reach the disk at most
// SyncEvery apart and at Close. Filter, when set, rewrites each line before
// it is written (redaction and PII masking).
type Journal struct {
	mu       sync.Mutex // guards writes, written and lastSync
	f        *os.File
	written  int64
	lastSync time.Time
	syncMu   sync.Mutex // one fsync at a time; guards synced and syncs
	synced   int64
	syncs    int
	Filter   func([]byte) []byte
	// SyncEvery, when positive, lets Append return before its line is on
	// disk: the file is synced by the first Append at least SyncEvery after
	// the last sync, and by Close. For results a crash may re-run, not for
	// marks that must be on disk before a write is sent.
	SyncEvery time.Duration
}

// OpenJournal opens (creating) dir/name for appending.
func OpenJournal(dir, name string) (*Journal, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, errs.E("nightly", errs.Input, "create %s: %w", dir, err)
	}
	f, err := os.OpenFile(filepath.Join(dir, name), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, errs.E("nightly", errs.Input, "open %s: %w", name, err)
	}
	return &Journal{f: f}, nil
}

// Append writes v as one JSON line and syncs it to disk.
func (j *Journal) Append(v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("journal: %w", err)
	}
	if j.Filter != nil {
		b = j.Filter(b)
	}
	b = append(b, '\n')
	j.mu.Lock()
	_, err = j.f.Write(b)
	j.written++
	mine := j.written
	due := j.SyncEvery <= 0 || time.Since(j.lastSync) >= j.SyncEvery
	j.mu.Unlock()
	if err != nil {
		return fmt.Errorf("journal %s: %w", j.f.Name(), err)
	}
	if !due {
		return nil
	}
	return j.syncThrough(mine)
}

// syncThrough returns once line n is on disk: a writer that finds its line
// already covered by another's fsync returns at once.
func (j *Journal) syncThrough(n int64) error {
	j.syncMu.Lock()
	defer j.syncMu.Unlock()
	if j.synced >= n {
		return nil
	}
	j.mu.Lock()
	upto := j.written
	j.lastSync = time.Now()
	j.mu.Unlock()
	j.syncs++
	if err := j.f.Sync(); err != nil {
		return fmt.Errorf("journal %s: %w", j.f.Name(), err)
	}
	j.synced = upto
	return nil
}

// Close syncs the lines not yet on disk and closes the file.
func (j *Journal) Close() error {
	j.mu.Lock()
	n := j.written
	j.mu.Unlock()
	err := j.syncThrough(n)
	if err2 := j.f.Close(); err == nil {
		err = err2
	}
	return err
}

// Inflight is written before a write service is sent, so that a resumed run
// knows the write may have reached the core.
type Inflight struct {
	Key     string `json:"key"`
	Service string `json:"service"`
	TranSeq string `json:"tran_seq"`
}

// Recorded reads what an earlier (possibly killed) run in dir recorded: the
// results by case key, and the write cases that were sent but whose result
// was never written. A torn last line is ignored.
func Recorded(dir string) (done map[string]result.Result, lost map[string]Inflight, err error) {
	done = map[string]result.Result{}
	lost = map[string]Inflight{}
	err = scanLines(filepath.Join(dir, ResultsFile), func(b []byte) {
		var r result.Result
		if json.Unmarshal(b, &r) == nil && r.Service != "" {
			done[r.Key()] = r
		}
	})
	if err != nil {
		return nil, nil, err
	}
	err = scanLines(filepath.Join(dir, InflightFile), func(b []byte) {
		var in Inflight
		if json.Unmarshal(b, &in) == nil && in.Key != "" {
			if _, ok := done[in.Key]; !ok {
				lost[in.Key] = in
			}
		}
	})
	return done, lost, err
}

func scanLines(path string, fn func([]byte)) error {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return errs.E("nightly", errs.Input, "resume: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		fn(sc.Bytes())
	}
	return sc.Err()
}

// Run states recorded in run.json: a sweep writes StateRunning when it
// starts; the reports written at its end turn it into StateComplete, or
// StatePartial when the command stopped early. A run killed outright stays
// StateRunning, which reports read as partial.
const (
	StateRunning  = "running"
	StatePartial  = "partial"
	StateComplete = "complete"
)

// RunInfo is run.json as a sweep writes it at the start of a run; reports
// read the same file. Shards of one nightly share RunID; Shard is "I/N"
// ("" for the whole selection). Endpoint and DB pass through PublicAddress.
type RunInfo struct {
	RunID     string            `json:"run_id"`
	Env       string            `json:"env"`
	Endpoint  string            `json:"endpoint,omitempty"` // "" for the embedded simulator
	DB        string            `json:"db,omitempty"`       // DSN without user or password
	Shard     string            `json:"shard,omitempty"`
	State     string            `json:"state,omitempty"`
	StartedAt time.Time         `json:"started_at"`
	Args      []string          `json:"args"`
	Catalog   *catalog.Coverage `json:"catalog,omitempty"`
	Audit     string            `json:"audit,omitempty"` // the audit file the run's sends were recorded in
}

var (
	urlUser    = regexp.MustCompile(`^([a-zA-Z][a-zA-Z0-9+.-]*://)[^@/]*@`)
	oracleUser = regexp.MustCompile(`^[^/@:\s]+/[^@\s]*@`)
	kvSecret   = regexp.MustCompile(`(?i)(^|[?&;\s])(user|username|password|passwd|pwd)=[^&;\s]*`)
)

// PublicAddress is an endpoint or database DSN fit to write into run.json
// and reports: without user name or password (scheme://user:pw@host →
// scheme://host, user/pw@host → host, user=… and password=… dropped).
func PublicAddress(s string) string {
	s = urlUser.ReplaceAllString(s, "$1")
	s = oracleUser.ReplaceAllString(s, "")
	return strings.Join(strings.Fields(kvSecret.ReplaceAllString(s, "$1")), " ")
}
