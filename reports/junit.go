package reports

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gt3ct/gt3ct/harness/result"
)

// The JUnit XML written here uses only the elements and attributes of the
// schema Jenkins' xunit plugin validates against (junit-10.xsd, a copy is in
// testdata) that GitLab also reads: testsuites > testsuite > testcase with
// failure, error, skipped and system-out.

type junitSuite struct {
	XMLName    xml.Name         `xml:"testsuite"`
	Name       string           `xml:"name,attr"`
	Tests      int              `xml:"tests,attr"`
	Failures   int              `xml:"failures,attr"`
	Errors     int              `xml:"errors,attr"`
	Skipped    int              `xml:"skipped,attr"`
	Time       string           `xml:"time,attr"`
	Timestamp  string           `xml:"timestamp,attr,omitempty"`
	Properties *junitProperties `xml:"properties,omitempty"`
	Cases      []junitCase      `xml:"testcase"`
}

type junitProperties struct {
	Property []junitProperty `xml:"property"`
}

type junitProperty struct {
	Name  string `xml:"name,attr"`
	Value string `xml:"value,attr"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Group     string        `xml:"group,attr,omitempty"` // the contract level
	Failure   *junitMessage `xml:"failure,omitempty"`
	Error     *junitMessage `xml:"error,omitempty"`
	Skipped   *junitMessage `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitMessage struct {
	Message string `xml:"message,attr,omitempty"`
	Type    string `xml:"type,attr,omitempty"`
	Text    string `xml:",chardata"`
}

// WriteJUnit writes the run as JUnit XML: one testsuite per module, one
// testcase per case (classname = module, name = "SERVICE case 中文名",
// group = its contract level), streamed suite by suite. The testsuites name
// is the headline (Headline); each suite carries the run's partial flag and
// level counts as properties, and a partial run adds a suite "gt3ct" whose
// one case is an error, so CI shows it red.
func WriteJUnit(w io.Writer, run *Run, s *Summary) error {
	groups := groupByModule(run.Results)
	tests, fails, errors, total := s.Total, s.Fail, s.Error, 0.0
	for i := range run.Results {
		total += run.Results[i].LatencyMS / 1000
	}
	if s.Partial {
		tests, errors = tests+1, errors+1
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	start := xml.StartElement{Name: xml.Name{Local: "testsuites"}, Attr: []xml.Attr{
		{Name: xml.Name{Local: "name"}, Value: "gt3ct " + Headline(s)},
		{Name: xml.Name{Local: "tests"}, Value: fmt.Sprint(tests)},
		{Name: xml.Name{Local: "failures"}, Value: fmt.Sprint(fails)},
		{Name: xml.Name{Local: "errors"}, Value: fmt.Sprint(errors)},
		{Name: xml.Name{Local: "time"}, Value: seconds(total)},
	}}
	if err := enc.EncodeToken(start); err != nil {
		return err
	}
	props := junitProps(s)
	for _, rs := range groups {
		suite, _ := junitSuiteOf(rs)
		suite.Properties = props
		if err := enc.Encode(suite); err != nil {
			return err
		}
	}
	if s.Partial {
		if err := enc.Encode(partialSuite(s, props)); err != nil {
			return err
		}
	}
	if err := enc.EncodeToken(start.End()); err != nil {
		return err
	}
	if err := enc.Flush(); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// junitProps are the run-wide properties every suite carries.
func junitProps(s *Summary) *junitProperties {
	p := &junitProperties{Property: []junitProperty{
		{Name: "gt3ct.run_id", Value: s.RunID},
		{Name: "gt3ct.partial", Value: fmt.Sprint(s.Partial)},
	}}
	for _, l := range s.LevelNames() {
		c := s.Levels[l]
		p.Property = append(p.Property, junitProperty{Name: "gt3ct.level." + l,
			Value: fmt.Sprintf("total %d pass %d fail %d error %d skip %d", c.Total, c.Pass, c.Fail, c.Error, c.Skip)})
	}
	return p
}

// partialSuite is the one erroring case that marks a partial run.
func partialSuite(s *Summary, props *junitProperties) junitSuite {
	msg := fmt.Sprintf("partial run: %d cases recorded; the selection did not run to the end", s.Total)
	return junitSuite{Name: "gt3ct", Tests: 1, Errors: 1, Time: seconds(0), Properties: props, Cases: []junitCase{{
		Name: "run complete", Classname: "gt3ct", Time: seconds(0),
		Error: &junitMessage{Message: msg, Type: "partial", Text: msg + "\n"},
	}}}
}

// junitSuiteOf builds one module's testsuite and its total time in seconds.
func junitSuiteOf(rs []result.Result) (junitSuite, float64) {
	s := junitSuite{Name: ModuleOf(&rs[0])}
	var secs float64
	var first time.Time
	for i := range rs {
		r := &rs[i]
		c := junitCaseOf(r)
		s.Cases = append(s.Cases, c)
		s.Tests++
		s.Failures += boolInt(c.Failure != nil)
		s.Errors += boolInt(c.Error != nil)
		s.Skipped += boolInt(c.Skipped != nil)
		secs += r.LatencyMS / 1000
		if !r.StartedAt.IsZero() && (first.IsZero() || r.StartedAt.Before(first)) {
			first = r.StartedAt
		}
	}
	s.Time = seconds(secs)
	if !first.IsZero() {
		s.Timestamp = first.UTC().Format("2006-01-02T15:04:05")
	}
	return s, secs
}

func junitCaseOf(r *result.Result) junitCase {
	c := junitCase{Name: CaseTitle(r), Classname: ModuleOf(r), Time: seconds(r.LatencyMS / 1000), Group: LevelOf(r)}
	c.SystemOut = caseInfo(r)
	for _, n := range r.Notes {
		c.SystemOut += "\nnote: " + n
	}
	switch r.Status {
	case result.Fail:
		c.Failure = &junitMessage{Message: blamed(r, FirstFailure(r)), Type: failureKind(r), Text: failureText(r)}
	case result.Error:
		c.Error = &junitMessage{Message: blamed(r, firstLine(r.Error)), Type: string(r.Class), Text: failureText(r)}
	case result.Skip:
		c.Skipped = &junitMessage{Message: firstLine(r.Error)}
	}
	return c
}

// CaseTitle is "SERVICE case 中文名" (the name only when known).
func CaseTitle(r *result.Result) string {
	t := r.Service + " " + r.Case
	if r.Name != "" {
		t += " " + r.Name
	}
	return t
}

// FirstFailure is one line naming the first failing check
// ("xpath rtn_code: want 1, got 3"), else the error's first line.
func FirstFailure(r *result.Result) string {
	for _, c := range r.Checks {
		if c.Status == result.Fail {
			return checkLine(c)
		}
	}
	return firstLine(r.Error)
}

func checkLine(c result.Check) string {
	s := fmt.Sprintf("%s %s: want %q, got %q", c.Kind, c.Name, clip(c.Want, 80), clip(c.Got, 80))
	if c.Detail != "" {
		s += " (" + clip(firstLine(c.Detail), 120) + ")"
	}
	return s
}

// clip shortens s to at most n runes, marking the cut with "…".
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// blamed prefixes a failure message with who is at fault: "[blame core]
// db …".
func blamed(r *result.Result, msg string) string {
	return "[blame " + BlameOf(r) + "] " + msg
}

// failureText names who is at fault and why, then lists every failed check
// with kind, name, want, got, detail, then the harness error if any.
func failureText(r *result.Result) string {
	var b strings.Builder
	fmt.Fprintf(&b, "blame: %s", BlameOf(r))
	if r.BlameReason != "" {
		fmt.Fprintf(&b, " (%s)", r.BlameReason)
	}
	b.WriteString("\n")
	for _, c := range r.Checks {
		if c.Status != result.Fail {
			continue
		}
		fmt.Fprintf(&b, "%s %s\n  want:   %s\n  got:    %s\n", c.Kind, c.Name, c.Want, c.Got)
		if c.Detail != "" {
			fmt.Fprintf(&b, "  detail: %s\n", c.Detail)
		}
	}
	if r.Error != "" {
		fmt.Fprintf(&b, "error: %s\n", r.Error)
	}
	return b.String()
}

func failureKind(r *result.Result) string {
	for _, c := range r.Checks {
		if c.Status == result.Fail {
			return string(c.Kind)
		}
	}
	return string(r.Class)
}

func caseInfo(r *result.Result) string {
	return fmt.Sprintf("tran_id=%s tran_seq=%s class=%s latency_ms=%g started_at=%s",
		r.TranID, r.TranSeq, r.Class, r.LatencyMS, r.StartedAt.UTC().Format(time.RFC3339Nano))
}

// groupByModule splits sorted results into runs of one module each.
func groupByModule(rs []result.Result) [][]result.Result {
	var groups [][]result.Result
	for i := 0; i < len(rs); {
		j := i + 1
		for j < len(rs) && ModuleOf(&rs[j]) == ModuleOf(&rs[i]) {
			j++
		}
		groups = append(groups, rs[i:j])
		i = j
	}
	return groups
}

func seconds(s float64) string { return fmt.Sprintf("%.3f", max(s, 0)) }

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return strings.TrimSpace(s[:i])
	}
	return s
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
