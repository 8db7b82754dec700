package repro

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/fixtures/snapshot"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/session"
	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/errs"
	"github.com/gt3ct/gt3ct/internal/safety"
)

// RunOptions say where and how to replay a bundle.
type RunOptions struct {
	Env       config.Environment
	Catalog   *catalog.Catalog
	Faults    string // faults of the embedded simulator
	SimShape  string // answer shape of the embedded simulator (sim.Shapes; "" = cdata)
	SimDDL    string // core DDL variant of the embedded simulator ("" = own)
	SeedAll   bool   // seed every captured row, not only those entered before the request
	Unlocked  bool   // the caller already ran the guard with a typed confirmation
	Seed      int64  // fresh-key seed; 0 = from the clock
	AuditPath string
	Now       func() time.Time
	Redactor  *safety.Redactor // scrubs secrets from what is written; nil = the env's secrets
}

// Replay is the outcome of one replay. Fresh identifiers are mapped back to
// the bundle's, so two replays of a bundle can be compared.
type Replay struct {
	Bundle      string         `json:"bundle"`
	Service     string         `json:"service"`
	TranID      string         `json:"tran_id"`
	Env         string         `json:"env"`
	Faults      string         `json:"faults,omitempty"`
	RanAt       time.Time      `json:"ran_at"`
	DJXH        string         `json:"djxh"`
	Seeded      int            `json:"seeded"`
	NotSeeded   int            `json:"not_seeded"` // captured rows entered at or after the request
	Answer      Answer         `json:"answer"`
	Diff        []TableDiff    `json:"diff"`
	Differences int            `json:"differences"`
	Checks      []result.Check `json:"checks"`
	Skipped     []string       `json:"skipped_checks,omitempty"`
	Captured    *Comparison    `json:"captured,omitempty"`
	Status      result.Status  `json:"status"` // pass or fail
	Cleaned     int            `json:"cleaned"`

	red   *safety.Redactor
	after *snapshot.Snapshot // rows after the replay, in bundle identifiers
	state *snapshot.Snapshot // rows seeded, in bundle identifiers
}

// Answer is what the service answered.
type Answer struct {
	Class   result.Class `json:"class"`
	RtnCode string       `json:"rtn_code"`
	Code    string       `json:"code"`
	Message string       `json:"message,omitempty"`
	Reason  string       `json:"reason,omitempty"`
	Body    string       `json:"body"`
	Error   string       `json:"error,omitempty"`
}

// Run replays the bundle in dir: seed under fresh identifiers, snapshot,
// send the request, snapshot again, diff, and run the contract's checks.
// The seeded rows and whatever the service wrote for the fresh taxpayer are
// cleaned before it returns.
func Run(ctx context.Context, dir string, o RunOptions) (*Replay, error) {
	b, err := ReadBundle(dir)
	if err != nil {
		return nil, err
	}
	if err := b.needMessage("repro run"); err != nil {
		return nil, err
	}
	svc, ok := o.Catalog.Lookup(b.Meta.Service)
	if !ok {
		return nil, errs.E("repro run", errs.Input, "%s: service %s is not in the catalog", dir, b.Meta.Service)
	}
	if !o.Unlocked {
		if err := safety.Guard(o.Env, safety.Action{Kind: safety.KindRepro, Service: svc.Code, Op: svc.Kind, Writes: svc.Writes}); err != nil {
			return nil, err
		}
	}
	if o.Redactor == nil {
		o.Redactor = safety.NewRedactor(o.Env.Secrets()...)
	}
	s, err := session.Open(ctx, session.Options{Env: o.Env, Catalog: o.Catalog, Faults: o.Faults, Seed: o.Seed,
		AuditPath: o.AuditPath, Now: o.Now, Redactor: o.Redactor, SimShape: o.SimShape, SimDDL: o.SimDDL})
	if err != nil {
		return nil, err
	}
	rp, runErr := replay(ctx, s, b, svc, o)
	rep, closeErr := s.Close(ctx)
	if runErr != nil {
		return nil, runErr
	}
	if rep != nil {
		rp.Cleaned = rep.Entries + sum(rep.Derived)
	}
	rp.red = o.Redactor
	return rp, closeErr
}

// replay does the work of Run inside an open session.
func replay(ctx context.Context, s *session.Session, b *Bundle, svc *catalog.Service, o RunOptions) (*Replay, error) {
	state, notSeeded := BeforeRequest(b, o.SeedAll)
	fresh, keys, err := s.SeedSnapshot(ctx, state)
	if err != nil {
		return nil, err
	}
	rp := &Replay{Bundle: b.Dir, Service: svc.Code, TranID: svc.TranID, Env: s.Env.Name, Faults: o.Faults,
		RanAt: now(o.Now).UTC().Truncate(time.Second), DJXH: b.Meta.DJXH, NotSeeded: notSeeded, state: state}
	for _, tr := range state.Tables {
		rp.Seeded += len(tr.Rows)
	}
	before, err := snapshot.Capture(ctx, s.Target.DB, fresh.DJXH, b.Meta.Tables)
	if err != nil {
		return nil, err
	}
	body := rekeyText(b.Message.Body, keys)
	r := replayer(s, b.Message.Head.ChannelID)
	rp.Checks, rp.Skipped = contractChecks(ctx, r, svc, body, session.BindingMap(fresh), &rp.Answer)
	after, err := snapshot.Capture(ctx, s.Target.DB, fresh.DJXH, b.Meta.Tables)
	if err != nil {
		return nil, err
	}
	rev := invert(keys)
	before.Rekey(rev)
	after.Rekey(rev)
	rp.after = after
	rp.Diff = Diff(before, after)
	rp.unmap(rev)
	rp.Captured = compareCaptured(b, state, rp.Diff)
	rp.settle()
	return rp, nil
}

// masterTables hold the taxpayer's registration, determinations,
// agreements and invoice approvals: only DJ and RD services write them.
var masterTables = map[string]bool{"HX_DJ.DJ_NSRXX": true, "HX_DJ.DJ_NSRXX_KZ": true, "HX_RD.RD_SFZRDXXB": true,
	"HX_RD.RD_NSRZG": true, "HX_ZS.ZS_SKY_SFXY": true, "HX_FP.FP_PZHDXX": true}

// BeforeRequest is the state to seed: the captured rows minus those the
// request (or a later call) left behind, that is rows entered at or after
// the request was sent (LRRQ not earlier than its tran_date/tran_time) in
// the tables the service can write. Master data (registration,
// determinations, agreements) is always seeded unless the service is a
// DJ or RD one. All rows when all is set or the request has no usable time.
// It returns the state and how many rows were left out.
func BeforeRequest(b *Bundle, all bool) (*snapshot.Snapshot, int) {
	cut := b.Meta.Message.SentAt()
	module := moduleOf(b.Meta.Service)
	state := &snapshot.Snapshot{DJXH: b.Rows.DJXH, Masked: b.Rows.Masked}
	left := 0
	for _, tr := range b.Rows.Tables {
		keep := snapshot.TableRows{Table: tr.Table, Columns: tr.Columns}
		j := indexOf(tr.Columns, "LRRQ")
		timed := j >= 0 && (!masterTables[tr.Table] || module == "DJ" || module == "RD")
		for _, r := range tr.Rows {
			if !all && cut != "" && timed && r[j] != nil && *r[j] >= cut {
				left++
				continue
			}
			keep.Rows = append(keep.Rows, r)
		}
		state.Tables = append(state.Tables, keep)
	}
	return state, left
}

// unmap shows fresh identifiers as the bundle's in the answer and checks.
func (rp *Replay) unmap(rev map[string]string) {
	rp.Answer.Body = rekeyText(rp.Answer.Body, rev)
	for i := range rp.Checks {
		c := &rp.Checks[i]
		c.Want, c.Got, c.Detail = rekeyText(c.Want, rev), rekeyText(c.Got, rev), rekeyText(c.Detail, rev)
	}
}

// settle counts the differences and sets the status from the checks.
func (rp *Replay) settle() {
	for _, d := range rp.Diff {
		rp.Differences += d.Differences
	}
	rp.Status = result.Pass
	for _, c := range rp.Checks {
		if c.Status != result.Pass {
			rp.Status = result.Fail
		}
	}
}

// Save writes the replay, masked and redacted, to DIR/replays/<time>.json
// and returns the file's path.
func (rp *Replay) Save() (string, error) {
	dir := filepath.Join(rp.Bundle, ReplaysDir)
	if err := mkdir(dir); err != nil {
		return "", err
	}
	name := rp.RanAt.Format("20060102T150405Z")
	if rp.Faults != "" {
		name += "-" + strings.NewReplacer(",", "_", "=", "", "/", "_").Replace(rp.Faults)
	}
	path := filepath.Join(dir, name+".json")
	for i := 2; exists(path); i++ {
		path = filepath.Join(dir, fmt.Sprintf("%s-%d.json", name, i))
	}
	return path, writeMasked(path, rp)
}

func (rp *Replay) redactor() *safety.Redactor {
	if rp.red == nil {
		return safety.NewRedactor()
	}
	return rp.red
}

// moduleOf is the module of a service code: HXZG_SB_00045 → SB.
func moduleOf(code string) string {
	parts := strings.Split(code, "_")
	if len(parts) < 3 {
		return ""
	}
	return parts[1]
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

func now(f func() time.Time) time.Time {
	if f != nil {
		return f()
	}
	return time.Now()
}

func invert(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[v] = k
	}
	return out
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}
