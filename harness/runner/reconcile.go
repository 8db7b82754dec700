package runner

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/reconcile"
	"github.com/gt3ct/gt3ct/harness/result"
)

// reconcileLabel prefixes the checks of a reconcile step in a chain
// ("3 reconcile: sbb …"); the step record names the spec.
const reconcileLabel = "reconcile"

// reconcileStep runs a reconcile step: spec st.Reconcile compares the
// caller's database with the core for the case's DJXH over st.From..st.To
// (rendered with vars). Nothing is sent. A caller database the environment
// does not configure makes the step a skip with the reason, never a pass.
func (r *Runner) reconcileStep(ctx context.Context, cr *caseRun, st catalog.Step, vars map[string]string) stepOutcome {
	out := stepOutcome{rec: result.Step{Service: reconcileLabel + " " + st.Reconcile}, label: reconcileLabel}
	name := st.Reconcile
	sp, err := r.loadSpec(cr.svc, st.Reconcile)
	if err != nil {
		out.checks = append(out.checks, failed(result.KindReconcile, name, "a reconcile spec", err.Error()))
		return out
	}
	if _, ok := r.Target.DBs[sp.Caller.DB]; !ok {
		out.checks = append(out.checks, r.notConfigured(sp))
		return out
	}
	p, err := r.reconcileParams(cr, st, vars)
	if err != nil {
		out.checks = append(out.checks, failed(result.KindReconcile, name, "the step's period", err.Error()))
		return out
	}
	rep, err := reconcile.Run(ctx, sp, reconcile.QueriersOf(r.Target.DB, r.Target.DBs), p)
	if err != nil {
		out.checks = append(out.checks, result.Check{Kind: result.KindReconcile, Name: name, Status: result.Fail,
			Want: "both sides queried", Got: err.Error(), Blame: result.BlameUnknown})
		return out
	}
	out.checks, out.rows = reconcileChecks(rep), reconcileRows(rep)
	return out
}

// loadSpec reads a reconcile spec from the contracts tree of svc's
// contract, else from the embedded contracts.
func (r *Runner) loadSpec(svc *catalog.Service, name string) (*reconcile.Spec, error) {
	if svc.Contract != nil {
		return reconcile.LoadFS(svc.Contract.FS, svc.Contract.Origin, name)
	}
	return reconcile.LoadFS(nil, "", name)
}

// notConfigured is the skipped check of a reconcile step whose caller
// database the environment does not configure.
func (r *Runner) notConfigured(sp *reconcile.Spec) result.Check {
	reason := fmt.Sprintf("database %s is not configured in env %s", sp.Caller.DB, orDash(r.Target.Env))
	return result.Check{Kind: result.KindReconcile, Name: sp.Name, Status: result.Skip,
		Want: "caller rows = core rows", Got: "not run", Detail: reason}
}

// reconcileParams binds :djxh from the case and :from/:to from the step's
// templates.
func (r *Runner) reconcileParams(cr *caseRun, st catalog.Step, vars map[string]string) (reconcile.Params, error) {
	render := r.renderFunc(cr, vars)
	from, err := render("reconcile.from", st.From)
	if err != nil {
		return reconcile.Params{}, err
	}
	to, err := render("reconcile.to", st.To)
	if err != nil {
		return reconcile.Params{}, err
	}
	return reconcile.Params{DJXH: vars["djxh"], From: from, To: to}, nil
}

// reconcileChecks turns a report into checks: one failing check per
// differing column (key, column, both values), per row only one side has
// and per duplicated key; one passing check when the sides are equal.
func reconcileChecks(rep *reconcile.Report) []result.Check {
	if rep.Clean() {
		return []result.Check{{Kind: result.KindReconcile, Name: rep.Spec, Status: result.Pass,
			Want: "caller rows = core rows", Got: fmt.Sprintf("%d rows match", len(rep.Matched))}}
	}
	var out []result.Check
	for _, d := range rep.Differences {
		out = append(out, result.Check{Kind: result.KindReconcile, Status: result.Fail, Blame: result.BlameUnknown,
			Name: fmt.Sprintf("%s [%s] %s", rep.Spec, d.Key, d.Column), Want: d.Caller, Got: d.Core,
			Detail: fmt.Sprintf("row %s: the caller's %s is %s, the core's %s is %s", d.Key, d.CallerColumn, d.Caller, d.Column, d.Core)})
	}
	out = append(out, onlyChecks(rep, rep.OnlyCaller, "in the core", "only the caller has it")...)
	out = append(out, onlyChecks(rep, rep.OnlyCore, "in the caller's database", "only the core has it")...)
	for _, k := range rep.Duplicates {
		out = append(out, result.Check{Kind: result.KindReconcile, Status: result.Fail, Blame: result.BlameUnknown,
			Name: rep.Spec + " duplicate key", Want: "one row per key", Got: k})
	}
	return out
}

// onlyChecks is a failing check per row that only one side holds.
func onlyChecks(rep *reconcile.Report, rows []reconcile.Row, want, got string) []result.Check {
	out := make([]result.Check, 0, len(rows))
	for _, row := range rows {
		out = append(out, result.Check{Kind: result.KindReconcile, Status: result.Fail, Blame: result.BlameUnknown,
			Name: fmt.Sprintf("%s [%s] row", rep.Spec, rep.KeyOf(row)), Want: want, Got: got})
	}
	return out
}

// reconcileRows are the rows only one side holds, as tables the reports
// show (and mask by column).
func reconcileRows(rep *reconcile.Report) []result.Table {
	var out []result.Table
	for _, side := range []struct {
		title string
		rows  []reconcile.Row
	}{{"only the caller has", rep.OnlyCaller}, {"only the core has", rep.OnlyCore}} {
		if len(side.rows) == 0 {
			continue
		}
		cols := map[string]bool{}
		rows := make([]map[string]string, len(side.rows))
		for i, row := range side.rows {
			rows[i] = row
			for c := range row {
				cols[c] = true
			}
		}
		out = append(out, result.Table{Check: rep.Spec + ": " + side.title, Columns: slices.Sorted(maps.Keys(cols)), Rows: rows})
	}
	return out
}

// reconcileSkip is the reason a case is a skip: a reconcile step could not
// run (its caller database is not configured); "" when none was skipped.
func reconcileSkip(checks []result.Check) string {
	for _, c := range checks {
		if c.Kind == result.KindReconcile && c.Status == result.Skip {
			return c.Detail
		}
	}
	return ""
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
