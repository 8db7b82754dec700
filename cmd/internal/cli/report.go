package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/gt3ct/gt3ct/internal/errs"
	"github.com/gt3ct/gt3ct/reports"
)

func init() {
	Register("", reportCmd)
	Register("report", reportMergeCmd)
}

// reportCmd: gt3ct report DIR [--baseline DIR] [--format text|json|html|junit].
// Exit 1 when a case failed (without a baseline) or when there are new
// failures against the baseline.
func reportCmd(env *Env) *cobra.Command {
	c := Command("report DIR", "rebuild summary.json, junit.xml and report.html from DIR/results.jsonl; with --format print one report and write nothing", Exact(1))
	baseline := c.Flags().String("baseline", "", "compare with this earlier run `DIR` (default: the baseline the run was compared with)")
	format := FormatFlag(c.Flags(), reports.Formats...)
	c.ValidArgsFunction = completeRunDirs
	return Run(c, func(args []string) error {
		boundHeap(env)
		if err := checkChoice("report", "format", *format, reports.Formats...); err != nil {
			return err
		}
		rep, err := reports.Load(args[0], reports.Options{Baseline: *baseline, Now: time.Now})
		if err != nil {
			return err
		}
		if !c.Flags().Changed("format") { // the files a nightly writes, rebuilt
			if err := rep.WriteFiles(); err != nil {
				return err
			}
		}
		return finishReport(env, rep, *format)
	})
}

// reportMergeCmd: gt3ct report merge DIR... --out DIR.
func reportMergeCmd(env *Env) *cobra.Command {
	c := Command("merge DIR...", "join shard run directories into one and write its reports", Any)
	out := c.Flags().String("out", "", "write the merged run into this `DIR` (required)")
	partial := c.Flags().Bool("partial", false, "merge the shards given even when some are missing, doubled or of another run (the merged run is partial)")
	format := FormatFlag(c.Flags(), reports.Formats...)
	c.ValidArgsFunction = completeRunDirs
	return Run(c, func(dirs []string) error {
		boundHeap(env)
		if *out == "" || len(dirs) == 0 {
			return errs.E("report merge", errs.Input, "want shard directories and --out DIR (see --help)")
		}
		if err := checkChoice("report merge", "format", *format, reports.Formats...); err != nil {
			return err
		}
		rep, err := reports.MergeWith(dirs, *out, reports.MergeOptions{Partial: *partial, Now: time.Now})
		if err != nil {
			return err
		}
		return finishReport(env, rep, *format)
	})
}

// finishReport prints warnings and the chosen format, then turns failures
// into a Finding.
func finishReport(env *Env, rep *reports.Report, format string) error {
	for _, w := range rep.Run.Warnings {
		fmt.Fprintf(env.Stderr, "gt3ct report: warning: %s\n", w)
	}
	if err := rep.Render(env.Stdout, format); err != nil {
		return err
	}
	return rep.Summary.Finding()
}
