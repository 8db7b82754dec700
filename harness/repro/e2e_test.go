package repro

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/fixtures/seed"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/session"
	"github.com/gt3ct/gt3ct/harness/sweep"
	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// TestCaptureReplayPromote is the whole story: a data bug (wrong-amount)
// leaves a wrong payable in "production"; capture it read-only; the bundle
// holds no PII; a clean replay writes the right amount, a buggy one the
// same wrong amount as captured; promote; the nightly runs the new case.
func TestCaptureReplayPromote(t *testing.T) {
	cat := repoCatalog(t)
	prodDB, tp, logged := production(t, cat, "wrong-amount")
	before := fileHashes(t, dbDir(prodDB))
	bundle := filepath.Join(t.TempDir(), "bundle")
	prod := config.Environment{Name: "prod", DB: prodDB, Readonly: true}
	meta, log, err := Capture(ctx, CaptureOptions{Env: prod, DJXH: tp["djxh"], Message: logged, Out: bundle, Catalog: cat})
	require.NoError(t, err)
	require.Equal(t, before, fileHashes(t, dbDir(prodDB)), "capture changed no file of the production database")
	require.NotEmpty(t, log.Statements())
	for _, s := range log.Statements() {
		require.True(t, strings.HasPrefix(s, "SELECT "), s)
	}
	require.Equal(t, service, meta.Service)
	require.Equal(t, 1, meta.Rows["HX_ZS.ZS_YJSF"])
	require.NotEqual(t, tp["djxh"], meta.DJXH)

	secrets := []string{tp["djxh"], tp["nsrmc"], tp["fddbrxm"], tp["fddbrsfzjhm"], tp["fddbryddh"], tp["jkzh"], tp["scjydz"], tp["zcdz"], identity}
	requireNoLeaks(t, bundle, secrets)

	clean, err := Run(ctx, bundle, RunOptions{Env: simEnv(t, "clean"), Catalog: cat})
	require.NoError(t, err)
	require.Equal(t, result.Pass, clean.Status, "%+v", clean.Checks)
	require.Equal(t, []string{"3000"}, added(clean, "HX_ZS.ZS_YJSF", "YBTSE"))
	require.Equal(t, []string{"3000"}, added(clean, "HX_SB.SB_SBXX", "YBTSE"))
	require.NotNil(t, clean.Captured)
	require.False(t, clean.Captured.Same, "a clean replay differs from the captured bug")

	buggy, err := Run(ctx, bundle, RunOptions{Env: simEnv(t, "buggy"), Catalog: cat, Faults: "wrong-amount"})
	require.NoError(t, err)
	require.Equal(t, result.Fail, buggy.Status)
	require.Equal(t, []string{"3000.01"}, added(buggy, "HX_ZS.ZS_YJSF", "YBTSE"))
	require.True(t, buggy.Captured.Same, "the buggy replay writes what was captured: %+v", buggy.Captured)
	again, err := Run(ctx, bundle, RunOptions{Env: simEnv(t, "again"), Catalog: cat, Faults: "wrong-amount"})
	require.NoError(t, err)
	require.Equal(t, stable(buggy), stable(again), "two replays give the same diff")

	contracts := filepath.Join(t.TempDir(), "contracts")
	require.NoError(t, os.CopyFS(contracts, os.DirFS(filepath.Join("..", "..", "contracts"))))
	p, err := Promote(ctx, bundle, PromoteOptions{Contracts: contracts, Name: "repro-wrong-amount", Env: simEnv(t, "promote")})
	require.NoError(t, err)
	require.Equal(t, 3, p.Checks, "SB_SBB, SB_SBXX and ZS_YJSF")
	nightlyRuns(t, contracts, p.Case)
}

// stable is the diff without volatile values: what two runs must share.
func stable(rp *Replay) []string {
	var out []string
	for _, d := range rp.Diff {
		t, _ := coredb.Find(d.Table)
		for _, r := range d.Added {
			out = append(out, d.Table+" + "+Signature(t, r.Values))
		}
		for _, c := range d.Changed {
			for _, col := range c.Columns {
				if !col.Volatile {
					out = append(out, d.Table+" * "+c.Key+" "+col.Column+" "+show(col.Old)+" "+show(col.New))
				}
			}
		}
	}
	return out
}

// nightlyRuns loads the promoted catalog and runs the nightly for the
// service against a clean simulator: the new case is there and passes.
func nightlyRuns(t *testing.T, contracts, name string) {
	cat, err := catalog.LoadDir(contracts)
	require.NoError(t, err)
	require.Empty(t, cat.Problems)
	svc, _ := cat.Lookup(service)
	var names []string
	for _, c := range svc.Contract.Cases {
		names = append(names, c.Name)
	}
	require.Contains(t, names, name)
	env := simEnv(t, "nightly")
	s, err := session.Open(ctx, session.Options{Env: env, Catalog: cat, AuditPath: filepath.Join(t.TempDir(), "a.jsonl")})
	require.NoError(t, err)
	out := filepath.Join(t.TempDir(), "run")
	_, err = s.Nightly(ctx, session.NightlyOptions{Selection: sweep.Selection{Services: service}, Parallel: 1, Out: out, Mask: true})
	require.NoError(t, err)
	_, err = s.Close(ctx)
	require.NoError(t, err)
	got := results(t, out)
	require.Contains(t, got, service+"/"+name)
	r := got[service+"/"+name]
	require.Equal(t, result.Pass, r.Status, "%s %+v", r.Error, r.Checks)
}

func results(t *testing.T, dir string) map[string]result.Result {
	f, err := os.Open(filepath.Join(dir, sweep.ResultsFile))
	require.NoError(t, err)
	defer f.Close()
	out := map[string]result.Result{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r result.Result
		require.NoError(t, json.Unmarshal(sc.Bytes(), &r))
		out[r.Key()] = r
	}
	return out
}

// TestRunCleansUpAndRefusesReadonly: a replay leaves no row behind, and a
// readonly environment refuses it before anything happens.
func TestRunCleansUpAndRefusesReadonly(t *testing.T) {
	cat := repoCatalog(t)
	prodDB, tp, logged := production(t, cat, "")
	bundle := filepath.Join(t.TempDir(), "bundle")
	_, _, err := Capture(ctx, CaptureOptions{Env: config.Environment{Name: "prod", DB: prodDB, Readonly: true},
		DJXH: tp["djxh"], Message: logged, Out: bundle, Catalog: cat})
	require.NoError(t, err)

	_, err = Run(ctx, bundle, RunOptions{Env: config.Environment{Name: "prod", DB: prodDB, Readonly: true}, Catalog: cat})
	require.Equal(t, errs.Refused, errs.KindOf(err), "%v", err)

	env := simEnv(t, "replay")
	rp, err := Run(ctx, bundle, RunOptions{Env: env, Catalog: cat})
	require.NoError(t, err)
	require.Equal(t, result.Pass, rp.Status, "%+v %+v", rp.Checks, rp.Answer)
	require.Positive(t, rp.Cleaned)
	db, err := coredb.Open(ctx, env.DB)
	require.NoError(t, err)
	defer db.Close()
	counts, err := seed.Counts(ctx, db)
	require.NoError(t, err)
	for table, n := range counts {
		if t2, _ := coredb.Find(table); t2.Owner != "" {
			require.Zero(t, n, "%s left behind", table)
		}
	}
	path, err := rp.Save()
	require.NoError(t, err)
	require.FileExists(t, path)
	requireNoLeaks(t, filepath.Join(bundle, ReplaysDir), []string{tp["djxh"], tp["nsrmc"], tp["fddbrxm"]})
}
