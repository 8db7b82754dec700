package result

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/safety"
)

const (
	name  = "南宁市青秀区张记贸易有限公司"
	owner = "张伟"
	idNo  = "450103198807150013"
	phone = "13877123456"
	djxh  = "10114501000000012345"
)

// sample is a failing filing: rows read, both messages kept, a name check
// and an ID check that failed.
func sample() Result {
	body := "<taxML><sbbVO><djxh>" + djxh + "</djxh><nsrmc>" + name + "</nsrmc><sfzjhm>" + idNo +
		"</sfzjhm><lxdh>" + phone + "</lxdh></sbbVO></taxML>"
	return Result{Service: "HXZG_SB_00045", Case: "file", Status: Fail,
		Request:  `<?xml version="1.0"?><service><head><tran_id>X.Y.Z</tran_id></head><body><![CDATA[` + body + `]]></body></service>`,
		Response: `<service><head><rtn_code>0</rtn_code></head><body>` + xmlEscape(body) + `</body></service>`,
		Checks: []Check{
			{Kind: KindXPath, Name: "//sbqcVO/nsrmc equals {{.nsrmc}}", Status: Pass, Want: name, Got: name},
			{Kind: KindDB, Name: "registration", Status: Fail, Want: "450103199001010016", Got: idNo,
				Detail: "HX_DJ.DJ_NSRXX: FDDBRSFZJHM want 450103199001010016, got " + idNo + " (" + owner + ")"},
			{Kind: KindDB, Name: "payable", Status: Pass, Want: "1 row", Got: "1 row"},
		},
		Rows: []Table{{Check: "registration", Columns: []string{"DJXH", "NSRMC", "FDDBRXM", "FDDBRSFZJHM"},
			Rows: []map[string]string{{"DJXH": djxh, "NSRMC": name, "FDDBRXM": owner, "FDDBRSFZJHM": idNo}}}},
		Error:   "core refused " + owner,
		Written: Written{"HX_DJ.DJ_NSRXX": {{"DJXH": djxh, "FDDBRYDDH": phone, "ZCDZ": "南宁市青秀区民族大道1号"}}},
		Steps:   []Step{{Service: "HXZG_ZS_X0001", Written: Written{"HX_ZS.ZS_SKY_SFXY": {{"JKZHMC": name, "JKZH": "6222021234567890123"}}}}},
	}
}

func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// TestMaskResult: every PII value is masked by value wherever it is in the
// Result, business identifiers and the rest are kept, and masking is
// consistent inside one run.
func TestMaskResult(t *testing.T) {
	m := safety.NewMasker([]byte("k"))
	in := sample()
	got := Mask(in, m)
	line, err := json.Marshal(got)
	require.NoError(t, err)
	for _, pii := range []string{name, owner, idNo, phone, "450103199001010016", "南宁市青秀区民族大道1号", "6222021234567890123"} {
		assert.NotContains(t, string(line), pii)
	}
	assert.Contains(t, string(line), djxh, "DJXH is a business identifier")
	assert.Equal(t, sample(), in, "the input is not changed")
	maskedName := m.Mask(safety.ClassName, name)
	assert.Equal(t, maskedName, got.Rows[0].Rows[0]["NSRMC"])
	assert.Equal(t, m.Mask(safety.ClassPhone, phone), got.Written["HX_DJ.DJ_NSRXX"][0]["FDDBRYDDH"], "written rows by column")
	assert.Equal(t, maskedName, got.Checks[0].Want, "want/got by the element checked")
	assert.Equal(t, m.Mask(safety.ClassID, idNo), got.Checks[1].Got, "by the column checked")
	assert.Contains(t, got.Request, "<nsrmc>"+maskedName+"</nsrmc>", "the CDATA body walked")
	assert.Contains(t, got.Response, "&lt;nsrmc&gt;"+maskedName+"&lt;/nsrmc&gt;", "the escaped body walked")
	assert.Contains(t, got.Request, "<tran_id>X.Y.Z</tran_id>")
	assert.Equal(t, "core refused "+m.Mask(safety.ClassName, owner), got.Error, "free text: values of the record")
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "results.jsonl"), append(line, '\n'), 0o600))
	assert.Empty(t, safety.ScanForLeaks(dir, nil), "the backstop leak scan finds nothing")
}

// BenchmarkMaskResult is a nightly results line: mask, then encode.
func BenchmarkMaskResult(b *testing.B) {
	for _, tc := range []struct {
		name string
		r    Result
	}{{"passing", passing()}, {"failing-with-messages", sample()}} {
		m := safety.NewMasker([]byte("k"))
		b.Run(tc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				_ = Mask(tc.r, m)
			}
		})
	}
}

// BenchmarkMaskTextLine is the text path this replaced: the encoded line
// through the text scanners.
func BenchmarkMaskTextLine(b *testing.B) {
	for _, tc := range []struct {
		name string
		r    Result
	}{{"passing", passing()}, {"failing-with-messages", sample()}} {
		line, _ := json.Marshal(tc.r)
		m := safety.NewMasker([]byte("k"))
		b.Run(tc.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				_ = m.MaskText(string(line))
			}
		})
	}
}

// passing is a passing nightly case: no messages kept, checks and rows.
func passing() Result {
	r := sample()
	r.Request, r.Response, r.Error, r.Status = "", "", "", Pass
	r.Checks[1] = Check{Kind: KindDB, Name: "registration", Status: Pass, Want: "1 row", Got: "1 row", Detail: "HX_DJ.DJ_NSRXX: 1 row match"}
	for _, n := range []string{"tran_id echoed", "channel_id echoed", "tran_seq matches", "class", "head lint"} {
		r.Checks = append(r.Checks, Check{Kind: KindEnvelope, Name: n, Status: Pass, Want: "x", Got: "x"})
	}
	return r
}

// TestMaskReconcileCheck: a reconcile difference on a PII column has both
// values masked by that column's class; other columns stay readable.
func TestMaskReconcileCheck(t *testing.T) {
	m := safety.NewMasker([]byte("k"))
	in := Result{Checks: []Check{
		{Kind: KindReconcile, Name: "2 reconcile: dj [DJXH=" + djxh + "] NSRMC", Status: Fail, Want: name, Got: owner},
		{Kind: KindReconcile, Name: "sbmx [PZXH=1] YBTSE", Status: Fail, Want: "1234.57", Got: "3000"},
	}}
	got := Mask(in, m).Checks
	assert.Equal(t, m.Mask(safety.ClassName, name), got[0].Want)
	assert.Equal(t, m.Mask(safety.ClassName, owner), got[0].Got)
	assert.Equal(t, "1234.57", got[1].Want)
	assert.Equal(t, "3000", got[1].Got)
}
