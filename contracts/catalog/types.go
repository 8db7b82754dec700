// Package catalog is the model of the HXZG service catalog: services, their
// contracts (request templates, expectations, database cross-checks) and the
// coverage levels. Loading, building and importing live beside these types.
package catalog

import "io/fs"

// Service kinds, derived from the tran_id verb and the name where not given.
const (
	KindQuery = "query" // 查询 CX: reads only
	KindSave  = "save"  // 保存 BC, 作废 ZF, 提交, 缴款…: writes
	KindCheck = "check" // 校验 / 事前监控 JY, SQJK: reads only
	KindInit  = "init"  // 初始化 CSH: reads only
	KindOther = "other" // unknown: treated as writing by the read-only guard
)

// Coverage levels, cumulative: listed ⊇ routed ⊇ schema ⊇ templated ⊇
// verified. A schema-level service has a contract generated from the
// site's business schemas (catalog import-xsd): its request is built from
// the request schema and both messages are validated.
const (
	LevelListed    = "listed"
	LevelRouted    = "routed"
	LevelSchema    = "schema"
	LevelTemplated = "templated"
	LevelVerified  = "verified"
)

// Levels in ascending order.
var Levels = []string{LevelListed, LevelRouted, LevelSchema, LevelTemplated, LevelVerified}

// Service is one row of the catalog (contracts/catalog.tsv) merged with its
// hand-written contract when contracts/services/<code>/contract.yaml exists.
type Service struct {
	Code        string    `json:"code" yaml:"code"`               // HXZG_SB_00045, or HXZG_SB_P0001 when provisional
	TranID      string    `json:"tran_id" yaml:"tran_id"`         // SWZJ.HXZG.SB.BCZZSXGMSB
	Name        string    `json:"name" yaml:"name"`               // Chinese name
	Module      string    `json:"module" yaml:"module"`           // DJ RD SB ZS FP PZ YH …
	Kind        string    `json:"kind" yaml:"kind"`               // query save check init other
	Writes      bool      `json:"writes" yaml:"writes"`           // true when the service changes core data
	Provisional bool      `json:"provisional" yaml:"provisional"` // code or tran_id is not a known real one
	Fields      []string  `json:"fields,omitempty" yaml:"fields"` // body fields of the smoke case (djxh, skssqq…)
	Source      string    `json:"source,omitempty" yaml:"source"` // where the code/tran_id came from
	Level       string    `json:"level" yaml:"-"`                 // computed coverage level
	Contract    *Contract `json:"-" yaml:"-"`                     // nil for routed-only services
	// LoadErr is why the service's contract.yaml did not load (unknown key,
	// YAML syntax, missing template, code/folder mismatch), naming file:line.
	// Such a service has no Contract and must never fall back to its smoke
	// case: every run of it is an error with this reason.
	LoadErr error `json:"-" yaml:"-"`
}

// Contract is a hand-written contract: contracts/services/<code>/contract.yaml
// plus the template files beside it.
type Contract struct {
	Dir     string `yaml:"-"`       // folder holding contract.yaml (for file:line errors and template paths)
	Code    string `yaml:"code"`    // must equal the folder name
	Profile string `yaml:"profile"` // fixture profile used by default: xgm, ybnsr, gtgsh
	XSD     XSDs   `yaml:"xsd"`     // optional business schemas, relative to Dir
	// Generated marks a contract written by catalog import-xsd (nil for a
	// hand-written one): a re-import rewrites it, never a hand-written one.
	Generated *Generated `yaml:"generated"`
	// Writes lists the core tables the service writes (HX_SB.SB_SBB, …): the
	// simulator's tests hold it to what the simulator writes, and catalog
	// lint requires the contract's cases to read every one of them.
	Writes     []string `yaml:"writes"`
	WritesLine int      `yaml:"-"` // line of writes: in contract.yaml
	Cases      []Case   `yaml:"cases"`

	FS     fs.FS  `yaml:"-"` // file system holding Dir (the embedded copy or a folder on disk)
	Origin string `yaml:"-"` // prefix of Dir in error places: "contracts" or "embedded:contracts"
}

// Generated says where a generated contract came from.
type Generated struct {
	By      string   `yaml:"by"`      // the command: "catalog import-xsd"
	Sources []string `yaml:"sources"` // the schema or field-list files it was made from
	SHA256  string   `yaml:"sha256"`  // of the sources and the bindings: unchanged inputs, unchanged contract
}

// XSDs names the business schemas of a contract, relative to its folder.
type XSDs struct {
	Request  string `yaml:"request"`
	Response string `yaml:"response"`
}

// Case is one named scenario. A case either sends one request (Request, the
// template file relative to Dir, default request.xml) or chains Steps.
type Case struct {
	Name    string            `yaml:"name"`
	Profile string            `yaml:"profile"` // overrides Contract.Profile
	Vars    map[string]string `yaml:"vars"`    // case variables, templates see them as {{.name}}
	Request string            `yaml:"request"` // template file; default request.xml
	Expect  Expect            `yaml:"expect"`
	DB      []DBCheck         `yaml:"db"`
	Steps   []Step            `yaml:"steps"`   // multi-step chain; when set, Request/Expect/DB of the case are unused
	Fixture string            `yaml:"fixture"` // masked snapshot (relative to Dir) seeded under fresh identifiers; its identifiers are the case's data
	Line    int               `yaml:"-"`       // line of the case in contract.yaml
}

// Step is one message of a multi-step case. Values captured by Save are
// visible to later steps' templates and checks as {{.name}} and :name.
type Step struct {
	Service string            `yaml:"service"` // code or tran_id of the service to call
	Request string            `yaml:"request"` // template file relative to the case's contract dir
	Vars    map[string]string `yaml:"vars"`
	Save    map[string]string `yaml:"save"` // name -> XPath into the answer body, e.g. pzxh: //pzxh
	// Adopt names saved values that are DJXHs of taxpayers this step created
	// (the core chose them, outside the test block): they join the run's
	// ledger so that cleanup removes their rows too.
	Adopt  []string  `yaml:"adopt"`
	Expect Expect    `yaml:"expect"`
	DB     []DBCheck `yaml:"db"`
	// Reconcile, instead of a service call, names a reconcile spec
	// (contracts/reconcile/<NAME>.yaml): the step sends nothing and compares
	// the caller's database with the core for the case's DJXH, over the
	// period From..To (templates over the case's vars; empty = unbounded).
	Reconcile string `yaml:"reconcile"`
	From      string `yaml:"from"`
	To        string `yaml:"to"`
	Line      int    `yaml:"-"`
}

// ReconcileDir is the folder of the reconcile specs in a contracts tree.
const ReconcileDir = "reconcile"

// Sends reports whether the step sends a message (every step but a
// reconcile step).
func (st Step) Sends() bool { return st.Reconcile == "" }

// SendsNothing reports whether every step of the case is a reconcile step:
// such a case sends no message at all.
func (c Case) SendsNothing() bool {
	for _, st := range c.Steps {
		if st.Sends() {
			return false
		}
	}
	return len(c.Steps) > 0
}

// Expect is what the answer must look like.
type Expect struct {
	Class   string        `yaml:"class"`  // success (default), business, …
	Reason  string        `yaml:"reason"` // regular expression the head's rtn_msg/Reason must match (refusals)
	XPath   []XPathAssert `yaml:"xpath"`
	Compare *Compare      `yaml:"compare"`
}

// XPathAssert is one assertion on the answer body. Exactly one of Equals,
// Matches, Exists, Count or Absent applies; Equals values may use templates.
// Paths are namespace-agnostic (prefixes are ignored).
type XPathAssert struct {
	Path    string `yaml:"path"`
	Equals  string `yaml:"equals"`
	Matches string `yaml:"matches"` // regular expression
	Exists  bool   `yaml:"exists"`
	Absent  bool   `yaml:"absent"`
	Count   *int   `yaml:"count"`
	Number  bool   `yaml:"number"` // compare Equals as decimals by value
	Line    int    `yaml:"-"`
}

// Compare is a namespace-agnostic comparison of the whole answer body against
// an expected document (a template file), ignoring the listed paths.
type Compare struct {
	File   string   `yaml:"file"`
	Ignore []string `yaml:"ignore"`
}

// DBCheck is a database cross-check: SQL with named parameters (:djxh, :pzxh)
// bound from the fixture, the case variables, the request and the answer,
// compared with expected rows (values may use templates).
type DBCheck struct {
	Name        string              `yaml:"name"`
	DB          string              `yaml:"db"` // database the check reads: empty for the core, else a name from the env's databases (etax)
	SQL         string              `yaml:"sql"`
	Key         []string            `yaml:"key"`           // columns that match rows regardless of order
	Ignore      []string            `yaml:"ignore"`        // columns not compared
	Rows        []map[string]string `yaml:"rows"`          // expected rows; empty with ExpectRows 0 means none
	ExpectRows  *int                `yaml:"expect_rows"`   // exact row count, e.g. 0 after a pre-check
	NullIsEmpty *bool               `yaml:"null_is_empty"` // NULL equals '' (default true)
	Poll        string              `yaml:"poll"`          // keep polling until this deadline (e.g. 2s) for async writes
	Line        int                 `yaml:"-"`
}
