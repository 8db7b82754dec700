package catalog

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// BindingsFile is the binding table of generated contracts, relative to
// the contracts folder.
const BindingsFile = "bindings.yaml"

// Bindings is the binding table of generated contracts (bindings.yaml):
// which value fills a request field, the case variables generated cases
// carry, and an example of each taxpayer field for checking templates.
type Bindings struct {
	Fields   map[string]string `yaml:"fields"`   // request element (local name) -> value name ({{.name}})
	Vars     map[string]string `yaml:"vars"`     // case variables with their values
	Examples map[string]string `yaml:"examples"` // taxpayer field -> a value a fresh test taxpayer has
}

// LoadBindings reads bindings.yaml of a contracts file system strictly
// (unknown keys are errors); origin prefixes the file in errors.
func LoadBindings(fsys fs.FS, origin string) (*Bindings, error) {
	place := origin + "/" + BindingsFile
	data, err := fs.ReadFile(fsys, BindingsFile)
	if err != nil {
		return nil, errs.At("catalog", errs.Input, place, "%v", unwrapPath(err))
	}
	b := &Bindings{}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(b); err != nil {
		return nil, errs.At("catalog", errs.Input, place, "%s", strings.TrimPrefix(err.Error(), "yaml: "))
	}
	for field, name := range b.Fields {
		if name == "" {
			return nil, errs.At("catalog", errs.Input, place, "field %s is bound to no value", field)
		}
	}
	return b, nil
}

// Example is a value of the named binding value: the case variable, else
// the example taxpayer's field.
func (b *Bindings) Example(name string) (string, bool) {
	if v, ok := b.Vars[name]; ok {
		return v, true
	}
	v, ok := b.Examples[name]
	return v, ok
}

// writeBindings prints the bindings a generated contract's request
// template uses ({{.name}} appears in it), as `catalog show` shows them.
func writeBindings(w io.Writer, ct *Contract, template string) {
	b, err := LoadBindings(ct.FS, ct.Origin)
	if err != nil {
		fmt.Fprintf(w, "\nbindings: %v\n", err)
		return
	}
	fields := make([]string, 0, len(b.Fields))
	for f := range b.Fields {
		fields = append(fields, f)
	}
	sort.Strings(fields)
	fmt.Fprintf(w, "\nbindings (%s/%s; fields not listed keep the schema's sample value):\n", ct.Origin, BindingsFile)
	var rows [][]string
	for _, f := range fields {
		name := b.Fields[f]
		if !strings.Contains(template, "{{."+name+"}}") {
			continue
		}
		from := "taxpayer"
		if v, ok := b.Vars[name]; ok {
			from = "case var = " + v
		}
		rows = append(rows, []string{"  " + f, "{{." + name + "}}", from})
	}
	_ = WriteTable(w, []string{"  FIELD", "VALUE", "FROM"}, rows)
}
