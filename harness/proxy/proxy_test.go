package proxy

import (
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
		var tables []string
		for _, tb := range r.Rows {
			tables = append(tables, tb.Check)
		}
		assert.Contains(t, tables, "rows written: HX_ZS.ZS_YJSF")
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

// The simulator's wrong-amount fault writes a payable one fen off: the
// recorded Result fails on the core, naming table, column, want and got.
func TestWrongAmountBlamedOnCore(t *testing.T) {
	b := newBus(t, "wrong-amount")
	tp := b.taxpayer(t)
	f := newFront(t, b.URL, b.DB, nil)
	resp, body, _ := rawPost(t, f.Addr, nil, request(t, "HXZG_SB_00045", "request.xml", tp, nil))
	require.Equal(t, 200, resp.StatusCode)
	sameAnswer(t, b.tap.written(), resp, body)
	r := f.results(t)[0]
	assert.Equal(t, result.Fail, r.Status)
	assert.Equal(t, result.BlameCore, r.Blame)
	c := checkNamed(t, r, "ZS_YJSF payable per item")
	assert.Equal(t, result.Fail, c.Status)
	assert.Contains(t, c.Detail, "HX_ZS.ZS_YJSF")
	assert.Contains(t, c.Detail, "YBTSE")
	assert.Equal(t, "3000.00", c.Want)
	assert.Equal(t, "3000.01", c.Got)
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
