package runner

import (
	"fmt"
	"strings"

	"github.com/beevik/etree"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/harness/render"
)

// prepare finds the service a step calls and renders its business body;
// the step's vars win over the case's, the --set overrides over both.
func (r *Runner) prepare(svc *catalog.Service, st catalog.Step, vars, sets map[string]string) (*catalog.Service, string, error) {
	target := svc
	if st.Service != "" {
		t, ok := r.Catalog.Lookup(st.Service)
		if !ok {
			return nil, "", stepError(svc, "step calls unknown service %q", st.Service)
		}
		target = t
	}
	vars = render.Merge(vars, st.Vars, sets)
	if svc.Contract == nil {
		return target, SmokeBody(target, vars), nil
	}
	name := catalog.TemplateName(st.Request)
	text, err := svc.Contract.ReadFile(name)
	if err != nil {
		return nil, "", err
	}
	body, err := r.Templates.RenderXML(svc.Contract.Place(name, 0), string(text), vars)
	if err != nil {
		return nil, "", err
	}
	if target == svc {
		if err := r.checkRequest(svc.Contract, name, body); err != nil {
			return nil, "", err
		}
	}
	return target, body, nil
}

// SmokeBody is the minimal business document of a routed-only service: the
// taxML root with the fields its name implies, bound from the fixture.
func SmokeBody(svc *catalog.Service, vars map[string]string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>`)
	fmt.Fprintf(&b, `<taxML xsi:type="%sRequest" bbh="" xmlbh="" xmlmc="" xmlns="http://www.chinatax.gov.cn/dataspec/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`, BodyType(svc.Code))
	for _, f := range svc.Fields {
		fmt.Fprintf(&b, "<%s>%s</%s>", f, xmlEscape(vars[f]), f)
	}
	b.WriteString("</taxML>")
	return b.String()
}

// BodyType turns HXZG_SB_00045 into HXZGSB00045, the xsi:type stem.
func BodyType(code string) string { return strings.ReplaceAll(code, "_", "") }

func xmlEscape(s string) string {
	var b strings.Builder
	_ = xmlEscapeTo(&b, s)
	return b.String()
}

func xmlEscapeTo(b *strings.Builder, s string) error {
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		default:
			b.WriteRune(r)
		}
	}
	return nil
}

// leafValues returns the text of every leaf element of an XML document by
// local name, first one winning (see check.Doc.Leaves); empty when doc is
// not XML. The request is read with etree's default settings, as before.
func leafValues(doc string) map[string]string {
	d := etree.NewDocument()
	if doc == "" || d.ReadFromString(doc) != nil {
		return map[string]string{}
	}
	return check.LeafValues(d)
}

// withAnswerFields makes the leaves of the request and of the answer
// available as parameters, the answer's winning over the request's, without
// overriding bound data: :pzxh and :sbuuid in a DB check resolve to what
// the core answered. The answer's leaves come from its one parsed Doc.
func withAnswerFields(vars map[string]string, request string, answer *check.Doc) map[string]string {
	out := make(map[string]string, len(vars)+16)
	for _, leaves := range []map[string]string{leafValues(request), answer.Leaves()} {
		for k, v := range leaves {
			out[k] = v
		}
	}
	for k, v := range vars {
		out[k] = v
	}
	return out
}
