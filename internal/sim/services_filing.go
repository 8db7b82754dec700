package sim

import (
	"strings"
	"time"
)

// form is a filing form: a read-only pre-check with opening data and a save.
type form struct {
	pre, save [3]string // code, tran_id, name
	yzpzzl    string    // YZPZZL_DM of the form
	items     []string  // ZSXM_DM the form files; nil = any determined item
	vatBasis  bool      // opening data carries the VAT filed for the period (surcharges)
}

// forms are the filing pairs with real semantics. Codes HXZG_SB_X… are
// provisional (their tran_ids are real).
var forms = []form{
	{pre: [3]string{"HXZG_SB_00044", "SWZJ.HXZG.SB.ZZSXGMSBSQJKJHQQCSJ", "增值税小规模申报事前监控及获取期初数据"},
		save: [3]string{"HXZG_SB_00045", "SWZJ.HXZG.SB.BCZZSXGMSB", "保存增值税小规模申报"}, yzpzzl: "BDA0610611", items: []string{"10101"}},
	{pre: [3]string{"HXZG_SB_00040", "SWZJ.HXZG.SB.ZZSYBRSBSQJKJHQQCSJ", "增值税一般人申报事前监控及获取期初数据"},
		save: [3]string{"HXZG_SB_00041", "SWZJ.HXZG.SB.BCZZSYBRSB", "保存增值税一般人申报"}, yzpzzl: "BDA0610606", items: []string{"10101"}},
	{pre: [3]string{"HXZG_SB_01284", "SWZJ.HXZG.SB.FJSSBSQJKJHQQCS", "附加税申报事前监控及获取期初数据"},
		save: [3]string{"HXZG_SB_01285", "SWZJ.HXZG.SB.BCFJSSBB", "保存附加税申报"}, yzpzzl: "BDA0611148",
		items: []string{"10109", "30203", "30216"}, vatBasis: true},
	{pre: [3]string{"HXZG_SB_00001", "SWZJ.HXZG.SB.XFSSBSQJKJHQQCS", "消费税申报事前监控及获取期初数据"},
		save: [3]string{"HXZG_SB_00002", "SWZJ.HXZG.SB.BCXFSSB", "消费税申报保存"}, yzpzzl: "BDA0610110", items: []string{"10102"}},
	{pre: [3]string{"HXZG_SB_X0169", "SWZJ.HXZG.SB.YHSSBSBSQJKJQCSHQ", "印花税事前监控"},
		save: [3]string{"HXZG_SB_X0173", "SWZJ.HXZG.SB.YHSSBBC", "印花税申报保存"}, yzpzzl: "BDA0610794", items: []string{"10111"}},
	{pre: [3]string{"HXZG_SB_X0247", "SWZJ.HXZG.SB.FCSSBZRJCSJ", "房产税事前监控"},
		save: [3]string{"HXZG_SB_X0250", "SWZJ.HXZG.SB.BCFCSSBB", "房产税申报保存"}, yzpzzl: "BDA0610756", items: []string{"10110"}},
	{pre: [3]string{"HXZG_SB_X0201", "SWZJ.HXZG.SB.CZTDSYSSBXXCSH", "城镇土地使用税申报获取期初信息"},
		save: [3]string{"HXZG_SB_X0198", "SWZJ.HXZG.SB.BCCZTDSYSXX", "保存城镇土地使用税申报信息"}, yzpzzl: "BDA0610762", items: []string{"10112"}},
	{pre: [3]string{"HXZG_SB_X0411", "SWZJ.HXZG.SB.FXMTYSBBSQJKJHQQCS", "通用申报事前监控及获取期初数据（含分项目通用申报）"},
		save: [3]string{"HXZG_SB_X0151", "SWZJ.HXZG.SB.BCFXMTYSB", "保存通用申报（含分项目通用申报）"}, yzpzzl: "BDA0610100"},
}

func filingServices() []*service {
	var out []*service
	for _, f := range forms {
		f := f
		out = append(out,
			&service{info: info(f.pre[0], f.pre[1], f.pre[2], "check", "djxh", "nsrsbh", "skssqq", "skssqz"), run: f.precheck},
			&service{info: info(f.save[0], f.save[1], f.save[2], "save", "djxh", "nsrsbh", "skssqq", "skssqz", "zsxmDm", "ybtse"),
				run: f.saveFiling})
	}
	return out
}

// filing is what the pre-check and the save both establish.
type filing struct {
	tp         map[string]string
	qq, qz     string
	ds         []map[string]string // determinations of the form valid over the period
	earlier    []map[string]string // non-void filings of the same form and period
	correction bool
}

// prepare checks the taxpayer, the period, the determinations and earlier
// filings; a refusal answer says why the filing may not go on.
func (f form) prepare(c *call, q queryer) (*filing, *answer, error) {
	if a := requireFields(c, "djxh", "skssqq", "skssqz"); a != nil {
		return nil, a, nil
	}
	tp, refused, err := c.checkTaxpayer(q)
	if refused != nil || err != nil {
		return nil, refused, err
	}
	fl := &filing{tp: tp, qq: day(c.req.field("skssqq")), qz: day(c.req.field("skssqz"))}
	tq, e1 := time.Parse(dayLayout, fl.qq)
	tz, e2 := time.Parse(dayLayout, fl.qz)
	if e1 != nil || e2 != nil || tz.Before(tq) {
		return nil, refusal("税款所属期起止" + c.req.field("skssqq") + "至" + c.req.field("skssqz") + "不合法"), nil
	}
	ds, err := c.determinations(q, tp["DJXH"])
	if err != nil {
		return nil, nil, err
	}
	for _, d := range covering(ds, fl.qq, fl.qz) {
		if f.items == nil || contains(f.items, d["ZSXM_DM"]) {
			fl.ds = append(fl.ds, d)
		}
	}
	if len(fl.ds) == 0 {
		return nil, refusal("纳税人在所属期" + fl.qq + "至" + fl.qz + "无" + f.save[2] + "对应的税费种认定"), nil
	}
	if fl.earlier, err = f.earlierFilings(c, q, fl); err != nil {
		return nil, nil, err
	}
	gz := c.req.field("gzlxDm")
	fl.correction = gz != "" && gz != "1"
	if len(fl.earlier) > 0 && !fl.correction {
		return nil, refusal("所属期" + fl.qq + "至" + fl.qz + "已申报(凭证序号" + fl.earlier[0]["PZXH"] + ")，不允许重复申报"), nil
	}
	return fl, nil, nil
}

// earlierFilings lists the taxpayer's non-void filings of the form for
// exactly the filing's period.
func (f form) earlierFilings(c *call, q queryer, fl *filing) ([]map[string]string, error) {
	filed, err := rows(c.ctx, q, "SELECT SBUUID, PZXH, SKSSQQ, SKSSQZ FROM HX_SB.SB_SBB WHERE DJXH = ? AND YZPZZL_DM = ? AND ZFBZ_1 = 'N'",
		fl.tp["DJXH"], f.yzpzzl)
	if err != nil {
		return nil, err
	}
	var out []map[string]string
	for _, r := range filed {
		if r["SKSSQQ"] == fl.qq && r["SKSSQZ"] == fl.qz {
			out = append(out, r)
		}
	}
	return out, nil
}

// precheck answers the opening data and writes nothing.
func (f form) precheck(c *call) (*answer, error) {
	fl, refused, err := f.prepare(c, c.sim.db)
	if refused != nil || err != nil {
		return refused, err
	}
	pairs := []string{"djxh", fl.tp["DJXH"], "nsrsbh", fl.tp["NSRSBH"], "nsrmc", fl.tp["NSRMC"],
		"skssqq", fl.qq, "skssqz", fl.qz, "yzpzzlDm", f.yzpzzl, "sfgzsb", yn(fl.correction)}
	if f.vatBasis {
		basis, err := c.vatFiled(fl)
		if err != nil {
			return nil, err
		}
		pairs = append(pairs, "zzsybtse", fmtAmount(basis))
	}
	return success(group("sbqcVO", fieldsXML(pairs...)) + grid("sfzrdGrid", camelRows(fl.ds),
		[]string{"zsxmDm", "zspmDm", "sl1", "nsqxDm", "rdyxqq", "rdyxqz"})), nil
}

// vatFiled is the VAT (10101) filed and not voided for the same period: the
// basis of the surcharges.
func (c *call) vatFiled(fl *filing) (int64, error) {
	rs, err := rows(c.ctx, c.sim.db, "SELECT YBTSE, SKSSQQ, SKSSQZ FROM HX_SB.SB_SBXX WHERE DJXH = ? AND ZSXM_DM = '10101' AND ZFBZ_1 = 'N'",
		fl.tp["DJXH"])
	if err != nil {
		return 0, err
	}
	var sum int64
	for _, r := range rs {
		if r["SKSSQQ"] == fl.qq && r["SKSSQZ"] == fl.qz {
			n, _ := parseAmount(r["YBTSE"])
			sum += n
		}
	}
	return sum, nil
}

func yn(b bool) string {
	if b {
		return "Y"
	}
	return "N"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// shiftDay moves a yyyy-MM-dd date by n days.
func shiftDay(d string, n int) string {
	t, err := time.Parse(dayLayout, d)
	if err != nil {
		return d
	}
	return t.AddDate(0, 0, n).Format(dayLayout)
}

// deadline is the payment deadline of a period: the 15th of the next month.
func deadline(qz string) string {
	t, err := time.Parse(dayLayout, qz)
	if err != nil {
		return ""
	}
	return time.Date(t.Year(), t.Month()+1, 15, 0, 0, 0, 0, time.UTC).Format(dayLayout)
}

// joinMissing lists missing fields for a refusal.
func joinMissing(m []string) string { return "缺少必录项: " + strings.Join(m, ", ") }
