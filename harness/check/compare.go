package check

import (
	"fmt"
	"strings"

	"github.com/beevik/etree"

	"github.com/gt3ct/gt3ct/harness/result"
)

// maxDiffs is how many document differences a compare check spells out.
const maxDiffs = 5

// docDiff is one difference between two documents.
type docDiff struct{ path, want, got string }

// String spells the difference as "path: want X, got Y".
func (d docDiff) String() string { return fmt.Sprintf("%s: want %s, got %s", d.path, d.want, d.got) }

// CompareXML compares the answer body got with the expected document want,
// namespace-agnostically: elements by local name and order, attributes by
// local name except xmlns and xsi:schemaLocation, text trimmed and compared
// with the value rules (decimals by value, dates with or without time).
// Elements matching an ignore path (//pzxh, /taxML/sbxxGrid/sbxxGridlb/sbuuid)
// are removed from both sides first. The detail lists the first differences
// with their paths.
func CompareXML(want, got string, ignore []string) result.Check {
	chk := result.Check{Kind: result.KindXPath, Name: "compare", Status: result.Fail}
	wd, err := ParseXML(want)
	if err != nil {
		chk.Detail = "expected document: " + err.Error()
		return chk
	}
	gd, err := ParseXML(got)
	if err != nil {
		chk.Detail = "answer: " + err.Error()
		return chk
	}
	for _, p := range ignore {
		if err := prune(wd, gd, p); err != nil {
			chk.Detail = err.Error()
			return chk
		}
	}
	var diffs []docDiff
	compareElem(wd.Root(), gd.Root(), "/"+wd.Root().Tag, &diffs)
	if len(diffs) == 0 {
		chk.Status, chk.Want, chk.Got = result.Pass, "same document", "same document"
		return chk
	}
	chk.Want, chk.Got = diffs[0].want, diffs[0].got
	var parts []string
	for i, d := range diffs {
		if i == maxDiffs {
			parts = append(parts, fmt.Sprintf("… and %d more", len(diffs)-maxDiffs))
			break
		}
		parts = append(parts, d.String())
	}
	chk.Detail = strings.Join(parts, "; ")
	return chk
}

// prune removes every element matching path from both documents.
func prune(a, b *etree.Document, path string) error {
	p, err := CompilePath(path)
	if err != nil {
		return fmt.Errorf("ignore: %v", err)
	}
	for _, d := range []*etree.Document{a, b} {
		for _, e := range d.FindElementsPath(p) {
			if parent := e.Parent(); parent != nil {
				parent.RemoveChild(e)
			}
		}
	}
	return nil
}

func compareElem(w, g *etree.Element, path string, diffs *[]docDiff) {
	if w.Tag != g.Tag {
		*diffs = append(*diffs, docDiff{path, "<" + w.Tag + ">", "<" + g.Tag + ">"})
		return
	}
	compareAttrs(w, g, path, diffs)
	wt, gt := strings.TrimSpace(w.Text()), strings.TrimSpace(g.Text())
	if !Equal(Str(wt), Str(gt), DefaultOptions()) {
		*diffs = append(*diffs, docDiff{path, quoteEmpty(wt), quoteEmpty(gt)})
	}
	compareChildren(w.ChildElements(), g.ChildElements(), path, diffs)
}

// compareChildren pairs children by name and occurrence (the second
// sbxxGridlb with the second sbxxGridlb), so one missing element is reported
// once instead of shifting every later sibling.
func compareChildren(wc, gc []*etree.Element, path string, diffs *[]docDiff) {
	count := tagCounts(wc)
	for t, n := range tagCounts(gc) {
		count[t] = max(count[t], n)
	}
	wn, gn := childNames(wc, path, count), childNames(gc, path, count)
	byName := make(map[string]int, len(gc))
	for i, n := range gn {
		byName[n] = i
	}
	used := make([]bool, len(gc))
	for i, n := range wn {
		j, ok := byName[n]
		if !ok {
			*diffs = append(*diffs, docDiff{n, "element", "missing"})
			continue
		}
		used[j] = true
		compareElem(wc[i], gc[j], n, diffs)
	}
	for j, n := range gn {
		if !used[j] {
			*diffs = append(*diffs, docDiff{n, "nothing", "unexpected element"})
		}
	}
}

func compareAttrs(w, g *etree.Element, path string, diffs *[]docDiff) {
	wa, ga := attrMap(w), attrMap(g)
	for _, a := range w.Attr {
		k := a.Key
		if skipAttr(a) {
			continue
		}
		gv, ok := ga[k]
		switch {
		case !ok:
			*diffs = append(*diffs, docDiff{path + "/@" + k, quoteEmpty(a.Value), "absent"})
		case !Equal(Str(a.Value), Str(gv), DefaultOptions()):
			*diffs = append(*diffs, docDiff{path + "/@" + k, quoteEmpty(a.Value), quoteEmpty(gv)})
		}
	}
	for _, a := range g.Attr {
		if !skipAttr(a) {
			if _, ok := wa[a.Key]; !ok {
				*diffs = append(*diffs, docDiff{path + "/@" + a.Key, "absent", quoteEmpty(a.Value)})
			}
		}
	}
}

// skipAttr reports namespace declarations and schema locations.
func skipAttr(a etree.Attr) bool {
	return a.Space == "xmlns" || (a.Space == "" && a.Key == "xmlns") || a.Key == "schemaLocation" || a.Key == "noNamespaceSchemaLocation"
}

func attrMap(e *etree.Element) map[string]string {
	m := make(map[string]string, len(e.Attr))
	for _, a := range e.Attr {
		m[a.Key] = a.Value
	}
	return m
}

func tagCounts(els []*etree.Element) map[string]int {
	m := make(map[string]int, len(els))
	for _, e := range els {
		m[e.Tag]++
	}
	return m
}

// childNames gives each child its path; names repeated on either side
// (count holds the larger count of the two) get an index [n].
func childNames(children []*etree.Element, parent string, count map[string]int) []string {
	seen := map[string]int{}
	out := make([]string, len(children))
	for i, c := range children {
		seen[c.Tag]++
		out[i] = parent + "/" + c.Tag
		if count[c.Tag] > 1 {
			out[i] += fmt.Sprintf("[%d]", seen[c.Tag])
		}
	}
	return out
}

func quoteEmpty(s string) string {
	if s == "" {
		return "''"
	}
	return s
}
