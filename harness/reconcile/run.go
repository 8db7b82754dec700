package reconcile

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// Default period bounds when --from or --to is not given.
const (
	DefaultFrom = "1900-01-01"
	DefaultTo   = "9999-12-31"
)

// Params are the values bound to :djxh, :from and :to.
type Params struct {
	DJXH string
	From string // default DefaultFrom
	To   string // default DefaultTo
}

func (p Params) bind() map[string]string {
	if p.From == "" {
		p.From = DefaultFrom
	}
	if p.To == "" {
		p.To = DefaultTo
	}
	return map[string]string{"djxh": p.DJXH, "from": p.From, "to": p.To}
}

// Queriers finds the querier of a side's database by name ("" is the core).
type Queriers func(name string) (check.Querier, error)

// Row is one row in core column names: column → value (NULL absent).
type Row map[string]string

// Difference is one column of one keyed row that differs.
type Difference struct {
	Key          string `json:"key"`           // ZSXM_DM=10101
	Column       string `json:"column"`        // core column
	CallerColumn string `json:"caller_column"` // the caller's column mapped to it
	Caller       string `json:"caller"`
	Core         string `json:"core"`
}

// Report is the outcome of one reconciliation.
type Report struct {
	Spec        string       `json:"spec"`
	DJXH        string       `json:"djxh"`
	From        string       `json:"from"`
	To          string       `json:"to"`
	Key         []string     `json:"key"`
	Matched     []Row        `json:"matched"`
	OnlyCaller  []Row        `json:"only_caller"`
	OnlyCore    []Row        `json:"only_core"`
	Differences []Difference `json:"differences"`
	Duplicates  []string     `json:"duplicates"` // keys several rows of one side share
}

// Clean reports whether both sides hold the same rows with the same values.
func (r *Report) Clean() bool {
	return len(r.OnlyCaller)+len(r.OnlyCore)+len(r.Differences)+len(r.Duplicates) == 0
}

// Finding is nil for a clean report and an errs.Finding naming the first
// difference otherwise (exit 1).
func (r *Report) Finding() error {
	if r.Clean() {
		return nil
	}
	return errs.E("reconcile", errs.Finding, "%s for DJXH %s: %s", r.Spec, r.DJXH, r.summary())
}

// Run queries both sides with p bound and compares their rows.
func Run(ctx context.Context, s *Spec, dbs Queriers, p Params) (*Report, error) {
	params := p.bind()
	if p.DJXH == "" {
		return nil, errs.E("reconcile", errs.Input, "%s: --djxh is required", s.Name)
	}
	caller, err := s.query(ctx, dbs, s.Caller, "caller", params, s.callerColumns())
	if err != nil {
		return nil, err
	}
	core, err := s.query(ctx, dbs, s.Core, "core", params, s.coreColumns())
	if err != nil {
		return nil, err
	}
	rep := &Report{Spec: s.Name, DJXH: p.DJXH, From: params["from"], To: params["to"], Key: s.Key,
		Matched: []Row{}, OnlyCaller: []Row{}, OnlyCore: []Row{}, Differences: []Difference{}, Duplicates: []string{}}
	s.compare(rep, s.rename(caller), core)
	return rep, nil
}

// query runs one side and keeps the wanted columns, checking each was
// selected.
func (s *Spec) query(ctx context.Context, dbs Queriers, side Side, which string, params map[string]string, want []string) ([]map[string]*string, error) {
	q, err := dbs(side.DB)
	if err != nil {
		return nil, err
	}
	cols, rows, err := q.QueryRows(ctx, side.SQL, params)
	if err != nil {
		return nil, errs.At("reconcile", errs.Input, s.Place, "%s.sql on %s: %v", which, dbName(side.DB), err)
	}
	have := map[string]bool{}
	for _, c := range cols {
		have[strings.ToUpper(c)] = true
	}
	for _, c := range want {
		if !have[c] {
			return nil, errs.At("reconcile", errs.Input, s.Place, "%s.sql does not select column %s", which, c)
		}
	}
	return rows, nil
}

func dbName(db string) string {
	if db == "" {
		return "the core"
	}
	return "database " + db
}

func (s *Spec) callerColumns() []string { return slices.Sorted(maps.Keys(s.Columns)) }

func (s *Spec) coreColumns() []string {
	out := make([]string, 0, len(s.Columns))
	for _, c := range s.callerColumns() {
		out = append(out, s.Columns[c])
	}
	return out
}

// rename turns caller rows into core column names.
func (s *Spec) rename(rows []map[string]*string) []map[string]*string {
	out := make([]map[string]*string, len(rows))
	for i, r := range rows {
		m := make(map[string]*string, len(s.Columns))
		for c, v := range r {
			if core, ok := s.Columns[strings.ToUpper(c)]; ok {
				m[core] = v
			}
		}
		out[i] = m
	}
	return out
}

// compare matches the rows by key and fills the report.
func (s *Spec) compare(rep *Report, caller, core []map[string]*string) {
	cs, cdup := s.index(caller)
	ks, kdup := s.index(core)
	rep.Duplicates = append(append(rep.Duplicates, prefix("caller ", cdup)...), prefix("core ", kdup)...)
	for _, k := range slices.Sorted(maps.Keys(cs)) {
		c, ok := ks[k]
		if !ok {
			rep.OnlyCaller = append(rep.OnlyCaller, plain(cs[k]))
			continue
		}
		diffs := s.diff(cs[k], c)
		if len(diffs) == 0 {
			rep.Matched = append(rep.Matched, plain(c))
		}
		rep.Differences = append(rep.Differences, diffs...)
	}
	for _, k := range slices.Sorted(maps.Keys(ks)) {
		if _, ok := cs[k]; !ok {
			rep.OnlyCore = append(rep.OnlyCore, plain(ks[k]))
		}
	}
}

// diff compares every mapped column of two rows with one key.
func (s *Spec) diff(caller, core map[string]*string) []Difference {
	var out []Difference
	for _, cc := range s.callerColumns() {
		col := s.Columns[cc]
		want, got := check.FromPtr(caller[col]), check.FromPtr(core[col])
		if !check.Equal(want, got, check.DefaultOptions()) {
			out = append(out, Difference{Key: s.keyText(core), Column: col, CallerColumn: strings.ToLower(cc),
				Caller: want.String(), Core: got.String()})
		}
	}
	return out
}

// index keys rows by the canonical form of their key values; keys held by
// several rows are returned apart.
func (s *Spec) index(rows []map[string]*string) (map[string]map[string]*string, []string) {
	out := map[string]map[string]*string{}
	var dups []string
	for _, r := range rows {
		parts := make([]string, len(s.Key))
		for i, k := range s.Key {
			parts[i] = check.Canon(check.FromPtr(r[k]).S, check.KindAuto)
		}
		id := strings.Join(parts, "\x00|")
		if _, ok := out[id]; ok {
			dups = append(dups, s.keyText(r))
			continue
		}
		out[id] = r
	}
	return out, dups
}

// keyText renders a row's key: ZSXM_DM=10101,SKSSQQ=2025-04-01.
func (s *Spec) keyText(r map[string]*string) string {
	parts := make([]string, len(s.Key))
	for i, k := range s.Key {
		parts[i] = k + "=" + check.FromPtr(r[k]).String()
	}
	return strings.Join(parts, ",")
}

func plain(r map[string]*string) Row {
	out := Row{}
	for c, v := range r {
		if v != nil {
			out[c] = *v
		}
	}
	return out
}

func prefix(p string, ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = p + s
	}
	return out
}

func (r *Report) summary() string {
	switch {
	case len(r.Differences) > 0:
		d := r.Differences[0]
		return fmt.Sprintf("[%s].%s: caller %s, core %s", d.Key, d.Column, d.Caller, d.Core)
	case len(r.OnlyCaller) > 0:
		return fmt.Sprintf("%d rows only the caller has", len(r.OnlyCaller))
	case len(r.OnlyCore) > 0:
		return fmt.Sprintf("%d rows only the core has", len(r.OnlyCore))
	}
	return "duplicate keys: " + strings.Join(r.Duplicates, "; ")
}

// QueriersOf finds a side's querier among the core and the environment's
// other databases (check.Pick): "" is the core.
func QueriersOf(core check.Querier, named map[string]check.Querier) Queriers {
	return func(name string) (check.Querier, error) {
		q, err := check.Pick(core, named, name)
		if err != nil {
			return nil, errs.E("reconcile", errs.Input, "%v", err)
		}
		return q, nil
	}
}
