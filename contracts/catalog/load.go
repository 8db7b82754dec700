package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/gt3ct/gt3ct/contracts"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// ServicesDir is the folder of hand-written contracts, relative to the
// contracts folder: services/<CODE>/contract.yaml plus its templates.
const ServicesDir = "services"

// ContractFile is the name of a contract inside its folder.
const ContractFile = "contract.yaml"

// Load reads the catalog file and every services/*/contract.yaml of fsys.
// A missing or malformed catalog file is an error; a broken contract is
// recorded in Catalog.Problems and on its service (Service.LoadErr), and
// the rest still loads.
func Load(fsys fs.FS) (*Catalog, error) { return load(fsys, "contracts") }

// LoadDir is Load from a contracts folder on disk; errors name files under dir.
func LoadDir(dir string) (*Catalog, error) {
	if _, err := os.Stat(filepath.Join(dir, File)); err != nil {
		return nil, errs.E("catalog", errs.Input, "%s is not a contracts folder: %v", dir, err)
	}
	return load(os.DirFS(dir), filepath.ToSlash(filepath.Clean(dir)))
}

// Open picks the contracts folder and loads it: dir when given; else the
// folder named by $GT3CT_CONTRACTS; else ./contracts when it holds the
// catalog file (a checkout of the repository); else the copy embedded in
// the binary at build time.
func Open(dir string) (*Catalog, error) {
	if dir == "" {
		dir = os.Getenv("GT3CT_CONTRACTS")
	}
	if dir != "" {
		return LoadDir(dir)
	}
	if _, err := os.Stat(filepath.Join("contracts", File)); err == nil {
		return LoadDir("contracts")
	}
	return load(contracts.FS(), embeddedOrigin)
}

// embeddedOrigin names the copy of the contracts embedded in the binary.
const embeddedOrigin = "embedded:contracts"

func load(fsys fs.FS, origin string) (*Catalog, error) {
	data, err := fs.ReadFile(fsys, File)
	if err != nil {
		return nil, errs.E("catalog", errs.Input, "%s/%s: %v", origin, File, err)
	}
	contracts := make(chan []parsed, 1)
	go func() { contracts <- contractsOf(fsys, origin) }() // meanwhile, read the TSV
	services, err := ReadTSV(bytes.NewReader(data), origin+"/"+File)
	all := <-contracts
	if err != nil {
		return nil, err
	}
	c := &Catalog{Services: services}
	c.reindex()
	for _, p := range all {
		c.attachContract(p)
	}
	for _, s := range c.Services {
		s.Level = levelOf(s)
	}
	return c, nil
}

// contractsOf parses every contract of fsys, or takes them from the
// preparsed form of the embedded contracts when fsys holds exactly those
// contract files (the embedded copy, or a checkout's unchanged folder).
func contractsOf(fsys fs.FS, origin string) []parsed {
	if ps, ok := embeddedContracts(fsys, origin); ok {
		return ps
	}
	return parseAll(fsys, origin)
}

func (c *Catalog) attachContract(p parsed) {
	if p.err != nil {
		c.Problems = append(c.Problems, p.err)
		if s, ok := c.Lookup(p.code); ok && s.Code == p.code {
			s.LoadErr = p.err
		}
		return
	}
	s, ok := c.Lookup(p.code)
	if !ok || s.Code != p.code {
		c.Problems = append(c.Problems, errs.At("catalog", errs.Input, p.ct.Place(ContractFile, 0), "contract for %s, which is not in %s", p.code, File))
		return
	}
	s.Contract = p.ct
}

// ParseContract reads dir/contract.yaml of fsys strictly (unknown fields are
// errors), records the line of every case, step, XPath assertion and DB
// check, and checks that the code matches the folder and templates exist.
// origin is the prefix shown in error places ("contracts").
func ParseContract(fsys fs.FS, origin, dir string) (*Contract, error) {
	ct := &Contract{Dir: dir, FS: fsys, Origin: origin}
	data, err := fs.ReadFile(fsys, path.Join(dir, ContractFile))
	if err != nil {
		return nil, errs.At("catalog", errs.Input, ct.Place(ContractFile, 0), "%v", unwrapPath(err))
	}
	if err := decodeContract(ct, data); err != nil {
		return nil, err
	}
	if err := ct.check(); err != nil {
		return nil, err
	}
	return ct, nil
}

// decodeContract parses contract.yaml once: the node tree gives both the
// contract (decoded strictly: unknown fields are errors) and the line of
// every case, step, XPath assertion and DB check.
func decodeContract(ct *Contract, data []byte) error {
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return yamlError(ct, err)
	}
	if root.Kind == 0 {
		return yamlError(ct, io.EOF) // no document, as yaml.Decoder says
	}
	if err := decodeStrict(&root, ct); err != nil {
		return yamlError(ct, err)
	}
	setLines(ct, &root)
	return nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

var (
	yamlField = regexp.MustCompile(`line (\d+): field (\S+) not found in type \S+`)
	yamlLine  = regexp.MustCompile(`^(?:yaml: )?line (\d+): (.*)$`)
)

// yamlError turns a yaml.v3 error into "file:line: message" errors.
func yamlError(ct *Contract, err error) error {
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{err.Error()}
	}
	var out []string
	for _, m := range msgs {
		m = strings.TrimSpace(m)
		if g := yamlField.FindStringSubmatch(m); g != nil {
			out = append(out, fmt.Sprintf("%s: field %q not found", ct.Place(ContractFile, atoi(g[1])), g[2]))
		} else if g := yamlLine.FindStringSubmatch(m); g != nil {
			out = append(out, fmt.Sprintf("%s: %s", ct.Place(ContractFile, atoi(g[1])), g[2]))
		} else {
			out = append(out, fmt.Sprintf("%s: %s", ct.Place(ContractFile, 0), strings.TrimPrefix(m, "yaml: ")))
		}
	}
	return errs.E("", errs.Input, "%s", strings.Join(out, "; "))
}

func atoi(s string) int {
	n := 0
	fmt.Sscanf(s, "%d", &n)
	return n
}

// Place names a file of the contract, with a line when line > 0:
// "contracts/services/HXZG_SB_00045/contract.yaml:12".
func (ct *Contract) Place(file string, line int) string {
	p := path.Join(ct.Origin, ct.Dir, file)
	if line > 0 {
		p = fmt.Sprintf("%s:%d", p, line)
	}
	return p
}

// ReadFile reads a file of the contract's folder (a template, an XSD).
func (ct *Contract) ReadFile(name string) ([]byte, error) {
	b, err := fs.ReadFile(ct.FS, path.Join(ct.Dir, name))
	if err != nil {
		return nil, errs.At("catalog", errs.Input, ct.Place(name, 0), "%v", unwrapPath(err))
	}
	return b, nil
}
