package result

import (
	"strings"

	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/safety"
)

// Mask returns r with its taxpayer PII masked by value, ready to be
// written: row values by their column's class, the request and the answer
// by walking their XML, each check's want and got by the field or column
// it checks, and the free text (details, the error) by the values masked
// so far and the names m learned. r itself is not changed.
func Mask(r Result, m *safety.Masker) Result {
	rec := m.Record()
	read := r.Rows
	r.Rows = maskTables(rec, read)
	r.Written = maskWritten(rec, r.Written)
	if r.Steps != nil {
		steps := make([]Step, len(r.Steps))
		for i, st := range r.Steps {
			st.Written = maskWritten(rec, st.Written)
			steps[i] = st
		}
		r.Steps = steps
	}
	r.Request, r.Response = rec.XML(r.Request), rec.XML(r.Response)
	r.Checks = MaskChecks(rec, r.Checks, read)
	r.Error = rec.Text(r.Error)
	if r.Notes != nil {
		notes := make([]string, len(r.Notes))
		for i, n := range r.Notes {
			notes[i] = rec.Text(n)
		}
		r.Notes = notes
	}
	return r
}

// MaskChecks copies checks with each want and got masked by the class of
// the field or column it checks (read: the rows the DB checks read, before
// masking), then every text by the values rec masked so far.
func MaskChecks(rec *safety.Record, checks []Check, read []Table) []Check {
	if checks == nil {
		return nil
	}
	out := make([]Check, len(checks))
	for i, c := range checks {
		class := checkClass(c, read)
		c.Want, c.Got = rec.Value(class, c.Want), rec.Value(class, c.Got)
		out[i] = c
	}
	for i := range out {
		c := &out[i]
		c.Name, c.Want, c.Got, c.Detail = rec.Text(c.Name), rec.Text(c.Want), rec.Text(c.Got), rec.Text(c.Detail)
	}
	return out
}

// maskTables copies the tables with every PII column's values masked.
func maskTables(rec *safety.Record, tables []Table) []Table {
	if tables == nil {
		return nil
	}
	out := make([]Table, len(tables))
	for i, t := range tables {
		t.Rows = MaskRows(rec, t.Rows)
		out[i] = t
	}
	return out
}

// maskWritten copies the rows a case wrote, each PII column masked.
func maskWritten(rec *safety.Record, w Written) Written {
	if w == nil {
		return nil
	}
	out := make(Written, len(w))
	for table, rows := range w {
		out[table] = MaskRows(rec, rows)
	}
	return out
}

// MaskRows copies rows (column -> value) with every PII column's value
// masked by its class (coredb.PIIClass, else the field's).
func MaskRows(rec *safety.Record, rows []map[string]string) []map[string]string {
	if rows == nil {
		return nil
	}
	out := make([]map[string]string, len(rows))
	for i, row := range rows {
		m := make(map[string]string, len(row))
		for col, v := range row {
			m[col] = rec.Value(columnClass(col), v)
		}
		out[i] = m
	}
	return out
}

func columnClass(col string) string {
	if c := coredb.PIIClass(col); c != "" {
		return c
	}
	return safety.FieldClass(col)
}

// checkClass is the PII class of what a check compares: an XPath check's
// last element, a DB check's column (the one whose rows hold its got), a
// reconcile check's column.
func checkClass(c Check, rows []Table) string {
	switch c.Kind {
	case KindXPath:
		path, _, _ := strings.Cut(c.Name, " ")
		path = strings.TrimRight(path, "])'")
		k := strings.LastIndexAny(path, "/@[(")
		return safety.FieldClass(path[k+1:])
	case KindDB:
		return dbColumnClass(c, rows)
	case KindReconcile: // "sbb [PZXH=1] NSRMC": the core column compared ends the name
		return columnClass(c.Name[strings.LastIndexByte(c.Name, ' ')+1:])
	}
	return ""
}

// dbColumnClass finds the column of a DB check's table holding its got.
func dbColumnClass(c Check, rows []Table) string {
	for _, t := range rows {
		if t.Check != c.Name {
			continue
		}
		for _, col := range t.Columns {
			class := columnClass(col)
			if class == "" {
				continue
			}
			for _, row := range t.Rows {
				if v, ok := row[col]; ok && (v == c.Got || v == c.Want) {
					return class
				}
			}
		}
	}
	return ""
}
