package sim

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/coredb"
)

// testSession is a simulator under test and its database.
type testSession struct {
	db   *coredb.DB
	base string
}

func TestMalformedRequests(t *testing.T) {
	type testCase struct{ name, payload, reason string }
	good := envelopeFor("SWZJ.HXZG.DJ.CXNSRZTBYDHXH", seqN("m"), taxML("R", el("djxh", tDJXH)), false)
	cases := []testCase{
		{"not xml", "hello", "malformed"},
		{"truncated", good[:len(good)/2], "malformed"},
		{"wrong root", "<foo/>", "<service>"},
		{"no head", `<service xmlns="http://www.chinatax.gov.cn/spec/"><body/></service>`, "<head>"},
		{"short tran_seq", strings.Replace(good, seqN("m"), "123", 1), "tran_seq"},
		{"body not xml", strings.Replace(good, cdata(taxML("R", el("djxh", tDJXH))), "<![CDATA[<taxML><a>]]>", 1), "body"},
		{"soap without service", `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body/></soap:Envelope>`, "SOAP"},
	}
	base := serve(t, newSim(t, newDB(t, "sqlite"), ""))
	run := func(t *testing.T, tc testCase) {
		r := post(t, nil, base, tc.payload)
		require.Equal(t, http.StatusOK, r.Status)
		require.Equal(t, "1", r.RtnCode)
		require.Equal(t, "003", r.Code)
		require.Contains(t, r.Reason, tc.reason)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestSOAPAndHeadEcho(t *testing.T) {
	base := serve(t, newSim(t, newDB(t, "sqlite"), ""))
	seq := seqN("soap")
	payload := envelopeFor("SWZJ.HXZG.DJ.CXNSRZTBYDHXH", seq, taxML("HXZGDJ00205Request", el("djxh", tDJXH)), true)
	r := post(t, nil, base, payload)
	require.Contains(t, string(r.Raw), "soap:Envelope", "a SOAP request gets a SOAP answer")
	require.Equal(t, "0", r.RtnCode, r.Reason)
	require.Equal(t, "03", r.get("//nsrztDm"))
	require.Equal(t, seq, r.Head.SelectElement("tran_seq").Text())
	require.Equal(t, "GX.DZSWJ.TEST", r.Head.SelectElement("channel_id").Text())
	require.Equal(t, "14501000000", r.Head.FindElement("expand/value").Text())
	require.Regexp(t, `xsi:type="HXZGDJ00205Response"`, string(r.Raw))
	bare := post(t, nil, base, envelopeFor("SWZJ.HXZG.DJ.CXNSRZTBYDHXH", seq, taxML("R", el("djxh", tDJXH)), false))
	require.NotContains(t, string(bare.Raw), "Envelope")
	resp, err := http.Get(base + "/healthz")
	require.NoError(t, err)
	require.Equal(t, 200, resp.StatusCode)
	resp.Body.Close()
}

func TestCatalogServicesWithoutSemantics(t *testing.T) {
	type testCase struct {
		name, tranID, body, rtn, want string
	}
	catalog := []ServiceInfo{
		{Code: "HXZG_SB_00494X", TranID: "SWZJ.HXZG.SB.CXSOMETHING", Kind: "query"},
		{Code: "HXZG_FP_00006", TranID: "SWZJ.HXZG.FP.BCLGBJBXX", Kind: "save", Writes: true, Fields: []string{"djxh", "fpzlDm"}},
		{Code: "HXZG_SB_00045", TranID: "SWZJ.HXZG.SB.X0449", Kind: "save", Writes: true},
	}
	cases := []testCase{
		{"read-only: empty grid", "SWZJ.HXZG.SB.CXSOMETHING", el("djxh", tDJXH), "0", "<cxjgGrid/>"},
		{"write missing fields", "SWZJ.HXZG.FP.BCLGBJBXX", el("djxh", tDJXH), "3", "fpzlDm"},
		{"write with all fields", "SWZJ.HXZG.FP.BCLGBJBXX", fieldsXML("djxh", tDJXH, "fpzlDm", "026"), "0", "<cgbz>Y</cgbz>"},
		{"unknown tran_id", "SWZJ.HXZG.SB.NOSUCH", el("djxh", tDJXH), "2", "javax.naming.CommunicationException"},
		{"catalog alias of a built-in", "SWZJ.HXZG.SB.X0449", el("djxh", tDJXH), "3", "skssqq"},
	}
	base := serve(t, newSim(t, newDB(t, "sqlite"), "", catalog...))
	run := func(t *testing.T, tc testCase) {
		r := callSim(t, base, tc.tranID, seqN(tc.name), tc.body)
		require.Equal(t, tc.rtn, r.RtnCode, r.Reason)
		require.Contains(t, string(r.Raw), tc.want)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

// TestConcurrentRequests sends 1,000 requests (queries and saves) from 64
// goroutines over a real port: every one is answered, none with a lock error.
func TestConcurrentRequests(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *coredb.DB) {
		var log bytes.Buffer
		s, err := New(Config{DB: db, Seed: 1, Log: &syncWriter{w: &log}})
		require.NoError(t, err)
		url, stop, err := Start(context.Background(), "127.0.0.1:0", s)
		require.NoError(t, err)
		defer stop()
		const n, workers = 1000, 64
		jobs := make(chan int)
		results := make(chan *reply, n)
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range jobs {
					results <- post(t, nil, url, concurrentPayload(i))
				}
			}()
		}
		for i := 0; i < n; i++ {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
		close(results)
		byCode := map[string]int{}
		for r := range results {
			require.NotContains(t, r.Reason, "locked")
			byCode[r.RtnCode]++
		}
		require.Equal(t, n, byCode["0"]+byCode["3"], "all answered as success or refusal: %v", byCode)
		require.Equal(t, 100, countRows(t, db, "SELECT SBUUID FROM HX_SB.SB_SBB"), "one filing per distinct month")
		require.Equal(t, n, strings.Count(log.String(), "\n"), "one log line per request")
	})
}

// concurrentPayload is request i: every tenth a save for a distinct month
// (of 100 months), the rest queries.
func concurrentPayload(i int) string {
	seq := seqN(fmt.Sprintf("c%d", i))
	if i%10 == 0 {
		y, m := 2000+(i/10)/12+20, (i/10)%12+1
		qq := fmt.Sprintf("%04d-%02d-01", y, m)
		qz := fmt.Sprintf("%04d-%02d-28", y, m)
		return envelopeFor(trXgmSave, seq, taxML("R", vatBody(qq, qz, "10.00")), false)
	}
	tr := []string{"SWZJ.HXZG.DJ.CXNSRXXBYDJXHORNSRSBH", trUnpaid, "SWZJ.HXZG.RD.CXSFZRDXX", trFiled}[i%4]
	return envelopeFor(tr, seq, taxML("R", el("djxh", tDJXH)), i%3 == 0)
}

func TestLogLines(t *testing.T) {
	var log bytes.Buffer
	s, err := New(Config{DB: newDB(t, "sqlite"), Log: &log})
	require.NoError(t, err)
	base := serve(t, s)
	callSim(t, base, trXgmSave, seqN("l1"), vatBody("2026-01-01", "2026-03-31", "1.00"))
	callSim(t, base, "SWZJ.HXZG.DJ.CXNSRZTBYDHXH", seqN("l2"), el("djxh", tDJXH))
	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	require.Len(t, lines, 2)
	var first, second map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[0]), &first))
	require.NoError(t, json.Unmarshal([]byte(lines[1]), &second))
	require.Equal(t, trXgmSave, first["tran_id"])
	require.Equal(t, seqN("l1"), first["tran_seq"])
	require.Equal(t, true, first["writes"])
	require.Equal(t, false, second["writes"])
	require.Regexp(t, regexp.MustCompile(`^\d{4}-\d\d-\d\dT`), first["at"])
}

// syncWriter makes a buffer safe to read after concurrent writes.
type syncWriter struct {
	mu sync.Mutex
	w  *bytes.Buffer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func TestImplementedCoverage(t *testing.T) {
	real := map[string]string{}
	tsv, err := os.ReadFile("../../contracts/inventory/public-service-map.tsv")
	require.NoError(t, err)
	for _, line := range strings.Split(string(tsv), "\n") {
		if f := strings.Split(line, "\t"); len(f) > 2 && f[0] != "" {
			real[f[0]] = f[1]
		}
	}
	modules := map[string]int{}
	provisional := regexp.MustCompile(`^HXZG_[A-Z]+_X\d{4}$`)
	for _, s := range Implemented() {
		modules[s.Module]++
		if tr, ok := real[s.Code]; ok {
			require.Equal(t, tr, s.TranID, "%s: the real tran_id", s.Code)
		} else if !provisional.MatchString(s.Code) {
			require.Contains(t, []string{"HXZG_SB_00065", "HXZG_SB_01284", "HXZG_SB_01285"}, s.Code, "codes named by the source document")
		}
	}
	require.GreaterOrEqual(t, len(Implemented()), 40)
	for _, m := range []string{"DJ", "RD", "SB", "ZS", "FP"} {
		require.Positive(t, modules[m], m)
	}
}

// BenchmarkQueryRoundTrip measures one taxpayer query over HTTP (SQLite file).
func BenchmarkQueryRoundTrip(b *testing.B) {
	db := newDB(b, "sqlite")
	base := serve(b, newSim(b, db, ""))
	payload := envelopeFor("SWZJ.HXZG.DJ.CXNSRXXBYDJXHORNSRSBH", seqN("bench"), taxML("R", el("djxh", tDJXH)), false)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		resp, err := http.Post(base, "text/xml", strings.NewReader(payload))
		if err != nil {
			b.Fatal(err)
		}
		resp.Body.Close()
	}
}
