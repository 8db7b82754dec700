package proxy

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/result"
)

// settle sets the status and the blame (result.Settle: blame.go decides
// who is at fault); an exchange is an error, not a failure, when the bus
// gave no answer or when it has an error that no failing check explains.
func settle(r *result.Result) {
	r.Settle()
	if r.Class == result.ClassTransport || r.Error != "" && r.Blame == result.BlameUnknown {
		r.Status = result.Error
	}
}

// base is the Result of an exchange before anything is known about it.
func (p *Proxy) base(ex *exchange) result.Result {
	return result.Result{RunID: p.cfg.RunID, Service: "unknown", Case: "proxy", Source: result.SourceProxy,
		StartedAt: ex.at, LatencyMS: float64(ex.latency.Microseconds()) / 1000}
}

// judgeSafely judges an exchange; a panic in a check becomes the error of
// its Result.
func (p *Proxy) judgeSafely(ex *exchange) (res result.Result) {
	res = p.base(ex)
	defer func() {
		if r := recover(); r != nil {
			res.Error = fmt.Sprintf("check panicked: %v", r)
			settleError(&res)
		}
	}()
	p.judge(context.Background(), ex, &res)
	return res
}

// judge runs every check of one exchange into res.
func (p *Proxy) judge(ctx context.Context, ex *exchange, res *result.Result) {
	defer settle(res)
	req, svc := p.readRequest(ex, res)
	if req == nil {
		return
	}
	ans := p.readAnswer(ex, req, res)
	if svc != nil {
		p.expectations(ctx, ex, svc, req, ans, res)
	}
	if res.Failed() || res.Error != "" {
		res.Request = readable(ex.req)
		res.Response = readable(ex.ans)
	}
}

// readRequest parses the caller's request, resolves its service and lints
// its head. A request that cannot be judged returns nil.
func (p *Proxy) readRequest(ex *exchange, res *result.Result) (*envelope.Message, *catalog.Service) {
	data, n, over := ex.req.bytes()
	switch {
	case over:
		res.Error = fmt.Sprintf("request too large to check: %d bytes > %d", n, p.cfg.MaxCheck)
		return nil, nil
	case !ex.body.complete(p.cfg.Timeout):
		res.Error = "request not completely forwarded: the bus answered before reading all of it"
		return nil, nil
	}
	msg, err := envelope.Parse(decoded(data, ex.reqEncoding))
	if err != nil {
		add(res, failed(result.KindEnvelope, "request readable", "a GT3 request envelope", envelope.Reason(err)))
		return nil, nil
	}
	svc := p.service(res, msg)
	add(res, lintCheck("request head lint", msg, p.lintRequest(msg, ex)))
	if svc == nil {
		unknown := failed(result.KindEnvelope, "service known", "a tran_id of the catalog",
			fmt.Sprintf("tran_id %q is not in the catalog (import the site's inventory: gt3ct catalog import)", msg.Head.TranID))
		unknown.Blame = result.BlameUnknown // the catalog may lack it, or the caller sent a wrong one
		add(res, unknown)
	}
	return msg, svc
}

// lintRequest is the head lint of a request, at the time it arrived.
func (p *Proxy) lintRequest(m *envelope.Message, ex *exchange) []string {
	problems := envelope.LintAt(m, ex.at)
	if m.Kind != envelope.KindRequest {
		problems = append(problems, "rtn_code: a request carries none")
	}
	return problems
}

// service resolves the request's tran_id and fills the Result's service
// fields; nil when the catalog does not know it.
func (p *Proxy) service(res *result.Result, m *envelope.Message) *catalog.Service {
	res.TranID, res.TranSeq = m.Head.TranID, m.Head.TranSeq
	svc, ok := p.cfg.Catalog.Lookup(m.Head.TranID)
	if !ok {
		return nil
	}
	res.Service, res.Module, res.Name, res.Level, res.Writes = svc.Code, svc.Module, svc.Name, svc.Level, svc.Writes
	return svc
}

// readAnswer parses the bus's answer and checks its envelope against the
// request; nil when there is no complete, readable answer.
func (p *Proxy) readAnswer(ex *exchange, req *envelope.Message, res *result.Result) *envelope.Message {
	data, n, over := ex.ans.bytes()
	switch {
	case ex.upstreamErr != "":
		res.Class, res.Error = result.ClassTransport, ex.upstreamErr
		return nil
	case ex.cut != "":
		res.Error = ex.cut
		return nil
	case over:
		res.Error = fmt.Sprintf("answer too large to check: %d bytes > %d", n, p.cfg.MaxCheck)
		return nil
	}
	msg, err := envelope.Parse(decoded(data, ex.ansEncoding))
	switch {
	case err != nil && ex.status >= 400:
		res.Class, res.Error = result.ClassTransport, fmt.Sprintf("HTTP %d from the bus: %s", ex.status, firstLine(data))
		return nil
	case err != nil:
		res.Class = result.ClassMalformed
		add(res, failed(result.KindEnvelope, "answer readable", "a GT3 answer envelope", envelope.Reason(err)))
		return nil
	}
	res.Class = msg.Class
	want := msg.Class
	if want != result.ClassSuccess && want != result.ClassBusiness {
		want = "success or business"
	}
	add(res, check.RunEnvelope(req.Head, msg, want)...)
	return msg
}

// expectations checks the request against the service's contract and, for
// an answered write, the rows it left.
func (p *Proxy) expectations(ctx context.Context, ex *exchange, svc *catalog.Service, req, ans *envelope.Message, res *result.Result) {
	view, err := newView(req.Body)
	if err != nil {
		add(res, failed(result.KindRequest, "request body is XML", "a taxML document", err.Error()))
		return
	}
	shapes := p.shapes[svc.Code]
	if len(shapes) > 0 {
		add(res, requiredCheck(shapes, view))
	}
	xsds := schemas(svc)
	add(res, p.xsdCheck(svc.Contract, "request", xsds.Request, req.Body)...)
	if p.cfg.Codes != nil {
		add(res, p.cfg.Codes(ctx, svc, view.fields)...)
	}
	if ans == nil || ans.Kind != envelope.KindResponse {
		return
	}
	add(res, p.xsdCheck(svc.Contract, "answer", xsds.Response, ans.Body)...)
	if svc.Writes && ans.Class == result.ClassSuccess {
		p.rowsWritten(ctx, ex.at, best(shapes, view), exchangeParams(view, ans.Body), req.Body, res)
	}
}

// add appends checks to the exchange's Result.
func add(res *result.Result, cs ...result.Check) { res.Checks = append(res.Checks, cs...) }

// schemas are the business schemas the service's contract names.
func schemas(svc *catalog.Service) catalog.XSDs {
	if svc.Contract == nil {
		return catalog.XSDs{}
	}
	return svc.Contract.XSD
}

// xsdCheck validates a document against a schema of the contract, when the
// contract names one.
func (p *Proxy) xsdCheck(c *catalog.Contract, what, schema, doc string) []result.Check {
	if schema == "" {
		return nil
	}
	ck := result.Check{Kind: result.KindXSD, Name: what + " matches " + schema, Want: "valid against " + schema, Status: result.Fail}
	if p.cfg.XSD == nil {
		ck.Got = "no XSD validator configured"
		return []result.Check{ck}
	}
	problems, err := p.cfg.XSD(c, schema, []byte(doc))
	switch {
	case err != nil:
		ck.Got = err.Error()
	case len(problems) > 0:
		ck.Got, ck.Detail = problems[0], strings.Join(problems, "\n")
	default:
		ck.Status, ck.Got = result.Pass, "valid"
	}
	return []result.Check{ck}
}

func failed(kind result.Kind, name, want, got string) result.Check {
	return result.Check{Kind: kind, Name: name, Status: result.Fail, Want: want, Got: got}
}

func lintCheck(name string, m *envelope.Message, problems []string) result.Check {
	c := result.Check{Kind: result.KindEnvelope, Name: name, Status: result.Pass, Want: "no problems", Got: "no problems"}
	if len(problems) > 0 {
		c.Status, c.Got, c.Detail = result.Fail, fmt.Sprintf("%d problems", len(problems)), strings.Join(problems, "; ")
	}
	return c
}

// decoded undoes a gzip Content-Encoding for the checks (the caller got the
// bytes as they came).
func decoded(data []byte, encoding string) []byte {
	if !strings.EqualFold(strings.TrimSpace(encoding), "gzip") {
		return data
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return data
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		return data
	}
	return out
}

var declEncoding = regexp.MustCompile(`(?i)(<\?xml[^>]*encoding=["'])[\w-]+(["'])`)

// readable is a copy as UTF-8 text for people and results.jsonl: GBK and
// GB18030 are decoded, and the declaration then says UTF-8.
func readable(c *capture) string {
	data, _, over := c.bytes()
	if over {
		return ""
	}
	if utf8.Valid(data) {
		return string(data)
	}
	s, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	return declEncoding.ReplaceAllString(string(s), "${1}UTF-8${2}")
}

func firstLine(b []byte) string {
	s := strings.TrimSpace(string(b))
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if r := []rune(s); len(r) > 200 {
		s = string(r[:200]) + "…"
	}
	return s
}
