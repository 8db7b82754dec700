package reports

import (
	"bufio"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/gt3ct/gt3ct/internal/textwidth"

	"github.com/gt3ct/gt3ct/harness/result"
)

// nameWidth is the display width (in terminal cells) of the Chinese-name
// column of the failed-case list.
const nameWidth = 28

// listMax is how many keys of one diff list the stdout brief prints.
const listMax = 20

// levelTitle names a level in headlines: routed results are the smoke cases.
func levelTitle(l string) string {
	if l == LevelRouted {
		return "smoke (routed)"
	}
	return l
}

// VerdictLine is the first line of every report: PASS or FAIL, PARTIAL when
// the run did not reach its end, the run, and why.
func VerdictLine(s *Summary) string {
	var b strings.Builder
	b.WriteString(strings.ToUpper(s.Verdict))
	if s.Partial {
		b.WriteString(" PARTIAL")
	}
	fmt.Fprintf(&b, "  run %s", orDash(s.RunID))
	if s.Shard != "" {
		fmt.Fprintf(&b, " shard %s", s.Shard)
	}
	fmt.Fprintf(&b, " on %s: ", Where(s))
	switch {
	case s.Compared():
		fmt.Fprintf(&b, "%d new failures, %d still failing against %s", len(s.NewFailures), len(s.StillFailing), orDash(s.BaselineRunID))
	default:
		fmt.Fprintf(&b, "%d of %d cases failing", s.Failing(), s.Total)
	}
	if s.Partial {
		b.WriteString("; the run did not reach its end (interrupted, killed or still running)")
	}
	return b.String()
}

// Where is the environment a run talked to: its name, and its endpoint and
// database (without user or password) when run.json names them.
func Where(s *Summary) string {
	w := orDash(s.Env)
	var parts []string
	if s.Endpoint != "" {
		parts = append(parts, "endpoint "+s.Endpoint)
	}
	if s.DB != "" {
		parts = append(parts, "db "+s.DB)
	}
	if len(parts) > 0 {
		w += " (" + strings.Join(parts, ", ") + ")"
	}
	return w
}

// LevelsLine counts by contract level, smoke apart: "verified 5/6 pass,
// templated 3/3 pass, schema 0/0 pass; smoke (routed) 880/880 pass".
func LevelsLine(s *Summary) string {
	var checked []string
	for _, l := range s.LevelNames() {
		if l != LevelRouted {
			c := s.Levels[l]
			checked = append(checked, fmt.Sprintf("%s %d/%d pass", l, c.Pass, c.Total))
		}
	}
	r := s.Levels[LevelRouted]
	return fmt.Sprintf("%s; %s %d/%d pass", strings.Join(checked, ", "), levelTitle(LevelRouted), r.Pass, r.Total)
}

// Headline is VerdictLine and LevelsLine on one line (the JUnit suites'
// name, the HTML title bar).
func Headline(s *Summary) string { return VerdictLine(s) + " · " + LevelsLine(s) }

// WriteText writes the summary for people: verdict, counts by level, totals,
// per-module counts, the comparison with the baseline and one line per
// failed case.
func WriteText(w io.Writer, run *Run, s *Summary) error {
	b := bufio.NewWriter(w)
	fmt.Fprintln(b, VerdictLine(s))
	fmt.Fprintf(b, "run %s", orDash(s.RunID))
	if s.StartedAt != "" {
		fmt.Fprintf(b, "  started %s", s.StartedAt)
	}
	fmt.Fprintf(b, "  duration %.1fs", s.DurationS)
	if s.WallS > 0 {
		fmt.Fprintf(b, "  wall %.1fs", s.WallS)
	}
	fmt.Fprintf(b, "\ntotal %d  pass %d  fail %d  error %d  skip %d\n", s.Total, s.Pass, s.Fail, s.Error, s.Skip)
	for _, warn := range s.Warnings {
		fmt.Fprintf(b, "warning: %s\n", warn)
	}
	writeBlame(b, s)
	writeNotes(b, s)
	writeLevels(b, s)
	writeModules(b, s)
	if s.Compared() {
		writeDiff(b, s, 0)
	} else if len(s.Flaky) > 0 {
		writeList(b, "flaky", s.Flaky, 0)
	}
	writeFailed(b, run)
	return b.Flush()
}

// WriteBrief writes what the nightly prints on stdout when it ends: the
// verdict, counts by level (smoke apart), the comparison with the baseline
// (still failing shown even with no new failure; lists cut at 20), the
// flaky cases, the command's wall time and where the reports are (dir).
func WriteBrief(w io.Writer, s *Summary, dir string) error {
	b := bufio.NewWriter(w)
	fmt.Fprintln(b, VerdictLine(s))
	writeBlame(b, s)
	writeNotes(b, s)
	writeLevels(b, s)
	if s.Compared() {
		writeDiff(b, s, listMax)
	} else if len(s.Flaky) > 0 {
		writeList(b, "flaky", s.Flaky, listMax)
	}
	for _, warn := range s.Warnings {
		fmt.Fprintf(b, "warning: %s\n", warn)
	}
	fmt.Fprintf(b, "\n%d cases in %.1f s", s.Total, s.DurationS)
	if s.WallS > 0 {
		fmt.Fprintf(b, ", wall %.1f s", s.WallS)
	}
	fmt.Fprintf(b, "\nreports: %s  %s  %s\n", filepath.Join(dir, HTMLFile), filepath.Join(dir, SummaryFile), filepath.Join(dir, JUnitFile))
	return b.Flush()
}

// writeLevels is the table of counts by contract level, smoke last.
func writeLevels(b *bufio.Writer, s *Summary) {
	fmt.Fprintf(b, "\n%-15s %6s %6s %6s %6s %6s\n", "level", "total", "pass", "fail", "error", "skip")
	for _, l := range s.LevelNames() {
		c := s.Levels[l]
		fmt.Fprintf(b, "%-15s %6d %6d %6d %6d %6d\n", levelTitle(l), c.Total, c.Pass, c.Fail, c.Error, c.Skip)
	}
}

func writeModules(b *bufio.Writer, s *Summary) {
	fmt.Fprintf(b, "\n%-8s %6s %6s %6s %6s %6s\n", "module", "total", "pass", "fail", "error", "skip")
	for _, m := range s.ModuleNames() {
		c := s.Modules[m]
		fmt.Fprintf(b, "%-8s %6d %6d %6d %6d %6d\n", m, c.Total, c.Pass, c.Fail, c.Error, c.Skip)
	}
}

// writeDiff is the comparison with the baseline; limit > 0 cuts each list.
func writeDiff(b *bufio.Writer, s *Summary, limit int) {
	fmt.Fprintf(b, "\nvs baseline %s: %d new failures, %d fixed, %d still failing, %d flaky\n",
		orDash(s.BaselineRunID), len(s.NewFailures), len(s.Fixed), len(s.StillFailing), len(s.Flaky))
	writeList(b, "new failures", s.NewFailures, limit)
	writeList(b, "fixed", s.Fixed, limit)
	writeList(b, "still failing", s.StillFailing, limit)
	writeList(b, "flaky (passed and failed within this run)", s.Flaky, limit)
}

func writeList(b *bufio.Writer, title string, keys []string, limit int) {
	if len(keys) == 0 {
		return
	}
	fmt.Fprintf(b, "%s:\n", title)
	for i, k := range keys {
		if limit > 0 && i == limit {
			fmt.Fprintf(b, "  … and %d more (see the report)\n", len(keys)-limit)
			return
		}
		fmt.Fprintf(b, "  %s\n", k)
	}
}

// BlameLine counts the failing results by blame: "caller 1 · core 2 ·
// unknown 0".
func BlameLine(s *Summary) string {
	parts := make([]string, len(Blames))
	for i, who := range Blames {
		parts[i] = fmt.Sprintf("%s %d", who, s.Blame.Of(who))
	}
	return strings.Join(parts, " · ")
}

// writeBlame is the line of failing results by blame, when any failed.
func writeBlame(b *bufio.Writer, s *Summary) {
	if s.Failing() > 0 {
		fmt.Fprintf(b, "failing by blame: %s\n", BlameLine(s))
	}
}

// writeNotes counts the notes (never failures), when there are any.
func writeNotes(b *bufio.Writer, s *Summary) {
	if s.Notes > 0 {
		fmt.Fprintf(b, "notes: %d (answer head-lint observations, never failures; see the report)\n", s.Notes)
	}
}

// writeFailed lists failed and errored cases grouped by blame (caller,
// core, unknown), one line each, with the Chinese names padded to a common
// display width.
func writeFailed(b *bufio.Writer, run *Run) {
	groups := map[string][]*result.Result{}
	keyWidth, n := 0, 0
	for i := range run.Results {
		if r := &run.Results[i]; failing(r) {
			groups[BlameOf(r)] = append(groups[BlameOf(r)], r)
			keyWidth = max(keyWidth, textwidth.Width(r.Key()))
			n++
		}
	}
	if n == 0 {
		return
	}
	fmt.Fprintf(b, "\nfailed cases (%d):\n", n)
	for _, who := range Blames {
		if len(groups[who]) == 0 {
			continue
		}
		fmt.Fprintf(b, "blame %s (%d): %s\n", who, len(groups[who]), blameTitle(who))
		for _, r := range groups[who] {
			name := textwidth.Pad(textwidth.Truncate(r.Name, nameWidth, "…"), nameWidth)
			line := fmt.Sprintf("  %-5s %s  %s  %s", strings.ToUpper(string(r.Status)),
				textwidth.Pad(r.Key(), keyWidth), name, FirstFailure(r))
			fmt.Fprintln(b, strings.TrimRight(line, " "))
		}
	}
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
