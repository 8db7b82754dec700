package catalog

import (
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// ImportReport says what an import did to the catalog.
type ImportReport struct {
	Added       []string // codes of services new to the catalog
	Renamed     []string // "HXZG_DJ_X0003 -> HXZG_DJ_00104" (provisional code or tran_id made real)
	Matched     []string // codes of services the file named and the catalog already had
	Provisional int      // services still provisional after the import
	Folders     []string // contract folders renamed
}

// Print writes the report for people.
func (r *ImportReport) Print(w io.Writer) {
	fmt.Fprintf(w, "added %d, renamed %d, matched %d, left provisional %d\n", len(r.Added), len(r.Renamed), len(r.Matched), r.Provisional)
	for _, s := range r.Added {
		fmt.Fprintf(w, "  added    %s\n", s)
	}
	for _, s := range r.Renamed {
		fmt.Fprintf(w, "  renamed  %s\n", s)
	}
	for _, s := range r.Folders {
		fmt.Fprintf(w, "  folder   %s\n", s)
	}
}

// Import merges a site's inventory file into the catalog of the contracts
// folder dir: real codes and tran_ids replace provisional ones (a contract
// folder named by the provisional code is renamed), new names are added,
// hand-written contracts are kept. Nothing changes when the file is malformed.
func Import(dir, file string) (*ImportReport, error) {
	rows, err := ReadSiteInventory(file)
	if err != nil {
		return nil, err
	}
	return ImportRows(dir, rows, "import:"+filepath.Base(file), false)
}

// ImportRows is Import of rows already read; source is recorded on the
// services they add ("import:xsd-import.tsv"). With dryRun nothing is
// written and the report says what an import would do.
func ImportRows(dir string, rows []Row, source string, dryRun bool) (*ImportReport, error) {
	catPath := filepath.Join(dir, File)
	f, err := os.Open(catPath)
	if err != nil {
		return nil, errs.E("catalog import", errs.Input, "%v (run gt3ct catalog build first)", err)
	}
	existing, err := ReadTSV(f, catPath)
	f.Close()
	if err != nil {
		return nil, err
	}
	rep, renames, services := mergeRows(existing, rows, source)
	if err := checkRenames(dir, renames); err != nil {
		return nil, err
	}
	if dryRun {
		return rep, nil
	}
	if err := WriteFileAtomic(dir, services); err != nil {
		return nil, err
	}
	for _, old := range slices.Sorted(maps.Keys(renames)) {
		if err := renameContract(dir, old, renames[old]); err != nil {
			return rep, err
		}
		rep.Folders = append(rep.Folders, old+" -> "+renames[old])
	}
	for _, s := range services {
		if s.Provisional {
			rep.Provisional++
		}
	}
	return rep, nil
}

// mergeRows folds rows into existing and returns the report, the code
// renames old -> new and the merged, sorted services.
func mergeRows(existing []*Service, rows []Row, source string) (*ImportReport, map[string]string, []*Service) {
	m := newMerger(existing)
	rep := &ImportReport{}
	renames := map[string]string{}
	for _, r := range rows {
		var before, beforeTran string
		if s := m.find(r); s != nil {
			before, beforeTran = s.Code, s.TranID
		}
		s, isNew := m.add(r, source)
		switch {
		case isNew:
			rep.Added = append(rep.Added, s.Name)
		case before != s.Code || beforeTran != s.TranID:
			rep.Renamed = append(rep.Renamed, fmt.Sprintf("%s %s -> %s %s", before, beforeTran, s.Code, s.TranID))
			if before != s.Code {
				renames[before] = s.Code
			}
		default:
			rep.Matched = append(rep.Matched, s.Code)
		}
	}
	m.number()
	for i, name := range rep.Added { // report new services by their final code
		if s := m.byName[NormalizeName(name)]; s != nil {
			rep.Added[i] = s.Code + " " + name
		}
	}
	services, folded := dedupeByTranID(m.sorted())
	for old, kept := range folded {
		rep.Renamed = append(rep.Renamed, fmt.Sprintf("%s merged into %s (same tran_id)", old, kept))
		renames[old] = kept
	}
	return rep, renames, services
}

// checkRenames refuses an import that would overwrite a contract folder.
func checkRenames(dir string, renames map[string]string) error {
	for old, nw := range renames {
		if _, err := os.Stat(filepath.Join(dir, ServicesDir, old)); err != nil {
			continue
		}
		if _, err := os.Stat(filepath.Join(dir, ServicesDir, nw)); err == nil {
			return errs.At("catalog import", errs.Input, filepath.Join(dir, ServicesDir, nw), "cannot rename %s: folder exists", old)
		}
	}
	return nil
}

// renameContract moves services/old to services/new and rewrites the code
// line of its contract.yaml.
func renameContract(dir, old, nw string) error {
	from, to := filepath.Join(dir, ServicesDir, old), filepath.Join(dir, ServicesDir, nw)
	if _, err := os.Stat(from); err != nil {
		return nil // no hand-written contract
	}
	if err := os.Rename(from, to); err != nil {
		return errs.E("catalog import", errs.Internal, "%v", err)
	}
	p := filepath.Join(to, ContractFile)
	data, err := os.ReadFile(p)
	if err != nil {
		return errs.E("catalog import", errs.Internal, "%v", err)
	}
	data = []byte(strings.ReplaceAll(string(data), old, nw))
	if err := os.WriteFile(p, data, 0o644); err != nil {
		return errs.E("catalog import", errs.Internal, "%v", err)
	}
	return nil
}
