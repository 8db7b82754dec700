// Package repro reproduces a taxpayer-reported data bug: capture the
// taxpayer's rows and the logged request from a (read-only) environment into
// a masked case bundle, replay the bundle under fresh test identifiers
// against a writable environment and diff the rows, and promote the bundle
// into a contract case the nightly keeps running.
package repro

import (
	"encoding/json"
	"os"
	"path/filepath"
	"time"

	"github.com/gt3ct/gt3ct/fixtures/snapshot"
	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// Files of a case bundle.
const (
	RowsFile    = "rows.json"
	MessageFile = "message.xml"
	MetaFile    = "bundle.json"
	ReadmeFile  = "README.md"
	ReplaysDir  = "replays"
)

// Meta is bundle.json: what was captured, where and when.
type Meta struct {
	Format     int            `json:"format"`
	Service    string         `json:"service,omitempty"` // code, from the message's tran_id via the catalog
	TranID     string         `json:"tran_id,omitempty"`
	Name       string         `json:"name,omitempty"`
	DJXH       string         `json:"djxh"` // masked (a test-range stand-in)
	CapturedAt time.Time      `json:"captured_at"`
	Env        string         `json:"env"`
	Tables     []string       `json:"tables"`
	Rows       map[string]int `json:"rows"`
	Message    *MessageInfo   `json:"message,omitempty"`
	Masked     bool           `json:"masked"`
}

// MessageInfo is the head of the logged request.
type MessageInfo struct {
	TranSeq  string `json:"tran_seq"`
	TranDate string `json:"tran_date"`
	TranTime string `json:"tran_time"`
	BodyType string `json:"body_type,omitempty"`
	Encoding string `json:"encoding"`
	SOAP     bool   `json:"soap"`
}

// SentAt is the wall-clock time of the logged request ("" when its head
// has no usable date), as 'YYYY-MM-DD HH:MM:SS' like the snapshot's dates:
// the head is Beijing time, shown on this machine's clock (the clock the
// embedded simulator stamps rows with; the same on a machine in Beijing).
func (m *MessageInfo) SentAt() string {
	if m == nil {
		return ""
	}
	t, err := time.ParseInLocation("20060102150405", m.TranDate+padTime(m.TranTime), envelope.Beijing)
	if err != nil {
		return ""
	}
	return t.In(time.Local).Format("2006-01-02 15:04:05")
}

func padTime(s string) string {
	if len(s) >= 6 {
		return s[:6]
	}
	return s
}

// Bundle is a case bundle read from its folder.
type Bundle struct {
	Dir     string
	Meta    Meta
	Rows    *snapshot.Snapshot
	Message *envelope.Message // nil when captured without --message
}

// ReadBundle loads a bundle folder.
func ReadBundle(dir string) (*Bundle, error) {
	b := &Bundle{Dir: dir}
	data, err := os.ReadFile(filepath.Join(dir, MetaFile))
	if err != nil {
		return nil, errs.E("repro", errs.Input, "%s is not a case bundle: %v", dir, err)
	}
	if err := json.Unmarshal(data, &b.Meta); err != nil {
		return nil, errs.At("repro", errs.Input, filepath.Join(dir, MetaFile), "%v", err)
	}
	if b.Rows, err = snapshot.Read(filepath.Join(dir, RowsFile)); err != nil {
		return nil, err
	}
	if !b.Rows.Masked {
		return nil, errs.At("repro", errs.Input, filepath.Join(dir, RowsFile), "snapshot is not masked")
	}
	msg, err := os.ReadFile(filepath.Join(dir, MessageFile))
	if os.IsNotExist(err) {
		return b, nil
	}
	if err != nil {
		return nil, errs.E("repro", errs.Input, "read %s: %v", filepath.Join(dir, MessageFile), err)
	}
	if b.Message, err = envelope.Parse(msg); err != nil {
		return nil, errs.At("repro", errs.Input, filepath.Join(dir, MessageFile), "%s", envelope.Reason(err))
	}
	return b, nil
}

// needMessage refuses a bundle captured without a message.
func (b *Bundle) needMessage(op string) error {
	if b.Message == nil || b.Meta.Service == "" {
		return errs.E(op, errs.Input, "%s holds no request message of a catalog service: capture again with --message FILE", b.Dir)
	}
	return nil
}

// writeJSON writes v as indented JSON, private to the user.
func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return errs.E("repro", errs.Internal, "%s: %w", path, err)
	}
	if err := os.WriteFile(path, append(b, '\n'), 0o600); err != nil {
		return errs.E("repro", errs.Input, "write %s: %v", path, err)
	}
	return nil
}
