package envelope_test

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// FuzzParse checks that Parse never panics, that every failure is an Input
// error, that only responses get a class, and that a parsed head written
// back with BuildResponse parses to the same head and body.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.*"))
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := envelope.Parse(data)
		if err != nil {
			if !errs.Is(err, errs.Input) {
				t.Fatalf("error of kind %v: %v", errs.KindOf(err), err)
			}
			return
		}
		if (m.Kind == envelope.KindResponse) != (m.Class != "") {
			t.Fatalf("kind %s with class %q", m.Kind, m.Class)
		}
		if !xmlClean(m) {
			return
		}
		again, err := envelope.Parse(envelope.BuildResponse(m.Head, m.Body))
		if err != nil {
			t.Fatalf("rebuilt message does not parse: %v", err)
		}
		if !reflect.DeepEqual(m.Head, again.Head) {
			t.Fatalf("head changed in a round trip:\n%#v\n%#v", m.Head, again.Head)
		}
		if declared.MatchString(m.Body) && again.Body != m.Body {
			t.Fatalf("body changed in a round trip:\n%q\n%q", m.Body, again.Body)
		}
	})
}

// declared matches a body that starts with an XML declaration (Build keeps
// it; a body without one gets one added).
var declared = regexp.MustCompile(`^<\?xml[ \t\r\n](?s:.*?)\?>`)

// xmlClean reports whether every head value and the body hold only
// characters XML can carry (xml.EscapeText replaces the others).
func xmlClean(m *envelope.Message) bool {
	h := m.Head
	vals := []string{h.TranID, h.ChannelID, h.TranSeq, h.TranDate, h.TranTime, h.RtnCode, h.Code, h.Message,
		h.Reason, h.FilePath, h.ServVersion, m.Body}
	for _, p := range h.Expand {
		vals = append(vals, p.Name, p.Value)
	}
	for _, v := range vals {
		if !utf8.ValidString(v) || strings.HasPrefix(v, "\uFEFF") {
			return false
		}
		for _, r := range v {
			if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF) {
				return false
			}
		}
	}
	return true
}
