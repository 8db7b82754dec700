package catalog

import (
	"io/fs"
	"path"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/gt3ct/gt3ct/contracts"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// child returns the value of key in a mapping node, or nil.
func child(n *yaml.Node, key string) *yaml.Node {
	if n == nil {
		return nil
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	if n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// items returns the elements of a sequence node.
func items(n *yaml.Node) []*yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

// setLines copies line numbers from the parsed node tree into the contract.
func setLines(ct *Contract, root *yaml.Node) {
	if w := child(root, "writes"); w != nil {
		ct.WritesLine = w.Line
	}
	for i, cn := range items(child(root, "cases")) {
		if i >= len(ct.Cases) {
			return
		}
		c := &ct.Cases[i]
		c.Line = cn.Line
		expectLines(&c.Expect, child(cn, "expect"))
		dbLines(c.DB, child(cn, "db"))
		for j, sn := range items(child(cn, "steps")) {
			if j < len(c.Steps) {
				c.Steps[j].Line = sn.Line
				expectLines(&c.Steps[j].Expect, child(sn, "expect"))
				dbLines(c.Steps[j].DB, child(sn, "db"))
			}
		}
	}
}

func expectLines(e *Expect, n *yaml.Node) {
	for i, xn := range items(child(n, "xpath")) {
		if i < len(e.XPath) {
			e.XPath[i].Line = xn.Line
		}
	}
}

func dbLines(db []DBCheck, n *yaml.Node) {
	for i, dn := range items(n) {
		if i < len(db) {
			db[i].Line = dn.Line
		}
	}
}

// check validates what the YAML decoder cannot: the code matches the
// folder, every case is named and has a template that exists, every XPath
// assertion has a path and one kind of test.
func (ct *Contract) check() error {
	place := func(line int) string { return ct.Place(ContractFile, line) }
	if want := path.Base(ct.Dir); ct.Code != want {
		return errs.At("", errs.Input, place(1), "code %q does not match the folder %s", ct.Code, want)
	}
	if len(ct.Cases) == 0 {
		return errs.At("", errs.Input, place(1), "no cases")
	}
	for _, c := range ct.Cases {
		if strings.TrimSpace(c.Name) == "" {
			return errs.At("", errs.Input, place(c.Line), "case without a name")
		}
		if len(c.Steps) == 0 {
			if err := ct.checkTemplate(c.Request, c.Line); err != nil {
				return err
			}
			if err := checkXPaths(c.Expect.XPath, place); err != nil {
				return err
			}
		}
		for _, st := range c.Steps {
			if err := ct.checkStep(st); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkStep checks one step of a chain: a service call with a template
// that exists, or a reconcile step naming a spec that exists and nothing a
// sent message would need.
func (ct *Contract) checkStep(st Step) error {
	place := ct.Place(ContractFile, st.Line)
	if !st.Sends() {
		return ct.checkReconcile(st)
	}
	if st.From != "" || st.To != "" {
		return errs.At("", errs.Input, place, "from/to belong to a reconcile step (reconcile: SPEC)")
	}
	if st.Service == "" {
		return errs.At("", errs.Input, place, "step without a service (or reconcile: SPEC)")
	}
	if err := ct.checkTemplate(st.Request, st.Line); err != nil {
		return err
	}
	return checkXPaths(st.Expect.XPath, func(line int) string { return ct.Place(ContractFile, line) })
}

// checkReconcile checks a reconcile step: its spec is in the contracts
// tree (or the embedded one) and it names nothing a sent message needs.
func (ct *Contract) checkReconcile(st Step) error {
	place := ct.Place(ContractFile, st.Line)
	sends := st.Service != "" || st.Request != "" || len(st.Save) > 0 || len(st.Adopt) > 0 ||
		len(st.DB) > 0 || expects(st.Expect)
	if sends {
		return errs.At("", errs.Input, place, "reconcile step %s sends nothing: it takes no service, request, save, adopt, expect or db", st.Reconcile)
	}
	file := path.Join(ReconcileDir, st.Reconcile+".yaml")
	if _, err := fs.Stat(ct.FS, file); err == nil {
		return nil
	}
	if _, err := fs.Stat(contracts.FS(), file); err == nil {
		return nil
	}
	return errs.At("", errs.Input, place, "reconcile spec %s not found (%s)", st.Reconcile, file)
}

// TemplateName is the request template of a case: its Request, else request.xml.
func TemplateName(request string) string {
	if request == "" {
		return "request.xml"
	}
	return request
}

func (ct *Contract) checkTemplate(request string, line int) error {
	name := TemplateName(request)
	if _, err := fs.Stat(ct.FS, path.Join(ct.Dir, name)); err != nil {
		return errs.At("", errs.Input, ct.Place(ContractFile, line), "request template %s not found", name)
	}
	return nil
}

func checkXPaths(xs []XPathAssert, place func(int) string) error {
	for _, x := range xs {
		if strings.TrimSpace(x.Path) == "" {
			return errs.At("", errs.Input, place(x.Line), "xpath assertion without a path")
		}
		n := 0
		for _, set := range []bool{x.Equals != "", x.Matches != "", x.Exists, x.Absent, x.Count != nil} {
			if set {
				n++
			}
		}
		if n != 1 {
			return errs.At("", errs.Input, place(x.Line), "xpath %s: want exactly one of equals, matches, exists, absent, count (got %d)", x.Path, n)
		}
	}
	return nil
}
