package envelope_test

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/libxml/xmlref"
)

// The differential test: every message of the corpus (wf_corpus_test.go) is
// read by envelope.Parse and judged by libxml2's DOM reader (xmlref, the
// path `xmllint --noout` takes). A message is acceptable when libxml2 reads
// it and every document it carries as text (SOAP payload, CDATA or escaped
// body; read as UTF-8 strings). Parse must accept exactly those, as
// success answers, and reject the others with a reason naming where.

var where = regexp.MustCompile(`line \d+|byte \d+`)

var diffHead = envelope.Head{TranID: "SWZJ.HXZG.SB.SQJKJHQQCSJZZSXGMSB", ChannelID: "GX.DZSWJ.TEST",
	TranSeq: "0123456789abcdef0123456789abcdef", TranDate: "20261128", TranTime: "143015123",
	RtnCode: "0", Code: "000", Message: "成"}

// answer is a valid success answer whose <body> holds content as it is.
func answer(content string) string {
	m := string(envelope.BuildResponse(diffHead, ""))
	return strings.Replace(m, "<body></body>", "<body>"+content+"</body>", 1)
}

// carried is libxml2's verdict on a document carried as text: blank text
// is an empty body.
func carried(doc string) bool {
	return strings.TrimLeft(doc, " \t\r\n") == "" || xmlref.WellFormed([]byte(doc), true)
}

func wf(msg string) bool { return xmlref.WellFormed([]byte(msg), false) }

// diffCase is one message and libxml2's verdict on it.
type diffCase struct {
	name string
	msg  string
	want bool
}

// bodyForms embeds doc in each body form, bare and inside SOAP.
func bodyForms(name, doc string) []diffCase {
	inCDATA := answer(cdata(doc))
	bare := strings.TrimPrefix(inCDATA, declUTF8+"\n")
	out := []diffCase{
		{name + "/CDATA", inCDATA, acceptable(inCDATA)},
		{name + "/escaped", answer(escape(doc)), acceptable(answer(escape(doc)))},
		{name + "/inline", answer(doc), acceptable(answer(doc))},
	}
	for form, payload := range map[string]string{"escaped": escape(inCDATA), "CDATA": cdata(inCDATA)} {
		s := soapAnswer(payload)
		out = append(out, diffCase{name + "/SOAP " + form, s, wf(s) && carried(inCDATA) && acceptable(inCDATA)})
	}
	s := declUTF8 + "\n<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>" + bare + "</soap:Body></soap:Envelope>"
	return append(out, diffCase{name + "/SOAP inline", s, acceptable(s)})
}

// acceptable is libxml2's verdict on a bare or SOAP answer: the message is
// well-formed and so is the document its <body> carries as text, if any.
func acceptable(msg string) bool {
	text, elements, ok := xmlref.Carried([]byte(msg), "body")
	return ok && (elements || carried(text))
}

func corpus() []diffCase {
	var out []diffCase
	for _, name := range keys(docKinds) {
		out = append(out, bodyForms("body "+name, docKinds[name])...)
	}
	base := answer(cdata(doc("x")))
	for _, name := range keys(messageKinds) {
		m := messageKinds[name](base)
		out = append(out, diffCase{"message " + name, m, wf(m)})
	}
	soap := soapAnswer(escape(base))
	for _, name := range keys(soapKinds) {
		m := soapKinds[name](soap)
		out = append(out, diffCase{"SOAP " + name, m, wf(m)})
	}
	return out
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func TestWellFormedAgreesWithLibxml2(t *testing.T) {
	cases := corpus()
	rejected := 0
	for _, tc := range cases {
		if !tc.want {
			rejected++
		}
		t.Run(tc.name, func(t *testing.T) { agree(t, []byte(tc.msg), tc.want) })
	}
	t.Logf("%d messages, %d not well-formed per libxml2", len(cases), rejected)
	if rejected == 0 || rejected == len(cases) {
		t.Fatalf("the corpus must hold both kinds (%d of %d rejected)", rejected, len(cases))
	}
}

// agree checks Parse against libxml2's verdict on one message.
func agree(t *testing.T, msg []byte, want bool) {
	t.Helper()
	m, err := envelope.Parse(msg)
	switch {
	case want && err != nil:
		t.Fatalf("libxml2 accepts it, Parse rejects it: %v", err)
	case want && m.Class != result.ClassSuccess:
		t.Fatalf("accepted as %q, want success", m.Class)
	case !want && err == nil:
		t.Fatalf("libxml2 rejects it, Parse accepts it (class %s, body %q)", m.Class, m.Body)
	case !want && !where.MatchString(envelope.Reason(err)):
		t.Fatalf("reason %q names no line or byte", envelope.Reason(err))
	case !want && strings.Contains(err.Error(), "\n"):
		t.Fatalf("reason on more than one line: %q", err)
	}
}

// TestDOCTYPERefused: a DOCTYPE is refused before any entity is declared
// (no XXE, no billion laughs), in the message and in a carried body.
func TestDOCTYPERefused(t *testing.T) {
	laughs := `<!DOCTYPE service [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>`
	xxe := `<!DOCTYPE taxML [<!ENTITY x SYSTEM "file:///etc/passwd">]><taxML>&x;</taxML>`
	for name, msg := range map[string]string{
		"message": strings.Replace(answer(""), "\n<service", "\n"+laughs+"\n<service", 1),
		"body":    answer(cdata(xxe)),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := envelope.Parse([]byte(msg))
			require.Error(t, err)
			assert.Regexp(t, `^(in the body: )?line \d+: DOCTYPE and DTDs are not allowed$`, envelope.Reason(err))
		})
	}
}
