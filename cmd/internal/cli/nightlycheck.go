package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/session"
	"github.com/gt3ct/gt3ct/harness/sweep"
	"github.com/gt3ct/gt3ct/internal/errs"
	"github.com/gt3ct/gt3ct/reports"
)

// checkRunDirs refuses, before anything is opened or sent, run folders a
// nightly would misuse (exit 2): a --baseline it cannot read, a --resume
// folder that holds no run, an --out folder that already holds a run
// (yesterday's nightly, someone's baseline) unless --force.
func checkRunDirs(f nightlyFlags) error {
	if *f.baseline != "" {
		if _, err := reports.Read(*f.baseline); err != nil {
			return errs.E("nightly", errs.Input, "--baseline %s: %v (nothing was sent)", *f.baseline, err)
		}
	}
	if *f.resume != "" {
		if !holdsRun(*f.resume) {
			return errs.E("nightly", errs.Input, "--resume %s: no run there (no %s or %s); start one with --out %s", *f.resume, sweep.RunFile, sweep.ResultsFile, *f.resume)
		}
		return nil
	}
	if *f.baseline != "" && filepath.Clean(*f.baseline) == filepath.Clean(*f.out) {
		return errs.E("nightly", errs.Input, "--out %s is the --baseline: the run would replace what it compares with", *f.out)
	}
	if holdsRun(*f.out) && !*f.force {
		return errs.E("nightly", errs.Input, "--out %s already holds a run: pass --force to replace it, --resume %s to continue it, or --out a new folder", *f.out, *f.out)
	}
	return nil
}

// clearRun removes the files of the run in dir that --force replaces, so
// nothing of it (its baseline comparison, its reports) leaks into the new.
func clearRun(dir string) error {
	for _, name := range []string{sweep.RunFile, sweep.ResultsFile, sweep.InflightFile, reports.SummaryFile,
		reports.JUnitFile, reports.HTMLFile, reports.BaselineFile} {
		if err := os.Remove(filepath.Join(dir, name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return errs.E("nightly", errs.Input, "--force: %v", err)
		}
	}
	return nil
}

// holdsRun says whether dir holds a nightly's run.json or results.jsonl.
func holdsRun(dir string) bool {
	for _, name := range []string{sweep.RunFile, sweep.ResultsFile} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil || !errors.Is(err, fs.ErrNotExist) {
			return true
		}
	}
	return false
}

// checkSelection refuses a --module/--services selection that matches no
// service of the catalog (a shard of a real selection may be empty).
func checkSelection(cat *catalog.Catalog, sel sweep.Selection) error {
	sel.Shard = sweep.Shard{}
	if len(sweep.Plan(cat, sel, "")) > 0 {
		return nil
	}
	return errs.E("nightly", errs.Input, "the selection (--module %q --services %q) matches no service of the catalog: nothing to run (see gt3ct catalog ls)",
		sel.Module, sel.Services)
}

// runIDs are the run id (a resumed run keeps its own) and the fixtures
// ledger's id of this shard.
func runIDs(env *Env, flag, out string, o session.Options, sel sweep.Selection) (run, ledger string) {
	run = nightlyRunID(env, flag, o.Env.Name, o.Catalog, sel, time.Now())
	if o.Resume {
		run = resumedRunID(out, run)
	}
	return run, ledgerID(run, sel.Shard)
}

// ciRunIDVars name one CI run (pipeline, workflow, build) that every
// parallel job of it shares, in the order they are tried.
var ciRunIDVars = []string{"CI_PIPELINE_ID", "GITHUB_RUN_ID", "BUILD_TAG", "BUILDKITE_BUILD_ID", "CIRCLE_WORKFLOW_ID"}

// nightlyRunID is the id the shards of one nightly share: --run-id, else
// the CI's pipeline or build id, else a digest of what makes the run (the
// environment, the selection, the shard count, the contracts' cases) and
// the UTC date, so shards started separately on one day agree.
func nightlyRunID(env *Env, flag, envName string, cat *catalog.Catalog, sel sweep.Selection, now time.Time) string {
	if flag != "" {
		return flag
	}
	for _, v := range ciRunIDVars {
		if id := env.Getenv(v); id != "" {
			return id
		}
	}
	h := sha256.New()
	fmt.Fprintf(h, "env %s\nmodule %s\nservices %s\nrepeat %d\nshards %d\n", envName, sel.Module, sel.Services, sel.Repeat, sel.Shard.N)
	all := sel
	all.Shard = sweep.Shard{}
	for _, j := range sweep.Plan(cat, all, "") {
		fmt.Fprintf(h, "%s %s\n", j.Key(), j.Service.Level)
	}
	date := now.UTC().Format("20060102")
	return "nightly-" + date + "-" + hex.EncodeToString(h.Sum(nil))[:10]
}

// ledgerID is the fixtures ledger's run id of one shard of run: shards
// share the run id but may share a database, and each cleans only its own.
func ledgerID(run string, shard sweep.Shard) string {
	sum := sha256.Sum256([]byte(run + "\x00" + shard.String()))
	return "fx-" + hex.EncodeToString(sum[:8])
}
