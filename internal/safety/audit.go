package safety

import (
	"encoding/json"
	"os"
	"os/user"
	"path/filepath"
	"sync"
	"time"

	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// Audit events besides a message sent.
const (
	EventSent         = "sent"          // one message sent to the bus
	EventRefused      = "refused"       // the guard refused an action
	EventUnlocked     = "unlocked"      // writes unlocked with a typed confirmation
	EventUnlockDenied = "unlock-denied" // an unlock attempt failed
)

// Entry is one line of the audit file.
type Entry struct {
	At      string `json:"at"` // RFC3339 with milliseconds
	Event   string `json:"event"`
	Env     string `json:"env"`
	Service string `json:"service"`
	TranID  string `json:"tran_id"`
	TranSeq string `json:"tran_seq"`
	Who     string `json:"who"`
	Writes  bool   `json:"writes"`
	Outcome string `json:"outcome"` // class of the answer, or why refused
}

// Audit appends one JSON line per message sent, refusal and unlock attempt
// to a local file opened O_APPEND with mode 0600. It is safe for concurrent
// use; a nil *Audit records nothing.
type Audit struct {
	mu   sync.Mutex
	f    *os.File
	path string
	who  string
	red  *Redactor // the secrets of every environment an event named
	// Now is the clock; tests inject one.
	Now func() time.Time
}

// OpenAudit opens (creating it and its directory) the audit file at path,
// or config.DefaultAudit() when path is empty.
func OpenAudit(path string) (*Audit, error) {
	if path == "" {
		path = config.DefaultAudit()
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, errs.E("audit", errs.Input, "create the audit directory: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, errs.E("audit", errs.Input, "open the audit file: %w", err)
	}
	_ = f.Chmod(0o600) // an older file may have been made looser by hand
	return &Audit{f: f, path: path, who: Who(), red: NewRedactor(), Now: time.Now}, nil
}

// Path is the absolute path of the audit file ("" for a nil Audit).
func (a *Audit) Path() string {
	if a == nil {
		return ""
	}
	return a.path
}

// Who names the person running gt3ct: $USER, else the OS account.
func Who() string {
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return "unknown"
}

// Sent records one message sent; outcome is the class of the answer
// (success, business, timeout…) or the transport error.
func (a *Audit) Sent(env config.Environment, service, tranID, tranSeq string, writes bool, outcome string) error {
	if a != nil {
		a.red.Add(env.Secrets()...)
	}
	return a.Record(Entry{Event: EventSent, Env: env.Name, Service: service, TranID: tranID,
		TranSeq: tranSeq, Writes: writes, Outcome: outcome})
}

// Event records a guard decision about an action.
func (a *Audit) Event(env config.Environment, act Action, event, outcome string) error {
	writes := act.Writes || act.Kind == KindFixtures || act.Kind == KindRepro
	if a != nil {
		a.red.Add(env.Secrets()...)
	}
	return a.Record(Entry{Event: event, Env: env.Name, Service: act.String(), Writes: writes, Outcome: outcome})
}

// Record appends e as one line, filling At and Who. The line is written
// with a single write call, so concurrent writers never interleave.
func (a *Audit) Record(e Entry) error {
	if a == nil {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	if e.At == "" {
		e.At = a.Now().UTC().Format("2006-01-02T15:04:05.000Z07:00")
	}
	if e.Who == "" {
		e.Who = a.who
	}
	e.Outcome = a.red.Redact(e.Outcome)
	b, err := json.Marshal(e)
	if err != nil {
		return errs.E("audit", errs.Internal, "encode: %w", err)
	}
	if _, err := a.f.Write(append(b, '\n')); err != nil {
		return errs.E("audit", errs.Internal, "write %s: %w", a.f.Name(), err)
	}
	return nil
}

// Close closes the audit file.
func (a *Audit) Close() error {
	if a == nil {
		return nil
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.f.Close()
}
