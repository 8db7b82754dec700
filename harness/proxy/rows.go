package proxy

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/harness/result"
)

// rowsWritten reads, after the answer, the rows an answered write left —
// found by the keys in the request and the answer (DJXH, SBUUID, PZXH:
// written.After, as the runner's inspector does after a writing step, but
// with nothing read before forwarding) — records them in the Result, runs
// the data specification on them, and runs the database checks of the
// closest contract step whose parameters the exchange can bind.
func (p *Proxy) rowsWritten(ctx context.Context, at time.Time, sh shape, params map[string]string, request string, res *result.Result) {
	if p.cfg.DB == nil {
		add(res, failed(result.KindDB, "rows written", "rows read from the core database",
			"no database configured (--db or the env's db)"))
		return
	}
	// A read that failed is a failed check here: the proxy forwards the
	// caller's messages and has no case to call an error.
	w, checks, _ := p.inspect.After(at)(ctx, params, request)
	if w != nil { // nil: the rows could not be read, which checks says
		res.Written = w
		add(res, writtenCheck(w, params))
	}
	add(res, checks...)
	for _, dc := range sh.db {
		if missing := unbound(dc, params); len(missing) > 0 {
			add(res, result.Check{Kind: result.KindDB, Name: dbName(dc), Status: result.Skip,
				Want: "parameters from the request and the answer", Got: "not available: " + strings.Join(missing, ", "),
				Detail: "the exchange does not carry what this check of " + sh.place + " needs"})
			continue
		}
		render := func(name, text string) (string, error) { return p.templates.Render(name, text, params) }
		c, t := check.RunDB(ctx, p.cfg.DB, dc, params, render)
		add(res, c)
		res.Rows = append(res.Rows, t)
	}
}

// writtenCheck says how many rows an answered write left, by table; none
// is a failure of the core (it answered success).
func writtenCheck(w result.Written, params map[string]string) result.Check {
	c := result.Check{Kind: result.KindDB, Name: "rows written", Want: "rows carrying the exchange's keys",
		Status: result.Pass, Got: fmt.Sprintf("%d rows", w.Count())}
	counts := make([]string, 0, len(w))
	for _, t := range w.Tables() {
		counts = append(counts, fmt.Sprintf("%s %d", t, len(w[t])))
	}
	c.Detail = strings.Join(counts, ", ")
	if w.Count() == 0 {
		c.Status = result.Fail
		c.Detail = "the core answered success but no row carries SBUUID " + orNone(params["sbuuid"]) + " or PZXH " +
			orNone(params["pzxh"]) + ", and none of DJXH " + orNone(params["djxh"]) + " was entered or changed during the exchange"
	}
	return c
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

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
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
