package sim

import (
	"github.com/jmoiron/sqlx"
)

var (
	yjsfCols = []string{"ZSUUID", "YZPZXH", "DJXH", "ZSXM_DM", "ZSPM_DM", "SKSSQQ", "SKSSQZ", "YBTSE", "JKQX"}
	jksCols  = []string{"JKSUUID", "ZSUUID", "DJXH", "DZSPHM", "SJJE", "JKRQ", "JKFS_DM", "SFXYH"}
)

// Payment methods (JKFS_DM) the simulator writes.
const (
	jkfsTripartite = "1" // 三方协议扣款
	jkfsCash       = "3" // 税务收现
)

func zsServices() []*service {
	return []*service{
		querySpec{code: "HXZG_ZS_00377", tranID: "SWZJ.HXZG.ZS.CXNSRWQJQSFXX", name: "根据登记序号查询纳税人未清缴(欠税费)信息",
			table: "HX_ZS.ZS_YJSF", grid: "wqjsfGrid", cols: yjsfCols, keys: []string{"djxh"}, opts: []string{"zsxmDm", "yzpzxh"},
			where: "JKBZ = 'N' AND ZFBZ_1 = 'N'", order: "SKSSQQ, ZSXM_DM"}.service(),
		querySpec{code: "HXZG_ZS_10006", tranID: "SWZJ.HXZG.ZS.CXYZQSXXBYDJXHYZPZXH", name: "查询应征欠税信息",
			table: "HX_ZS.ZS_YJSF", grid: "yzqsGrid", cols: yjsfCols, keys: []string{"djxh", "yzpzxh"},
			where: "JKBZ = 'N' AND ZFBZ_1 = 'N'", order: "ZSXM_DM"}.service(),
		querySpec{code: "HXZG_ZS_X0048", tranID: "SWZJ.HXZG.ZS.CXYZKKQK", name: "查询应征扣款情况",
			table: "HX_ZS.ZS_YJSF", grid: "yzkkGrid", cols: yjsfCols, keys: []string{"djxh"}, opts: []string{"yzpzxh"},
			where: "JKBZ = 'Y'", order: "SKSSQQ, ZSXM_DM"}.service(),
		querySpec{code: "HXZG_ZS_00996", tranID: "SWZJ.HXZG.ZS.CXSFXYXXBYDJXH", name: "根据登记序号获取三方协议信息",
			table: "HX_ZS.ZS_SKY_SFXY", grid: "sfxyGrid",
			cols: []string{"SFXYUUID", "DJXH", "SFXYH", "KHYHHH", "YHMC", "JKZH", "JKZHMC", "QSYHHH", "YXQQ", "YXQZ"},
			keys: []string{"djxh"}, where: "YXBZ = 'Y'", order: "SFXYH"}.service(),
		querySpec{code: "HXZG_ZS_10028", tranID: "SWZJ.HXZG.ZS.SKYDZSPKKZTCX", name: "税库银电子税票扣款状态查询",
			table: "HX_ZS.ZS_JKS", grid: "kkztGrid", cols: jksCols, keys: []string{"djxh"}, opts: []string{"dzsphm"},
			order: "JKRQ, ZSUUID"}.service(),
		querySpec{code: "HXZG_ZS_00330", tranID: "SWZJ.HXZG.ZS.CXWHKDZJFJL", name: "查询未开过的电子缴费记录",
			table: "HX_ZS.ZS_JKS J", grid: "wkjfjlGrid", cols: jksCols, keys: []string{"djxh"},
			where: "NOT EXISTS (SELECT 1 FROM HX_ZS.ZS_WSZ W WHERE W.ZSUUID = J.ZSUUID)", order: "JKRQ"}.service(),
		{info: info("HXZG_ZS_10025", "SWZJ.HXZG.ZS.SKYSKJN", "税库银三方协议提交缴款请求（税收）", "save", "djxh", "sfxyh", "yzpzxh"),
			run: func(c *call) (*answer, error) { return settle(c, jkfsTripartite) }},
		{info: info("HXZG_ZS_10065", "SWZJ.HXZG.ZS.YBZSKPFPTOJK", "保存税收缴款书(税务收现专用)信息", "save", "djxh", "yzpzxh"),
			run: func(c *call) (*answer, error) { return settle(c, jkfsCash) }},
		{info: info("HXZG_ZS_X0001", "SWZJ.HXZG.ZS.BCSFXYXX", "保存三方协议信息", "save", "djxh", "sfxyh", "khyhhh", "jkzh"),
			run: saveAgreement},
		{info: info("HXZG_ZS_X0008", "SWZJ.HXZG.ZS.ZFSFXYXX", "作废三方协议信息", "save", "djxh", "sfxyh"), run: voidAgreement},
	}
}

// payables selects the unpaid, valid ZS_YJSF rows a payment settles: those
// of yzpzxh, of the listed zsuuid, or all of the taxpayer's.
func (c *call) payables(q queryer, djxh string) ([]map[string]string, error) {
	all, err := rows(c.ctx, q, "SELECT ZSUUID, YZPZXH, ZSXM_DM, YBTSE FROM HX_ZS.ZS_YJSF WHERE DJXH = ? AND JKBZ = 'N' AND ZFBZ_1 = 'N' ORDER BY ZSXM_DM", djxh)
	if err != nil {
		return nil, err
	}
	want := map[string]bool{}
	for _, r := range c.req.rows("jkxxGridlb") {
		want[r["zsuuid"]] = true
	}
	if z := c.req.field("zsuuid"); z != "" {
		want[z] = true
	}
	var out []map[string]string
	for _, r := range all {
		if p := c.req.field("yzpzxh"); p != "" && r["YZPZXH"] != p {
			continue
		}
		if len(want) > 0 && !want[r["ZSUUID"]] {
			continue
		}
		out = append(out, r)
	}
	return out, nil
}

// checkAgreement refuses a tripartite payment without a valid agreement
// (三方协议) sfxyh of the taxpayer.
func checkAgreement(c *call, djxh, sfxyh string) (*answer, error) {
	if sfxyh == "" {
		return refusal(joinMissing([]string{"sfxyh"})), nil
	}
	ok, err := rows(c.ctx, c.sim.db, "SELECT SFXYUUID FROM HX_ZS.ZS_SKY_SFXY WHERE DJXH = ? AND SFXYH = ? AND YXBZ = 'Y'", djxh, sfxyh)
	if err != nil {
		return nil, err
	}
	if len(ok) == 0 {
		return refusal("三方协议" + sfxyh + "不存在或已失效"), nil
	}
	return nil, nil
}

// settle pays payables: ZS_YJSF.JKBZ = 'Y', one ZS_JKS row each sharing one
// electronic tax ticket number; cash payments also get a ZS_WSZ receipt.
func settle(c *call, jkfs string) (*answer, error) {
	if _, refused, err := c.checkTaxpayer(c.sim.db); refused != nil || err != nil {
		return refused, err
	}
	djxh, sfxyh := c.req.field("djxh"), c.req.field("sfxyh")
	if jkfs == jkfsTripartite {
		if refused, err := checkAgreement(c, djxh, sfxyh); refused != nil || err != nil {
			return refused, err
		}
	}
	due, err := c.payables(c.sim.db, djxh)
	if err != nil {
		return nil, err
	}
	if len(due) == 0 {
		return refusal("纳税人无可缴纳的应征税费"), nil
	}
	var sum int64
	for _, p := range due {
		sum += cents(p["YBTSE"])
	}
	if j := c.req.field("jkje"); j != "" && cents(j) != sum {
		return refusal("缴款金额" + j + "与应缴税费合计" + fmtAmount(sum) + "不符"), nil
	}
	dzsphm := newXH("")
	err = c.inTx(func(tx *sqlx.Tx) error { return writePayment(c, tx, due, dzsphm, sfxyh, jkfs) })
	if err != nil {
		return nil, err
	}
	var out []map[string]string
	for _, p := range due {
		out = append(out, map[string]string{"zsuuid": p["ZSUUID"], "yzpzxh": p["YZPZXH"], "zsxmDm": p["ZSXM_DM"], "sjje": p["YBTSE"]})
	}
	return success(group("jkjgVO", fieldsXML("dzsphm", dzsphm, "sjje", fmtAmount(sum), "jkrq", c.today(), "jkzt", "Y")) +
		grid("jkmxGrid", out, []string{"zsuuid", "yzpzxh", "zsxmDm", "sjje"})), nil
}

func writePayment(c *call, tx *sqlx.Tx, due []map[string]string, dzsphm, sfxyh, jkfs string) error {
	for _, p := range due {
		n, err := exec(c.ctx, tx, "UPDATE HX_ZS.ZS_YJSF SET JKBZ = 'Y', XGRQ = ? WHERE ZSUUID = ? AND JKBZ = 'N'", c.timestamp(), p["ZSUUID"])
		if err != nil {
			return err
		}
		if n != 1 {
			return errConflict
		}
		if err := insert(c.ctx, tx, "HX_ZS.ZS_JKS", map[string]any{"JKSUUID": newUUID(), "ZSUUID": p["ZSUUID"],
			"DJXH": c.req.field("djxh"), "DZSPHM": dzsphm, "SJJE": p["YBTSE"], "JKRQ": c.today(), "JKFS_DM": jkfs,
			"SFXYH": sfxyh, "LRRQ": c.timestamp()}); err != nil {
			return err
		}
		if jkfs == jkfsCash {
			if err := insert(c.ctx, tx, "HX_ZS.ZS_WSZ", map[string]any{"WSZUUID": newUUID(), "ZSUUID": p["ZSUUID"],
				"DJXH": c.req.field("djxh"), "WSPZHM": dzsphm, "SJJE": p["YBTSE"], "KJRQ": c.today(),
				"LRRQ": c.timestamp()}); err != nil {
				return err
			}
		}
	}
	return nil
}

// saveAgreement records a three-party agreement (ZS_SKY_SFXY).
func saveAgreement(c *call) (*answer, error) {
	if a := requireFields(c, "djxh", "sfxyh", "khyhhh", "jkzh"); a != nil {
		return a, nil
	}
	if _, refused, err := c.checkTaxpayer(c.sim.db); refused != nil || err != nil {
		return refused, err
	}
	f := c.req.field
	dup, err := rows(c.ctx, c.sim.db, "SELECT SFXYUUID FROM HX_ZS.ZS_SKY_SFXY WHERE SFXYH = ? AND YXBZ = 'Y'", f("sfxyh"))
	if err != nil {
		return nil, err
	}
	if len(dup) > 0 {
		return refusal("三方协议号" + f("sfxyh") + "已存在"), nil
	}
	id := newUUID()
	err = insert(c.ctx, c.sim.db, "HX_ZS.ZS_SKY_SFXY", map[string]any{"SFXYUUID": id, "DJXH": f("djxh"),
		"SFXYH": f("sfxyh"), "KHYHHH": f("khyhhh"), "YHMC": f("yhmc"), "JKZH": f("jkzh"), "JKZHMC": f("jkzhmc"),
		"QSYHHH": f("qsyhhh"), "YXBZ": "Y", "YXQQ": c.today(), "YXQZ": "9999-12-31", "LRRQ": c.timestamp()})
	if err != nil {
		return nil, err
	}
	return success(group("sfxyVO", fieldsXML("sfxyuuid", id, "sfxyh", f("sfxyh"), "yxbz", "Y"))), nil
}

// voidAgreement sets YXBZ = 'N' on a valid agreement.
func voidAgreement(c *call) (*answer, error) {
	if a := requireFields(c, "djxh", "sfxyh"); a != nil {
		return a, nil
	}
	n, err := exec(c.ctx, c.sim.db, "UPDATE HX_ZS.ZS_SKY_SFXY SET YXBZ = 'N', YXQZ = ? WHERE DJXH = ? AND SFXYH = ? AND YXBZ = 'Y'",
		c.today(), c.req.field("djxh"), c.req.field("sfxyh"))
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return refusal("三方协议" + c.req.field("sfxyh") + "不存在或已失效"), nil
	}
	return success(group("sfxyVO", fieldsXML("sfxyh", c.req.field("sfxyh"), "yxbz", "N"))), nil
}
