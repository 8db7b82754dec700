package check

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/result"
)

func TestRunEnvelope(t *testing.T) {
	type testCase struct {
		name      string
		answer    func(sent envelope.Head) envelope.Head
		wantClass result.Class
		failed    map[string]string // check name -> detail; others pass
	}
	b := envelope.Builder{
		Now: func() time.Time { return time.Date(2026, 11, 28, 9, 30, 15, 123e6, time.Local) },
		Seq: func() string { return "5f0c1c9e2b6a4d0e9a7b3c2d1e0f9a8b" },
	}
	_, sent := b.Build(envelope.Request{TranID: "SWZJ.HXZG.SB.BCZZSXGMSB", ChannelID: "GX.DZSWJ.TEST",
		Expand: []envelope.Pair{{Name: "sjry", Value: "14501000001"}, {Name: "sjjg", Value: "14501000000"}}, Body: "<taxML/>"})
	ok := func(h envelope.Head) envelope.Head { h.RtnCode, h.Code = "0", "000"; return h }
	run := func(t *testing.T, tc testCase) {
		m, err := envelope.Parse(envelope.BuildResponse(tc.answer(sent), "<taxML/>"))
		require.NoError(t, err)
		checks := RunEnvelope(sent, m, tc.wantClass)
		require.Len(t, checks, 5)
		for _, c := range checks {
			assert.Equal(t, result.KindEnvelope, c.Kind)
			if d, bad := tc.failed[c.Name]; bad {
				assert.Equal(t, result.Fail, c.Status, c.Name)
				assert.Equal(t, d, c.Detail, c.Name)
			} else {
				assert.Equal(t, result.Pass, c.Status, "%s: %s", c.Name, c.Detail)
			}
		}
	}
	for _, tc := range []testCase{
		{name: "echoed success", answer: ok},
		{name: "other tran_seq", answer: func(h envelope.Head) envelope.Head {
			h = ok(h)
			h.TranSeq = "00000000000000000000000000000000"
			return h
		}, failed: map[string]string{"tran_seq matches": "tran_seq: want 5f0c1c9e2b6a4d0e9a7b3c2d1e0f9a8b, got 00000000000000000000000000000000"}},
		{name: "tran_id and channel not echoed", answer: func(h envelope.Head) envelope.Head {
			h = ok(h)
			h.TranID, h.ChannelID = "SWZJ.HXZG.SB.CXSB", ""
			return h
		}, failed: map[string]string{
			"tran_id echoed":    "tran_id: want SWZJ.HXZG.SB.BCZZSXGMSB, got SWZJ.HXZG.SB.CXSB",
			"channel_id echoed": "channel_id: want GX.DZSWJ.TEST, got ''",
			"head lint":         "channel_id: empty or missing",
		}},
		{name: "business refusal when success wanted", answer: func(h envelope.Head) envelope.Head {
			h.RtnCode, h.Code, h.Reason = "3", "005", "所属期已申报"
			return h
		}, failed: map[string]string{"class": "class: want success, got business (rtn_code 3, Code 005: 所属期已申报)"}},
		{name: "business refusal expected", wantClass: result.ClassBusiness, answer: func(h envelope.Head) envelope.Head {
			h.RtnCode, h.Code, h.Reason = "3", "005", "所属期已申报"
			return h
		}},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestRunEnvelopeNoAnswer(t *testing.T) {
	checks := RunEnvelope(envelope.Head{TranID: "X"}, nil, "")
	require.Len(t, checks, 5)
	for _, c := range checks {
		assert.Equal(t, result.Fail, c.Status)
		assert.Equal(t, "no answer envelope", c.Detail)
	}
}
