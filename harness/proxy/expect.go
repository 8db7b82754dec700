package proxy

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/beevik/etree"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/harness/result"
)

// shape is one request template a contract sends to a service: the
// elements it holds, those it fills from a template variable outside any
// {{if}}/{{range}}/{{with}} (the required fields), and the database checks
// the contract runs after it.
type shape struct {
	place    string // contracts/services/HXZG_SB_00045/request.xml
	elems    map[string]bool
	required []string
	db       []catalog.DBCheck
}

// indexShapes reads every request template of every contract, by the code
// of the service each step calls.
func indexShapes(cat *catalog.Catalog) map[string][]shape {
	out := map[string][]shape{}
	seen := map[string]int{} // service + place -> index in out[service]
	for _, svc := range cat.Services {
		ct := svc.Contract
		if ct == nil {
			continue
		}
		for _, c := range ct.Cases {
			for _, st := range caseSteps(c) {
				if !st.Sends() {
					continue // a reconcile step has no request
				}
				code := svc.Code
				if t, ok := cat.Lookup(st.Service); st.Service != "" && ok {
					code = t.Code
				}
				name := catalog.TemplateName(st.Request)
				key := code + "|" + ct.Place(name, 0)
				if i, ok := seen[key]; ok {
					out[code][i].db = appendNew(out[code][i].db, st.DB)
					continue
				}
				text, err := ct.ReadFile(name)
				if err != nil {
					continue // the catalog loader reports broken contracts
				}
				sh := parseShape(string(text))
				sh.place, sh.db = ct.Place(name, 0), appendNew(nil, st.DB)
				seen[key] = len(out[code])
				out[code] = append(out[code], sh)
			}
		}
	}
	return out
}

// caseSteps returns a case's messages: its steps, or the case itself.
func caseSteps(c catalog.Case) []catalog.Step {
	if len(c.Steps) > 0 {
		return c.Steps
	}
	return []catalog.Step{{Request: c.Request, DB: c.DB}}
}

// appendNew adds the checks whose names are not there yet.
func appendNew(have, more []catalog.DBCheck) []catalog.DBCheck {
	for _, dc := range more {
		dup := false
		for _, h := range have {
			dup = dup || (h.Name == dc.Name && h.SQL == dc.SQL)
		}
		if !dup {
			have = append(have, dc)
		}
	}
	return have
}

var (
	reStart  = regexp.MustCompile(`<(?:[\w.-]+:)?([A-Za-z_][\w.-]*)[\s/>]`)
	reFilled = regexp.MustCompile(`<(?:[\w.-]+:)?([A-Za-z_][\w.-]*)(?:\s[^<>]*)?>\s*\{\{[^<]*\}\}\s*</`)
	reBlock  = regexp.MustCompile(`\{\{-?\s*(if|range|with|end)\b`)
)

// parseShape reads a request template's elements and required fields.
func parseShape(text string) shape {
	sh := shape{elems: map[string]bool{}}
	for _, m := range reStart.FindAllStringSubmatch(text, -1) {
		sh.elems[m[1]] = true
	}
	blocks := reBlock.FindAllStringSubmatchIndex(text, -1)
	req := map[string]bool{}
	for _, m := range reFilled.FindAllStringSubmatchIndex(text, -1) {
		name := text[m[2]:m[3]]
		if depthAt(text, blocks, m[0]) == 0 && !req[name] {
			req[name] = true
			sh.required = append(sh.required, name)
		}
	}
	return sh
}

// depthAt is how many {{if}}/{{range}}/{{with}} blocks are open at pos.
func depthAt(text string, blocks [][]int, pos int) int {
	d := 0
	for _, b := range blocks {
		if b[0] >= pos {
			break
		}
		if text[b[2]:b[3]] == "end" {
			d--
		} else {
			d++
		}
	}
	return d
}

// view is a request body as the expectations read it: every element name
// (with whether any occurrence has text or children), the leaf values (the
// first of each name) and every leaf value of each name, in order.
type view struct {
	elems  map[string]bool
	leaves map[string]string
	fields map[string][]string
}

func newView(body string) (*view, error) {
	tree, err := check.ParseXML(body)
	if err != nil {
		return nil, err
	}
	v := &view{elems: map[string]bool{}, leaves: check.LeafValues(tree), fields: map[string][]string{}}
	var walk func(e *etree.Element)
	walk = func(e *etree.Element) {
		kids := e.ChildElements()
		text := strings.TrimSpace(e.Text())
		v.elems[e.Tag] = v.elems[e.Tag] || len(kids) > 0 || text != ""
		if len(kids) == 0 {
			v.fields[e.Tag] = append(v.fields[e.Tag], text)
		}
		for _, k := range kids {
			walk(k)
		}
	}
	if root := tree.Root(); root != nil {
		walk(root)
	}
	return v, nil
}

// requiredCheck fails when the request lacks, or leaves empty, a field that
// every request template of the service fills from a variable.
func requiredCheck(shapes []shape, v *view) result.Check {
	need := map[string]int{}
	for _, sh := range shapes {
		for _, f := range sh.required {
			need[f]++
		}
	}
	var missing []string
	for f, n := range need {
		if n == len(shapes) && !v.elems[f] {
			missing = append(missing, f)
		}
	}
	sort.Strings(missing)
	c := result.Check{Kind: result.KindRequest, Name: "required fields present", Status: result.Pass,
		Want: "every field the contract's request template fills", Got: "all present"}
	if len(missing) > 0 {
		c.Status, c.Got = result.Fail, "missing or empty: "+strings.Join(missing, ", ")
		c.Detail = fmt.Sprintf("required by %s", best(shapes, v).place)
	}
	return c
}

// best is the template closest to the request: the most elements in
// common, the fewest the request lacks; the first on a tie.
func best(shapes []shape, v *view) shape {
	var out shape
	top := -1 << 30
	for _, sh := range shapes {
		score := 0
		for e := range sh.elems {
			if v.elems[e] {
				score++
			} else {
				score--
			}
		}
		if score > top {
			out, top = sh, score
		}
	}
	return out
}
