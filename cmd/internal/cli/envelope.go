package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"github.com/beevik/etree"
	"github.com/spf13/cobra"

	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/errs"
)

func init() {
	Group("envelope", "GT3 envelopes: parse, lint")
	Register("envelope", envelopeParseCmd)
	Register("envelope", envelopeLintCmd)
}

// envelopeJSON is the `envelope parse --format json` shape (cli-contract.md).
type envelopeJSON struct {
	Kind      string            `json:"kind"`
	TranID    string            `json:"tran_id"`
	ChannelID string            `json:"channel_id"`
	TranSeq   string            `json:"tran_seq"`
	TranDate  string            `json:"tran_date"`
	TranTime  string            `json:"tran_time"`
	RtnCode   string            `json:"rtn_code"`
	Code      string            `json:"code"`
	Message   string            `json:"message"`
	Reason    string            `json:"reason"`
	Class     string            `json:"class"`
	Expand    map[string]string `json:"expand"`
	Encoding  string            `json:"encoding"`
	SOAP      bool              `json:"soap"`
	BodyType  string            `json:"body_type"`
	Body      string            `json:"body"`
	Problems  []string          `json:"problems"`
}

func envelopeToJSON(m *envelope.Message) envelopeJSON {
	h := m.Head
	j := envelopeJSON{Kind: m.Kind, TranID: h.TranID, ChannelID: h.ChannelID, TranSeq: h.TranSeq,
		TranDate: h.TranDate, TranTime: h.TranTime, RtnCode: h.RtnCode, Code: h.Code, Message: h.Message,
		Reason: h.Reason, Class: string(m.Class), Expand: map[string]string{}, Encoding: m.Encoding, SOAP: m.SOAP,
		BodyType: m.BodyType, Body: m.Body, Problems: append([]string{}, m.Problems...)}
	for _, p := range h.Expand {
		j.Expand[p.Name] = p.Value
	}
	return j
}

func envelopeParseCmd(env *Env) *cobra.Command {
	c := Command("parse FILE|-", "decode a GT3 envelope (bare or SOAP), classify the answer", Exact(1))
	format := FormatFlag(c.Flags(), "text", "json")
	return Run(c, func(args []string) error {
		if err := checkChoice("envelope parse", "format", *format, "text", "json"); err != nil {
			return err
		}
		return envelopeParse(env, args[0], *format)
	})
}

func envelopeParse(env *Env, arg, format string) error {
	data, err := readEnvelopeFile(env, "envelope parse", arg)
	if err != nil {
		return err
	}
	m, perr := envelope.Parse(data)
	if perr != nil {
		m = &envelope.Message{Class: result.ClassMalformed, Problems: []string{envelope.Reason(perr)}}
	}
	if len(data) > bigBody {
		// the message holds its own copy of what it needs: free the file
		// now, or the collector lets printing's garbage grow to twice the
		// file and the message together (a 100 MB answer took 520 MB).
		data = nil
		runtime.GC()
	}
	if format == "json" {
		if err := writeEnvelopeJSON(env.Stdout, envelopeToJSON(m)); err != nil {
			return errs.E("envelope parse", errs.Internal, "writing JSON: %v", err)
		}
	} else {
		printEnvelope(env.Stdout, m)
	}
	if perr != nil {
		return errs.At("envelope parse", errs.Finding, arg, "malformed: %s", envelope.Reason(perr))
	}
	return nil
}

func envelopeLintCmd(env *Env) *cobra.Command {
	c := Command("lint FILE|-", "list an envelope's head problems; exit 1 if any", Exact(1))
	at := c.Flags().String("at", "", "also check date drift and the 12-hour clock against this `RFC3339` time (when the message was sent or received; head times are Beijing time)")
	return Run(c, func(args []string) error { return envelopeLint(env, args[0], *at) })
}

func envelopeLint(env *Env, arg, at string) error {
	var when time.Time
	if at != "" {
		var err error
		if when, err = time.Parse(time.RFC3339, at); err != nil {
			return errs.E("envelope lint", errs.Input, "--at %q: want an RFC3339 time such as 2026-03-01T14:05:09+08:00", at)
		}
	}
	data, err := readEnvelopeFile(env, "envelope lint", arg)
	if err != nil {
		return err
	}
	m, perr := envelope.Parse(data)
	if perr != nil {
		fmt.Fprintf(env.Stdout, "malformed: %s\n", envelope.Reason(perr))
		return errs.At("envelope lint", errs.Finding, arg, "malformed")
	}
	problems := m.Problems
	if at != "" {
		problems = envelope.LintAt(m, when)
	}
	for _, p := range problems {
		fmt.Fprintln(env.Stdout, p)
	}
	if len(problems) > 0 {
		return errs.At("envelope lint", errs.Finding, arg, "%d head problem(s)", len(problems))
	}
	fmt.Fprintf(env.Stderr, "%s: no head problems\n", arg)
	return nil
}

// readEnvelopeFile reads FILE, or standard input for "-".
func readEnvelopeFile(env *Env, op, name string) ([]byte, error) {
	var data []byte
	var err error
	if name == "-" {
		data, err = io.ReadAll(env.Stdin)
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, errs.At(op, errs.Input, name, "cannot read: %v", err)
	}
	return data, nil
}

// printEnvelope writes the text form: key: value lines, then the body
// indented, Chinese kept as it is.
func printEnvelope(w io.Writer, m *envelope.Message) {
	line := func(k, v string) { fmt.Fprintf(w, "%s: %s\n", k, v) }
	if m.Kind != "" {
		h := m.Head
		line("kind", m.Kind)
		for _, kv := range [][2]string{{"tran_id", h.TranID}, {"channel_id", h.ChannelID}, {"tran_seq", h.TranSeq},
			{"tran_date", h.TranDate}, {"tran_time", h.TranTime}} {
			line(kv[0], kv[1])
		}
		if m.Kind == envelope.KindResponse {
			for _, kv := range [][2]string{{"rtn_code", h.RtnCode}, {"code", h.Code}, {"message", h.Message}, {"reason", h.Reason}} {
				line(kv[0], kv[1])
			}
		}
		for _, p := range h.Expand {
			line("expand", p.Name+" = "+p.Value)
		}
		line("encoding", m.Encoding)
		line("soap", fmt.Sprint(m.SOAP))
		line("body_type", m.BodyType)
	}
	if m.Class != "" {
		line("class", string(m.Class))
	}
	if len(m.Problems) > 0 {
		fmt.Fprintln(w, "problems:")
		for _, p := range m.Problems {
			fmt.Fprintln(w, "  - "+p)
		}
	}
	if m.Body != "" {
		fmt.Fprintln(w, "body:")
		if len(m.Body) > bigBody {
			writeAsItCame(w, m.Body)
			return
		}
		fmt.Fprintln(w, indentEnvelopeBody(m.Body))
	}
}

// writeAsItCame writes body indented by two spaces, through one small
// buffer: no copy of it in fmt's buffer or in a []byte conversion.
func writeAsItCame(w io.Writer, body string) {
	buf := make([]byte, 0, 64<<10)
	buf = append(buf, "  "...)
	for len(body) > 0 {
		n := min(len(body), cap(buf)-len(buf))
		buf = append(buf, body[:n]...)
		body = body[n:]
		if len(buf) == cap(buf) {
			w.Write(buf)
			buf = buf[:0]
		}
	}
	w.Write(append(buf, '\n'))
}

// bigBody is the size above which a body is printed as it came (JSON
// without indentation, text without pretty-printing): a tree of a 100 MB
// answer and its indented copies would take gigabytes.
const bigBody = 8 << 20

// indentEnvelopeBody pretty-prints an XML body; text that is not XML comes
// back as is.
func indentEnvelopeBody(body string) string {
	doc := etree.NewDocument()
	doc.ReadSettings.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	if err := doc.ReadFromString(body); err != nil {
		return body
	}
	doc.Indent(2)
	out, err := doc.WriteToString()
	if err != nil {
		return body
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	for i, l := range lines {
		lines[i] = "  " + l
	}
	return strings.Join(lines, "\n")
}
