package reports

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/beevik/etree"

	"github.com/gt3ct/gt3ct/harness/result"
)

//go:embed report.html.tmpl
var htmlSource string

// htmlTemplate is parsed when a report is first written, not when a
// command starts (a third of a millisecond of each one).
var htmlTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"pct":   func(p float64) string { return fmt.Sprintf("%.1f%%", p) },
		"ms":    func(v float64) string { return fmt.Sprintf("%.1f", v) },
		"level": levelTitle,
		"upper": strings.ToUpper,
	}).Parse(htmlSource))
})

// RowsPerPage is how many cases the HTML table shows at a time.
const RowsPerPage = 200

// htmlPage is what the head and tail templates see.
type htmlPage struct {
	Summary     *Summary
	Info        *RunInfo
	Coverage    *Coverage
	Verdict     string
	Levels      []levelLine
	Modules     []moduleLine
	NewFailures []htmlCase
	Failing     int
	PerPage     int
	Blames      []blameLine
}

// blameLine is one side of the failures-by-blame table.
type blameLine struct {
	Name, Title string
	Count       int
}

type moduleLine struct {
	Name string
	Counts
}

type levelLine struct {
	Name, Title string
	Counts
}

// htmlCase is a failing case as the new-failure list links it.
type htmlCase struct {
	ID, Key, Status, Name, First, Blame string
}

// htmlFailure is a failed or errored case with everything needed to read it.
type htmlFailure struct {
	htmlCase
	New                                 bool
	Module, Service, Case, Class, Level string
	TranID, TranSeq, Error              string
	LatencyMS                           float64
	Checks                              []result.Check
	Request, Response                   string
	Rows                                []result.Table
	BlameReason                         string
	Notes                               []string
}

// WriteHTML writes report.html: one self-contained page (inline CSS and JS)
// that leads with what needs a person — the verdict, partial or complete,
// where the run went, the baseline; the new failures, linked to their
// details; every other failure and error — then the case table. The table's
// rows are an embedded JSON array (failures first) that the page renders
// 200 at a time, searchable and filtered to non-passing cases when there
// are any. The page is streamed: header, one failure at a time, the rows,
// the script; never held whole in memory.
func WriteHTML(w io.Writer, run *Run, s *Summary) error {
	order := failuresFirst(run.Results)
	isNew := map[string]bool{}
	for _, k := range s.NewFailures {
		isNew[k] = true
	}
	page := newPage(run, s)
	for _, i := range order {
		r := &run.Results[i]
		if failing(r) && isNew[r.Key()] {
			page.NewFailures = append(page.NewFailures, caseLink(i, r))
		}
		if failing(r) {
			page.Failing++
		}
	}
	if err := htmlTemplate().ExecuteTemplate(w, "head", page); err != nil {
		return err
	}
	if err := writeFailures(w, run, order, isNew); err != nil {
		return err
	}
	if err := htmlTemplate().ExecuteTemplate(w, "table", page); err != nil {
		return err
	}
	if _, err := io.WriteString(w, `<script id="rows" type="application/json">`); err != nil {
		return err
	}
	if err := writeRows(w, run, order); err != nil {
		return err
	}
	if _, err := io.WriteString(w, "</script>\n"); err != nil {
		return err
	}
	return htmlTemplate().ExecuteTemplate(w, "tail", page)
}

func newPage(run *Run, s *Summary) *htmlPage {
	page := &htmlPage{Summary: s, Info: run.Info, Verdict: VerdictLine(s), PerPage: RowsPerPage}
	if run.Info != nil {
		page.Coverage = run.Info.Catalog
	}
	for _, l := range s.LevelNames() {
		page.Levels = append(page.Levels, levelLine{Name: l, Title: levelTitle(l), Counts: s.Levels[l]})
	}
	for _, m := range s.ModuleNames() {
		page.Modules = append(page.Modules, moduleLine{Name: m, Counts: s.Modules[m]})
	}
	for _, who := range Blames {
		page.Blames = append(page.Blames, blameLine{Name: who, Title: blameTitle(who), Count: s.Blame.Of(who)})
	}
	return page
}

// failuresFirst orders result indexes: new and other failures and errors,
// then skips, then passes, each in the run's order.
func failuresFirst(rs []result.Result) []int {
	rank := map[result.Status]int{result.Fail: 0, result.Error: 0, result.Skip: 1, result.Pass: 2}
	order := make([]int, len(rs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rank[rs[order[a]].Status] < rank[rs[order[b]].Status] })
	return order
}

func caseLink(i int, r *result.Result) htmlCase {
	c := htmlCase{ID: fmt.Sprintf("c%d", i), Key: r.Key(), Status: string(r.Status), Name: r.Name, First: FirstFailure(r)}
	if failing(r) {
		c.Blame = BlameOf(r)
	}
	return c
}

// writeFailures writes the details of each failing case, new ones first,
// one at a time.
func writeFailures(w io.Writer, run *Run, order []int, isNew map[string]bool) error {
	for _, pass := range []bool{true, false} {
		for _, i := range order {
			r := &run.Results[i]
			if !failing(r) || isNew[r.Key()] != pass {
				continue
			}
			f := htmlFailure{htmlCase: caseLink(i, r), New: pass, Module: ModuleOf(r), Service: r.Service, Case: r.Case,
				Class: string(r.Class), Level: levelTitle(LevelOf(r)), TranID: r.TranID, TranSeq: r.TranSeq, Error: r.Error,
				LatencyMS: r.LatencyMS, Checks: r.Checks, Request: PrettyXML(r.Request), Response: PrettyXML(r.Response), Rows: r.Rows,
				BlameReason: r.BlameReason, Notes: r.Notes}
			if err := htmlTemplate().ExecuteTemplate(w, "failure", f); err != nil {
				return err
			}
		}
	}
	return nil
}

// writeRows writes the case table's rows as one JSON array, a row per line:
// [id, status, module, service, case, name, class, latency ms, level, first
// failure, blame ("" unless failing)]. The encoder escapes <, > and &, so
// the array is safe inside a script element.
func writeRows(w io.Writer, run *Run, order []int) error {
	enc := json.NewEncoder(w)
	if _, err := io.WriteString(w, "["); err != nil {
		return err
	}
	for n, i := range order {
		r := &run.Results[i]
		first, blame := "", ""
		if r.Status != result.Pass {
			first = FirstFailure(r)
		}
		if failing(r) {
			blame = BlameOf(r)
		}
		if n > 0 {
			if _, err := io.WriteString(w, ","); err != nil {
				return err
			}
		}
		row := []any{fmt.Sprintf("c%d", i), r.Status, ModuleOf(r), r.Service, r.Case, r.Name, r.Class,
			fmt.Sprintf("%.1f", r.LatencyMS), levelTitle(LevelOf(r)), first, blame}
		if err := enc.Encode(row); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, "]")
	return err
}

// PrettyXML indents an XML message for reading; text that does not parse as
// XML is returned unchanged. Declared encodings are ignored: the text is
// already decoded.
func PrettyXML(s string) string {
	if strings.TrimSpace(s) == "" {
		return s
	}
	doc := etree.NewDocument()
	doc.ReadSettings.CharsetReader = func(_ string, in io.Reader) (io.Reader, error) { return in, nil }
	doc.ReadSettings.PreserveCData = true
	if err := doc.ReadFromString(s); err != nil {
		return s
	}
	doc.Indent(2)
	out, err := doc.WriteToString()
	if err != nil {
		return s
	}
	return strings.TrimSpace(out)
}
