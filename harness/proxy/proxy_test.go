package proxy

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/repro"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/safety"
)

// A filing save through the proxy: the caller gets exactly the bytes the
// bus wrote (status line, headers, body), the bus gets the caller's headers
// (RESOURCE-ID) and body with nothing added, and the run folder holds a
// passing Result with class, head lint, the rows written and the
// contract's database checks.
func TestFilingSaveForwardedByteForByteAndChecked(t *testing.T) {
	type testCase struct {
		name   string
		soap   bool
		header map[string]string
	}
	run := func(t *testing.T, tc testCase) {
		b := newBus(t, "")
		tp := b.taxpayer(t)
		f := newFront(t, b.URL, b.DB, nil)
		wire := request(t, "HXZG_SB_00045", "request.xml", tp, nil)
		if tc.soap {
			wire = envelope.WrapSOAP(wire)
		}
		resp, body, _ := rawPost(t, f.Addr, tc.header, wire)
		require.Equal(t, 200, resp.StatusCode)
		sameAnswer(t, b.tap.written(), resp, body)
		got, sent := b.last()
		assert.Equal(t, string(wire), string(sent))
		for k, v := range tc.header {
			assert.Equal(t, v, got.Get(k), k)
		}
		assert.NotContains(t, got, "X-Forwarded-For")
		assert.NotContains(t, got, "Via")

		rs := f.results(t)
		require.Len(t, rs, 1)
		r := rs[0]
		assert.Equal(t, result.Pass, r.Status, "%+v", r.Checks)
		assert.Equal(t, "", r.Blame)
		assert.Equal(t, result.SourceProxy, r.Source)
		assert.Equal(t, "HXZG_SB_00045", r.Service)
		assert.Equal(t, result.ClassSuccess, r.Class)
		for _, name := range []string{"request head lint", "head lint", "required fields present", "rows written"} {
			assert.Equal(t, result.Pass, checkNamed(t, r, name).Status, name)
		}
		contractDB := map[string]string{} // the contract's own row checks, by table
		for _, c := range r.Checks {
			if table, _, ok := strings.Cut(c.Detail, ":"); ok && c.Kind == result.KindDB && c.Name != "rows written" {
				contractDB[table] = string(c.Status)
			}
		}
		assert.Equal(t, map[string]string{"HX_SB.SB_SBB": "pass", "HX_SB.SB_SBXX": "pass", "HX_ZS.ZS_YJSF": "pass"}, contractDB)
		assert.Equal(t, "3 rows", checkNamed(t, r, "rows written").Got)
		assert.Equal(t, "HX_SB.SB_SBB 1, HX_SB.SB_SBXX 1, HX_ZS.ZS_YJSF 1", checkNamed(t, r, "rows written").Detail)
		assert.Equal(t, []string{"HX_SB.SB_SBB", "HX_SB.SB_SBXX", "HX_ZS.ZS_YJSF"}, r.Written.Tables())
		assert.Equal(t, tp["djxh"], r.Written["HX_ZS.ZS_YJSF"][0]["DJXH"])
		specs := map[string]string{} // the data specification, by check
		for _, c := range r.Checks {
			if c.Kind == result.KindSpec || c.Kind == result.KindRequest {
				specs[c.Name] = string(c.Status) + " " + c.Got
			}
		}
		assert.Equal(t, map[string]string{"spec HX_SB.SB_SBB": "pass 1 written", "spec HX_SB.SB_SBXX": "pass 1 written",
			"spec HX_ZS.ZS_YJSF": "pass 1 written", "required fields present": "pass all present", "request codes": "pass 1 codes held"}, specs)
		assert.Contains(t, f.Console.String(), "HXZG_SB_00045")

		ex, err := repro.RecordedExchange(f.Dir, r.TranSeq)
		require.NoError(t, err)
		assert.Equal(t, tp["djxh"], ex.DJXH)
		assert.NotContains(t, string(ex.Message), tp["nsrmc"], "a taxpayer name must be masked on disk")
	}
	for _, tc := range []testCase{
		{name: "plain POST", header: map[string]string{"Content-Type": "application/xml; charset=utf-8", "RESOURCE-ID": "GX-DZSWJ-0001"}},
		{name: "SOAP 1.1", soap: true, header: map[string]string{"Content-Type": "text/xml; charset=utf-8", "SOAPAction": `""`, "RESOURCE-ID": "R2"}},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

// faultySave sends a filing save through the proxy to a simulator with
// faults; the caller gets the bus's answer unchanged, and the recorded
// Result is returned.
func faultySave(t *testing.T, faults string) result.Result {
	t.Helper()
	b := newBus(t, faults)
	tp := b.taxpayer(t)
	f := newFront(t, b.URL, b.DB, nil)
	resp, body, _ := rawPost(t, f.Addr, nil, request(t, "HXZG_SB_00045", "request.xml", tp, nil))
	require.Equal(t, 200, resp.StatusCode)
	sameAnswer(t, b.tap.written(), resp, body)
	return f.results(t)[0]
}

// The simulator's wrong-amount fault writes a payable one fen off: the
// recorded Result fails on the core, naming table, column, want and got.
func TestWrongAmountBlamedOnCore(t *testing.T) {
	r := faultySave(t, "wrong-amount")
	assert.Equal(t, result.Fail, r.Status)
	assert.Equal(t, result.BlameCore, r.Blame)
	c := checkNamed(t, r, "ZS_YJSF payable per item")
	assert.Equal(t, result.Fail, c.Status)
	assert.Contains(t, c.Detail, "HX_ZS.ZS_YJSF")
	assert.Contains(t, c.Detail, "YBTSE")
	assert.Equal(t, "3000.00", c.Want)
	assert.Equal(t, "3000.01", c.Got)
}

// The simulator's bad-code fault writes a tax item code that no code
// table holds into the rows of the filing: the recorded Result holds those
// rows and fails the data specification on the core, naming table,
// column, value and code table.
func TestBadCodeBlamedOnCore(t *testing.T) {
	r := faultySave(t, "bad-code")
	assert.Equal(t, result.Fail, r.Status)
	assert.Equal(t, result.BlameCore, r.Blame)
	assert.Contains(t, r.BlameReason, "spec HX_SB.SB_SBXX.ZSXM_DM code")
	assert.Equal(t, result.Pass, checkNamed(t, r, "request codes").Status, "the request sent a valid code")
	for _, table := range []string{"HX_SB.SB_SBXX", "HX_ZS.ZS_YJSF"} {
		c := checkNamed(t, r, "spec "+table+".ZSXM_DM code")
		assert.Equal(t, result.Fail, c.Status, table)
		assert.Equal(t, "a code of HX_DM_QG.DM_GY_ZSXM", c.Want, table)
		assert.Equal(t, "99999", c.Got, table)
		assert.Equal(t, "99999", r.Written[table][0]["ZSXM_DM"], table)
	}
}

// A request carrying a tax item code that no code table holds is blamed
// on the caller, whatever the core did with it.
func TestUnknownCodeInRequestBlamedOnCaller(t *testing.T) {
	b := newBus(t, "")
	tp := b.taxpayer(t)
	f := newFront(t, b.URL, b.DB, nil)
	bad := func(s string) string {
		return strings.Replace(s, "<zsxmDm>10101</zsxmDm>", "<zsxmDm>19999</zsxmDm>", 1)
	}
	rawPost(t, f.Addr, nil, request(t, "HXZG_SB_00045", "request.xml", tp, bad))
	r := f.results(t)[0]
	assert.Equal(t, result.Fail, r.Status)
	assert.Equal(t, result.BlameCaller, r.Blame)
	c := checkNamed(t, r, "request zsxmDm code")
	assert.Equal(t, result.Fail, c.Status)
	assert.Equal(t, "a code of HX_DM_QG.DM_GY_ZSXM", c.Want)
	assert.Equal(t, "19999", c.Got)
	assert.Equal(t, "request request zsxmDm code: want a code of HX_DM_QG.DM_GY_ZSXM, got 19999", r.BlameReason)
}

// A request without djxh breaks the contract's request template: blamed on
// the caller, whatever the core answered.
func TestMissingRequiredFieldBlamedOnCaller(t *testing.T) {
	b := newBus(t, "")
	tp := b.taxpayer(t)
	f := newFront(t, b.URL, b.DB, nil)
	drop := func(s string) string { return strings.Replace(s, "<djxh>"+tp["djxh"]+"</djxh>", "", 1) }
	rawPost(t, f.Addr, nil, request(t, "HXZG_SB_00045", "request.xml", tp, drop))
	r := f.results(t)[0]
	assert.Equal(t, result.Fail, r.Status)
	assert.Equal(t, result.BlameCaller, r.Blame)
	c := checkNamed(t, r, "required fields present")
	assert.Equal(t, "missing or empty: djxh", c.Got)
	assert.Contains(t, c.Detail, "HXZG_SB_00045/request.xml")
}

// On a readonly environment the proxy forwards the caller's write and
// notes it in the audit trail.
func TestReadonlyEnvironmentAudited(t *testing.T) {
	b := newBus(t, "")
	tp := b.taxpayer(t)
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	audit, err := safety.OpenAudit(path)
	require.NoError(t, err)
	env := config.Environment{Name: "preprod", Readonly: true}
	f := newFront(t, b.URL, b.DB, func(c *Config) { c.Env, c.Audit = env, audit })
	resp, _, _ := rawPost(t, f.Addr, nil, request(t, "HXZG_SB_00045", "request.xml", tp, nil))
	require.Equal(t, 200, resp.StatusCode)
	r := f.results(t)[0]
	require.NoError(t, audit.Close())
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Contains(t, string(data), `"service":"HXZG_SB_00045"`)
	assert.Contains(t, string(data), `"tran_seq":"`+r.TranSeq+`"`)
	assert.Contains(t, string(data), "readonly environment: the caller's write was forwarded")
}

// A temporary registration carries a taxpayer's name and its legal
// representative's (and the bus may echo the name in its answer's
// free-text reason): they reach the bus and the caller unchanged, but
// nothing the proxy writes or prints holds them — not results.jsonl (the
// request, the answer, the rows written, the checks), not the exchange
// files, not the console.
func TestPIIMaskedInEverythingWritten(t *testing.T) {
	b := newBus(t, "")
	tp := b.taxpayer(t)
	fields := map[string]string{"nsrmc": "广西测试临时商贸有限公司", "fddbrxm": "韦秀英", "zgswj_dm": tp["zgswj_dm"], "hy_dm": "0000"}
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		resp, err := http.Post(b.URL, r.Header.Get("Content-Type"), r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		w.Write(bytes.Replace(body, []byte("<Reason/>"), []byte("<Reason>"+fields["nsrmc"]+"已登记</Reason>"), 1))
	}))
	t.Cleanup(echo.Close)
	f := newFront(t, echo.URL, b.DB, nil)
	resp, answer, _ := rawPost(t, f.Addr, nil, request(t, "HXZG_DJ_00073", "request.xml", fields, nil))
	require.Equal(t, 200, resp.StatusCode)
	_, sent := b.last()
	assert.Contains(t, string(sent), fields["nsrmc"], "the bus gets the caller's bytes")
	assert.Contains(t, string(answer), fields["nsrmc"]+"已登记", "the caller gets the bus's bytes")
	r := f.results(t)[0]
	require.Equal(t, result.BlameCaller, r.Blame, "hyDm 0000 is in no code table: %+v", r.Checks)
	require.NotEmpty(t, r.Request, "a failing result keeps the request")
	require.Len(t, r.Written["HX_DJ.DJ_NSRXX"], 1)
	assert.NotEmpty(t, r.Written["HX_DJ.DJ_NSRXX"][0]["NSRMC"])
	var disk strings.Builder
	files, err := filepath.Glob(filepath.Join(f.Dir, "*", "*.xml"))
	require.NoError(t, err)
	require.Len(t, files, 2, "the request and the answer")
	for _, p := range append(files, filepath.Join(f.Dir, "results.jsonl")) {
		data, err := os.ReadFile(p)
		require.NoError(t, err)
		disk.Write(data)
	}
	disk.WriteString(f.Console.String())
	assert.Contains(t, disk.String(), "已登记", "the answer's reason is kept, its name masked")
	for _, name := range []string{"nsrmc", "fddbrxm"} {
		assert.NotContains(t, disk.String(), fields[name], name)
	}
}

// Secrets are scrubbed by the Redactor passed in (or, without one, by one
// that knows the environment's secrets) — not by a process-wide one.
func TestSecretsRedactedFromRunFolder(t *testing.T) {
	type testCase struct {
		name   string
		env    config.Environment
		red    *safety.Redactor
		secret string
	}
	run := func(t *testing.T, tc testCase) {
		dir := t.TempDir()
		p, err := New(Config{Upstream: "http://127.0.0.1:1/", Out: dir, Env: tc.env, Redactor: tc.red,
			Args: []string{"proxy", "--db", "postgres://gt3:" + tc.secret + "@db/core"}})
		require.NoError(t, err)
		require.NoError(t, p.Close())
		data, err := os.ReadFile(filepath.Join(dir, "run.json"))
		require.NoError(t, err)
		assert.NotContains(t, string(data), tc.secret)
		assert.Contains(t, string(data), "postgres://gt3:***@db/core")
	}
	for _, tc := range []testCase{
		{name: "the environment's password", env: config.Environment{Name: "preprod", DBPassword: "Pw-of-env-77"}, secret: "Pw-of-env-77"},
		{name: "a Redactor passed in", red: safety.NewRedactor("Pw-passed-88"), secret: "Pw-passed-88"},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}
