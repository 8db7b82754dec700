package xsdimport

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/beevik/etree"

	"github.com/gt3ct/gt3ct/contracts/xsd"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// Source is what a bundle holds for one service: its request and response
// schemas (paths on disk; either may be missing), or a field list.
type Source struct {
	Code     string // HXZG_SB_00080
	Name     string // the service's name from the schema's documentation ("" when none)
	Request  string // request schema file
	Response string // response schema file
	Fields   string // field list file (.csv, .tsv, .xlsx) when the service has no schema
}

var (
	// fileNamed is the specification's file name of a business schema.
	fileNamed = regexp.MustCompile(`^TaxMLBw_(HXZG_[A-Z]+_\d{5})_(Request|Response)_V[0-9.]+\.xsd$`)
	// typeNamed is the type a business schema gives its taxML root.
	typeNamed = regexp.MustCompile(`^HXZG([A-Z]+)(\d{5})(Request|Response)$`)
	// codeIn finds a service code in a field list's file name.
	codeIn = regexp.MustCompile(`HXZG_[A-Z]+_\d{5}`)
)

// Scan finds the services of the bundle dir (a folder, searched with its
// subfolders, or one file): schema pairs by file name, else by the type
// their taxML root declares (HXZG<MOD><nnnnn>Request), and field lists
// (.csv, .tsv, .xlsx) by the code in their name or their 服务编码 column.
// Schemas that are neither (shared types) are read when included. Two
// schemas claiming the same place are an Input error naming both.
func Scan(dir string) ([]*Source, error) {
	byCode := map[string]*Source{}
	get := func(code string) *Source {
		if byCode[code] == nil {
			byCode[code] = &Source{Code: code}
		}
		return byCode[code]
	}
	err := walk(dir, func(path string) error {
		switch strings.ToLower(filepath.Ext(path)) {
		case ".xsd":
			return addSchema(path, get)
		case ".csv", ".tsv", ".xlsx":
			return addFieldList(path, get)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]*Source, 0, len(byCode))
	for _, s := range byCode {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out, nil
}

// walk calls fn for every file of dir (or dir itself when it is a file),
// in lexical order.
func walk(dir string, fn func(path string) error) error {
	st, err := os.Stat(dir)
	if err != nil {
		return errs.E("catalog import-xsd", errs.Input, "%v", err)
	}
	if !st.IsDir() {
		return fn(dir)
	}
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return errs.E("catalog import-xsd", errs.Input, "%v", err)
		}
		if d.IsDir() {
			return nil
		}
		return fn(path)
	})
}

func addSchema(path string, get func(string) *Source) error {
	code, kind, name, err := schemaRole(path)
	if err != nil || code == "" {
		return err
	}
	s := get(code)
	slot := &s.Request
	if kind == "Response" {
		slot = &s.Response
	}
	if *slot != "" {
		return errs.At("catalog import-xsd", errs.Input, path, "a second %s schema for %s (the first: %s)", strings.ToLower(kind), code, *slot)
	}
	*slot = path
	if s.Name == "" {
		s.Name = name
	}
	return nil
}

// schemaRole says which service and message a schema file is for: by its
// file name, else by its taxML root's type; code is "" for a schema of
// shared types. name is the schema's first documentation.
func schemaRole(path string) (code, kind, name string, err error) {
	doc := etree.NewDocument()
	doc.ReadSettings.CharsetReader = xsd.CharsetReader
	if err := doc.ReadFromFile(path); err != nil {
		return "", "", "", errs.At("catalog import-xsd", errs.Input, path, "not readable XML: %v", err)
	}
	root := doc.Root()
	if root == nil || root.Tag != "schema" {
		return "", "", "", nil // not a schema: ignored
	}
	if d := root.FindElement("./annotation/documentation"); d != nil {
		name = strings.TrimSpace(d.Text())
	}
	if m := fileNamed.FindStringSubmatch(filepath.Base(path)); m != nil {
		return m[1], m[2], name, nil
	}
	for _, e := range root.SelectElements("element") {
		if e.SelectAttrValue("name", "") != "taxML" {
			continue
		}
		if m := typeNamed.FindStringSubmatch(localName(e.SelectAttrValue("type", ""))); m != nil {
			return "HXZG_" + m[1] + "_" + m[2], m[3], name, nil
		}
	}
	return "", "", name, nil
}

func localName(qname string) string {
	if i := strings.LastIndexByte(qname, ':'); i >= 0 {
		return qname[i+1:]
	}
	return qname
}
