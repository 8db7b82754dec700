// Package reconcile compares what the caller's system (the e-tax bureau)
// wrote with what the core wrote for one taxpayer: a spec pairs a query on
// the caller's database with one on the core, names the key columns and maps
// the caller's columns to the core's. Values compare with the rules of the
// database checks (decimals by value, dates with or without time, CHAR
// padding trimmed, NULL equal to ”). The report lists the matched rows, the
// rows only one side has and, per differing row, the key, the column and
// both values.
package reconcile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/gt3ct/gt3ct/contracts"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// Dir is the folder of the reconcile specs inside a contracts tree.
const Dir = "reconcile"

// Side is one side's query: the database it runs on (a name from the
// environment's databases; empty is the core) and its SQL, with the named
// parameters :djxh, :from and :to.
type Side struct {
	DB  string `yaml:"db"`
	SQL string `yaml:"sql"`
}

// Spec is one reconcile spec, contracts/reconcile/<NAME>.yaml.
type Spec struct {
	Name        string            `yaml:"name"`
	Description string            `yaml:"description"`
	Caller      Side              `yaml:"caller"`
	Core        Side              `yaml:"core"`
	Key         []string          `yaml:"key"`     // core column names
	Columns     map[string]string `yaml:"columns"` // caller column → core column
	Place       string            `yaml:"-"`       // file the spec came from
}

// Parse reads a spec and checks it: both queries, a caller database, a key,
// and every key column mapped from a caller column.
func Parse(data []byte, place string) (*Spec, error) {
	s := &Spec{Place: place}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(s); err != nil && !errors.Is(err, io.EOF) {
		return nil, errs.At("reconcile", errs.Input, place, "bad spec: %v", err)
	}
	s.normalise()
	if msg := s.problem(); msg != "" {
		return nil, errs.At("reconcile", errs.Input, place, "%s", msg)
	}
	return s, nil
}

// normalise upper-cases column names (databases differ in the case they
// report).
func (s *Spec) normalise() {
	cols := make(map[string]string, len(s.Columns))
	for c, k := range s.Columns {
		cols[strings.ToUpper(c)] = strings.ToUpper(k)
	}
	s.Columns = cols
	for i, k := range s.Key {
		s.Key[i] = strings.ToUpper(k)
	}
}

func (s *Spec) problem() string {
	switch {
	case strings.TrimSpace(s.Caller.SQL) == "":
		return "caller.sql is empty"
	case strings.TrimSpace(s.Core.SQL) == "":
		return "core.sql is empty"
	case s.Caller.DB == "":
		return "caller.db is empty: name the caller's database (a key of the environment's databases)"
	case len(s.Key) == 0:
		return "key is empty: name the core columns that identify a row"
	case len(s.Columns) == 0:
		return "columns is empty: map the caller's columns to the core's"
	}
	mapped := map[string]bool{}
	for _, core := range s.Columns {
		mapped[core] = true
	}
	for _, k := range s.Key {
		if !mapped[k] {
			return fmt.Sprintf("key column %s is not mapped from any caller column (columns: {caller_col: %s})", k, k)
		}
	}
	return ""
}

// Load reads spec NAME from DIR/reconcile/NAME.yaml when dir is given and
// holds it, else from the embedded contracts. NAME may also be a path to a
// .yaml file.
func Load(dir, name string) (*Spec, error) {
	if strings.HasSuffix(name, ".yaml") {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, errs.E("reconcile", errs.Input, "read %s: %w", name, err)
		}
		return Parse(data, name)
	}
	if dir != "" {
		return LoadFS(os.DirFS(dir), filepath.ToSlash(filepath.Clean(dir)), name)
	}
	return LoadFS(nil, "", name)
}

// LoadFS reads spec NAME from reconcile/NAME.yaml of the contracts tree
// fsys (origin is its prefix in error places, "contracts"), else from the
// embedded contracts; fsys may be nil.
func LoadFS(fsys fs.FS, origin, name string) (*Spec, error) {
	file := Dir + "/" + name + ".yaml"
	if fsys != nil {
		if data, err := fs.ReadFile(fsys, file); err == nil {
			return Parse(data, origin+"/"+file)
		}
	}
	data, err := fs.ReadFile(contracts.FS(), file)
	if err != nil {
		return nil, errs.E("reconcile", errs.Input, "unknown spec %q (known: %s)", name, strings.Join(names(fsys), ", "))
	}
	return Parse(data, "embedded:contracts/"+file)
}

// Names lists the specs known in DIR/reconcile and the embedded contracts.
func Names(dir string) []string {
	if dir == "" {
		return names(nil)
	}
	return names(os.DirFS(dir))
}

// names lists the specs known in fsys (a contracts tree, may be nil) and the
// embedded contracts.
func names(fsys fs.FS) []string {
	seen := map[string]bool{}
	add := func(fsys fs.FS, root string) {
		ents, _ := fs.ReadDir(fsys, root)
		for _, e := range ents {
			if n, ok := strings.CutSuffix(e.Name(), ".yaml"); ok && !e.IsDir() {
				seen[n] = true
			}
		}
	}
	add(contracts.FS(), Dir)
	if fsys != nil {
		add(fsys, Dir)
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
