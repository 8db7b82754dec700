// Package spec applies the GT3 data specification (contracts/spec.yaml) to
// the rows a call wrote into the core: coded columns hold a code of their
// code table (HX_DM_QG, HX_DM_ZDY of the same core), flags are Y or N,
// periods run forward, amounts have at most two decimals, UUIDs are 32 hex,
// DJXH/PZXH 20 digits, identifiers pass their check digits, and required
// columns are not NULL. Each problem is a failing check of kind "spec"
// naming the table, the column, the value and the rule.
package spec

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"

	"gopkg.in/yaml.v3"

	"github.com/gt3ct/gt3ct/contracts"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// File is the name of the rules file in a contracts folder.
const File = "spec.yaml"

// Rules is the data specification: the shape of contracts/spec.yaml.
type Rules struct {
	// CodeTables maps a coded column to its code table: TABLE, SCHEMA.TABLE,
	// with .CODE_COLUMN when the code column is named otherwise.
	CodeTables map[string]string `yaml:"code_tables"`
	Flags      struct {
		Columns []string `yaml:"columns"` // name patterns, * is any text
		Values  []string `yaml:"values"`
	} `yaml:"flags"`
	Periods [][2]string `yaml:"periods"` // start and end columns
	Amounts struct {
		Columns []string `yaml:"columns"`
		Scale   *int     `yaml:"scale"`
	} `yaml:"amounts"`
	UUIDs       []string            `yaml:"uuids"`       // name patterns: 32 upper-case hex
	Serials     []string            `yaml:"serials"`     // name patterns: 20 digits
	Identifiers map[string]string   `yaml:"identifiers"` // column → uscc | id | taxid
	Required    map[string][]string `yaml:"required"`    // table → columns not NULL
}

// Parse reads rules from data; name is used in errors.
func Parse(data []byte, name string) (Rules, error) {
	var r Rules
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&r); err != nil && !errors.Is(err, io.EOF) {
		return r, errs.At("spec", errs.Input, name, "bad rules: %v", err)
	}
	for col, kind := range r.Identifiers {
		if _, ok := identifierKinds[kind]; !ok {
			return r, errs.At("spec", errs.Input, name, "identifiers.%s: unknown kind %q (want uscc, id or taxid)", col, kind)
		}
	}
	return r, nil
}

// Load returns the built-in rules (the embedded contracts/spec.yaml)
// extended by DIR/spec.yaml when dir is given and holds one.
func Load(dir string) (Rules, error) {
	data, err := fs.ReadFile(contracts.FS(), File)
	if err != nil {
		return Rules{}, errs.E("spec", errs.Internal, "embedded %s: %w", File, err)
	}
	base, err := Parse(data, "embedded:contracts/"+File)
	if err != nil || dir == "" {
		return base, err
	}
	path := filepath.Join(dir, File)
	site, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return base, nil
	}
	if err != nil {
		return base, errs.E("spec", errs.Input, "read %s: %w", path, err)
	}
	ext, err := Parse(site, path)
	if err != nil {
		return base, err
	}
	return base.Extend(ext), nil
}

// Extend returns r with a site's rules added: maps merged (the site's entry
// wins), lists appended, the amount scale replaced when the site sets one.
func (r Rules) Extend(site Rules) Rules {
	out := r
	out.CodeTables = mergeMap(r.CodeTables, site.CodeTables)
	out.Identifiers = mergeMap(r.Identifiers, site.Identifiers)
	out.Required = map[string][]string{}
	for t, cols := range r.Required {
		out.Required[t] = append([]string(nil), cols...)
	}
	for t, cols := range site.Required {
		out.Required[t] = append(out.Required[t], cols...)
	}
	out.Flags.Columns = append(append([]string(nil), r.Flags.Columns...), site.Flags.Columns...)
	if len(site.Flags.Values) > 0 {
		out.Flags.Values = site.Flags.Values
	}
	out.Periods = append(append([][2]string(nil), r.Periods...), site.Periods...)
	out.Amounts.Columns = append(append([]string(nil), r.Amounts.Columns...), site.Amounts.Columns...)
	if site.Amounts.Scale != nil {
		out.Amounts.Scale = site.Amounts.Scale
	}
	out.UUIDs = append(append([]string(nil), r.UUIDs...), site.UUIDs...)
	out.Serials = append(append([]string(nil), r.Serials...), site.Serials...)
	return out
}

func mergeMap[V any](a, b map[string]V) map[string]V {
	out := maps.Clone(a)
	if out == nil {
		out = map[string]V{}
	}
	maps.Copy(out, b)
	return out
}

// scale is the decimals an amount may have (default 2).
func (r Rules) scale() int {
	if r.Amounts.Scale != nil {
		return *r.Amounts.Scale
	}
	return 2
}
