package cli

import (
	"fmt"
	"time"

	"github.com/gt3ct/gt3ct/internal/errs"
	"github.com/gt3ct/gt3ct/reports"
)

func init() {
	Register(Command{Name: "report", Summary: "rebuild summary.json, junit.xml and report.html from DIR/results.jsonl", Run: runReport})
	Register(Command{Name: "report merge", Summary: "join shard run directories into one and write its reports", Run: runReportMerge})
}

// runReport: gt3ct report DIR [--baseline DIR] [--format text|json|html|junit].
// Exit 1 when a case failed (without a baseline) or when there are new
// failures against the baseline.
func runReport(env *Env, args []string) error {
	fs := NewFlags(env, "report", "report DIR [--baseline DIR] [--format text|json|html|junit]")
	baseline := fs.String("baseline", "", "compare with this earlier run `DIR`")
	format := fs.String("format", "text", "what to print: text, json (summary.json), html or junit")
	arg, err := parseOne(fs, args)
	if err != nil {
		return HelpOK(err)
	}
	if !validFormat(*format) {
		return errs.E("report", errs.Input, "unknown --format %q (want text, json, html or junit)", *format)
	}
	rep, err := reports.Build(arg, *baseline, time.Now)
	if err != nil {
		return err
	}
	if err := rep.WriteFiles(); err != nil {
		return err
	}
	return finishReport(env, rep, *format)
}

// runReportMerge: gt3ct report merge DIR... --out DIR.
func runReportMerge(env *Env, args []string) error {
	fs := NewFlags(env, "report merge", "report merge DIR... --out DIR [--format text|json|html|junit]")
	out := fs.String("out", "", "write the merged run into this `DIR` (required)")
	format := fs.String("format", "text", "what to print: text, json (summary.json), html or junit")
	partial := fs.Bool("partial", false, "merge the shards given even when some are missing, doubled or of another run (the merged run is partial)")
	pos, err := Parse(fs, args)
	if err != nil {
		return HelpOK(err)
	}
	if *out == "" || len(pos) == 0 {
		return errs.E("report merge", errs.Input, "want shard directories and --out DIR (see --help)")
	}
	if !validFormat(*format) {
		return errs.E("report merge", errs.Input, "unknown --format %q (want text, json, html or junit)", *format)
	}
	rep, err := reports.MergeWith(pos, *out, reports.MergeOptions{Partial: *partial, Now: time.Now})
	if err != nil {
		return err
	}
	return finishReport(env, rep, *format)
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
	s := rep.Summary
	switch {
	case rep.Baseline != nil && len(s.NewFailures) > 0:
		return errs.E("report", errs.Finding, "%d new failures against baseline %s", len(s.NewFailures), s.BaselineRunID)
	case rep.Baseline == nil && s.Failing() > 0:
		return errs.E("report", errs.Finding, "%d cases failed", s.Failing())
	}
	return nil
}

func validFormat(f string) bool {
	for _, v := range reports.Formats {
		if f == v {
			return true
		}
	}
	return false
}
