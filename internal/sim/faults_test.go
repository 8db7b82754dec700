package sim

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/gt3ct/gt3ct/internal/errs"
)

func TestParseFaults(t *testing.T) {
	type testCase struct {
		in   string
		want faultSet
		bad  bool
	}
	cases := []testCase{
		{in: "", want: faultSet{}},
		{in: "timeout, refuse=0.25", want: faultSet{"timeout": 1, "refuse": 0.25}},
		{in: "wrong-amount=0", want: faultSet{"wrong-amount": 0}},
		{in: "nosuch", bad: true},
		{in: "refuse=1.5", bad: true},
		{in: "refuse=abc", bad: true},
	}
	run := func(t *testing.T, tc testCase) {
		got, err := parseFaults(tc.in)
		if tc.bad {
			require.True(t, errs.Is(err, errs.Input), "want an input error, got %v", err)
			return
		}
		require.NoError(t, err)
		require.Equal(t, tc.want, got)
	}
	for _, tc := range cases {
		t.Run(tc.in, func(t *testing.T) { run(t, tc) })
	}
	_, err := New(Config{DB: newDB(t, "sqlite"), Faults: "bogus"})
	require.True(t, errs.Is(err, errs.Input))
}

func TestFaultRateIsDeterministic(t *testing.T) {
	f := faultSet{"refuse": 0.3}
	hits := 0
	for i := 0; i < 1000; i++ {
		seq := seqN(fmt.Sprint(i))
		h := f.hit(7, seq, "refuse")
		require.Equal(t, h, f.hit(7, seq, "refuse"), "same seed and seq, same decision")
		if h {
			hits++
		}
	}
	require.InDelta(t, 300, hits, 60)
	differ := 0
	for i := 0; i < 200; i++ {
		if f.hit(1, seqN(fmt.Sprint(i)), "refuse") != f.hit(2, seqN(fmt.Sprint(i)), "refuse") {
			differ++
		}
	}
	require.Positive(t, differ, "another seed picks other requests")
}

// TestTransportFaults shows every transport fault on the wire.
func TestTransportFaults(t *testing.T) {
	type testCase struct {
		fault string
		check func(t *testing.T, resp *http.Response, raw []byte, err error)
	}
	payload := envelopeFor("SWZJ.HXZG.DJ.CXNSRXXBYDJXHORNSRSBH", seqN("f1"), taxML("HXZGDJ00004Request", el("djxh", tDJXH)), false)
	cases := []testCase{
		{"timeout", func(t *testing.T, _ *http.Response, _ []byte, err error) {
			require.Error(t, err)
			require.Contains(t, err.Error(), "Client.Timeout")
		}},
		{"http500", func(t *testing.T, resp *http.Response, _ []byte, err error) {
			require.NoError(t, err)
			require.Equal(t, 500, resp.StatusCode)
		}},
		{"reset", func(t *testing.T, _ *http.Response, _ []byte, err error) {
			require.Error(t, err)
		}},
		{"malformed", func(t *testing.T, resp *http.Response, raw []byte, err error) {
			require.NoError(t, err)
			_, perr := parseDoc(raw)
			require.Error(t, perr, "a truncated answer is not XML")
		}},
		{"gbk", func(t *testing.T, resp *http.Response, raw []byte, err error) {
			require.NoError(t, err)
			require.Contains(t, string(raw[:60]), `encoding="GBK"`)
			want, _ := simplifiedchinese.GBK.NewEncoder().String(tNSRMC)
			require.True(t, bytes.Contains(raw, []byte(want)), "the name is GBK-encoded")
			require.False(t, bytes.Contains(raw, []byte(tNSRMC)), "and not UTF-8")
		}},
		{"refuse", func(t *testing.T, resp *http.Response, raw []byte, err error) {
			require.NoError(t, err)
			require.Contains(t, string(raw), "<rtn_code>3</rtn_code>")
		}},
		{"routing", func(t *testing.T, resp *http.Response, raw []byte, err error) {
			require.NoError(t, err)
			require.Contains(t, string(raw), "<rtn_code>2</rtn_code>")
			require.Contains(t, string(raw), "javax.naming.CommunicationException")
		}},
	}
	db := newDB(t, "sqlite")
	run := func(t *testing.T, tc testCase) {
		base := serve(t, newSim(t, db, tc.fault))
		client := &http.Client{Timeout: 300 * time.Millisecond}
		resp, err := client.Post(base, "text/xml", strings.NewReader(payload))
		var raw []byte
		if err == nil {
			raw, _ = io.ReadAll(resp.Body)
			resp.Body.Close()
		}
		tc.check(t, resp, raw, err)
	}
	for _, tc := range cases {
		t.Run(tc.fault, func(t *testing.T) { run(t, tc) })
	}
}

// TestDataBugs shows every data bug in the rows it writes while the answer
// still says success.
func TestDataBugs(t *testing.T) {
	type testCase struct {
		fault string
		check func(t *testing.T, s *testSession, pzxh, sbuuid string)
	}
	cases := []testCase{
		{"wrong-amount", func(t *testing.T, s *testSession, pzxh, _ string) {
			require.Equal(t, "3000.01", one(t, s.db, "SELECT YBTSE FROM HX_ZS.ZS_YJSF WHERE YZPZXH = ?", pzxh)["YBTSE"])
		}},
		{"missing-payable", func(t *testing.T, s *testSession, pzxh, _ string) {
			require.Equal(t, 0, countRows(t, s.db, "SELECT ZSUUID FROM HX_ZS.ZS_YJSF WHERE YZPZXH = ?", pzxh))
		}},
		{"wrong-period", func(t *testing.T, s *testSession, pzxh, _ string) {
			require.Equal(t, "2026-04-01", one(t, s.db, "SELECT SKSSQZ FROM HX_ZS.ZS_YJSF WHERE YZPZXH = ?", pzxh)["SKSSQZ"])
		}},
		{"duplicate-row", func(t *testing.T, s *testSession, _, sbuuid string) {
			require.Equal(t, 2, countRows(t, s.db, "SELECT SBXXUUID FROM HX_SB.SB_SBXX WHERE SBUUID = ?", sbuuid))
		}},
		{"no-void", func(t *testing.T, s *testSession, pzxh, _ string) {
			v := callSim(t, s.base, trVoid, seqN("void"), fieldsXML("djxh", tDJXH, "pzxh", pzxh))
			require.Equal(t, "0", v.RtnCode, "the void claims success")
			require.Equal(t, "N", one(t, s.db, "SELECT ZFBZ_1 FROM HX_SB.SB_SBB WHERE PZXH = ?", pzxh)["ZFBZ_1"])
		}},
		{"truncate-name", func(t *testing.T, s *testSession, _, _ string) {
			name := "广西壮族自治区南宁市测试临时登记纳税人有限公司"
			r := callSim(t, s.base, "SWZJ.HXZG.DJ.BCZZLSSWDJXX", seqN("reg"), fieldsXML("nsrmc", name, "zgswjDm", "14501030000"))
			require.Equal(t, "0", r.RtnCode, r.Reason)
			got := one(t, s.db, "SELECT NSRMC FROM HX_DJ.DJ_NSRXX WHERE DJXH = ?", r.get("//djxh"))["NSRMC"]
			require.Equal(t, cutBytes(name, 30), got)
			require.Less(t, len(got), len(name))
			q := callSim(t, s.base, "SWZJ.HXZG.DJ.CXNSRXXBYDJXHORNSRSBH", seqN("q"), el("djxh", tDJXH))
			require.Equal(t, cutBytes(tNSRMC, 30), q.get("//nsrmc"), "query answers carry the cut name too")
		}},
	}
	run := func(t *testing.T, tc testCase) {
		s := &testSession{db: newDB(t, "sqlite")}
		s.base = serve(t, newSim(t, s.db, tc.fault))
		save := callSim(t, s.base, trXgmSave, seqN("save"), vatBody("2026-01-01", "2026-03-31", "3000.00"))
		require.Equal(t, "0", save.RtnCode, save.Reason)
		require.Equal(t, "3000.00", save.get("//sbjgVO/ybtse"), "the answer looks right")
		tc.check(t, s, save.get("//pzxh"), save.get("//sbuuid"))
	}
	for _, tc := range cases {
		t.Run(tc.fault, func(t *testing.T) { run(t, tc) })
	}
}
