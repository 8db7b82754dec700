package envelope_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/gt3ct/gt3ct/harness/envelope"
)

func goodHead() envelope.Head {
	return envelope.Head{TranID: "SWZJ.HXZG.SB.BCZZSXGMSB", ChannelID: "GX.DZSWJ.TEST",
		TranSeq: "5f0c1c9e2b6a4d0e9a7b3c2d1e0f9a8b", TranDate: "20261128", TranTime: "093015123",
		Expand: []envelope.Pair{{"sjry", "14501000001"}, {"sjjg", "14501000000"}}}
}

func TestLint(t *testing.T) {
	type testCase struct {
		name string
		edit func(m *envelope.Message)
		want []string
	}
	run := func(t *testing.T, tc testCase) {
		m := &envelope.Message{Kind: envelope.KindRequest, Head: goodHead()}
		tc.edit(m)
		assert.Equal(t, tc.want, envelope.Lint(m))
	}
	for _, tc := range []testCase{
		{"clean", func(m *envelope.Message) {}, nil},
		{"tran_seq short", func(m *envelope.Message) { m.Head.TranSeq = m.Head.TranSeq[:31] },
			[]string{"tran_seq: length 31, want 32"}},
		{"tran_seq uuid with dashes", func(m *envelope.Message) { m.Head.TranSeq = "5f0c1c9e-2b6a-4d0e-9a7b-3c2d1e0f9a8b" },
			[]string{"tran_seq: length 36, want 32"}},
		{"tran_seq empty", func(m *envelope.Message) { m.Head.TranSeq = "" },
			[]string{"tran_seq: empty or missing, want 32 characters"}},
		{"tran_date empty", func(m *envelope.Message) { m.Head.TranDate = "" },
			[]string{"tran_date: empty or missing, want yyyyMMdd (the bus rejects an empty date)"}},
		{"tran_date dashed", func(m *envelope.Message) { m.Head.TranDate = "2026-11-28" },
			[]string{`tran_date: "2026-11-28" is not yyyyMMdd (8 digits)`}},
		{"tran_date not a day", func(m *envelope.Message) { m.Head.TranDate = "20261131" },
			[]string{"tran_date: 20261131 is not a calendar date"}},
		{"tran_time 6 digits", func(m *envelope.Message) { m.Head.TranTime = "093015" },
			[]string{`tran_time: "093015" is not HHmmssSSS (9 digits)`}},
		{"tran_time hour 24", func(m *envelope.Message) { m.Head.TranTime = "243015123" },
			[]string{"tran_time: hour 24 is not on a 24-hour clock"}},
		{"tran_time minute 61", func(m *envelope.Message) { m.Head.TranTime = "096115123" },
			[]string{"tran_time: 096115123 is not a time of day"}},
		{"tran_id empty and channel missing", func(m *envelope.Message) { m.Head.TranID, m.Head.ChannelID = "", "" },
			[]string{"tran_id: empty or missing", "channel_id: empty or missing"}},
		{"tran_id not dotted", func(m *envelope.Message) { m.Head.TranID = "HXZG_SB_00045" },
			[]string{`tran_id: "HXZG_SB_00045" is not dotted like SWZJ.HXZG.SB.NAME`}},
		{"expand bad sjry sjjg and twice", func(m *envelope.Message) {
			m.Head.Expand = []envelope.Pair{{"sjry", "1450"}, {"sjjg", "1450100000A"}, {"sjry", "14501000001"}, {"", "x"}}
		}, []string{"expand sjry: length 4, want 11 (staff code)", `expand sjjg: "1450100000A" is not an 11-digit tax authority code`,
			"expand: sjry appears twice", "expand: an entry without a name"}},
		{"response without rtn_code", func(m *envelope.Message) { m.Kind = envelope.KindResponse },
			[]string{"rtn_code: empty or missing in a response"}},
		{"response odd rtn_code", func(m *envelope.Message) { m.Kind, m.Head.RtnCode = envelope.KindResponse, "E1" },
			[]string{`rtn_code: "E1" is not a number`}},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestLintAt(t *testing.T) {
	type testCase struct {
		name     string
		tranTime string
		at       string // clock when the message was seen
		zone     *time.Location
		want     []string
	}
	run := func(t *testing.T, tc testCase) {
		m := &envelope.Message{Kind: envelope.KindRequest, Head: goodHead()}
		m.Head.TranTime = tc.tranTime
		if tc.zone == nil {
			tc.zone = envelope.Beijing
		}
		at, err := time.ParseInLocation("2006-01-02 15:04:05", tc.at, tc.zone)
		assert.NoError(t, err)
		assert.Equal(t, tc.want, envelope.LintAt(m, at))
	}
	for _, tc := range []testCase{
		{"in time", "133015123", "2026-11-28 13:30:16", nil, nil},
		{"12-hour afternoon", "013015123", "2026-11-28 13:30:16", nil,
			[]string{"tran_time: 12-hour clock? 013015123 is 12 h off the clock (13:30:16)"}},
		{"12-hour midnight", "120512000", "2026-11-28 00:05:13", nil,
			[]string{"tran_time: 12-hour clock? 120512000 is 12 h off the clock (00:05:13)"}},
		{"stale date", "093015123", "2026-12-05 09:30:15", nil,
			[]string{"tran_date: 20261128 is more than a day from the clock (2026-12-05)"}},
		// Head times are Beijing time whatever the zone of the clock.
		{"in time, clock in UTC", "133015123", "2026-11-28 05:30:16", time.UTC, nil},
		{"in time, clock in UTC-4", "133015123", "2026-11-28 01:30:16", time.FixedZone("UTC-4", -4*3600), nil},
		{"12-hour, clock in UTC", "013015123", "2026-11-28 05:30:16", time.UTC,
			[]string{"tran_time: 12-hour clock? 013015123 is 12 h off the clock (13:30:16)"}},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}
