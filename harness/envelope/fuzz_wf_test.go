package envelope_test

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/internal/libxml"
	"github.com/gt3ct/gt3ct/internal/libxml/xmlref"
)

// Differential fuzz targets: Parse against libxml2's DOM reader (xmlref).
// `go test` runs their seeds (the corpus of wf_diff_test.go and testdata);
// CI fuzzes them, e.g. go test -run XXX -fuzz FuzzWellFormed -fuzztime=30s.

// structure matches the reasons Parse gives for a well-formed message that
// is not an acceptable envelope (CLI contract), after any "in the SOAP
// payload: " prefix.
var structure = regexp.MustCompile(`^(root element <.*> is neither <service> nor a SOAP Envelope|no <head> in <service>|` +
	`SOAP Envelope without a Body|empty SOAP Body|the SOAP Body holds no message|SOAP Fault: |` +
	`line \d+: DOCTYPE and DTDs are not allowed)`)

// FuzzWellFormed: any input libxml2 rejects, Parse rejects; any input
// libxml2 accepts, Parse rejects only for a reason of structure or because
// a document carried inside is itself not well-formed (libxml2's call;
// FuzzBodyDocument compares those).
func FuzzWellFormed(f *testing.F) {
	for _, tc := range corpus() {
		f.Add([]byte(tc.msg))
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.*"))
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := envelope.Parse(data)
		ok := xmlref.WellFormed(data, false)
		switch {
		case err == nil && !ok:
			t.Fatalf("libxml2 rejects it, Parse accepts it")
		case err != nil && ok:
			explained(t, err)
		}
	})
}

// explained fails unless err, for a message libxml2 reads, is a reason of
// structure or a carried document's own syntax error.
func explained(t *testing.T, err error) {
	t.Helper()
	reason := envelope.Reason(err)
	var syntax *libxml.SyntaxError
	if strings.HasPrefix(reason, "in the ") && errors.As(err, &syntax) {
		return
	}
	if structure.MatchString(strings.TrimPrefix(reason, "in the SOAP payload: ")) {
		return
	}
	t.Fatalf("libxml2 reads the message, Parse rejects it: %s", reason)
}

// FuzzBodyDocument embeds a business document in every body form, bare and
// in SOAP, and compares Parse with libxml2 on each message.
func FuzzBodyDocument(f *testing.F) {
	for _, name := range keys(docKinds) {
		f.Add(docKinds[name])
	}
	f.Fuzz(func(t *testing.T, doc string) {
		if strings.Contains(doc, "<!") && xmlref.HasDOCTYPE([]byte(doc)) {
			return // refused whatever libxml2 says (no DTDs)
		}
		for _, tc := range bodyForms("", doc) {
			t.Run(tc.name, func(t *testing.T) { agree(t, []byte(tc.msg), tc.want) })
		}
	})
}
