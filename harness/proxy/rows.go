package proxy

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/coredb"
)

// rowsWritten reads, after the answer, the rows an answered write left —
// found by the keys in the request and the answer (SBUUID, PZXH; DJXH binds
// the contract's checks) — and runs the database checks of the closest
// contract step whose parameters the exchange can bind.
func (p *Proxy) rowsWritten(ctx context.Context, sh shape, v *view, answerBody string) ([]result.Check, []result.Table) {
	if p.cfg.DB == nil {
		return []result.Check{failed(result.KindDB, "rows written", "rows read from the core database",
			"no database configured (--db or the env's db)")}, nil
	}
	params := exchangeParams(v, answerBody)
	checks, tables := p.keyedRows(ctx, params)
	for _, dc := range sh.db {
		if missing := unbound(dc, params); len(missing) > 0 {
			checks = append(checks, result.Check{Kind: result.KindDB, Name: dbName(dc), Status: result.Skip,
				Want: "parameters from the request and the answer", Got: "not available: " + strings.Join(missing, ", "),
				Detail: "the exchange does not carry what this check of " + sh.place + " needs"})
			continue
		}
		render := func(name, text string) (string, error) { return p.templates.Render(name, text, params) }
		c, t := check.RunDB(ctx, p.cfg.DB, dc, params, render)
		checks, tables = append(checks, c), append(tables, t)
	}
	return checks, tables
}

// exchangeParams are the leaves of the answer overlaid by those of the
// request: what the caller asked is the truth, and what only the core could
// say (pzxh, sbuuid) comes from the answer.
func exchangeParams(v *view, answerBody string) map[string]string {
	ans := check.NewDoc(answerBody).Leaves()
	out := make(map[string]string, len(ans)+len(v.leaves))
	for k, val := range ans {
		out[k] = val
	}
	for k, val := range v.leaves {
		if val != "" {
			out[k] = val
		}
	}
	return out
}

// keyedTables are the core tables holding rows of a filing, by key column.
func keyedTables() (bySBUUID, byPZXH []coredb.Table) {
	for _, t := range coredb.Tables {
		for _, c := range t.Columns {
			switch c.Name {
			case "SBUUID":
				bySBUUID = append(bySBUUID, t)
			case "PZXH", "YZPZXH":
				byPZXH = append(byPZXH, t)
			}
		}
	}
	return bySBUUID, byPZXH
}

// keyedRows reads every row carrying the exchange's SBUUID or PZXH and
// checks the write left some.
func (p *Proxy) keyedRows(ctx context.Context, params map[string]string) ([]result.Check, []result.Table) {
	c := result.Check{Kind: result.KindDB, Name: "rows written", Want: "rows carrying the answer's keys"}
	sbuuid, pzxh := params["sbuuid"], params["pzxh"]
	if sbuuid == "" && pzxh == "" {
		c.Status, c.Got = result.Skip, "no SBUUID or PZXH in the request or the answer"
		return []result.Check{c}, nil
	}
	rd := &keyedReader{p: p}
	bySB, byPZ := keyedTables()
	for _, t := range bySB {
		rd.read(ctx, t, "SBUUID", sbuuid)
	}
	for _, t := range byPZ {
		if !(hasColumn(t, "SBUUID") && sbuuid != "") { // else read by SBUUID already
			rd.read(ctx, t, pzxhColumn(t), pzxh)
		}
	}
	switch {
	case rd.err != nil:
		c.Status, c.Got = result.Fail, rd.err.Error()
	case rd.total == 0:
		c.Status, c.Got = result.Fail, "0 rows"
		c.Detail = "the core answered success but no row carries SBUUID " + orNone(sbuuid) + " or PZXH " + orNone(pzxh)
	default:
		c.Status, c.Got, c.Detail = result.Pass, fmt.Sprintf("%d rows", rd.total), strings.Join(rd.counts, ", ")
	}
	return []result.Check{c}, rd.tables
}

// keyedReader reads tables by one key column, stopping at the first error.
type keyedReader struct {
	p      *Proxy
	tables []result.Table
	counts []string
	total  int
	err    error
}

func (rd *keyedReader) read(ctx context.Context, t coredb.Table, col, val string) {
	if val == "" || rd.err != nil {
		return
	}
	sql := fmt.Sprintf("SELECT * FROM %s WHERE %s = :k", t.QName(), col)
	cols, rows, err := rd.p.cfg.DB.QueryRows(ctx, sql, map[string]string{"k": val})
	if err != nil {
		rd.err = fmt.Errorf("read %s: %v", t.QName(), err)
		return
	}
	rd.tables = append(rd.tables, rowsTable("rows written: "+t.QName(), cols, rows))
	rd.counts, rd.total = append(rd.counts, fmt.Sprintf("%s %d", t.QName(), len(rows))), rd.total+len(rows)
}

func pzxhColumn(t coredb.Table) string {
	if hasColumn(t, "PZXH") {
		return "PZXH"
	}
	return "YZPZXH"
}

func hasColumn(t coredb.Table, name string) bool {
	for _, c := range t.Columns {
		if c.Name == name {
			return true
		}
	}
	return false
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// rowsTable turns rows read into the Result's form (NULL cells absent).
func rowsTable(name string, cols []string, rows []map[string]*string) result.Table {
	t := result.Table{Check: name, Columns: cols}
	for _, r := range rows {
		m := map[string]string{}
		for k, v := range r {
			if v != nil {
				m[k] = *v
			}
		}
		t.Rows = append(t.Rows, m)
	}
	return t
}

var reVar = regexp.MustCompile(`\{\{-?\s*\.(\w+)`)

// unbound lists the parameters and template variables of a check that the
// exchange does not provide.
func unbound(dc catalog.DBCheck, params map[string]string) []string {
	_, _, missing := check.Bind(dc.SQL, params)
	seen := map[string]bool{}
	for _, m := range missing {
		seen[":"+m] = true
	}
	for _, row := range dc.Rows {
		for _, val := range row {
			for _, m := range reVar.FindAllStringSubmatch(val, -1) {
				if params[m[1]] == "" {
					seen["{{."+m[1]+"}}"] = true
				}
			}
		}
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func dbName(dc catalog.DBCheck) string {
	if dc.Name != "" {
		return dc.Name
	}
	return "db " + check.TableOf(dc.SQL)
}
