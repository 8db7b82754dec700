package sim

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
)

const maxRequest = 16 << 20

// serveEnvelope answers one POSTed envelope: decode, log, transport faults,
// dispatch, latency, encode.
func (s *Sim) serveEnvelope(w http.ResponseWriter, r *http.Request) {
	raw, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequest))
	req := &request{}
	if err == nil {
		req, err = parseRequest(raw)
	}
	info := s.lookup(req.Head.TranID)
	s.logLine(req.Head, info.Writes)
	if err != nil {
		s.reply(w, req, info.Code, malformedAnswer(err.Error()), false, false)
		return
	}
	seq := req.Head.TranSeq
	hit := func(name string) bool { return s.faults.hit(s.cfg.Seed, seq, name) }
	switch {
	case hit("timeout"):
		s.wait(r.Context(), 24*time.Hour) // hang until the client gives up
		return
	case hit("http500"):
		http.Error(w, "Internal Server Error: weblogic.socket.MaxMessageSizeExceededException", http.StatusInternalServerError)
		return
	case hit("reset"):
		resetConn(w)
		return
	}
	var a *answer
	switch {
	case hit("routing"):
		a = routingError()
	case hit("refuse"):
		a = refusal("核心业务校验未通过：当前纳税人存在未办结事项，不允许办理该业务")
	default:
		a = s.dispatch(r.Context(), req, s.faults.bugsFor(s.cfg.Seed, seq))
	}
	s.wait(r.Context(), s.cfg.Latency)
	s.reply(w, req, info.Code, a, hit("malformed"), hit("gbk"))
}

// lookup finds what the simulator knows of a tran_id (zero when unknown).
func (s *Sim) lookup(tranID string) ServiceInfo {
	if svc, ok := s.services[tranID]; ok {
		return svc.info
	}
	return s.catalog[tranID]
}

// reply encodes the answer: UTF-8 or GBK, bare or SOAP, whole or truncated.
func (s *Sim) reply(w http.ResponseWriter, req *request, code string, a *answer, truncate, gbk bool) {
	enc := "UTF-8"
	if gbk {
		enc = "GBK"
	}
	if code == "" {
		code = "HXZG_XX_00000"
	}
	doc := a.envelope(req.Head, bodyType(code), enc)
	if req.SOAP {
		doc = soapWrap(doc, enc)
	}
	out := []byte(doc)
	if gbk {
		if b, err := encoding.ReplaceUnsupported(simplifiedchinese.GBK.NewEncoder()).Bytes(out); err == nil {
			out = b
		}
	}
	if truncate {
		out = out[:len(out)*3/5]
	}
	w.Header().Set("Content-Type", "text/xml; charset="+enc)
	w.WriteHeader(http.StatusOK)
	w.Write(out)
}

// resetConn hijacks the connection and closes it with a TCP reset.
func resetConn(w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		panic(http.ErrAbortHandler) // HTTP/2 or a test recorder: abort the stream
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		tc.SetLinger(0)
	}
	conn.Close()
}

// dispatch routes to built-in semantics, to the generic answer of a catalog
// service, or answers the bus's routing error for an unknown tran_id.
func (s *Sim) dispatch(ctx context.Context, req *request, bg bugs) (a *answer) {
	svc, ok := s.services[req.Head.TranID]
	if !ok {
		info, known := s.catalog[req.Head.TranID]
		if !known {
			return routingError()
		}
		return genericAnswer(info, req)
	}
	defer func() {
		if r := recover(); r != nil {
			a = coreError(fmt.Sprintf("%s: internal error: %v", svc.info.Code, r))
		}
	}()
	if svc.info.Writes {
		s.writeMu.Lock()
		defer s.writeMu.Unlock()
	}
	c := &call{ctx: ctx, sim: s, req: req, bugs: bg, now: time.Now()}
	a, err := svc.run(c)
	if err != nil {
		return coreError(svc.info.Code + ": " + err.Error())
	}
	return a
}

// genericAnswer is the well-formed answer of a catalog service without
// built-in semantics: success with an empty grid for read-only kinds; for
// writes a refusal naming the missing fields, or success when all are there.
func genericAnswer(info ServiceInfo, req *request) *answer {
	if !writes(info) {
		return success("<cxjgGrid/>")
	}
	var missing []string
	for _, f := range info.Fields {
		if req.field(f) == "" {
			missing = append(missing, f)
		}
	}
	if len(missing) > 0 {
		return refusal("缺少必录项: " + strings.Join(missing, ", "))
	}
	return success(fieldsXML("cgbz", "Y"))
}

// writes says whether a service changes core data: its flag, or a kind that
// is not known to be read-only.
func writes(info ServiceInfo) bool {
	switch info.Kind {
	case "query", "check", "init":
		return info.Writes
	}
	return true
}
