package repro

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/fixtures/snapshot"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/session"
	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// PromoteOptions say where the new case goes and where its expectations
// come from.
type PromoteOptions struct {
	Name      string             // case name; default repro-<date>-<short hash of the DJXH>
	Contracts string             // contracts folder on disk; default "contracts"
	Env       config.Environment // where the clean replay runs (the embedded simulator)
	AuditPath string
	Now       func() time.Time
}

// Promoted says what Promote wrote.
type Promoted struct {
	Service string   `json:"service"`
	Case    string   `json:"case"`
	Dir     string   `json:"dir"`
	Files   []string `json:"files"`
	Checks  int      `json:"db_checks"`
}

var caseName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// Promote turns the bundle into a case of its service's contract: a
// request template (identifiers as {{.djxh}}, {{.nsrsbh}}, …), the rows
// before the request as the case's fixture, and DB checks holding the rows
// a replay against the clean environment leaves in every table it changes.
// The contract folder is created when the service has none.
func Promote(ctx context.Context, dir string, o PromoteOptions) (*Promoted, error) {
	b, err := ReadBundle(dir)
	if err != nil {
		return nil, err
	}
	if err := b.needMessage("repro promote"); err != nil {
		return nil, err
	}
	if o.Contracts == "" {
		o.Contracts = "contracts"
	}
	cat, err := catalog.LoadDir(o.Contracts)
	if err != nil {
		return nil, err
	}
	svc, ok := cat.Lookup(b.Meta.Service)
	if !ok {
		return nil, errs.E("repro promote", errs.Input, "service %s is not in %s", b.Meta.Service, o.Contracts)
	}
	name, err := pickName(o, b, svc)
	if err != nil {
		return nil, err
	}
	rp, err := Run(ctx, dir, RunOptions{Env: o.Env, Catalog: cat, AuditPath: o.AuditPath, Now: o.Now})
	if err != nil {
		return nil, err
	}
	if rp.Answer.Class != result.ClassSuccess || rp.Status != result.Pass {
		return nil, errs.E("repro promote", errs.Finding, "the replay against a clean %s answered %s (%s) with %s checks: a case is promoted from a clean, passing replay only",
			o.Env.Name, rp.Answer.Class, firstNonEmpty(rp.Answer.Reason, rp.Answer.Error, "-"), rp.Status)
	}
	return writeCase(o.Contracts, svc, name, b, rp)
}

func pickName(o PromoteOptions, b *Bundle, svc *catalog.Service) (string, error) {
	name := o.Name
	if name == "" {
		h := sha256.Sum256([]byte(b.Meta.DJXH))
		name = fmt.Sprintf("repro-%s-%s", now(o.Now).Format("20060102"), hex.EncodeToString(h[:3]))
	}
	if !caseName.MatchString(name) {
		return "", errs.E("repro promote", errs.Input, "case name %q: use letters, digits, '.', '_' and '-'", name)
	}
	if svc.Contract != nil {
		for _, c := range svc.Contract.Cases {
			if c.Name == name {
				return "", errs.E("repro promote", errs.Input, "%s already has a case %q (choose another with --name)", svc.Code, name)
			}
		}
	}
	return name, nil
}

// writeCase writes the template, the fixture and the case, and checks that
// the contract still loads (restoring it when it does not).
func writeCase(contracts string, svc *catalog.Service, name string, b *Bundle, rp *Replay) (*Promoted, error) {
	sdir := filepath.Join(contracts, catalog.ServicesDir, svc.Code)
	if err := mkdir(sdir); err != nil {
		return nil, err
	}
	p := &Promoted{Service: svc.Code, Case: name, Dir: sdir}
	tmpl, fixture := name+".xml", name+".rows.json"
	binds := session.FixtureBindings(rp.state)
	if err := os.WriteFile(filepath.Join(sdir, tmpl), []byte(Template(b.Message.Body, binds)), 0o644); err != nil {
		return nil, errs.E("repro promote", errs.Input, "write template: %v", err)
	}
	if err := rp.state.Write(filepath.Join(sdir, fixture)); err != nil {
		return nil, err
	}
	c := promotedCase{Name: name, Fixture: fixture, Request: tmpl, Expect: promotedExpect{Class: string(result.ClassSuccess)},
		DB: dbChecks(rp, binds)}
	p.Checks = len(c.DB)
	p.Files = []string{filepath.Join(sdir, tmpl), filepath.Join(sdir, fixture), filepath.Join(sdir, catalog.ContractFile)}
	if err := appendCase(contracts, svc, c); err != nil {
		os.Remove(filepath.Join(sdir, tmpl))
		os.Remove(filepath.Join(sdir, fixture))
		return nil, err
	}
	return p, nil
}

// Template turns a request body into a template: "{{" is escaped, then
// every bound identifier becomes {{.name}} (longest values first).
func Template(body string, binds []session.Binding) string {
	body = strings.ReplaceAll(body, "{{", `{{"{{"}}`)
	sorted := append([]session.Binding(nil), binds...)
	sort.SliceStable(sorted, func(i, j int) bool { return len(sorted[i].Value) > len(sorted[j].Value) })
	var pairs []string
	for _, bd := range sorted {
		if len(bd.Value) >= 4 {
			pairs = append(pairs, bd.Value, "{{."+bd.Name+"}}")
		}
	}
	return strings.NewReplacer(pairs...).Replace(body)
}

// dbChecks expects, for every table the clean replay changed, exactly the
// rows it left for the taxpayer (volatile columns not compared;
// identifiers as templates).
func dbChecks(rp *Replay, binds []session.Binding) []promotedDB {
	byValue := map[string]string{}
	for _, bd := range binds {
		byValue[bd.Value] = "{{." + bd.Name + "}}"
	}
	var out []promotedDB
	for _, d := range rp.Diff {
		if d.Differences == 0 {
			continue
		}
		t, _ := coredb.Find(d.Table)
		out = append(out, expectRows(t, tableOf(rp.after, d.Table), byValue))
	}
	return out
}

func expectRows(t coredb.Table, tr snapshot.TableRows, byValue map[string]string) promotedDB {
	var cols []string
	for _, c := range tr.Columns {
		if !IsVolatile(t, c) {
			cols = append(cols, c)
		}
	}
	dc := promotedDB{Name: t.QName() + " rows after the request",
		SQL: fmt.Sprintf("SELECT %s FROM %s WHERE %s = :djxh", strings.Join(cols, ", "), t.QName(), t.Owner)}
	for _, r := range tr.Rows {
		row := map[string]string{}
		for _, c := range cols {
			v := deref(r[indexOf(tr.Columns, c)])
			if tv, ok := byValue[v]; ok && v != "" {
				v = tv
			}
			row[c] = v
		}
		dc.Rows = append(dc.Rows, row)
	}
	return dc
}

func tableOf(s *snapshot.Snapshot, name string) snapshot.TableRows {
	for _, tr := range s.Tables {
		if tr.Table == name {
			return tr
		}
	}
	return snapshot.TableRows{Table: name}
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
