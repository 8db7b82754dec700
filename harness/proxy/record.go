package proxy

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/repro"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/sweep"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// record writes an exchange's messages (masked) under exchanges/, appends
// its Result (masked: result.Mask) to results.jsonl (fsynced), notes it in
// the audit trail and prints its console line. ex is nil for the summary
// of lost exchanges.
func (p *Proxy) record(res result.Result, ex *exchange) {
	res.Case = p.exchangeCase(res.TranSeq)
	res = result.Mask(res, p.masker)
	var problem string
	if ex != nil {
		if err := p.writeMessages(res.TranSeq, ex); err != nil {
			problem = err.Error()
		}
		p.audit(res)
	}
	if err := p.journal.Append(res); err != nil {
		problem = err.Error()
	}
	p.consoleLine(res, problem)
}

// exchangeCase names an exchange's case so that every exchange is one
// result of the run (reports key results by service and case): "proxy
// SEQ" by its tran_seq, "proxy #N" when it carries none.
func (p *Proxy) exchangeCase(seq string) string {
	if seq = strings.TrimSpace(seq); seq != "" {
		return "proxy " + seq
	}
	return fmt.Sprintf("proxy #%d", p.unnamed.Add(1))
}

var safeSeq = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,64}$`)

// writeMessages keeps the request (and the answer) of an exchange, masked,
// for `repro capture --from DIR --tran-seq SEQ`.
func (p *Proxy) writeMessages(seq string, ex *exchange) error {
	if !safeSeq.MatchString(seq) || seq == "." || seq == ".." {
		return nil // no tran_seq usable as a file name: the Result still holds the request when it failed
	}
	dir := filepath.Join(p.cfg.Out, repro.ExchangesDir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return errs.E("proxy", errs.Input, "create %s: %v", dir, err)
	}
	rec := p.masker.Record() // one record: a name the request sent is masked in the answer's free text too
	for _, m := range []struct {
		c    *capture
		name string
	}{{ex.req, repro.RequestFile(seq)}, {ex.ans, repro.AnswerFile(seq)}} {
		text := readable(m.c)
		if text == "" {
			continue
		}
		masked := p.red.Redact(rec.XML(text))
		if err := os.WriteFile(filepath.Join(dir, m.name), []byte(masked), 0o600); err != nil {
			return errs.E("proxy", errs.Input, "write %s: %v", m.name, err)
		}
	}
	return nil
}

// audit notes the exchange in the audit trail: the caller sent it, the
// proxy forwarded it (on a readonly environment too: it is the caller's
// call).
func (p *Proxy) audit(res result.Result) {
	outcome := "proxied: " + orNone(string(res.Class))
	if res.Error != "" && res.Class == "" {
		outcome = "proxied: " + res.Error
	}
	if p.cfg.Env.Readonly && res.Writes {
		outcome += " (readonly environment: the caller's write was forwarded, not sent by gt3ct)"
	}
	_ = p.cfg.Audit.Sent(p.cfg.Env, res.Service, res.TranID, res.TranSeq, res.Writes, outcome)
}

// consoleLine prints one line per exchange: time, tran_id and code, class,
// verdict (with blame and the first failure) and latency.
func (p *Proxy) consoleLine(res result.Result, problem string) {
	if p.cfg.Console == nil {
		return
	}
	verdict := string(res.Status)
	if res.Blame != "" {
		verdict += " (blame " + res.Blame + ")"
	}
	line := fmt.Sprintf("%s  %-28s %-14s %-9s %-22s %8.1f ms", res.StartedAt.Format("15:04:05.000"), orDash(res.TranID),
		res.Service, orDash(string(res.Class)), verdict, res.LatencyMS)
	if why := firstProblem(res); why != "" {
		line += "  " + why
	}
	if problem != "" {
		line += "  [not recorded: " + problem + "]"
	}
	p.consoleMu.Lock()
	defer p.consoleMu.Unlock()
	fmt.Fprintln(p.cfg.Console, p.red.Redact(line))
}

func firstProblem(res result.Result) string {
	for _, c := range res.Checks {
		if c.Status == result.Fail {
			return fmt.Sprintf("%s: want %s, got %s", c.Name, clip(orDash(c.Want), 60), clip(orDash(c.Got), 80))
		}
	}
	return clip(res.Error, 160)
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// identify fills a Result's service fields from the request head without
// checking anything (for exchanges whose checks were dropped).
func (p *Proxy) identify(res *result.Result, ex *exchange) {
	data, _, _ := ex.req.bytes()
	if m, err := envelope.Parse(data); err == nil {
		p.service(res, m)
		return
	}
	res.TranID, res.TranSeq = headField(data, "tran_id"), headField(data, "tran_seq")
	if svc, ok := p.cfg.Catalog.Lookup(res.TranID); ok && res.TranID != "" {
		res.Service, res.Writes = svc.Code, svc.Writes
	}
}

var reHead = map[string]*regexp.Regexp{
	"tran_id":  regexp.MustCompile(`(?:<|&lt;)tran_id(?:>|&gt;)\s*([^<&\s]*)`),
	"tran_seq": regexp.MustCompile(`(?:<|&lt;)tran_seq(?:>|&gt;)\s*([^<&\s]*)`),
}

// headField finds a head field in the start of a request too long to parse.
func headField(data []byte, name string) string {
	if m := reHead[name].FindSubmatch(data); m != nil {
		return string(m[1])
	}
	return ""
}

// writeRunInfo writes run.json, as a sweep does, so `gt3ct report DIR`
// builds the usual reports.
func (p *Proxy) writeRunInfo() error {
	args := make([]string, len(p.cfg.Args))
	for i, a := range p.cfg.Args {
		args[i] = p.red.Redact(a)
	}
	info := sweep.RunInfo{RunID: p.cfg.RunID, Env: p.cfg.Env.Name, StartedAt: p.cfg.Now(), Args: args}
	b, err := json.MarshalIndent(info, "", "  ")
	if err != nil {
		return errs.E("proxy", errs.Internal, "run.json: %w", err)
	}
	if err := os.WriteFile(filepath.Join(p.cfg.Out, sweep.RunFile), append(b, '\n'), 0o644); err != nil {
		return errs.E("proxy", errs.Input, "write run.json: %v", err)
	}
	return nil
}
