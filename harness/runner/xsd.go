package runner

import (
	"fmt"
	"strings"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// XSDValidator validates doc against the schema file of a contract (a path
// relative to the contract's folder) and returns one line per problem.
type XSDValidator func(c *catalog.Contract, schema string, doc []byte) ([]string, error)

// xsdChecks validates the request and the answer body against the
// contract's schemas, when it has any: both ways, on every run.
func (r *Runner) xsdChecks(svc *catalog.Service, request, answer string) []result.Check {
	c := svc.Contract
	if c == nil || (c.XSD.Request == "" && c.XSD.Response == "") {
		return nil
	}
	var out []result.Check
	for _, v := range []struct{ name, schema, doc string }{
		{"request matches " + c.XSD.Request, c.XSD.Request, request},
		{"answer matches " + c.XSD.Response, c.XSD.Response, answer},
	} {
		if v.schema == "" {
			continue
		}
		out = append(out, r.validate(c, v.name, v.schema, v.doc))
	}
	return out
}

// checkRequest validates a rendered request against the contract's request
// schema before it is sent: one that does not validate is an input error
// naming the template and the first problem (its line, the field and where
// the schema declares it); nothing is sent.
func (r *Runner) checkRequest(c *catalog.Contract, template, body string) error {
	if c.XSD.Request == "" || r.XSD == nil {
		return nil
	}
	problems, err := r.XSD(c, c.XSD.Request, []byte(body))
	if err != nil {
		return errs.At("", errs.Input, c.Place(c.XSD.Request, 0), "%v", err)
	}
	if len(problems) == 0 {
		return nil
	}
	more := ""
	if len(problems) > 1 {
		more = fmt.Sprintf(" (and %d more)", len(problems)-1)
	}
	return errs.At("", errs.Input, c.Place(template, 0), "request does not validate against %s, not sent: %s%s", c.XSD.Request, problems[0], more)
}

func (r *Runner) validate(c *catalog.Contract, name, schema, doc string) result.Check {
	ck := result.Check{Kind: result.KindXSD, Name: name, Want: "valid against " + schema}
	if r.XSD == nil {
		ck.Status, ck.Got = result.Fail, "no XSD validator configured"
		return ck
	}
	problems, err := r.XSD(c, schema, []byte(doc))
	switch {
	case err != nil:
		ck.Status, ck.Got = result.Fail, err.Error()
	case len(problems) > 0:
		ck.Status, ck.Got = result.Fail, problems[0]
		ck.Detail = strings.Join(problems, "\n")
	default:
		ck.Status, ck.Got = result.Pass, "valid"
	}
	return ck
}
