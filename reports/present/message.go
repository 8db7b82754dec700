package present

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/internal/safety"
	"github.com/gt3ct/gt3ct/reports"
)

// hiddenExpand lists expand entries whose value is a credential.
var hiddenExpand = map[string]bool{"identitytype": true}

// message prints a request or an answer: head fields, then the body.
// Text that does not parse as an envelope is shown raw, with the reason.
func (p *printer) message(title, raw, none string) {
	if strings.TrimSpace(raw) == "" {
		p.rule(title)
		p.line("  %s", none)
		return
	}
	m, err := envelope.Parse([]byte(raw))
	if err != nil {
		p.rule(title + " (raw)")
		p.raw(raw, envelope.Reason(err))
		return
	}
	p.rule(title + form(m) + p.stepOf(m.Head.TranSeq))
	p.headFields(m.Head)
	p.line("")
	if strings.TrimSpace(m.Body) == "" {
		p.line("  (empty body)")
		return
	}
	p.limited(reports.PrettyXML(sanitize(m.Body)))
}

// form names how the message travelled when it is not plain UTF-8.
func form(m *envelope.Message) string {
	var f []string
	if m.Encoding != "" && m.Encoding != "UTF-8" {
		f = append(f, m.Encoding)
	}
	if m.SOAP {
		f = append(f, "SOAP")
	}
	if len(f) == 0 {
		return ""
	}
	return " (" + strings.Join(f, ", ") + ")"
}

// stepOf names the step of a multi-step case whose tran_seq is seq.
func (p *printer) stepOf(seq string) string {
	for i, s := range p.stepList {
		if seq != "" && s.TranSeq == seq && len(p.stepList) > 1 {
			return fmt.Sprintf(" · step %d of %d, %s", i+1, len(p.stepList), s.Service)
		}
	}
	return ""
}

// headFields prints the non-empty head fields as aligned "key: value" lines.
func (p *printer) headFields(h envelope.Head) {
	fields := [][2]string{
		{"tran_id", h.TranID}, {"channel_id", h.ChannelID}, {"tran_seq", h.TranSeq},
		{"tran_date", h.TranDate}, {"tran_time", h.TranTime}, {"rtn_code", h.RtnCode},
		{"Code", h.Code}, {"Message", h.Message}, {"Reason", h.Reason},
	}
	for _, e := range h.Expand {
		v := e.Value
		if hiddenExpand[strings.ToLower(e.Name)] {
			v = safety.Hidden
		}
		fields = append(fields, [2]string{e.Name, v})
	}
	width := 0
	for _, f := range fields {
		width = max(width, len(f[0]))
	}
	for _, f := range fields {
		if f[1] != "" {
			p.line("  %-*s %s", width+1, f[0]+":", sanitize(f[1]))
		}
	}
}

// raw prints text that is not a readable envelope: the reason, then the
// text, decoded when it is GB18030/GBK, with credentials hidden and, unless
// verbose, cut to maxRawRunes characters.
func (p *printer) raw(raw, reason string) {
	p.line("  could not parse: %s", sanitize(reason))
	p.line("")
	text := p.o.redactor().Redact(sanitize(readable(raw)))
	n := utf8.RuneCountInString(text)
	if !p.o.Verbose && n > maxRawRunes {
		text = string([]rune(text)[:maxRawRunes])
		p.limited(text)
		p.line("  … %d more characters (use --verbose)", n-maxRawRunes)
		return
	}
	p.limited(text)
}

// limited prints text indented by two spaces; unless verbose, only the
// first maxBodyLines lines and a count of the rest.
func (p *printer) limited(text string) {
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	shown := lines
	if !p.o.Verbose && len(lines) > maxBodyLines {
		shown = lines[:maxBodyLines]
	}
	for _, l := range shown {
		p.line("  %s", l)
	}
	if rest := len(lines) - len(shown); rest > 0 {
		p.line("  … %d more lines (use --verbose)", rest)
	}
}

// readable turns bytes received as a string into valid UTF-8: as is when
// valid, else decoded as GB18030 (a superset of GBK), else with the bad
// bytes replaced.
func readable(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	if d, err := simplifiedchinese.GB18030.NewDecoder().String(s); err == nil && utf8.ValidString(d) {
		return d
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// sanitize keeps terminal control characters received from the wire from
// acting on the terminal: they are shown as \xNN. Newlines and tabs stay.
func sanitize(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if isControl(r) {
			fmt.Fprintf(&b, `\x%02x`, r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isControl(r rune) bool {
	return r != '\n' && r != '\t' && unicode.IsControl(r)
}
