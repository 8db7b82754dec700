package runner

import (
	"sort"
	"strings"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/harness/render"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// KnownKeys lists, sorted, the keys a --set may name for case c of svc: the
// fixture's keys, the case's and its steps' vars, the names its steps
// save, every {{.x}} of its request templates and checks, the named
// parameters of its SQL and, for a smoke case, the service's body fields.
func KnownKeys(svc *catalog.Service, c catalog.Case, fixture []string) ([]string, error) {
	k := keySet{}
	k.add(fixture...)
	k.add(svc.Fields...)
	k.vars(c.Vars)
	for _, st := range caseSteps(c) {
		k.vars(st.Vars)
		for name := range st.Save {
			k.add(name)
		}
		k.expect(st.Expect, st.DB)
		k.add(render.Keys(st.From + st.To)...)
		if svc.Contract == nil || !st.Sends() {
			continue
		}
		text, err := svc.Contract.ReadFile(catalog.TemplateName(st.Request))
		if err != nil {
			return nil, err
		}
		k.add(render.Keys(string(text))...)
	}
	if err := k.compare(svc.Contract, c); err != nil {
		return nil, err
	}
	return k.sorted(), nil
}

type keySet map[string]bool

func (k keySet) add(names ...string) {
	for _, n := range names {
		k[n] = true
	}
}

func (k keySet) vars(vars map[string]string) {
	for name, v := range vars {
		k.add(name)
		k.add(render.Keys(v)...)
	}
}

func (k keySet) expect(e catalog.Expect, db []catalog.DBCheck) {
	for _, x := range e.XPath {
		k.add(render.Keys(x.Path + x.Equals)...)
	}
	for _, dc := range db {
		_, _, params := check.Bind(dc.SQL, nil)
		k.add(params...)
		for _, row := range dc.Rows {
			for _, v := range row {
				k.add(render.Keys(v)...)
			}
		}
	}
}

func (k keySet) compare(ct *catalog.Contract, c catalog.Case) error {
	for _, st := range caseSteps(c) {
		if ct == nil || st.Expect.Compare == nil || st.Expect.Compare.File == "" {
			continue
		}
		text, err := ct.ReadFile(st.Expect.Compare.File)
		if err != nil {
			return err
		}
		k.add(render.Keys(string(text))...)
	}
	return nil
}

func (k keySet) sorted() []string {
	out := make([]string, 0, len(k))
	for n := range k {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// CheckSets refuses --set keys the case does not know (see KnownKeys),
// naming them and the keys it knows; cmd labels the error ("render", "run").
func CheckSets(cmd string, svc *catalog.Service, c catalog.Case, fixture []string, sets map[string]string) error {
	known, err := KnownKeys(svc, c, fixture)
	if err != nil {
		return err
	}
	var unknown []string
	for name := range sets {
		if i := sort.SearchStrings(known, name); i == len(known) || known[i] != name {
			unknown = append(unknown, name)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	sort.Strings(unknown)
	return errs.At(cmd, errs.Input, svc.Code+"/"+c.Name, "--set %s: unknown key (the case knows: %s)",
		strings.Join(unknown, ", "), strings.Join(known, ", "))
}

// ParseSets parses --set key=value overrides; cmd labels a malformed one
// ("render: --set \"x\": want key=value").
func ParseSets(cmd string, kvs []string) (map[string]string, error) {
	out := map[string]string{}
	for _, kv := range kvs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, errs.E(cmd, errs.Input, "--set %q: want key=value", kv)
		}
		out[strings.TrimSpace(k)] = v
	}
	return out, nil
}
