package envelope_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/errs"
)

func readSample(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return data
}

func TestParse(t *testing.T) {
	type testCase struct {
		file     string
		kind     string
		tranID   string
		class    result.Class
		encoding string
		soap     bool
		bodyType string
		bodyHas  string // a fragment the decoded body must contain
		expand   int
	}
	const reqID, respID = "SWZJ.HXZG.SB.BCZZSXGMSB", "SWZJ.HXZG.SB.SQJKJHQQCSJZZSXGMSB"
	const reqType, respType = "HXZGSB00045Request", "HXZGSB00044Response"
	run := func(t *testing.T, tc testCase) {
		m, err := envelope.Parse(readSample(t, tc.file))
		require.NoError(t, err)
		assert.Equal(t, tc.kind, m.Kind, "kind")
		assert.Equal(t, tc.tranID, m.Head.TranID, "tran_id")
		assert.Equal(t, tc.class, m.Class, "class")
		assert.Equal(t, tc.encoding, m.Encoding, "encoding")
		assert.Equal(t, tc.soap, m.SOAP, "soap")
		assert.Equal(t, tc.bodyType, m.BodyType, "body_type")
		assert.Contains(t, m.Body, tc.bodyHas)
		assert.Len(t, m.Head.Expand, tc.expand)
		assert.Empty(t, m.Problems)
		if strings.HasPrefix(m.Body, "<?xml") {
			assert.Equal(t, "UTF-8", envelope.DeclaredEncoding([]byte(m.Body)), "body declaration")
		}
	}
	for _, tc := range []testCase{
		{"request_cdata.xml", "request", reqID, "", "UTF-8", false, reqType, "<nsrmc>南宁市测试商贸有限公司</nsrmc>", 3},
		{"request_prefixed.xml", "request", reqID, "", "UTF-8", false, reqType, "<djxh>10114501000012345678</djxh>", 3},
		{"request_nodecl.xml", "request", reqID, "", "UTF-8", false, reqType, "南宁市", 3},
		{"request_bom.xml", "request", reqID, "", "UTF-8", false, reqType, "南宁市", 3},
		{"request_inner_gbk_decl.xml", "request", reqID, "", "UTF-8", false, reqType, "南宁市", 3},
		{"request_split_cdata.xml", "request", reqID, "", "UTF-8", false, reqType, "<nsrmc><![CDATA[a<b]]></nsrmc>", 3},
		{"request_inline_body.xml", "request", reqID, "", "UTF-8", false, reqType, "<nsrmc>南宁市测试商贸有限公司</nsrmc>", 3},
		{"response_success.xml", "response", respID, result.ClassSuccess, "UTF-8", false, respType, "<mc>增值税</mc>", 0},
		{"response_escaped.xml", "response", respID, result.ClassSuccess, "UTF-8", false, respType, "<mc>增值税</mc>", 0},
		{"response_gbk.xml", "response", respID, result.ClassSuccess, "GBK", false, respType, "<mc>增值税</mc>", 0},
		{"response_gb18030.xml", "response", respID, result.ClassSuccess, "GB18030", false, respType, "<mc>增值税</mc>", 0},
		{"response_empty_body.xml", "response", respID, result.ClassSuccess, "UTF-8", false, "", "", 0},
		{"response_selfclosing_body.xml", "response", respID, result.ClassSuccess, "UTF-8", false, "", "", 0},
		{"response_refusal.xml", "response", respID, result.ClassBusiness, "UTF-8", false, "", "", 0},
		{"soap_request_cdata.xml", "request", reqID, "", "UTF-8", true, reqType, "南宁市", 3},
		{"soap_response_escaped.xml", "response", respID, result.ClassSuccess, "UTF-8", true, respType, "<mc>增值税</mc>", 0},
		{"soap_inline_service.xml", "request", reqID, "", "UTF-8", true, reqType, "南宁市", 3},
	} {
		t.Run(tc.file, func(t *testing.T) { run(t, tc) })
	}
}

func TestParseHeadFields(t *testing.T) {
	m, err := envelope.Parse(readSample(t, "response_refusal.xml"))
	require.NoError(t, err)
	assert.Equal(t, envelope.Head{
		TranID: "SWZJ.HXZG.SB.SQJKJHQQCSJZZSXGMSB", ChannelID: "GX.DZSWJ.TEST",
		TranSeq: "0123456789abcdef0123456789abcdef", TranDate: "20261128", TranTime: "143015123",
		RtnCode: "3", Code: "999", Message: "业务校验失败", Reason: "该纳税人本期已申报，不能重复申报",
	}, m.Head)
	m, err = envelope.Parse(readSample(t, "request_cdata.xml"))
	require.NoError(t, err)
	v, ok := m.Head.ExpandValue("sjjg")
	assert.True(t, ok)
	assert.Equal(t, "14501000000", v)
}

// TestParseGBKMadeHere encodes a UTF-8 sample as GBK in the test, so the
// decoder is checked against x/text's encoder, not only against a stored file.
func TestParseGBKMadeHere(t *testing.T) {
	utf := string(readSample(t, "response_success.xml"))
	utf = strings.Replace(utf, `encoding="UTF-8"`, `encoding="gbk"`, 1)
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(utf)
	require.NoError(t, err)
	require.NotEqual(t, utf, gbk)
	m, err := envelope.Parse([]byte(gbk))
	require.NoError(t, err)
	assert.Equal(t, "GBK", m.Encoding)
	assert.Contains(t, m.Body, "<mc>增值税</mc>")
}

func TestParseMalformed(t *testing.T) {
	type testCase struct {
		file string
		why  string // fragment of the reason
	}
	run := func(t *testing.T, tc testCase) {
		m, err := envelope.Parse(readSample(t, tc.file))
		require.Error(t, err)
		assert.Nil(t, m)
		assert.True(t, errs.Is(err, errs.Input), "kind %v", errs.KindOf(err))
		assert.Contains(t, envelope.Reason(err), tc.why)
		assert.NotContains(t, err.Error(), "\n")
	}
	for _, tc := range []testCase{
		{"malformed_truncated.xml", "truncated at line 9 (byte 409): the document ends inside <head>"},
		{"malformed_wrong_root.xml", "root element <html> is neither <service> nor a SOAP Envelope"},
		{"malformed_no_head.xml", "no <head> in <service>"},
		{"malformed_mismatch.xml", "line 4, column 22 (byte 60): Opening and ending tag mismatch: tran_id line 4 and tran_seq"},
		{"malformed_not_xml.txt", "line 1, column 1 (byte 0): Start tag expected, '<' not found"},
		{"malformed_bad_encoding.xml", "line 1, column 43 (byte 42): Unsupported encoding EBCDIC-NOPE"},
		{"malformed_invalid_utf8.xml", "not valid UTF-8 at byte"},
		{"soap_fault.xml", "SOAP Fault: soap:Server: weblogic.rjvm.PeerGoneException"},
	} {
		t.Run(tc.file, func(t *testing.T) { run(t, tc) })
	}
}

func TestParseEmpty(t *testing.T) {
	for _, in := range []string{"", "  \n", "\uFEFF"} {
		_, err := envelope.Parse([]byte(in))
		require.Error(t, err)
		assert.Equal(t, "empty message", envelope.Reason(err))
	}
}

func TestUnwrapSOAP(t *testing.T) {
	bare := readSample(t, "request_cdata.xml")
	got, soap, err := envelope.UnwrapSOAP(bare)
	require.NoError(t, err)
	assert.False(t, soap)
	assert.Equal(t, bare, got)

	got, soap, err = envelope.UnwrapSOAP(envelope.WrapSOAP(bare))
	require.NoError(t, err)
	assert.True(t, soap)
	assert.Equal(t, strings.TrimSpace(string(bare)), string(got), "WrapSOAP then UnwrapSOAP gives the envelope back")

	_, soap, err = envelope.UnwrapSOAP(readSample(t, "soap_fault.xml"))
	var fault *envelope.Fault
	require.ErrorAs(t, err, &fault)
	assert.True(t, soap)
	assert.Equal(t, "soap:Server", fault.Code)
}

func TestDeclaredEncoding(t *testing.T) {
	type testCase struct{ in, want string }
	run := func(t *testing.T, tc testCase) {
		assert.Equal(t, tc.want, envelope.DeclaredEncoding([]byte(tc.in)))
	}
	for _, tc := range []testCase{
		{`<?xml version="1.0" encoding="gbk"?><a/>`, "GBK"},
		{`<?xml version='1.0' encoding = 'GB18030' ?><a/>`, "GB18030"},
		{"\uFEFF" + `<?xml version="1.0" encoding="UTF-8"?><a/>`, "UTF-8"},
		{`<?xml version="1.0"?><a/>`, ""},
		{`<?xml version="encoding" ?><a/>`, ""},
		{`<?xml0 encoding="GBK"?><a/>`, ""},
		{`<a encoding="GBK"/>`, ""},
		{`<?xml version="1.0" encoding="GBK"`, ""},
	} {
		t.Run(tc.in, func(t *testing.T) { run(t, tc) })
	}
}
