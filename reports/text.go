package reports

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/gt3ct/gt3ct/internal/textwidth"

	"github.com/gt3ct/gt3ct/harness/result"
)

// nameWidth is the display width (in terminal cells) of the Chinese-name
// column of the failed-case list.
const nameWidth = 28

// WriteText writes the summary for people: totals, per-module counts, the
// comparison with the baseline and one line per failed case.
func WriteText(w io.Writer, run *Run, s *Summary) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "gt3ct run %s", orDash(s.RunID))
	if s.Env != "" {
		fmt.Fprintf(b, "  env %s", s.Env)
	}
	if s.StartedAt != "" {
		fmt.Fprintf(b, "  started %s", s.StartedAt)
	}
	fmt.Fprintf(b, "  duration %.1fs\n", s.DurationS)
	fmt.Fprintf(b, "total %d  pass %d  fail %d  error %d  skip %d\n", s.Total, s.Pass, s.Fail, s.Error, s.Skip)
	for _, warn := range s.Warnings {
		fmt.Fprintf(b, "warning: %s\n", warn)
	}
	writeModules(b, s)
	if s.BaselineRunID != "" {
		writeDiff(b, s)
	}
	writeFailed(b, run)
	return b.Flush()
}

func writeModules(b *bufio.Writer, s *Summary) {
	fmt.Fprintf(b, "\n%-8s %6s %6s %6s %6s %6s\n", "module", "total", "pass", "fail", "error", "skip")
	for _, m := range s.ModuleNames() {
		c := s.Modules[m]
		fmt.Fprintf(b, "%-8s %6d %6d %6d %6d %6d\n", m, c.Total, c.Pass, c.Fail, c.Error, c.Skip)
	}
}

func writeDiff(b *bufio.Writer, s *Summary) {
	fmt.Fprintf(b, "\nvs baseline %s: %d new failures, %d fixed, %d still failing, %d flaky\n",
		s.BaselineRunID, len(s.NewFailures), len(s.Fixed), len(s.StillFailing), len(s.Flaky))
	lists := []struct {
		title string
		keys  []string
	}{{"new failures", s.NewFailures}, {"fixed", s.Fixed}, {"flaky", s.Flaky}}
	for _, l := range lists {
		if len(l.keys) == 0 {
			continue
		}
		fmt.Fprintf(b, "%s:\n", l.title)
		for _, k := range l.keys {
			fmt.Fprintf(b, "  %s\n", k)
		}
	}
}

// writeFailed lists failed and errored cases, one line each, with the
// Chinese names padded to a common display width.
func writeFailed(b *bufio.Writer, run *Run) {
	var failed []*result.Result
	keyWidth := 0
	for i := range run.Results {
		if r := &run.Results[i]; failing(r) {
			failed = append(failed, r)
			keyWidth = max(keyWidth, textwidth.Width(r.Key()))
		}
	}
	if len(failed) == 0 {
		return
	}
	fmt.Fprintf(b, "\nfailed cases (%d):\n", len(failed))
	for _, r := range failed {
		name := textwidth.Pad(textwidth.Truncate(r.Name, nameWidth, "…"), nameWidth)
		line := fmt.Sprintf("  %-5s %s  %s  %s", strings.ToUpper(r.Status),
			textwidth.Pad(r.Key(), keyWidth), name, FirstFailure(r))
		fmt.Fprintln(b, strings.TrimRight(line, " "))
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
