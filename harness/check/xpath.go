package check

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/beevik/etree"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/decimal"
)

// ParseXML reads a business document (the envelope body). Errors say why
// the document is not XML; an empty body is an error too.
func ParseXML(body string) (*etree.Document, error) {
	if strings.TrimSpace(body) == "" {
		return nil, errors.New("body is empty")
	}
	doc := etree.NewDocument()
	doc.ReadSettings.CharsetReader = passCharset
	if err := doc.ReadFromString(body); err != nil {
		return nil, fmt.Errorf("body is not XML: %v", diagnose(body, err))
	}
	if doc.Root() == nil {
		return nil, errors.New("body is not XML: no root element")
	}
	return doc, nil
}

// passCharset keeps text as it is: the envelope decoder has already turned
// the body into UTF-8 even when its declaration still says GBK.
func passCharset(_ string, r io.Reader) (io.Reader, error) { return r, nil }

// diagnose re-reads a body etree refused with encoding/xml, whose errors
// name the line and the element; it falls back to etree's error.
func diagnose(body string, err error) error {
	d := xml.NewDecoder(strings.NewReader(body))
	d.CharsetReader = passCharset
	for {
		_, terr := d.Token()
		if terr == io.EOF {
			return err
		}
		if terr != nil {
			return terr
		}
	}
}

type compiled struct {
	path    etree.Path
	plain   plainPath // when isPlain: evaluated without etree's path engine
	isPlain bool
	err     error
}

// find returns the elements the compiled path selects in doc.
func (c compiled) find(doc *etree.Document) []*etree.Element {
	if c.isPlain {
		return c.plain.find(doc)
	}
	return doc.FindElementsPath(c.path)
}

var paths sync.Map // path text -> compiled

// CompilePath compiles a namespace-agnostic path once: prefixes (ns:pzxh)
// are dropped, so //ns:pzxh and //pzxh both match pzxh in any namespace.
// Compiled paths are cached for the life of the process.
func CompilePath(path string) (etree.Path, error) {
	c := cachedPath(path)
	return c.path, c.err
}

func cachedPath(path string) compiled {
	if c, ok := paths.Load(path); ok {
		return c.(compiled)
	}
	c := compilePath(path)
	paths.Store(path, c)
	return c
}

// compilePath compiles without the cache: for paths rendered from a
// template per case (//wqjsfGridlb[yzpzxh='1001…']), which would only grow it.
func compilePath(path string) compiled {
	stripped := StripPrefixes(path)
	p, err := etree.CompilePath(stripped)
	if err != nil {
		return compiled{err: fmt.Errorf("bad path %s: %v", path, strings.TrimPrefix(err.Error(), "etree: "))}
	}
	c := compiled{path: p}
	c.plain, c.isPlain = parsePlain(stripped)
	return c
}

// StripPrefixes removes namespace prefixes from element and attribute names
// in a path, leaving quoted values and functions (local-name()) alone.
func StripPrefixes(path string) string {
	var b strings.Builder
	start := 0 // start of the current name
	for i := 0; i < len(path); i++ {
		c := path[i]
		switch {
		case c == '\'' || c == '"':
			j := closingQuote(path, i)
			b.WriteString(path[start:j])
			i, start = j-1, j
		case c == ':' && i+1 < len(path) && path[i+1] != ':' && i > start && isNameChar(path[i-1]):
			b.WriteString(path[start:nameStart(path, start, i)])
			start = i + 1
		}
	}
	b.WriteString(path[start:])
	return b.String()
}

// nameStart finds where the name ending at i (exclusive) begins.
func nameStart(s string, from, i int) int {
	for i > from && (isNameChar(s[i-1]) || s[i-1] == '-' || s[i-1] == '.') {
		i--
	}
	return i
}

// Select returns the trimmed text of every element path matches in doc.
func Select(doc *etree.Document, path string) ([]string, error) {
	c := cachedPath(path)
	if c.err != nil {
		return nil, c.err
	}
	return texts(c.find(doc)), nil
}

func texts(els []*etree.Element) []string {
	out := make([]string, len(els))
	for i, e := range els {
		out[i] = strings.TrimSpace(e.Text())
	}
	return out
}

// Extract reads values from an answer body for later steps (save: pzxh:
// //pzxh). A path that matches nothing, or matches an empty element, is an
// error: a later step must not run with an empty pzxh.
func Extract(body string, save map[string]string) (map[string]string, error) {
	return ExtractDoc(NewDoc(body), save)
}

// ExtractDoc is Extract on a Doc: the body is parsed only if there is
// something to save, and only once per Doc.
func ExtractDoc(d *Doc, save map[string]string) (map[string]string, error) {
	if len(save) == 0 {
		return nil, nil
	}
	doc, err := d.Tree()
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(save))
	for name, path := range save {
		vals, err := Select(doc, path)
		if err != nil {
			return nil, fmt.Errorf("save %s: %v", name, err)
		}
		if len(vals) == 0 || vals[0] == "" {
			return nil, fmt.Errorf("save %s: no value at %s", name, path)
		}
		out[name] = vals[0]
	}
	return out, nil
}

// RunXPath runs each assertion against body. Equals values are rendered
// first. A malformed body fails every assertion with the parse error; a path
// that matches nothing fails unless the assertion is absent or count 0.
func RunXPath(body string, asserts []catalog.XPathAssert, render RenderFunc) []result.Check {
	return RunXPathDoc(NewDoc(body), asserts, render)
}

// RunXPathDoc is RunXPath on a Doc, so the body is parsed once for all the
// checks of a step.
func RunXPathDoc(d *Doc, asserts []catalog.XPathAssert, render RenderFunc) []result.Check {
	if len(asserts) == 0 {
		return []result.Check{}
	}
	doc, perr := d.Tree()
	out := make([]result.Check, len(asserts))
	for i, a := range asserts {
		chk := result.Check{Kind: result.KindXPath, Name: a.Path + " " + ruleWord(a), Status: result.Fail}
		if perr != nil {
			chk.Detail = perr.Error()
		} else {
			runAssert(doc, a, render, &chk)
		}
		out[i] = chk
	}
	return out
}

func ruleWord(a catalog.XPathAssert) string {
	switch {
	case a.Absent:
		return "absent"
	case a.Count != nil:
		return fmt.Sprintf("count %d", *a.Count)
	case a.Matches != "":
		return "matches " + a.Matches
	case a.Equals != "":
		return "equals " + a.Equals
	}
	return "exists"
}

func runAssert(doc *etree.Document, a catalog.XPathAssert, render RenderFunc, chk *result.Check) {
	if err := validRule(a); err != nil {
		chk.Detail = err.Error()
		return
	}
	compile := cachedPath
	if strings.Contains(a.Path, "{{") && render != nil {
		p, err := render("xpath "+a.Path, a.Path)
		if err != nil {
			chk.Detail = err.Error()
			return
		}
		a.Path, compile = p, compilePath // rendered per case: not worth caching
		chk.Name = a.Path + " " + ruleWord(a)
	}
	c := compile(a.Path)
	if c.err != nil {
		chk.Detail = c.err.Error()
		return
	}
	judge(chk, a, texts(c.find(doc)), render)
}

// judge applies the rule of a to the texts its path selected.
func judge(chk *result.Check, a catalog.XPathAssert, vals []string, render RenderFunc) {
	switch {
	case a.Absent:
		settle(chk, "absent", fmt.Sprintf("%d nodes", len(vals)), len(vals) == 0, a.Path+" should match nothing")
	case a.Count != nil:
		settle(chk, fmt.Sprint(*a.Count), fmt.Sprint(len(vals)), len(vals) == *a.Count, a.Path+" node count")
	case len(vals) == 0:
		chk.Want, chk.Got, chk.Detail = ruleWord(a), "no node", "no node matches "+a.Path
	case a.Matches != "":
		re, err := CompileRegexp(a.Matches)
		if err != nil {
			chk.Detail = fmt.Sprintf("bad regexp %q: %v", a.Matches, err)
			return
		}
		settle(chk, a.Matches, vals[0], re.MatchString(vals[0]), a.Path+" matches")
	case a.Equals != "":
		equals(chk, a, vals[0], render)
	default:
		settle(chk, "exists", fmt.Sprintf("%d nodes", len(vals)), true, a.Path+" exists")
	}
}

// validRule rejects assertions with no rule or with rules that conflict.
func validRule(a catalog.XPathAssert) error {
	n := 0
	for _, set := range []bool{a.Equals != "", a.Matches != "", a.Absent, a.Count != nil} {
		if set {
			n++
		}
	}
	switch {
	case strings.TrimSpace(a.Path) == "":
		return errors.New("assertion has no path")
	case n == 0 && !a.Exists:
		return fmt.Errorf("assertion on %s has no rule (equals, matches, exists, absent, count)", a.Path)
	case n > 1 || a.Exists && a.Absent:
		return fmt.Errorf("assertion on %s has more than one rule", a.Path)
	}
	return nil
}

func equals(chk *result.Check, a catalog.XPathAssert, got string, render RenderFunc) {
	want := a.Equals
	if strings.Contains(want, "{{") {
		if render == nil {
			chk.Detail = "no renderer for template " + want
			return
		}
		s, err := render("xpath "+a.Path, want)
		if err != nil {
			chk.Detail = err.Error()
			return
		}
		want = s
		chk.Name = a.Path + " equals " + want // the value compared, not the template
	}
	o := DefaultOptions()
	if a.Number {
		o.Kind = KindDecimal
		if !decimal.IsDecimal(got) {
			chk.Want, chk.Got, chk.Detail = want, got, fmt.Sprintf("%s: %q is not a number", a.Path, got)
			return
		}
	}
	settle(chk, want, got, Equal(Str(want), Str(got), o), a.Path)
}

// settle fills want/got and the status; detail says what differs.
func settle(chk *result.Check, want, got string, ok bool, what string) {
	chk.Want, chk.Got = want, got
	if ok {
		chk.Status, chk.Detail = result.Pass, ""
		return
	}
	chk.Detail = fmt.Sprintf("%s: want %s, got %s", what, want, got)
}
