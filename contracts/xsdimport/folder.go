package xsdimport

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// apply writes the generated folder f under contracts/services unless a
// hand-written contract is there, or the folder already holds exactly f.
func apply(contracts string, f *Folder, dryRun bool) (Line, error) {
	dir := filepath.Join(contracts, catalog.ServicesDir, f.Code)
	line := Line{Code: f.Code, Notes: f.Notes}
	have, err := readFolder(dir)
	if err != nil {
		return line, err
	}
	switch {
	case have == nil:
		line.Action = ActionNew
	case !isGenerated(have[catalog.ContractFile]):
		line.Action, line.Notes = ActionKept, nil
		return line, nil
	case sameFiles(have, f.Files):
		line.Action = ActionUnchanged
		return line, nil
	default:
		line.Action = ActionUpdated
	}
	if dryRun {
		return line, nil
	}
	return line, writeFolder(dir, have, f.Files)
}

// readFolder returns the files of dir by slash path, nil when there is no
// such folder.
func readFolder(dir string) (map[string][]byte, error) {
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		return nil, nil
	}
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		return nil, errs.At("catalog import-xsd", errs.Input, dir, "%v", err)
	}
	return out, nil
}

// isGenerated reports whether contract.yaml carries the generated: block;
// a folder without a readable one is hand-written.
func isGenerated(contract []byte) bool {
	if contract == nil {
		return false
	}
	var c struct {
		Generated *catalog.Generated `yaml:"generated"`
	}
	return yaml.Unmarshal(contract, &c) == nil && c.Generated != nil
}

func sameFiles(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for n, data := range a {
		if other, ok := b[n]; !ok || !bytes.Equal(data, other) {
			return false
		}
	}
	return true
}

// writeFolder writes files into dir and removes the files of the previous
// generation (have) that are no longer part of it.
func writeFolder(dir string, have, files map[string][]byte) error {
	for n, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(n))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return errs.E("catalog import-xsd", errs.Internal, "%v", err)
		}
		if old, ok := have[n]; ok && bytes.Equal(old, data) {
			continue
		}
		if err := writeAtomic(p, data); err != nil {
			return err
		}
	}
	for n := range have {
		if _, keep := files[n]; !keep {
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(n))); err != nil {
				return errs.E("catalog import-xsd", errs.Internal, "%v", err)
			}
		}
	}
	return nil
}

func writeAtomic(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return errs.E("catalog import-xsd", errs.Internal, "%v", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return errs.E("catalog import-xsd", errs.Internal, "%v", err)
	}
	return nil
}

// writeInventory records the bundle's services in inventory/xsd-import.tsv
// (merged with what earlier imports recorded, by code), so that catalog
// build keeps them. tran_ids are written when the catalog has a real one.
func writeInventory(contracts string, sources []*Source) error {
	path := filepath.Join(contracts, filepath.FromSlash(catalog.SchemaInventoryFile))
	rows := map[string]catalog.Row{}
	if _, err := os.Stat(path); err == nil {
		old, err := catalog.ReadSiteInventory(path)
		if err != nil {
			return err
		}
		for _, r := range old {
			rows[r.Code] = r
		}
	}
	tran, err := tranIDs(contracts)
	if err != nil {
		return err
	}
	for _, r := range rowsOf(sources) {
		if id := tran[r.Code]; !catalog.IsProvisionalTranID(id) {
			r.TranID = id
		}
		rows[r.Code] = r
	}
	codes := make([]string, 0, len(rows))
	for c := range rows {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	var b strings.Builder
	b.WriteString("code\ttran_id\tname\tmodule\n")
	for _, c := range codes {
		r := rows[c]
		b.WriteString(strings.Join([]string{r.Code, r.TranID, r.Name, r.Module}, "\t") + "\n")
	}
	if old, err := os.ReadFile(path); err == nil && string(old) == b.String() {
		return nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return errs.E("catalog import-xsd", errs.Internal, "%v", err)
	}
	return writeAtomic(path, []byte(b.String()))
}

// tranIDs maps the catalog's codes to their tran_ids.
func tranIDs(contracts string) (map[string]string, error) {
	path := filepath.Join(contracts, catalog.File)
	f, err := os.Open(path)
	if err != nil {
		return nil, errs.E("catalog import-xsd", errs.Input, "%v", err)
	}
	defer f.Close()
	services, err := catalog.ReadTSV(f, path)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(services))
	for _, s := range services {
		out[s.Code] = s.TranID
	}
	return out, nil
}
