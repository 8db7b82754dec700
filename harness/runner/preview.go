package runner

import (
	"fmt"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/envelope"
)

// Preview is one request a case would send, rendered but not sent.
type Preview struct {
	Service  *catalog.Service
	Envelope []byte
	Head     envelope.Head
}

// Preview renders every message of case c with the bound data, without
// sending anything. Values a step saves from an earlier answer are shown as
// «name from SERVICE», since no answer exists yet.
func (r *Runner) Preview(svc *catalog.Service, c catalog.Case, data map[string]string) ([]Preview, error) {
	return r.PreviewWith(svc, c, data, nil)
}

// PreviewWith is Preview with --set overrides, which win over the case's
// and steps' vars as in RunWith.
func (r *Runner) PreviewWith(svc *catalog.Service, c catalog.Case, data, sets map[string]string) ([]Preview, error) {
	vars, err := r.bindVars(c.Vars, data, sets)
	if err != nil {
		return nil, err
	}
	steps := c.Steps
	if len(steps) == 0 {
		steps = []catalog.Step{{Request: c.Request, Line: c.Line}}
	}
	var out []Preview
	for _, st := range steps {
		if !st.Sends() {
			continue // a reconcile step sends nothing
		}
		target, body, err := r.prepare(svc, st, vars, sets)
		if err != nil {
			return nil, err
		}
		wire, head := r.Target.Builder.Build(envelope.Request{
			TranID: target.TranID, ChannelID: r.Target.ChannelID, Expand: r.Target.Expand, Body: body,
		})
		out = append(out, Preview{Service: target, Envelope: wire, Head: head})
		vars = mergeSaved(vars, placeholders(st.Save, target.Code))
	}
	return out, nil
}

func placeholders(save map[string]string, code string) map[string]string {
	out := make(map[string]string, len(save))
	for name := range save {
		out[name] = fmt.Sprintf("«%s from %s»", name, code)
	}
	return out
}
