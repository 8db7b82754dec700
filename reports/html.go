package reports

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/beevik/etree"

	"github.com/gt3ct/gt3ct/harness/result"
)

//go:embed report.html.tmpl
var htmlSource string

var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"pct": func(p float64) string { return fmt.Sprintf("%.1f%%", p) },
	"ms":  func(v float64) string { return fmt.Sprintf("%.1f", v) },
}).Parse(htmlSource))

// htmlPage is what the template sees.
type htmlPage struct {
	Summary  *Summary
	Info     *RunInfo
	Coverage *Coverage
	Baseline bool
	Modules  []moduleLine
	Cases    []htmlCase
	Failures []htmlFailure
}

type moduleLine struct {
	Name string
	Counts
}

// htmlCase is one row of the case table.
type htmlCase struct {
	ID, Key, Module, Service, Case, Name string
	Status, Class, First, Search         string
	LatencyMS                            float64
}

// htmlFailure is a failed or errored case with everything needed to read it.
type htmlFailure struct {
	htmlCase
	TranID, TranSeq, Error string
	Checks                 []result.Check
	Request, Response      string
	Rows                   []result.Table
}

// WriteHTML writes report.html: one self-contained page (inline CSS and JS)
// whose totals, module table, coverage and failures render without JS; JS
// only adds the search box and the status/module filters.
func WriteHTML(w io.Writer, run *Run, s *Summary) error {
	page := htmlPage{Summary: s, Info: run.Info, Baseline: s.BaselineRunID != ""}
	if run.Info != nil {
		page.Coverage = run.Info.Catalog
	}
	for _, m := range s.ModuleNames() {
		page.Modules = append(page.Modules, moduleLine{Name: m, Counts: s.Modules[m]})
	}
	page.Cases = make([]htmlCase, 0, len(run.Results))
	for i := range run.Results {
		r := &run.Results[i]
		c := caseRow(i, r)
		page.Cases = append(page.Cases, c)
		if failing(r) {
			page.Failures = append(page.Failures, htmlFailure{
				htmlCase: c, TranID: r.TranID, TranSeq: r.TranSeq, Error: r.Error, Checks: r.Checks,
				Request: PrettyXML(r.Request), Response: PrettyXML(r.Response), Rows: r.Rows,
			})
		}
	}
	return htmlTemplate.Execute(w, page)
}

func caseRow(i int, r *result.Result) htmlCase {
	c := htmlCase{
		ID: fmt.Sprintf("c%d", i), Key: r.Key(), Module: ModuleOf(r), Service: r.Service, Case: r.Case,
		Name: r.Name, Status: r.Status, Class: r.Class, LatencyMS: r.LatencyMS,
	}
	if failing(r) || r.Status == result.Skip {
		c.First = FirstFailure(r)
	}
	c.Search = strings.ToLower(strings.Join([]string{r.Service, r.TranID, r.Case, r.Name, r.Class, c.First}, " "))
	return c
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
