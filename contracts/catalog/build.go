package catalog

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// Inventory files, relative to the contracts folder.
const (
	InventoryFile = "inventory/service-inventory.tsv"
	PublicMapFile = "inventory/public-service-map.tsv"
	// SchemaInventoryFile lists the services catalog import-xsd linked or
	// added (code, tran_id, name, module), so that build keeps them.
	SchemaInventoryFile = "inventory/xsd-import.tsv"
)

// titleRows are cells of the source table that are headings, not services.
var titleRows = map[string]bool{
	NormalizeName("金三接口交易服务清单模板"): true,
	NormalizeName("集成服务平台名称"):     true,
}

// Row is one line of an inventory: a name with whatever is known about it.
type Row struct {
	Code, TranID, Name, Module, Source string
	Aliases                            []string // other names of the same service ("A / B")
	Line                               int
}

// Build regenerates the catalog from the inventories of the contracts folder
// dir, keeping what an earlier import added (services of prev whose Source
// mentions "import:"). The result is sorted and numbered deterministically.
func Build(dir string, prev []*Service) ([]*Service, error) {
	inv, err := readInventory(filepath.Join(dir, InventoryFile))
	if err != nil {
		return nil, err
	}
	pub, err := readPublicMap(filepath.Join(dir, PublicMapFile))
	if err != nil {
		return nil, err
	}
	m := newMerger(nil)
	for _, r := range pub {
		m.add(r, r.Source)
	}
	for _, r := range inv {
		m.add(r, "inventory")
	}
	m.reuse(prev)
	m.number()
	for _, s := range prev {
		if strings.Contains(s.Source, "import:") {
			m.merge(Row{Code: s.Code, TranID: s.TranID, Name: s.Name, Module: s.Module}, s.Source)
		}
	}
	if err := mergeSchemaInventory(m, dir); err != nil {
		return nil, err
	}
	m.number()
	services, _ := dedupeByTranID(m.sorted()) // an import may have linked a public tran_id to a coded service
	return services, nil
}

// mergeSchemaInventory merges inventory/xsd-import.tsv when there is one.
func mergeSchemaInventory(m *merger, dir string) error {
	path := filepath.Join(dir, SchemaInventoryFile)
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	rows, err := ReadSiteInventory(path)
	if err != nil {
		return err
	}
	for _, r := range rows {
		m.merge(r, "import:"+filepath.Base(path))
	}
	return nil
}

func readTSV(path string, minCols int, each func(cols []string, line int) error) error {
	f, err := os.Open(path)
	if err != nil {
		return errs.E("catalog build", errs.Input, "%v", err)
	}
	defer f.Close()
	return scanTSV(f, path, minCols, each)
}

func scanTSV(r io.Reader, path string, minCols int, each func(cols []string, line int) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimRight(sc.Text(), "\r")
		if line == 1 || strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue // header, blank, comment
		}
		cols := strings.Split(text, "\t")
		if len(cols) < minCols {
			return errs.At("catalog", errs.Input, fmt.Sprintf("%s:%d", path, line), "want %d tab-separated columns, got %d", minCols, len(cols))
		}
		if err := each(cols, line); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return errs.E("catalog", errs.Input, "%s: %v", path, err)
	}
	return nil
}

// readInventory reads name_zh, occurrences, code.
func readInventory(path string) ([]Row, error) {
	var rows []Row
	err := readTSV(path, 1, func(c []string, line int) error {
		r := Row{Name: c[0], Line: line}
		if len(c) > 2 {
			r.Code = strings.TrimSpace(c[2])
		}
		if !titleRows[NormalizeName(r.Name)] {
			rows = append(rows, r)
		}
		return nil
	})
	return rows, err
}

var (
	noComment  = regexp.MustCompile(`^\(no comment; Java constant (\w+)\)$`)
	annotation = regexp.MustCompile(`\s+\((same|see|also) [^)]*\)$`)
)

// readPublicMap reads code, tran_id, name_zh, source. Names "A / B" give the
// service two names; "(no comment; Java constant X)" is named by its tran_id.
func readPublicMap(path string) ([]Row, error) {
	var rows []Row
	err := readTSV(path, 3, func(c []string, line int) error {
		r := Row{Code: strings.TrimSpace(c[0]), TranID: strings.TrimSpace(c[1]), Line: line}
		if len(c) > 3 {
			r.Source = c[3]
		}
		name := annotation.ReplaceAllString(strings.TrimSpace(c[2]), "")
		if noComment.MatchString(name) {
			name = r.TranID
		}
		parts := strings.Split(name, " / ")
		r.Name, r.Aliases = parts[0], parts[1:]
		rows = append(rows, r)
		return nil
	})
	return rows, err
}

// merger folds rows into services: one per code, tran_id or normalized name.
type merger struct {
	all    []*Service
	byCode map[string]*Service
	byTran map[string]*Service
	byName map[string]*Service
}

func newMerger(existing []*Service) *merger {
	m := &merger{byCode: map[string]*Service{}, byTran: map[string]*Service{}, byName: map[string]*Service{}}
	for _, s := range existing {
		m.index(s, s.Name)
		m.all = append(m.all, s)
	}
	return m
}

func (m *merger) index(s *Service, names ...string) {
	if s.Code != "" {
		m.byCode[s.Code] = s
	}
	if s.TranID != "" {
		m.byTran[strings.ToUpper(s.TranID)] = s
	}
	for _, n := range names {
		if k := NormalizeName(n); k != "" && m.byName[k] == nil {
			m.byName[k] = s
		}
	}
}

// find returns the service a row names: by real code, real tran_id, then name.
func (m *merger) find(r Row) *Service {
	if s := m.byCode[r.Code]; r.Code != "" && s != nil {
		return s
	}
	if s := m.byTran[strings.ToUpper(r.TranID)]; r.TranID != "" && s != nil {
		return s
	}
	for _, n := range append([]string{r.Name}, r.Aliases...) {
		if s := m.byName[NormalizeName(n)]; s != nil {
			return s
		}
	}
	return nil
}

// add merges r into the service it names, or makes a new one. It returns
// the service and whether it was new.
func (m *merger) add(r Row, source string) (*Service, bool) {
	if s := m.find(r); s != nil && compatible(s, r) {
		attach(s, r, source)
		m.index(s, append([]string{r.Name}, r.Aliases...)...)
		return s, false
	}
	s := &Service{Code: r.Code, TranID: r.TranID, Name: CleanName(r.Name), Module: r.Module, Source: source}
	m.all = append(m.all, s)
	m.index(s, append([]string{r.Name}, r.Aliases...)...)
	return s, true
}

// merge is add for callers that do not care whether the service was new.
func (m *merger) merge(r Row, source string) { m.add(r, source) }

// compatible is false when both carry different real codes: two services.
func compatible(s *Service, r Row) bool {
	return r.Code == "" || s.Code == "" || s.Code == r.Code || IsProvisionalCode(s.Code)
}

func attach(s *Service, r Row, source string) {
	changed := false
	if r.Code != "" && r.Code != s.Code && (s.Code == "" || IsProvisionalCode(s.Code)) {
		s.Code, changed = r.Code, true
	}
	if r.TranID != "" && r.TranID != s.TranID && (s.TranID == "" || IsProvisionalTranID(s.TranID)) {
		s.TranID, changed = r.TranID, true
	}
	if changed { // module and kind follow the real identifiers
		s.Module, s.Kind = r.Module, ""
	}
	if s.Name == "" || (strings.HasPrefix(s.Name, "SWZJ.") && r.Name != "" && !strings.HasPrefix(r.Name, "SWZJ.")) {
		s.Name = CleanName(r.Name)
	}
	if source != "" {
		s.Source = strings.TrimPrefix(joinSources(s.Source, source), "; ")
	}
}

var (
	provCode = regexp.MustCompile(`^[A-Z]+_[A-Z]+_X\d{4}$`)
	provTran = regexp.MustCompile(`^SWZJ\.[A-Z]+\.[A-Z]+\.X\d{4}$`)
)

// IsProvisionalCode reports whether code is a provisional one (HXZG_DJ_X0001):
// real codes end in five digits, so the two can never collide.
func IsProvisionalCode(code string) bool { return provCode.MatchString(code) }

// IsProvisionalTranID reports whether id is a provisional tran_id
// (SWZJ.HXZG.DJ.X0001): real ABBRs are letters only.
func IsProvisionalTranID(id string) bool { return provTran.MatchString(id) }

// number fills in module, kind, writes, fields and provisional codes. New
// provisional numbers continue after the highest one in use in the module,
// and are handed out in (module, normalized name) order, so a rebuild from
// the same inventories gives the same numbers.
func (m *merger) number() {
	next := map[string]int{}
	var todo []*Service
	for _, s := range m.all {
		derive(s)
		for _, id := range []string{s.Code, s.TranID} {
			var n int
			if IsProvisionalCode(id) || IsProvisionalTranID(id) {
				fmt.Sscanf(id[len(id)-4:], "%d", &n)
			}
			next[s.Module] = max(next[s.Module], n)
		}
		if s.Code == "" || s.TranID == "" {
			todo = append(todo, s)
		}
	}
	sort.SliceStable(todo, func(i, j int) bool {
		a, b := todo[i], todo[j]
		if a.Module != b.Module {
			return a.Module < b.Module
		}
		return NormalizeName(a.Name) < NormalizeName(b.Name)
	})
	for _, s := range todo {
		next[s.Module]++
		sys := systemOf(s)
		if s.Code == "" {
			s.Code = fmt.Sprintf("%s_%s_X%04d", sys, s.Module, next[s.Module])
		}
		if s.TranID == "" {
			s.TranID = fmt.Sprintf("SWZJ.%s.%s.X%04d", sys, s.Module, next[s.Module])
		}
	}
	for _, s := range m.all {
		s.Provisional = IsProvisionalCode(s.Code) || IsProvisionalTranID(s.TranID)
	}
}

// systemOf is HXZG unless the tran_id or code names another system (GSGL).
func systemOf(s *Service) string {
	if p := strings.Split(s.TranID, "."); len(p) == 4 && p[0] == "SWZJ" {
		return p[1]
	}
	if p := strings.Split(s.Code, "_"); len(p) == 3 {
		return p[0]
	}
	return "HXZG"
}

// derive fills the fields computed from code, tran_id and name.
func derive(s *Service) {
	if s.Module == "" {
		s.Module = ModuleOf(s.Code, s.TranID, s.Name)
	}
	if s.Kind == "" {
		tran := s.TranID
		if IsProvisionalTranID(tran) {
			tran = ""
		}
		s.Kind = KindOf(tran, s.Name)
	}
	s.Writes = Writes(s.Kind)
	if s.Fields == nil {
		s.Fields = FieldsOf(s.Name)
	}
}

// sorted returns the services ordered by module, then code.
func (m *merger) sorted() []*Service {
	out := append([]*Service(nil), m.all...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Module != out[j].Module {
			return out[i].Module < out[j].Module
		}
		return out[i].Code < out[j].Code
	})
	return out
}

// reuse gives services without a code the provisional code and tran_id
// they had in prev (same normalized name, same module), so contract folders
// named by provisional codes survive a change to the vocabulary tables.
func (m *merger) reuse(prev []*Service) {
	old := map[string]*Service{}
	for _, p := range prev {
		if IsProvisionalCode(p.Code) || IsProvisionalTranID(p.TranID) {
			old[NormalizeName(p.Name)] = p
		}
	}
	used := map[string]bool{}
	for _, s := range m.all {
		used[s.Code], used[s.TranID] = true, true
	}
	for _, s := range m.all {
		derive(s)
		p := old[NormalizeName(s.Name)]
		if p == nil || p.Module != s.Module {
			continue
		}
		if s.Code == "" && IsProvisionalCode(p.Code) && !used[p.Code] {
			s.Code, used[p.Code] = p.Code, true
		}
		if s.TranID == "" && IsProvisionalTranID(p.TranID) && !used[p.TranID] {
			s.TranID, used[p.TranID] = p.TranID, true
		}
	}
}
