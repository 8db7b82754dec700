package xsdimport

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/beevik/etree"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/contracts/xsd"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// By is the generator named in a generated contract.yaml.
const By = "catalog import-xsd"

// RequestTemplate is the request template of a generated contract.
const RequestTemplate = "request.xml"

// Folder is the generated contract folder of one service: file name →
// content, and notes for people (bindings left out and why).
type Folder struct {
	Code  string
	Files map[string][]byte
	Notes []string
}

// schemaFiles are the files of one service's schemas: name in the folder →
// content, and the names of the request and response schemas.
type schemaFiles struct {
	files             map[string][]byte
	request, response string
	sources           []string // the bundle's files, for contract.yaml
	reqPath, respPath string   // where to load them from
}

// generate builds the contract folder of src: its schemas, a request
// template from the request schema with the bound fields, and contract.yaml.
func generate(src *Source, b *catalog.Bindings, bindingsRaw []byte, scratch string) (*Folder, error) {
	sf, err := collect(src, scratch)
	if err != nil {
		return nil, err
	}
	f := &Folder{Code: src.Code, Files: sf.files}
	req, err := xsd.Load(sf.reqPath)
	if err != nil {
		return nil, err
	}
	tmpl, used, notes, err := requestTemplate(req, b, src.Code)
	if err != nil {
		return nil, err
	}
	f.Files[RequestTemplate] = tmpl
	f.Notes = notes
	var required []string
	if sf.respPath != "" {
		resp, err := xsd.Load(sf.respPath)
		if err != nil {
			return nil, err
		}
		if required, err = resp.RequiredLeaves("taxML"); err != nil {
			return nil, errs.At("catalog import-xsd", errs.Input, sf.respPath, "%v", err)
		}
	}
	f.Files[catalog.ContractFile] = contractYAML(src.Code, sf, b, used, required, notes, digest(f.Files, bindingsRaw))
	return f, nil
}

// collect reads the schemas of src (with what they include) into folder
// files; a field list becomes schemas written under scratch.
func collect(src *Source, scratch string) (*schemaFiles, error) {
	sf := &schemaFiles{files: map[string][]byte{}}
	if src.Request == "" && src.Fields != "" {
		return fieldSchemas(src, scratch, sf)
	}
	if src.Request == "" {
		return nil, errs.At("catalog import-xsd", errs.Input, src.Response, "%s has a response schema but no request schema", src.Code)
	}
	for _, p := range []struct {
		path     string
		name     *string
		loadFrom *string
	}{{src.Request, &sf.request, &sf.reqPath}, {src.Response, &sf.response, &sf.respPath}} {
		if p.path == "" {
			continue
		}
		if err := sf.add(p.path); err != nil {
			return nil, err
		}
		*p.name, *p.loadFrom = filepath.Base(p.path), p.path
		sf.sources = append(sf.sources, filepath.Base(p.path))
	}
	return sf, nil
}

// add copies a schema and the files it includes, which must lie in its
// folder or below (they keep their place relative to it).
func (sf *schemaFiles) add(path string) error {
	s, err := xsd.Load(path)
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	for _, f := range s.Files() {
		rel, err := filepath.Rel(dir, f)
		if err != nil || strings.HasPrefix(rel, "..") {
			return errs.At("catalog import-xsd", errs.Input, path, "includes %s, outside its folder: copy it beside the schema", f)
		}
		data, err := os.ReadFile(f)
		if err != nil {
			return errs.At("catalog import-xsd", errs.Input, f, "%v", err)
		}
		sf.files[filepath.ToSlash(rel)] = data
	}
	return nil
}

// fieldSchemas writes the schemas of a field list (request, and response
// when the list has answer fields) and loads them from scratch.
func fieldSchemas(src *Source, scratch string, sf *schemaFiles) (*schemaFiles, error) {
	lists, err := readFieldList(src.Fields)
	if err != nil {
		return nil, err
	}
	var req, resp []Field
	for _, f := range lists[src.Code] {
		if f.Response {
			resp = append(resp, f)
		} else {
			req = append(req, f)
		}
	}
	dir := filepath.Join(scratch, src.Code)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, errs.E("catalog import-xsd", errs.Internal, "%v", err)
	}
	sf.sources = []string{filepath.Base(src.Fields)}
	for _, m := range []struct {
		kind     string
		fields   []Field
		name     *string
		loadFrom *string
	}{{"Request", req, &sf.request, &sf.reqPath}, {"Response", resp, &sf.response, &sf.respPath}} {
		if len(m.fields) == 0 {
			continue
		}
		name := "TaxMLBw_" + src.Code + "_" + m.kind + "_fields.xsd"
		data := []byte(fieldSchema(src.Code, m.kind, filepath.Base(src.Fields), m.fields))
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return nil, errs.E("catalog import-xsd", errs.Internal, "%v", err)
		}
		sf.files[name], *m.name, *m.loadFrom = data, name, filepath.Join(dir, name)
	}
	if sf.request == "" {
		return nil, errs.At("catalog import-xsd", errs.Input, src.Fields, "%s: the field list has no request fields", src.Code)
	}
	return sf, nil
}

// requestTemplate samples the request schema with the example value of
// every bound field, drops the bindings libxml2 refuses (a note says why),
// and turns the valid sample into a template: bound leaves read {{.name}}.
// used lists the value names the template reads.
func requestTemplate(s *xsd.Schema, b *catalog.Bindings, code string) ([]byte, []string, []string, error) {
	bound := map[string]string{}
	for field, name := range b.Fields {
		if _, ok := b.Example(name); ok {
			bound[field] = name
		}
	}
	var notes []string
	for range len(bound) + 1 {
		doc, problems, err := s.SampleWith("taxML", func(el string) (string, bool) {
			if name, ok := bound[el]; ok {
				return b.Example(name)
			}
			return "", false
		})
		if err != nil {
			return nil, nil, nil, err
		}
		if len(problems) == 0 {
			tmpl, used, err := templateOf(doc, bound)
			return tmpl, used, notes, err
		}
		field := lastStep(problems[0].Element)
		name, ok := bound[field]
		if !ok {
			return nil, nil, nil, errs.E("catalog import-xsd", errs.Input, "%s: no valid request from the schema: element %s: %s", code, problems[0].Element, problems[0].Msg)
		}
		ex, _ := b.Example(name)
		notes = append(notes, fmt.Sprintf("%s not bound: the example %s %q does not validate (%s)", field, name, ex, problems[0].Msg))
		delete(bound, field)
	}
	return nil, nil, nil, errs.E("catalog import-xsd", errs.Internal, "%s: no valid request", code)
}

// lastStep is the element's local name in a problem path: /taxML/a[2]/djxh → djxh.
func lastStep(path string) string {
	step := path[strings.LastIndexByte(path, '/')+1:]
	if i := strings.IndexByte(step, '['); i >= 0 {
		step = step[:i]
	}
	if i := strings.IndexByte(step, ':'); i >= 0 {
		step = step[i+1:]
	}
	return step
}

// templateOf replaces the text of every bound leaf of doc with {{.name}}.
func templateOf(doc []byte, bound map[string]string) ([]byte, []string, error) {
	d := etree.NewDocument()
	if err := d.ReadFromBytes(doc); err != nil {
		return nil, nil, errs.E("catalog import-xsd", errs.Internal, "sample: %v", err)
	}
	seen := map[string]bool{}
	var visit func(e *etree.Element)
	visit = func(e *etree.Element) {
		kids := e.ChildElements()
		if name, ok := bound[e.Tag]; ok && len(kids) == 0 {
			e.SetText("{{." + name + "}}")
			seen[name] = true
		}
		for _, k := range kids {
			visit(k)
		}
	}
	visit(d.Root())
	d.Indent(2)
	out, err := d.WriteToBytes()
	used := make([]string, 0, len(seen))
	for n := range seen {
		used = append(used, n)
	}
	sort.Strings(used)
	return out, used, err
}

// digest is the SHA-256 of the folder's inputs: its files (schemas and
// request template) and the binding table.
func digest(files map[string][]byte, bindings []byte) string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(files[n]))
		h.Write(files[n])
	}
	h.Write(bindings)
	return hex.EncodeToString(h.Sum(nil))
}
