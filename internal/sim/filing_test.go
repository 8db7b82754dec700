package sim

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/coredb"
)

const (
	trXgmPre  = "SWZJ.HXZG.SB.ZZSXGMSBSQJKJHQQCSJ"
	trXgmSave = "SWZJ.HXZG.SB.BCZZSXGMSB"
	trVoid    = "SWZJ.HXZG.SB.BCSBZF"
	trUnpaid  = "SWZJ.HXZG.ZS.CXNSRWQJQSFXX"
	trPay     = "SWZJ.HXZG.ZS.SKYSKJN"
	trFiled   = "SWZJ.HXZG.SB.CXNSRYSBJL"
)

// vatBody is a 小规模 filing of one VAT line for a quarter.
func vatBody(qq, qz, ybtse string) string {
	return el("djxh", tDJXH) + el("nsrsbh", tNSRSBH) + el("skssqq", qq) + el("skssqz", qz) +
		"<sbxxGrid><sbxxGridlb>" + fieldsXML("zsxmDm", "10101", "jsyj", "100000.00", "sl1", "0.03",
		"ynse", ybtse, "jmse", "0", "yjse", "0", "ybtse", ybtse) + "</sbxxGridlb></sbxxGrid>"
}

func TestFilingChain(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *coredb.DB) {
		base := serve(t, newSim(t, db, ""))
		// pre-check: opening data, nothing written
		pre := callSim(t, base, trXgmPre, seqN("pre1"), vatBody("2026-01-01", "2026-03-31", ""))
		require.Equal(t, "0", pre.RtnCode, pre.Reason)
		require.Equal(t, tNSRMC, pre.get("//nsrmc"))
		require.Equal(t, "10101", pre.get("//sfzrdGridlb/zsxmDm"))
		require.Equal(t, 0, countRows(t, db, "SELECT SBUUID FROM HX_SB.SB_SBB WHERE DJXH = ?", tDJXH))

		save := callSim(t, base, trXgmSave, seqN("save1"), vatBody("2026-01-01", "2026-03-31", "3000.00"))
		require.Equal(t, "0", save.RtnCode, save.Reason)
		pzxh, sbuuid := save.get("//pzxh"), save.get("//sbuuid")
		require.Regexp(t, `^\d{20}$`, pzxh)
		require.Regexp(t, `^[0-9A-F]{32}$`, sbuuid)
		require.Equal(t, "3000.00", save.get("//sbjgVO/ybtse"))

		sbb := one(t, db, "SELECT PZXH, YZPZZL_DM, SKSSQQ, SKSSQZ, ZFBZ_1, YBTSE FROM HX_SB.SB_SBB WHERE SBUUID = ?", sbuuid)
		require.Equal(t, map[string]string{"PZXH": pzxh, "YZPZZL_DM": "BDA0610611", "SKSSQQ": "2026-01-01",
			"SKSSQZ": "2026-03-31", "ZFBZ_1": "N", "YBTSE": "3000.00"}, sbb)
		require.Equal(t, 1, countRows(t, db, "SELECT SBXXUUID FROM HX_SB.SB_SBXX WHERE SBUUID = ? AND ZSXM_DM = '10101'", sbuuid))
		yjsf := one(t, db, "SELECT YBTSE, JKBZ, ZFBZ_1, SKSSQZ, JKQX FROM HX_ZS.ZS_YJSF WHERE YZPZXH = ?", pzxh)
		require.Equal(t, map[string]string{"YBTSE": "3000.00", "JKBZ": "N", "ZFBZ_1": "N", "SKSSQZ": "2026-03-31",
			"JKQX": "2026-04-15"}, yjsf)

		dup := callSim(t, base, trXgmSave, seqN("save2"), vatBody("2026-01-01", "2026-03-31", "3000.00"))
		require.Equal(t, "3", dup.RtnCode)
		require.Contains(t, dup.Reason, "已申报")

		filed := callSim(t, base, trFiled, seqN("filed"), el("djxh", tDJXH))
		require.Equal(t, pzxh, filed.get("//ysbjlGridlb/pzxh"))

		unpaid := callSim(t, base, trUnpaid, seqN("unpaid"), el("djxh", tDJXH))
		require.Equal(t, 1, unpaid.count("//wqjsfGridlb"))
		require.Equal(t, "3000.00", unpaid.get("//wqjsfGridlb/ybtse"))

		pay := callSim(t, base, trPay, seqN("pay"), fieldsXML("djxh", tDJXH, "sfxyh", tSFXYH, "yzpzxh", pzxh, "jkje", "3000.00"))
		require.Equal(t, "0", pay.RtnCode, pay.Reason)
		require.Equal(t, "Y", one(t, db, "SELECT JKBZ FROM HX_ZS.ZS_YJSF WHERE YZPZXH = ?", pzxh)["JKBZ"])
		jks := one(t, db, "SELECT SJJE, DZSPHM FROM HX_ZS.ZS_JKS WHERE DJXH = ?", tDJXH)
		require.Equal(t, "3000.00", jks["SJJE"])
		require.Equal(t, pay.get("//dzsphm"), jks["DZSPHM"])

		paidVoid := callSim(t, base, trVoid, seqN("void1"), fieldsXML("djxh", tDJXH, "pzxh", pzxh))
		require.Equal(t, "3", paidVoid.RtnCode, "a paid filing cannot be voided")

		// a second period, voided before payment
		s2 := callSim(t, base, trXgmSave, seqN("save3"), vatBody("2026-04-01", "2026-06-30", "150.50"))
		require.Equal(t, "0", s2.RtnCode, s2.Reason)
		v := callSim(t, base, trVoid, seqN("void2"), fieldsXML("djxh", tDJXH, "pzxh", s2.get("//pzxh")))
		require.Equal(t, "0", v.RtnCode, v.Reason)
		require.Equal(t, "Y", one(t, db, "SELECT ZFBZ_1 FROM HX_SB.SB_SBB WHERE PZXH = ?", s2.get("//pzxh"))["ZFBZ_1"])
		require.Equal(t, "Y", one(t, db, "SELECT ZFBZ_1 FROM HX_SB.SB_SBXX WHERE SBUUID = ?", s2.get("//sbuuid"))["ZFBZ_1"])
		require.Equal(t, "Y", one(t, db, "SELECT ZFBZ_1 FROM HX_ZS.ZS_YJSF WHERE YZPZXH = ?", s2.get("//pzxh"))["ZFBZ_1"])
		again := callSim(t, base, trXgmSave, seqN("save4"), vatBody("2026-04-01", "2026-06-30", "150.50"))
		require.Equal(t, "0", again.RtnCode, "a voided period can be filed again: %s", again.Reason)
	})
}

func TestFilingRefusals(t *testing.T) {
	type testCase struct {
		name, tranID, body, reason string
	}
	cases := []testCase{
		{"unknown taxpayer", trXgmSave, el("djxh", "10114501999999999999") + el("skssqq", "2026-01-01") + el("skssqz", "2026-03-31"), "未找到纳税人"},
		{"nsrsbh mismatch", trXgmSave, el("djxh", tDJXH) + el("nsrsbh", "X") + el("skssqq", "2026-01-01") + el("skssqz", "2026-03-31"), "不匹配"},
		{"bad period", trXgmSave, vatBody("2026-03-31", "2026-01-01", "1.00"), "不合法"},
		{"not determined before 2020", trXgmPre, vatBody("2019-01-01", "2019-03-31", ""), "税费种认定"},
		{"table check", trXgmSave, vatBody("2026-01-01", "2026-03-31", "3000.00") + "<sbxxGrid><sbxxGridlb>" +
			fieldsXML("zsxmDm", "10101", "ynse", "10.00", "ybtse", "9.00") + "</sbxxGridlb></sbxxGrid>", ""},
		{"surcharge item on VAT form", trXgmSave, el("djxh", tDJXH) + el("skssqq", "2026-01-01") + el("skssqz", "2026-03-31") +
			el("zsxmDm", "10109") + el("ybtse", "1.00"), "10109"},
		{"missing ybtse", trXgmSave, el("djxh", tDJXH) + el("skssqq", "2026-01-01") + el("skssqz", "2026-03-31") + el("zsxmDm", "10101"), "ybtse"},
	}
	db := newDB(t, "sqlite")
	base := serve(t, newSim(t, db, ""))
	run := func(t *testing.T, tc testCase) {
		r := callSim(t, base, tc.tranID, seqN(tc.name), tc.body)
		require.Equal(t, "3", r.RtnCode, "want a business refusal")
		require.Contains(t, r.Reason, tc.reason)
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
	require.Equal(t, 0, countRows(t, db, "SELECT SBUUID FROM HX_SB.SB_SBB"), "refusals write nothing")
}

func TestSurchargesUseVATBasis(t *testing.T) {
	forEachDB(t, func(t *testing.T, db *coredb.DB) {
		base := serve(t, newSim(t, db, ""))
		require.Equal(t, "0", callSim(t, base, trXgmSave, seqN("vat"), vatBody("2026-01-01", "2026-03-31", "1000.00")).RtnCode)
		period := el("djxh", tDJXH) + el("skssqq", "2026-01-01") + el("skssqz", "2026-03-31")
		pre := callSim(t, base, "SWZJ.HXZG.SB.FJSSBSQJKJHQQCS", seqN("fjspre"), period)
		require.Equal(t, "0", pre.RtnCode, pre.Reason)
		require.Equal(t, "1000.00", pre.get("//zzsybtse"))
		require.Equal(t, 3, pre.count("//sfzrdGridlb"))
		var lines string
		for _, it := range [][2]string{{"10109", "70.00"}, {"30203", "30.00"}, {"30216", "20.00"}} {
			lines += "<sbxxGridlb>" + fieldsXML("zsxmDm", it[0], "jsyj", "1000.00", "ybtse", it[1]) + "</sbxxGridlb>"
		}
		save := callSim(t, base, "SWZJ.HXZG.SB.BCFJSSBB", seqN("fjssave"), period+"<sbxxGrid>"+lines+"</sbxxGrid>")
		require.Equal(t, "0", save.RtnCode, save.Reason)
		require.Equal(t, "120.00", save.get("//sbjgVO/ybtse"))
		pay, err := rows(t.Context(), db, "SELECT ZSXM_DM, YBTSE FROM HX_ZS.ZS_YJSF WHERE YZPZXH = ? ORDER BY ZSXM_DM", save.get("//pzxh"))
		require.NoError(t, err)
		require.Equal(t, []map[string]string{{"ZSXM_DM": "10109", "YBTSE": "70.00"}, {"ZSXM_DM": "30203", "YBTSE": "30.00"},
			{"ZSXM_DM": "30216", "YBTSE": "20.00"}}, pay)
	})
}
