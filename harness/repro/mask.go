package repro

import (
	"github.com/gt3ct/gt3ct/fixtures/snapshot"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/safety"
)

// masked returns a copy of the replay with its PII masked by value, ready
// to be written: diff rows by their column's class, the answer by walking
// its XML (every identifier, as in the bundle's message, except the
// bundle's own stand-ins), checks by the field or column they check, and
// the free text (row keys, captured signatures, reasons) by the values
// masked so far.
func (rp *Replay) masked(m *safety.Masker) Replay {
	rec := m.IdentifierRecord(rp.standIns())
	out := *rp
	out.Diff = make([]TableDiff, len(rp.Diff))
	for i, d := range rp.Diff {
		d.Added, d.Removed = maskRows(rec, d.Added), maskRows(rec, d.Removed)
		d.Changed = maskChanges(rec, d.Changed)
		out.Diff[i] = d
	}
	out.Answer.Body = rec.XML(rp.Answer.Body)
	out.Checks = result.MaskChecks(rec, rp.Checks, nil)
	for _, s := range []*string{&out.Answer.Message, &out.Answer.Reason, &out.Answer.Error} {
		*s = rec.Text(*s)
	}
	out.Skipped = texts(rec, rp.Skipped)
	if rp.Captured != nil {
		c := *rp.Captured
		c.Missing, c.Extra = texts(rec, c.Missing), texts(rec, c.Extra)
		out.Captured = &c
	}
	for i := range out.Diff {
		d := &out.Diff[i]
		for j := range d.Added {
			d.Added[j].Key = rec.Text(d.Added[j].Key)
		}
		for j := range d.Removed {
			d.Removed[j].Key = rec.Text(d.Removed[j].Key)
		}
		for j := range d.Changed {
			d.Changed[j].Key = rec.Text(d.Changed[j].Key)
		}
	}
	return out
}

func maskRows(rec *safety.Record, rows []Row) []Row {
	if rows == nil {
		return nil
	}
	out := make([]Row, len(rows))
	for i, r := range rows {
		vals := make(map[string]*string, len(r.Values))
		for col, v := range r.Values {
			vals[col] = maskPtr(rec, coredb.PIIClass(col), v)
		}
		out[i] = Row{Key: r.Key, Values: vals}
	}
	return out
}

func maskChanges(rec *safety.Record, changes []RowChange) []RowChange {
	if changes == nil {
		return nil
	}
	out := make([]RowChange, len(changes))
	for i, c := range changes {
		cols := make([]ColChange, len(c.Columns))
		for j, cc := range c.Columns {
			class := coredb.PIIClass(cc.Column)
			cc.Old, cc.New = maskPtr(rec, class, cc.Old), maskPtr(rec, class, cc.New)
			cols[j] = cc
		}
		out[i] = RowChange{Key: c.Key, Columns: cols}
	}
	return out
}

func maskPtr(rec *safety.Record, class string, v *string) *string {
	if v == nil {
		return nil
	}
	s := rec.Value(class, *v)
	return &s
}

func texts(rec *safety.Record, ss []string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = rec.Text(s)
	}
	return out
}

// standIns are the values of the rows the replay saw, in bundle
// identifiers: the bundle's stand-ins (DJXH, USCCs, ...) are among them
// and are not masked again.
func (rp *Replay) standIns() map[string]bool {
	out := map[string]bool{}
	for _, s := range []*snapshot.Snapshot{rp.state, rp.after} {
		if s == nil {
			continue
		}
		for _, tr := range s.Tables {
			for _, row := range tr.Rows {
				for _, v := range row {
					if v != nil {
						out[*v] = true
					}
				}
			}
		}
	}
	return out
}
