package session

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gt3ct/gt3ct/fixtures/snapshot"
	"github.com/gt3ct/gt3ct/harness/sweep"
	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// seededMu guards Session.seeded when fixture cases seed in parallel.
var seededMu sync.Mutex

// keySeq makes the fresh-key seeds of one process distinct.
var keySeq atomic.Int64

// SeedSnapshot seeds a copy of snap under fresh test identifiers
// (snapshot.FreshKeys: a test-range DJXH, new UUIDs and PZXHs) through the
// session's ledger, so Close removes its rows and every row services write
// for its DJXH. It returns the re-keyed copy and the map old → fresh.
func (s *Session) SeedSnapshot(ctx context.Context, snap *snapshot.Snapshot) (*snapshot.Snapshot, map[string]string, error) {
	if s.Target.DB == nil {
		return nil, nil, errs.E("fixtures", errs.Input, "environment %q has no database to seed the snapshot into", s.Env.Name)
	}
	if s.Env.Readonly {
		return nil, nil, errs.E("fixtures", errs.Refused, "environment %q is readonly: snapshots are not seeded there", s.Env.Name)
	}
	cp, err := CopySnapshot(snap)
	if err != nil {
		return nil, nil, err
	}
	seedVal := s.opts.Seed
	if seedVal == 0 {
		seedVal = s.opts.Now().UnixNano()
	}
	keys := cp.FreshKeys(seedVal + keySeq.Add(1))
	cp.Rekey(keys)
	if err := cp.Seed(ctx, s.Target.DB, s.Ledger); err != nil {
		return nil, nil, errs.E("fixtures", errs.KindOf(err), "seed snapshot of %s: %w", cp.DJXH, err)
	}
	seededMu.Lock()
	s.seeded = true
	seededMu.Unlock()
	return cp, keys, nil
}

// CopySnapshot returns a deep copy of snap.
func CopySnapshot(snap *snapshot.Snapshot) (*snapshot.Snapshot, error) {
	b, err := json.Marshal(snap)
	if err != nil {
		return nil, errs.E("fixtures", errs.Internal, "copy snapshot: %w", err)
	}
	var cp snapshot.Snapshot
	if err := json.Unmarshal(b, &cp); err != nil {
		return nil, errs.E("fixtures", errs.Internal, "copy snapshot: %w", err)
	}
	return &cp, nil
}

// identityColumns are the taxpayer columns bound under their own lower-case
// name (as profile.Fields names them): djxh, nsrsbh, nsrmc, sfxyh, …
var identityColumns = map[string][]string{
	"HX_DJ.DJ_NSRXX":    {"DJXH", "NSRSBH", "SHXYDM", "NSRMC", "FDDBRXM", "FDDBRSFZJHM"},
	"HX_ZS.ZS_SKY_SFXY": {"SFXYH", "JKZH", "JKZHMC"},
}

// Binding is one identifier of a snapshot and the template name it is
// bound to.
type Binding struct {
	Name, Value string
}

// FixtureBindings names the identifiers of a snapshot for templates, in a
// stable order: the taxpayer's columns under their lower-case names (djxh,
// nsrsbh, shxydm, nsrmc, sfxyh, jkzh…), then every other UUID or 20-digit
// value as fx_<table>_<column>_<row> (fx_sb_sbb_pzxh_1). A value is bound
// once, under its first name.
func FixtureBindings(snap *snapshot.Snapshot) []Binding {
	var out []Binding
	seen := map[string]bool{}
	add := func(name string, v *string) {
		if v == nil || *v == "" || seen[*v] {
			return
		}
		seen[*v] = true
		out = append(out, Binding{name, *v})
	}
	for _, tr := range snap.Tables {
		for _, col := range identityColumns[tr.Table] {
			if j := indexOf(tr.Columns, col); j >= 0 && len(tr.Rows) > 0 {
				add(strings.ToLower(col), tr.Rows[0][j])
			}
		}
	}
	for _, tr := range snap.Tables {
		t, _ := coredb.Find(tr.Table)
		short := strings.ToLower(t.Name)
		for j, col := range tr.Columns {
			if !isIdentifier(t, col) {
				continue
			}
			for i, row := range tr.Rows {
				add(fmt.Sprintf("fx_%s_%s_%d", short, strings.ToLower(col), i+1), row[j])
			}
		}
	}
	return out
}

// BindingMap is FixtureBindings as template data.
func BindingMap(snap *snapshot.Snapshot) map[string]string {
	out := map[string]string{}
	for _, b := range FixtureBindings(snap) {
		out[b.Name] = b.Value
	}
	return out
}

func isIdentifier(t coredb.Table, col string) bool {
	for _, c := range t.Columns {
		if c.Name == col {
			return c.Type == coredb.UUID32 || c.Type == coredb.ID20
		}
	}
	return false
}

func indexOf(ss []string, s string) int {
	for i, x := range ss {
		if x == s {
			return i
		}
	}
	return -1
}

// ReadFixture loads the masked snapshot a case names (Case.Fixture, relative
// to its contract folder).
func ReadFixture(j sweep.Job) (*snapshot.Snapshot, error) {
	ct := j.Service.Contract
	b, err := ct.ReadFile(j.Case.Fixture)
	if err != nil {
		return nil, err
	}
	var snap snapshot.Snapshot
	if err := json.Unmarshal(b, &snap); err != nil {
		return nil, errs.At("fixtures", errs.Input, ct.Place(j.Case.Fixture, 0), "%v", err)
	}
	if !snap.Masked {
		return nil, errs.At("fixtures", errs.Input, ct.Place(j.Case.Fixture, 0), "snapshot is not masked")
	}
	return &snap, nil
}

// bindFixture seeds the snapshot a fixture case names under fresh
// identifiers and returns its bindings as the case's data.
func (s *Session) bindFixture(j sweep.Job) (map[string]string, error) {
	snap, err := ReadFixture(j)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	fresh, _, err := s.SeedSnapshot(ctx, snap)
	if err != nil {
		return nil, err
	}
	return BindingMap(fresh), nil
}
