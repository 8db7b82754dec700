package loadgen_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/cmd/gt3ct-bench/loadgen"
	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/transport"
)

// answerBody is a ~2 KB answer document.
var answerBody = `<taxML xsi:type="HXZGSB00044Response" xmlns="http://www.chinatax.gov.cn/dataspec/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><sbxxGrid>` +
	strings.Repeat(`<sbxxGridlb><zsxmDm>10101</zsxmDm><zspmDm>101017101</zspmDm><ybtse>1.02E7</ybtse><mc>增值税</mc></sbxxGridlb>`, 12) +
	`</sbxxGrid></taxML>`

// bus is a real HTTP stand-in for the bus: it echoes the request head and
// answers with rtn_code (from the X-Rtn header of the test, else "0").
// A request whose body holds "BADSEQ" gets another tran_seq back.
func bus(t testing.TB, rtn string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		m, err := envelope.Parse(b)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		h := m.Head
		h.RtnCode, h.Code, h.Message = rtn, "000", "ok"
		if strings.Contains(m.Body, "BADSEQ") {
			h.TranSeq = strings.Repeat("f", 32)
		}
		body := answerBody
		if rtn != "0" {
			h.Code, h.Message, body = "300", "业务校验未通过", ""
		}
		_, _ = w.Write(envelope.BuildResponse(h, body))
	}))
	t.Cleanup(srv.Close)
	return srv
}

func request(body string) []byte {
	wire, _ := envelope.Builder{}.Build(envelope.Request{TranID: "SWZJ.HXZG.SB.CXSBXX", ChannelID: "GT3CT.SIM", Body: body})
	return wire
}

func client(t testing.TB, url string) *transport.Client {
	c, err := transport.New(transport.Options{Endpoint: url, Retries: -1})
	require.NoError(t, err)
	return c
}

func TestRecorderKeepsReplayableReads(t *testing.T) {
	type testCase struct {
		name   string
		rtn    string
		writes bool
		sends  int
		max    int
		want   int
	}
	run := func(t *testing.T, tc testCase) {
		dir := t.TempDir()
		rec := &loadgen.Recorder{Inner: client(t, bus(t, tc.rtn).URL), Dir: dir, Max: tc.max}
		for range tc.sends {
			_, err := rec.Send(context.Background(), request("<taxML/>"), tc.writes)
			require.NoError(t, err)
		}
		n, err := rec.Count()
		require.NoError(t, err)
		assert.Equal(t, tc.want, n)
		files, _ := filepath.Glob(filepath.Join(dir, "req-*.xml"))
		assert.Len(t, files, tc.want)
	}
	for _, tc := range []testCase{
		{name: "successful reads are recorded", rtn: "0", sends: 3, max: 10, want: 3},
		{name: "up to max", rtn: "0", sends: 5, max: 2, want: 2},
		{name: "writes are never recorded", rtn: "0", writes: true, sends: 3, max: 10, want: 0},
		{name: "refused answers are not replayable", rtn: "3", sends: 3, max: 10, want: 0},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestWriteTargets(t *testing.T) {
	dir := t.TempDir()
	for i, name := range []string{"req-0001.xml", "req-0002.xml"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), request("<taxML><n>"+string(rune('1'+i))+"</n></taxML>"), 0o644))
	}
	require.NoError(t, loadgen.WriteTargets(dir, "http://127.0.0.1:9/"))

	vt, err := os.ReadFile(filepath.Join(dir, loadgen.VegetaFile))
	require.NoError(t, err)
	blocks := strings.Split(strings.TrimSpace(string(vt)), "\n\n")
	require.Len(t, blocks, 2)
	lines := strings.Split(blocks[1], "\n")
	assert.Equal(t, "POST http://127.0.0.1:9/", lines[0])
	assert.Equal(t, "Content-Type: text/xml; charset=UTF-8", lines[1])
	assert.Equal(t, "@"+filepath.Join(dir, "req-0002.xml"), lines[2])

	var col struct {
		Item []struct {
			Request struct {
				Method string
				Body   struct{ Raw string }
			}
			Event []struct{ Script struct{ Exec []string } }
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, loadgen.PostmanFile))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &col))
	require.Len(t, col.Item, 2)
	assert.Equal(t, "POST", col.Item[0].Request.Method)
	assert.Contains(t, col.Item[1].Request.Body.Raw, "<n>2</n>")
	require.Len(t, col.Item[0].Event, 1)
	assert.Len(t, col.Item[0].Event[0].Script.Exec, 2, "two assertions per request")
	assert.Contains(t, strings.Join(col.Item[0].Event[0].Script.Exec, "\n"), loadgen.OKCode)
}

func TestWriteTargetsWithoutRecordings(t *testing.T) {
	err := loadgen.WriteTargets(t.TempDir(), "http://127.0.0.1:9/")
	assert.ErrorContains(t, err, "no req-*.xml")
}

func TestReplay(t *testing.T) {
	type testCase struct {
		name   string
		rtn    string
		bodies []string
		url    string // "" = the test bus
		want   loadgen.Report
	}
	run := func(t *testing.T, tc testCase) {
		url := tc.url
		if url == "" {
			url = bus(t, tc.rtn).URL
		}
		var wires [][]byte
		for _, b := range tc.bodies {
			wires = append(wires, request(b))
		}
		reqs, err := loadgen.Prepare(wires)
		require.NoError(t, err)
		rep := loadgen.Replay(context.Background(), client(t, url), reqs, loadgen.Options{Concurrency: 2})
		assert.Equal(t, tc.want.Requests, rep.Requests, "requests")
		assert.Equal(t, tc.want.Errors, rep.Errors, "errors")
		assert.Equal(t, tc.want.Failed, rep.Failed, "failed")
	}
	for _, tc := range []testCase{
		{name: "every answer passes", rtn: "0", bodies: []string{"<taxML/>", "<taxML/>", "<taxML/>"}, want: loadgen.Report{Requests: 3}},
		{name: "tran_seq not echoed fails", rtn: "0", bodies: []string{"<taxML>BADSEQ</taxML>", "<taxML/>"}, want: loadgen.Report{Requests: 2, Failed: 1}},
		{name: "business refusal fails", rtn: "3", bodies: []string{"<taxML/>"}, want: loadgen.Report{Requests: 1, Failed: 1}},
		{name: "dead endpoint is an error", url: "http://127.0.0.1:1/", bodies: []string{"<taxML/>"}, want: loadgen.Report{Errors: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestPrepareRejectsGarbage(t *testing.T) {
	_, err := loadgen.Prepare([][]byte{request("<taxML/>"), []byte("not xml")})
	assert.ErrorContains(t, err, "request 2")
}

// BenchmarkCheckAnswer2KB is the per-answer work of a nightly without a
// database on a typical 2 KB answer: build the answer envelope (standing in
// for the bus), parse, classify, envelope checks and one XPath assertion.
func BenchmarkCheckAnswer2KB(b *testing.B) {
	reqs, err := loadgen.Prepare([][]byte{request("<taxML/>")})
	require.NoError(b, err)
	h := reqs[0].Head
	h.RtnCode, h.Code, h.Message = "0", "000", "ok"
	b.SetBytes(int64(len(envelope.BuildResponse(h, answerBody))))
	b.ReportAllocs()
	for b.Loop() {
		if !loadgen.CheckAnswer(reqs[0], envelope.BuildResponse(h, answerBody)) {
			b.Fatal("answer did not pass")
		}
	}
}

// BenchmarkReplayLoopback is send+parse+classify+XPath over loopback HTTP
// with 8 workers (the throughput figure of make bench, without vegeta).
func BenchmarkReplayLoopback(b *testing.B) {
	c := client(b, bus(b, "0").URL)
	reqs, err := loadgen.Prepare([][]byte{request("<taxML/>")})
	require.NoError(b, err)
	b.ReportAllocs()
	b.ResetTimer()
	rep := loadgen.Replay(context.Background(), c, repeatN(reqs[0], b.N), loadgen.Options{Concurrency: 8})
	if rep.Failed+rep.Errors > 0 {
		b.Fatal(rep)
	}
}

func repeatN(p loadgen.Prepared, n int) []loadgen.Prepared {
	out := make([]loadgen.Prepared, n)
	for i := range out {
		out[i] = p
	}
	return out
}
