package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/reports"
)

// summaryView is what the nightly's closing summary shows.
type summaryView struct {
	Sum         *reports.Summary
	Target      string        // describeTarget
	Baseline    string        // --baseline DIR, "" for none
	Out         string        // the run folder
	Wall        time.Duration // the whole command, start to summary
	Interrupted bool          // the run stopped early (its reports are partial)
}

// writeSummary prints the nightly's verdict line, then the counts by
// status, the comparison with the baseline (new, fixed, still failing,
// flaky: always all four when there is one), the wall time of the whole
// command and where the reports are.
func writeSummary(w io.Writer, v summaryView) {
	s := v.Sum
	fmt.Fprintf(w, "nightly %s: %s\n", verdict(v), s.RunID)
	fmt.Fprintf(w, "  target    %s\n", v.Target)
	fmt.Fprintf(w, "  cases     %d: %d pass, %d fail, %d error, %d skip\n", s.Total, s.Pass, s.Fail, s.Error, s.Skip)
	if v.Baseline != "" {
		fmt.Fprintf(w, "  baseline  %s: %d new failures, %d fixed, %d still failing, %d flaky\n",
			baselineName(v.Baseline, s.BaselineRunID), len(s.NewFailures), len(s.Fixed), len(s.StillFailing), len(s.Flaky))
	}
	fmt.Fprintf(w, "  wall time %s\n", v.Wall.Round(100*time.Millisecond))
	fmt.Fprintf(w, "  reports   %s (summary.json, junit.xml, results.jsonl beside it)\n", filepath.Join(v.Out, "report.html"))
}

// verdict is PASS or FAIL by the rule of the exit code (new failures with
// a baseline, any failure without), with the reason; INTERRUPTED for a
// partial run.
func verdict(v summaryView) string {
	s := v.Sum
	switch {
	case v.Interrupted:
		return fmt.Sprintf("INTERRUPTED (partial reports, %d cases recorded)", s.Total)
	case v.Baseline != "" && len(s.NewFailures) > 0:
		return fmt.Sprintf("FAIL (%d new failures)", len(s.NewFailures))
	case v.Baseline != "":
		return fmt.Sprintf("PASS (no new failures, %d still failing)", len(s.StillFailing))
	case s.Failing() > 0:
		return fmt.Sprintf("FAIL (%d failed, %d errors)", s.Fail, s.Error)
	}
	return "PASS"
}

func baselineName(dir, runID string) string {
	if runID == "" {
		return dir
	}
	return dir + " (" + runID + ")"
}

// describeTarget says what a run was sent to: "sim (embedded simulator)"
// only when it really is the built-in one, else the environment with its
// endpoint and database (passwords removed).
func describeTarget(e config.Environment) string {
	sim := config.Sim()
	endpoint := e.Endpoint
	if endpoint == "" {
		endpoint = "embedded simulator"
	}
	if e.Name == sim.Name && e.Endpoint == "" && e.DB == sim.DB {
		return "sim (embedded simulator, " + sim.DB + ")"
	}
	parts := []string{"endpoint " + endpoint}
	if e.DB != "" {
		parts = append(parts, "db "+coredb.Redact(e.DB))
	}
	return e.Name + " (" + strings.Join(parts, ", ") + ")"
}
