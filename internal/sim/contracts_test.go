package sim

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"text/template"

	"github.com/stretchr/testify/require"
	"gopkg.in/yaml.v3"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/internal/coredb"
)

const contractsDir = "../../contracts/services"

// fixture is the sample taxpayer the contracts render with (the seeded one).
func fixture() map[string]string {
	return map[string]string{"djxh": tDJXH, "nsrsbh": tNSRSBH, "shxydm": tNSRSBH, "nsrmc": tNSRMC, "fddbrxm": "张三",
		"fddbrsfzjhm": "450103198001010011", "zgswj_dm": "14501030000", "zgswskfj_dm": "14501030100",
		"hy_dm": "5212", "djzclx_dm": "173", "jyfw": "日用百货零售", "nsrzglx_dm": "201"}
}

// loadContract decodes contract.yaml strictly (unknown keys are errors).
func loadContract(t *testing.T, code string) *catalog.Contract {
	t.Helper()
	f, err := os.Open(filepath.Join(contractsDir, code, "contract.yaml"))
	require.NoError(t, err, "every implemented service has a contract")
	defer f.Close()
	dec := yaml.NewDecoder(f)
	dec.KnownFields(true)
	var c catalog.Contract
	require.NoError(t, dec.Decode(&c), code)
	require.Equal(t, code, c.Code)
	require.NotEmpty(t, c.Cases)
	c.Dir = filepath.Join(contractsDir, code)
	return &c
}

// TestContractsRunAgainstSim renders every contract of an implemented
// service and runs its cases twice (contracts must be repeatable) against
// a seeded simulator, checking class, XPath assertions and database rows.
func TestContractsRunAgainstSim(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *coredb.DB) {
		base := serve(t, newSim(t, db, ""))
		for _, svc := range Implemented() {
			c := loadContract(t, svc.Code)
			for _, cs := range c.Cases {
				t.Run(svc.Code+"/"+cs.Name, func(t *testing.T) {
					for round := 0; round < 2; round++ {
						runCase(t, base, db, c, cs)
					}
				})
			}
		}
	})
}

func runCase(t *testing.T, base string, db *coredb.DB, c *catalog.Contract, cs catalog.Case) {
	vals := fixture()
	for k, v := range cs.Vars {
		vals[k] = v
	}
	steps := cs.Steps
	if len(steps) == 0 {
		req := cs.Request
		if req == "" {
			req = "request.xml"
		}
		steps = []catalog.Step{{Service: c.Code, Request: req, Expect: cs.Expect, DB: cs.DB}}
	}
	for i, st := range steps {
		for k, v := range st.Vars {
			vals[k] = v
		}
		body := render(t, filepath.Join(c.Dir, st.Request), vals)
		tranID := tranIDOf(t, st.Service)
		r := post(t, nil, base, envelopeFor(tranID, seqN(newUUID()[:20]), body, i%2 == 1))
		class := map[string]string{"0": "success", "3": "business"}[r.RtnCode]
		want := st.Expect.Class
		if want == "" {
			want = "success"
		}
		require.Equal(t, want, class, "step %d %s: %s", i, st.Service, r.Reason)
		for name, path := range st.Save {
			vals[name] = r.get(path)
			require.NotEmpty(t, vals[name], "save %s from %s", name, path)
		}
		for _, a := range st.Expect.XPath {
			checkXPath(t, r, a, vals)
		}
		for _, d := range st.DB {
			checkDB(t, db, d, vals)
		}
	}
}

func tranIDOf(t *testing.T, code string) string {
	for _, s := range Implemented() {
		if s.Code == code || s.TranID == code {
			return s.TranID
		}
	}
	t.Fatalf("step service %s is not implemented", code)
	return ""
}

func render(t *testing.T, file string, vals map[string]string) string {
	t.Helper()
	text, err := os.ReadFile(file)
	require.NoError(t, err)
	return renderText(t, string(text), vals)
}

func renderText(t *testing.T, text string, vals map[string]string) string {
	t.Helper()
	tpl, err := template.New("t").Option("missingkey=error").Parse(text)
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, tpl.Execute(&b, vals))
	return b.String()
}

func checkXPath(t *testing.T, r *reply, a catalog.XPathAssert, vals map[string]string) {
	t.Helper()
	path := renderText(t, a.Path, vals)
	got := r.Body.FindElements(path)
	switch {
	case a.Count != nil:
		require.Len(t, got, *a.Count, path)
	case a.Exists:
		require.NotEmpty(t, got, path)
	case a.Absent:
		require.Empty(t, got, path)
	case a.Matches != "":
		require.NotEmpty(t, got, path)
		require.Regexp(t, a.Matches, got[0].Text(), path)
	default:
		require.NotEmpty(t, got, path)
		want := renderText(t, a.Equals, vals)
		if a.Number {
			require.Equal(t, cents(want), cents(got[0].Text()), path)
		} else {
			require.Equal(t, want, got[0].Text(), path)
		}
	}
}

var namedParam = regexp.MustCompile(`:([a-z_][a-z0-9_]*)`)

func checkDB(t *testing.T, db *coredb.DB, d catalog.DBCheck, vals map[string]string) {
	t.Helper()
	for _, m := range namedParam.FindAllStringSubmatch(d.SQL, -1) {
		_, ok := vals[m[1]]
		require.True(t, ok, "%s: no value for :%s", d.Name, m[1])
	}
	rs, err := db.Select(context.Background(), d.SQL, vals) // binds dates the way the schema stores them
	require.NoError(t, err, d.Name)
	got := make([]map[string]string, len(rs))
	for i, r := range rs {
		got[i], _ = r.Strings()
	}
	if d.ExpectRows != nil {
		require.Len(t, got, *d.ExpectRows, d.Name)
	}
	if d.Rows == nil {
		return
	}
	require.Len(t, got, len(d.Rows), d.Name)
	for _, want := range d.Rows {
		require.True(t, hasRow(t, got, want, vals), "%s: no row %v in %v", d.Name, want, got)
	}
}

func hasRow(t *testing.T, got []map[string]string, want map[string]string, vals map[string]string) bool {
	for _, g := range got {
		ok := true
		for k, v := range want {
			if canon(g[strings.ToUpper(k)]) != canon(renderText(t, v, vals)) {
				ok = false
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// canon trims a value, a midnight time (a DATE read back as
// "2025-07-01 00:00:00") and the trailing zeros of a decimal ("3000.00"),
// so values compare as the core holds them.
func canon(s string) string {
	s = strings.TrimSuffix(strings.TrimSpace(s), " 00:00:00")
	if _, err := strconv.ParseFloat(s, 64); err == nil && strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}
