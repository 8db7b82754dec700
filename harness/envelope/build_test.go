package envelope_test

import (
	"path/filepath"
	"regexp"
	"testing"
	"time"

	gtgolden "gotest.tools/v3/golden"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/envelope"
)

// golden compares got with testdata/golden/name (go test -update rewrites it).
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	gtgolden.Assert(t, string(got), filepath.Join("golden", name))
}

// fixedBuilder has a clock at 2026-11-28 14:30:15.123 and a counting tran_seq.
func fixedBuilder() envelope.Builder {
	n := 0
	return envelope.Builder{
		Now: func() time.Time { return time.Date(2026, 11, 28, 14, 30, 15, 123e6, time.UTC) },
		Seq: func() string {
			n++
			return "0123456789abcdef0123456789abcd" + string(rune('0'+n/10)) + string(rune('0'+n%10))
		},
	}
}

const taxML = `<taxML xsi:type="HXZGSB00045Request" bbh="" xmlbh="" xmlmc="" xmlns="http://www.chinatax.gov.cn/dataspec/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><nsrmc>南宁市测试&amp;商贸</nsrmc></taxML>`

func TestBuildGolden(t *testing.T) {
	type testCase struct {
		golden string
		req    envelope.Request
	}
	expand := []envelope.Pair{{"identityType", "TEST<ID>"}, {"sjry", "14501000001"}, {"sjjg", "14501000000"}}
	run := func(t *testing.T, tc testCase) {
		data, head := fixedBuilder().Build(tc.req)
		golden(t, tc.golden, data)
		m, err := envelope.Parse(data)
		require.NoError(t, err)
		assert.Equal(t, head, m.Head, "the head Build returns is the head it wrote")
		assert.Empty(t, m.Problems)
		assert.Equal(t, envelope.KindRequest, m.Kind)
	}
	for _, tc := range []testCase{
		{"request_plain.xml", envelope.Request{TranID: "SWZJ.HXZG.SB.BCZZSXGMSB", ChannelID: "GX.DZSWJ.TEST", Expand: expand, Body: taxML}},
		{"request_gbk_decl.xml", envelope.Request{TranID: "SWZJ.HXZG.SB.BCZZSXGMSB", ChannelID: "GX.DZSWJ.TEST",
			Body: `<?xml version="1.0" encoding="GBK"?>` + taxML}},
		{"request_cdata_end.xml", envelope.Request{TranID: "SWZJ.HXZG.SB.BCZZSXGMSB", ChannelID: "GX.DZSWJ.TEST",
			Body: `<taxML><mc><![CDATA[a<b]]></mc></taxML>`}},
		{"request_empty_body.xml", envelope.Request{TranID: "SWZJ.HXZG.DJ.CXNSRXX", ChannelID: "GX.DZSWJ.TEST"}},
	} {
		t.Run(tc.golden, func(t *testing.T) { run(t, tc) })
	}
}

func TestBuildRoundTripBody(t *testing.T) {
	data, _ := fixedBuilder().Build(envelope.Request{TranID: "A.B.C", ChannelID: "X", Body: `<taxML><mc><![CDATA[a<b]]></mc></taxML>`})
	m, err := envelope.Parse(data)
	require.NoError(t, err)
	assert.Equal(t, `<?xml version="1.0" encoding="UTF-8"?><taxML><mc><![CDATA[a<b]]></mc></taxML>`, m.Body)
}

func TestBuildResponseAndSOAPGolden(t *testing.T) {
	h := envelope.Head{TranID: "SWZJ.HXZG.SB.BCZZSXGMSB", ChannelID: "GX.DZSWJ.TEST", TranSeq: "0123456789abcdef0123456789abcdef",
		TranDate: "20261128", TranTime: "143015123", RtnCode: "0", Code: "000"}
	resp := envelope.BuildResponse(h, `<taxML xsi:type="HXZGSB00045Response" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><pzxh>10014501000000000001</pzxh></taxML>`)
	golden(t, "response_success.xml", resp)
	wrapped := envelope.WrapSOAP(resp)
	golden(t, "soap_response.xml", wrapped)
	m, err := envelope.Parse(wrapped)
	require.NoError(t, err)
	assert.True(t, m.SOAP)
	assert.Equal(t, h, m.Head)
	assert.Equal(t, "HXZGSB00045Response", m.BodyType)
}

func TestBuildDefaults(t *testing.T) {
	seen := map[string]bool{}
	hexSeq := regexp.MustCompile(`^[0-9a-f]{32}$`)
	for range 100 {
		_, h := envelope.Builder{}.Build(envelope.Request{TranID: "A.B.C", ChannelID: "X"})
		assert.Regexp(t, hexSeq, h.TranSeq)
		assert.False(t, seen[h.TranSeq], "tran_seq repeated")
		seen[h.TranSeq] = true
		assert.Len(t, h.TranTime, 9)
		assert.Len(t, h.TranDate, 8)
	}
	assert.Equal(t, "000000007", envelope.FormatTranTime(time.Date(2026, 1, 1, 0, 0, 0, 7e6, time.UTC)))
	assert.Equal(t, "235959999", envelope.FormatTranTime(time.Date(2026, 1, 1, 23, 59, 59, 999999999, time.UTC)))
}
