package envelope_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/result"
)

func TestClassify(t *testing.T) {
	type testCase struct {
		name                       string
		rtnCode, code, msg, reason string
		body                       string
		want                       result.Class
	}
	run := func(t *testing.T, tc testCase) {
		h := envelope.Head{TranID: "SWZJ.HXZG.SB.BCZZSXGMSB", ChannelID: "GX.TEST", TranSeq: "0123456789abcdef0123456789abcdef",
			TranDate: "20261128", TranTime: "093015123", RtnCode: tc.rtnCode, Code: tc.code, Message: tc.msg, Reason: tc.reason}
		m, err := envelope.Parse(envelope.BuildResponse(h, tc.body))
		require.NoError(t, err)
		assert.Equal(t, envelope.KindResponse, m.Kind)
		assert.Equal(t, tc.want, m.Class)
		assert.Equal(t, tc.want, envelope.Classify(m))
	}
	for _, tc := range []testCase{
		{name: "0/000 success", rtnCode: "0", code: "000", want: result.ClassSuccess},
		{name: "0/0000 success", rtnCode: "0", code: "0000", want: result.ClassSuccess},
		{name: "0/empty code success", rtnCode: "0", want: result.ClassSuccess},
		{name: "0/other code business", rtnCode: "0", code: "101", reason: "x", want: result.ClassBusiness},
		{name: "9/001 core timeout", rtnCode: "9", code: "001", want: result.ClassTimeout},
		{name: "9/002 core timeout", rtnCode: "9", code: "002", want: result.ClassTimeout},
		{name: "9/003 gateway access", rtnCode: "9", code: "003", want: result.ClassRouting},
		{name: "9/012 gateway access", rtnCode: "9", code: "012", want: result.ClassRouting},
		{name: "9/013 timeout", rtnCode: "9", code: "013", want: result.ClassTimeout},
		{name: "1/003 interface exception", rtnCode: "1", code: "003", want: result.ClassRouting},
		{name: "1/005 interface exception", rtnCode: "1", code: "005", want: result.ClassRouting},
		{name: "8/004 interface exception", rtnCode: "8", code: "004", want: result.ClassRouting},
		{name: "2 CommunicationException", rtnCode: "2", code: "999",
			reason: "javax.naming.CommunicationException [Root exception is java.net.ConnectException]", want: result.ClassRouting},
		{name: "2 could not establish", rtnCode: "2", code: "999",
			msg: "Could not establish a connection with 10.1.1.1:7001", want: result.ClassRouting},
		{name: "2 business rule", rtnCode: "2", code: "999", reason: "纳税人状态非正常", want: result.ClassBusiness},
		{name: "3 business rule", rtnCode: "3", code: "999", reason: "本期已申报", want: result.ClassBusiness},
		{name: "3 with RJVM in reason", rtnCode: "3", reason: "weblogic.rjvm.PeerGoneException ... RJVM", want: result.ClassRouting},
		{name: "2 with RJVM in body", rtnCode: "2", body: "<x>RJVM shutdown</x>", want: result.ClassRouting},
		{name: "unknown rtn_code", rtnCode: "7", code: "1", want: result.ClassMalformed},
		{name: "empty rtn_code", rtnCode: "", code: "000", want: result.ClassMalformed},
		{name: "non-numeric rtn_code", rtnCode: "OK", want: result.ClassMalformed},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestClassifyRequestAndNil(t *testing.T) {
	m, err := envelope.Parse(readSample(t, "request_cdata.xml"))
	require.NoError(t, err)
	assert.Equal(t, result.Class(""), envelope.Classify(m))
	assert.Equal(t, result.ClassMalformed, envelope.Classify(nil))
}
