// Package xsdimport builds contracts from a site's interface specification:
// the business schemas of each service (TaxMLBw_HXZG_<MOD>_<nnnnn>_Request_V1.0.xsd
// and _Response_) or a field list. Import links them to catalog services
// (adding the ones the catalog lacks), copies the schemas into the contract
// folders and, for every service without a hand-written contract, writes a
// generated one: a request template sampled from the request schema with
// its fields bound by contracts/bindings.yaml, and checks of class, schema
// validity both ways and required answer fields. A re-import rewrites
// generated contracts whose inputs changed and never a hand-written one.
package xsdimport

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// Options say what to import where.
type Options struct {
	Bundle    string // folder (searched with its subfolders) or one file
	Contracts string // the contracts folder written
	DryRun    bool   // print the plan, write nothing
}

// Actions on a contract folder.
const (
	ActionNew       = "new"          // no folder yet: generated
	ActionUpdated   = "updated"      // a generated folder whose inputs changed: rewritten
	ActionUnchanged = "unchanged"    // a generated folder with the same inputs
	ActionKept      = "hand-written" // a hand-written contract: left alone
)

// Line is what the import does to one service.
type Line struct {
	Code   string
	Action string
	Notes  []string
}

// Report says what an import did (or would do, with DryRun).
type Report struct {
	DryRun   bool
	Catalog  *catalog.ImportReport
	Services []Line
}

// Print writes the report for people.
func (r *Report) Print(w io.Writer) {
	verb := ""
	if r.DryRun {
		verb = "would be "
	}
	counts := map[string]int{}
	for _, l := range r.Services {
		counts[l.Action]++
	}
	fmt.Fprintf(w, "%d services: %d new, %d updated, %d unchanged, %d hand-written kept (%s%s)\n", len(r.Services),
		counts[ActionNew], counts[ActionUpdated], counts[ActionUnchanged], counts[ActionKept], verb+"written", dry(r.DryRun))
	if r.Catalog != nil {
		fmt.Fprintf(w, "catalog: %d added, %d linked (provisional code made real), %d matched\n", len(r.Catalog.Added), len(r.Catalog.Renamed), len(r.Catalog.Matched))
	}
	for _, l := range r.Services {
		fmt.Fprintf(w, "  %-13s %s\n", l.Action, l.Code)
		for _, n := range l.Notes {
			fmt.Fprintf(w, "      %s\n", n)
		}
	}
}

func dry(d bool) string {
	if d {
		return "; dry run: nothing written"
	}
	return ""
}

// Import imports the bundle into the contracts folder (see the package
// comment). Nothing is written with DryRun. A malformed bundle (unreadable
// schema, a schema libxml2 cannot compile, a bad field list) is an Input
// error naming the file, before anything is written.
func Import(o Options) (*Report, error) {
	sources, err := Scan(o.Bundle)
	if err != nil {
		return nil, err
	}
	if len(sources) == 0 {
		return nil, errs.E("catalog import-xsd", errs.Input, "%s: no business schemas (TaxMLBw_HXZG_<MOD>_<nnnnn>_Request_V1.0.xsd) or field lists", o.Bundle)
	}
	folders, err := generateAll(sources, o.Contracts)
	if err != nil {
		return nil, err
	}
	rep := &Report{DryRun: o.DryRun}
	if rep.Catalog, err = catalog.ImportRows(o.Contracts, rowsOf(sources), "import:"+filepath.Base(catalog.SchemaInventoryFile), o.DryRun); err != nil {
		return nil, err
	}
	if !o.DryRun {
		if err := writeInventory(o.Contracts, sources); err != nil {
			return nil, err
		}
	}
	for _, f := range folders {
		line, err := apply(o.Contracts, f, o.DryRun)
		if err != nil {
			return nil, err
		}
		rep.Services = append(rep.Services, line)
	}
	return rep, nil
}

// generateAll generates every folder in memory first, so that a bad
// schema stops the import before anything is written.
func generateAll(sources []*Source, contracts string) ([]*Folder, error) {
	raw, err := os.ReadFile(filepath.Join(contracts, catalog.BindingsFile))
	if err != nil {
		return nil, errs.E("catalog import-xsd", errs.Input, "%s is not a contracts folder: %v", contracts, err)
	}
	b, err := catalog.LoadBindings(os.DirFS(contracts), filepath.ToSlash(filepath.Clean(contracts)))
	if err != nil {
		return nil, err
	}
	scratch, err := os.MkdirTemp("", "gt3ct-import-xsd-")
	if err != nil {
		return nil, errs.E("catalog import-xsd", errs.Internal, "%v", err)
	}
	defer os.RemoveAll(scratch)
	var out []*Folder
	for _, s := range sources {
		f, err := generate(s, b, raw, scratch)
		if err != nil {
			return nil, err
		}
		if s.Request != "" && s.Fields != "" {
			f.Notes = append(f.Notes, "field list "+filepath.Base(s.Fields)+" not used: the schemas describe the service")
		}
		out = append(out, f)
	}
	return out, nil
}

// rowsOf is the catalog rows of the bundle's services: code, module and
// the name the schema documents (the code when it documents none).
func rowsOf(sources []*Source) []catalog.Row {
	rows := make([]catalog.Row, 0, len(sources))
	for _, s := range sources {
		name := s.Name
		if name == "" {
			name = s.Code
		}
		rows = append(rows, catalog.Row{Code: s.Code, Name: name, Module: moduleOf(s.Code)})
	}
	return rows
}

func moduleOf(code string) string {
	parts := strings.Split(code, "_")
	if len(parts) == 3 {
		return parts[1]
	}
	return ""
}
