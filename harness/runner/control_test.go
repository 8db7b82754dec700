package runner

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/render"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/transport"
)

// chainYAML is a three-step case: open (saves a number), file (sends it),
// close. Each step expects success and the file step an amount.
const chainYAML = `code: HXZG_TS_00001
cases:
  - name: chain
    steps:
      - service: HXZG_TS_00001
        request: open.xml
        save: {lsh: "//lsh"}
        expect: {class: success}
      - service: HXZG_TS_00002
        request: file.xml
        expect:
          class: success
          xpath:
            - {path: "//je", equals: "100.00"}
            - {path: "//lsh", equals: "{{.lsh}}"}
      - service: HXZG_TS_00003
        request: close.xml
`

// scripted is one scripted answer: rtn_code, Code and business body.
type scripted struct{ rtn, code, body string }

// bus is an httptest server answering each service (by tran_id) with its
// scripted answer, echoing the request head; it records the bodies sent.
type bus struct {
	*httptest.Server
	mu   sync.Mutex
	sent []string // tran_id: body, in order
}

func newBus(t *testing.T, script map[string]scripted) *bus {
	b := &bus{}
	b.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		req, err := envelope.Parse(raw)
		require.NoError(t, err)
		b.mu.Lock()
		b.sent = append(b.sent, req.Head.TranID+": "+req.Body)
		b.mu.Unlock()
		a := script[req.Head.TranID]
		h := req.Head
		h.RtnCode, h.Code, h.Message = a.rtn, a.code, "scripted"
		_, _ = w.Write(envelope.BuildResponse(h, a.body))
	}))
	t.Cleanup(b.Close)
	return b
}

// chainRunner is a runner over the chain contract that sends to url.
func chainRunner(t *testing.T, url string) (*Runner, *catalog.Service) {
	fsys := fstest.MapFS{
		"svc/HXZG_TS_00001/contract.yaml": {Data: []byte(chainYAML)},
		"svc/HXZG_TS_00001/open.xml":      {Data: []byte(`<taxML><djxh>{{.djxh}}</djxh></taxML>`)},
		"svc/HXZG_TS_00001/file.xml":      {Data: []byte(`<taxML><lsh>{{.lsh}}</lsh><je>100.00</je></taxML>`)},
		"svc/HXZG_TS_00001/close.xml":     {Data: []byte(`<taxML><lsh>{{.lsh}}</lsh></taxML>`)},
	}
	ct, err := catalog.ParseContract(fsys, "contracts", "svc/HXZG_TS_00001")
	require.NoError(t, err)
	svcs := []*catalog.Service{
		{Code: "HXZG_TS_00001", TranID: "SWZJ.HXZG.TS.OPEN", Contract: ct},
		{Code: "HXZG_TS_00002", TranID: "SWZJ.HXZG.TS.FILE", Writes: true},
		{Code: "HXZG_TS_00003", TranID: "SWZJ.HXZG.TS.CLOSE", Writes: true},
	}
	client, err := transport.New(transport.Options{Endpoint: url, Retries: -1, Timeout: 5 * time.Second})
	require.NoError(t, err)
	r := &Runner{Catalog: &catalog.Catalog{Services: svcs}, Templates: render.NewCache(), RunID: "r1",
		Target: Target{Sender: client, ChannelID: "GT3CT.TEST", Builder: envelope.Builder{}}}
	return r, svcs[0]
}

const (
	opened = `<taxML><lsh>L0042</lsh></taxML>`
	filed  = `<taxML><lsh>L0042</lsh><je>100.00</je></taxML>`
)

// outcome is what a chain run is judged by.
type outcome struct {
	status    string
	class     result.Class
	sent      []string // tran_ids the bus received
	steps     int      // step records
	failing   []string // names of the checks that did not pass
	seqOfStep int      // the step whose tran_seq the result carries (1-based)
	messages  bool     // request and answer kept
}

func TestRunChainControlFlow(t *testing.T) {
	type testCase struct {
		name   string
		script map[string]scripted
		keep   bool
		want   outcome
	}
	ok := func(body string) scripted { return scripted{"0", "0000", body} }
	run := func(t *testing.T, tc testCase) {
		b := newBus(t, tc.script)
		r, svc := chainRunner(t, b.URL)
		r.KeepMessages = tc.keep
		res := r.Run(context.Background(), svc, svc.Contract.Cases[0], map[string]string{"djxh": "10111"})
		got := outcome{status: string(res.Status), class: res.Class, steps: len(res.Steps), messages: res.Request != ""}
		for _, s := range b.sent {
			got.sent = append(got.sent, strings.SplitN(s, ":", 2)[0])
		}
		for _, c := range res.Checks {
			if c.Status != result.Pass {
				got.failing = append(got.failing, c.Name)
			}
		}
		for i, st := range res.Steps {
			if st.TranSeq == res.TranSeq {
				got.seqOfStep = i + 1
			}
		}
		assert.Equal(t, tc.want, got, "%+v", res.Checks)
		if len(b.sent) > 1 {
			assert.Contains(t, b.sent[1], "<lsh>L0042</lsh>", "the saved value reached the next step")
		}
	}
	for _, tc := range []testCase{
		{name: "every step as expected: all sent, pass, last step's tran_seq, messages not kept",
			script: map[string]scripted{"SWZJ.HXZG.TS.OPEN": ok(opened), "SWZJ.HXZG.TS.FILE": ok(filed), "SWZJ.HXZG.TS.CLOSE": ok("<taxML/>")},
			want: outcome{status: string(result.Pass), class: result.ClassSuccess, steps: 3, seqOfStep: 3,
				sent: []string{"SWZJ.HXZG.TS.OPEN", "SWZJ.HXZG.TS.FILE", "SWZJ.HXZG.TS.CLOSE"}}},
		{name: "KeepMessages keeps them on a pass",
			script: map[string]scripted{"SWZJ.HXZG.TS.OPEN": ok(opened), "SWZJ.HXZG.TS.FILE": ok(filed), "SWZJ.HXZG.TS.CLOSE": ok("<taxML/>")},
			keep:   true,
			want: outcome{status: string(result.Pass), class: result.ClassSuccess, steps: 3, seqOfStep: 3, messages: true,
				sent: []string{"SWZJ.HXZG.TS.OPEN", "SWZJ.HXZG.TS.FILE", "SWZJ.HXZG.TS.CLOSE"}}},
		{name: "a step answering another class stops the chain; later steps listed as not sent",
			script: map[string]scripted{"SWZJ.HXZG.TS.OPEN": ok(opened), "SWZJ.HXZG.TS.FILE": {"2", "1001", "<taxML/>"}},
			want: outcome{status: string(result.Fail), class: result.ClassBusiness, steps: 2, seqOfStep: 2, messages: true,
				sent:    []string{"SWZJ.HXZG.TS.OPEN", "SWZJ.HXZG.TS.FILE"},
				failing: []string{"2 HXZG_TS_00002: class", "2 HXZG_TS_00002: //je equals 100.00", "2 HXZG_TS_00002: //lsh equals {{.lsh}}", "later steps"}}},
		{name: "a value to save missing blocks the chain too",
			script: map[string]scripted{"SWZJ.HXZG.TS.OPEN": ok("<taxML/>")},
			want: outcome{status: string(result.Fail), class: result.ClassSuccess, steps: 1, seqOfStep: 1, messages: true,
				sent:    []string{"SWZJ.HXZG.TS.OPEN"},
				failing: []string{"1 HXZG_TS_00001: save values for later steps", "later steps"}}},
		{name: "a failed check of the right class does not stop it; the first failing step's messages and tran_seq are kept",
			script: map[string]scripted{"SWZJ.HXZG.TS.OPEN": ok(opened), "SWZJ.HXZG.TS.FILE": ok(`<taxML><lsh>L0042</lsh><je>99.00</je></taxML>`),
				"SWZJ.HXZG.TS.CLOSE": {"2", "1001", "<taxML/>"}},
			want: outcome{status: string(result.Fail), class: result.ClassSuccess, steps: 3, seqOfStep: 2, messages: true,
				sent:    []string{"SWZJ.HXZG.TS.OPEN", "SWZJ.HXZG.TS.FILE", "SWZJ.HXZG.TS.CLOSE"},
				failing: []string{"2 HXZG_TS_00002: //je equals 100.00", "3 HXZG_TS_00003: class"}}},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

// TestRunNoAnswerSettlesAsError: a bus that does not answer leaves the case
// unjudged: status error, class transport, the error kept.
func TestRunNoAnswerSettlesAsError(t *testing.T) {
	b := newBus(t, nil)
	r, svc := chainRunner(t, b.URL)
	b.Close()
	res := r.Run(context.Background(), svc, svc.Contract.Cases[0], map[string]string{"djxh": "10111"})
	assert.Equal(t, result.Error, res.Status)
	assert.Equal(t, result.ClassTransport, res.Class)
	assert.NotEmpty(t, res.Error)
	assert.Equal(t, []result.Check{}, res.Checks, "nothing was judged")
}

// TestRunBodyRelaxesLiterals: a given body is sent as is; with
// RelaxLiterals the literal equals is skipped with its reason and the
// templated one still runs.
func TestRunBodyRelaxesLiterals(t *testing.T) {
	for _, relax := range []bool{false, true} {
		b := newBus(t, map[string]scripted{"SWZJ.HXZG.TS.FILE": {"0", "0000", `<taxML><lsh>L7</lsh><je>5.00</je></taxML>`}})
		r, svc := chainRunner(t, b.URL)
		r.RelaxLiterals = relax
		file, _ := r.Catalog.Lookup("HXZG_TS_00002")
		st := svc.Contract.Cases[0].Steps[1]
		st.Service = ""
		res, msg := r.RunBody(context.Background(), file, st, `<taxML><lsh>L7</lsh></taxML>`, map[string]string{})
		require.NotNil(t, msg)
		assert.Equal(t, []string{`SWZJ.HXZG.TS.FILE: <?xml version="1.0" encoding="UTF-8"?><taxML><lsh>L7</lsh></taxML>`}, b.sent)
		statuses := map[string]string{}
		for _, c := range res.Checks {
			if c.Kind == result.KindXPath {
				statuses[c.Name] = string(c.Status) + " " + c.Detail
			}
		}
		if relax {
			assert.Equal(t, map[string]string{"//je": "skip " + OwnData, "//lsh equals L7": "pass "}, statuses)
			assert.Equal(t, result.Pass, res.Status)
		} else {
			assert.Equal(t, result.Fail, res.Status)
			assert.Equal(t, "fail ", statuses["//je equals 100.00"][:5])
		}
	}
}

// TestTurnGivenBackAfterLastAnswer: a chain keeps its turn (--parallel)
// from its first message through its last, and gives it back once the last
// answer is in, before that answer is checked: the old runner held it
// until the case was over, keeping the next case off the wire meanwhile.
func TestTurnGivenBackAfterLastAnswer(t *testing.T) {
	ok := func(body string) scripted { return scripted{"0", "0000", body} }
	b := newBus(t, map[string]scripted{"SWZJ.HXZG.TS.OPEN": ok(opened), "SWZJ.HXZG.TS.FILE": ok(filed), "SWZJ.HXZG.TS.CLOSE": ok("<taxML/>")})
	r, svc := chainRunner(t, b.URL)
	turns := transport.NewTurns(1)
	held := map[string]int{} // writing step's service → turns held while its answer is checked
	r.Target.Answered = func(_ context.Context, s *catalog.Service, _, _ map[string]string, _ string) error {
		held[s.Code] = turns.Held()
		return nil
	}
	ctx := transport.WithTurn(context.Background(), turns.Case())
	res := r.Run(ctx, svc, svc.Contract.Cases[0], map[string]string{"djxh": "10111"})
	require.Equal(t, result.Pass, res.Status, "%+v %s", res.Checks, res.Error)
	assert.Equal(t, map[string]int{"HXZG_TS_00002": 1, "HXZG_TS_00003": 0}, held,
		"held between steps, given back once the last answer is in")
	assert.Equal(t, 0, turns.Held(), "given back when the case is over")
}
