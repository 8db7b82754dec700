package cli

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"unicode/utf8"
)

// writeEnvelopeJSON writes the `envelope parse --format json` form: indented
// up to bigBody; above it on one line, the body streamed into the output
// in escaped chunks rather than encoded into one more copy of it (a 100 MB
// answer took 300 MB more to print).
func writeEnvelopeJSON(w io.Writer, j envelopeJSON) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if len(j.Body) <= bigBody {
		enc.SetIndent("", "  ")
		return enc.Encode(j)
	}
	body := j.Body
	j.Body = ""
	var head bytes.Buffer
	enc = json.NewEncoder(&head)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(j); err != nil {
		return err
	}
	// the key's quotes are the only unescaped ones in that spot: values
	// carry theirs escaped.
	pre, post, ok := bytes.Cut(head.Bytes(), []byte(`"body":""`))
	if !ok {
		return fmt.Errorf("no body field in %.40q", head.String())
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(pre)
	bw.WriteString(`"body":"`)
	if err := writeJSONString(bw, body, 64<<10); err != nil {
		return err
	}
	bw.WriteString(`"`)
	bw.Write(post)
	return bw.Flush()
}

// writeJSONString writes s as the inside of a JSON string (no quotes), as
// encoding/json escapes it without HTML escaping, chunk bytes at a time;
// chunks end before a byte that starts a character, so no character is cut.
func writeJSONString(w io.Writer, s string, chunk int) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	for len(s) > 0 {
		n := min(len(s), chunk)
		for n < len(s) && !utf8.RuneStart(s[n]) {
			n++
		}
		buf.Reset()
		if err := enc.Encode(s[:n]); err != nil {
			return err
		}
		b := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		if _, err := w.Write(b[1 : len(b)-1]); err != nil {
			return err
		}
		s = s[n:]
	}
	return nil
}
