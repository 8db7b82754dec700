package sim

import (
	"time"

	"github.com/jmoiron/sqlx"
)

var sbbCols = []string{"SBUUID", "PZXH", "DJXH", "NSRSBH", "YZPZZL_DM", "SKSSQQ", "SKSSQZ", "SBRQ_1", "YBTSE", "GZLX_DM_1"}

func sbServices() []*service {
	return []*service{
		{info: info("HXZG_SB_00067", "SWZJ.HXZG.SB.BCSBZF", "保存申报作废", "save", "djxh", "pzxh"), run: voidFilingService},
		querySpec{code: "HXZG_SB_00065", tranID: "SWZJ.HXZG.SB.CXNSRYSBJL", name: "查询纳税人已申报记录",
			table: "HX_SB.SB_SBB", grid: "ysbjlGrid", cols: sbbCols, keys: []string{"djxh"},
			opts: []string{"yzpzzlDm", "pzxh"}, where: "ZFBZ_1 = 'N'", period: "within", order: "SKSSQQ, LRRQ"}.service(),
		querySpec{code: "HXZG_SB_00494", tranID: "SWZJ.HXZG.SB.SBQKCXSS", name: "申报情况查询",
			table: "HX_SB.SB_SBB", grid: "sbqkGrid", cols: append(append([]string{}, sbbCols...), "ZFBZ_1"),
			keys: []string{"djxh"}, opts: []string{"yzpzzlDm"}, period: "within", order: "SKSSQQ, LRRQ"}.service(),
		querySpec{code: "HXZG_SB_X0036", tranID: "SWZJ.HXZG.SB.SBQKMXCXSS", name: "申报情况明细查询",
			table: "HX_SB.SB_SBXX", grid: "sbmxGrid",
			cols: []string{"SBXXUUID", "SBUUID", "DJXH", "ZSXM_DM", "ZSPM_DM", "SKSSQQ", "SKSSQZ", "JSYJ", "SL_1", "YNSE",
				"JMSE", "YJSE", "YBTSE", "ZFBZ_1"},
			keys: []string{"sbuuid"}, opts: []string{"djxh"}, order: "ZSXM_DM"}.service(),
		{info: info("HXZG_SB_00492", "SWZJ.HXZG.SB.SZPMSBZTSBQXXXCX", "税种品目的申报状态、申报期限信息查询", "query",
			"djxh", "skssqq", "skssqz"), run: func(c *call) (*answer, error) { return filingStatus(c, false) }},
		{info: info("HXZG_SB_X0041", "SWZJ.HXZG.SB.YQWSBXXCX", "逾期未申报信息查询", "query", "djxh", "skssqq", "skssqz"),
			run: func(c *call) (*answer, error) { return filingStatus(c, true) }},
		{info: info("HXZG_SB_X0390", "SWZJ.HXZG.SB.JSSBQXBYJKQX", "获取缴税期限申报期限接口", "query", "skssqz"), run: deadlines},
	}
}

// voidFilingService voids a filing by pzxh (or sbuuid): SB_SBB, SB_SBXX and
// the unpaid ZS_YJSF rows get ZFBZ_1 = 'Y'. A paid filing is refused.
func voidFilingService(c *call) (*answer, error) {
	f := c.req.field
	if f("djxh") == "" || (f("pzxh") == "" && f("sbuuid") == "") {
		return refusal(joinMissing(missingOf(c.req.Fields, "djxh", "pzxh"))), nil
	}
	key, val := "PZXH", f("pzxh")
	if val == "" {
		key, val = "SBUUID", f("sbuuid")
	}
	found, err := rows(c.ctx, c.sim.db, "SELECT SBUUID, PZXH, ZFBZ_1 FROM HX_SB.SB_SBB WHERE DJXH = ? AND "+key+" = ?", f("djxh"), val)
	if err != nil {
		return nil, err
	}
	if len(found) == 0 {
		return refusal("未找到申报记录: " + val), nil
	}
	sb := found[0]
	if sb["ZFBZ_1"] == "Y" {
		return refusal("申报记录" + sb["PZXH"] + "已作废"), nil
	}
	paid, err := rows(c.ctx, c.sim.db, "SELECT ZSUUID FROM HX_ZS.ZS_YJSF WHERE YZPZXH = ? AND JKBZ = 'Y' AND ZFBZ_1 = 'N'", sb["PZXH"])
	if err != nil {
		return nil, err
	}
	if len(paid) > 0 {
		return refusal("申报" + sb["PZXH"] + "已缴款，不允许作废"), nil
	}
	if !c.bugs["no-void"] {
		if err := c.inTx(func(tx *sqlx.Tx) error { return voidFiling(c, tx, sb["SBUUID"], sb["PZXH"]) }); err != nil {
			return nil, err
		}
	}
	return success(group("zfjgVO", fieldsXML("pzxh", sb["PZXH"], "sbuuid", sb["SBUUID"], "zfbz1", "Y", "zfrq", c.today()))), nil
}

// filingStatus lists, per determination valid over the period, whether it
// was filed (sbzt Y/N) and the filing deadline; onlyMissing keeps the
// unfiled ones whose deadline has passed.
func filingStatus(c *call, onlyMissing bool) (*answer, error) {
	if a := requireFields(c, "djxh", "skssqq", "skssqz"); a != nil {
		return a, nil
	}
	qq, qz, djxh := day(c.req.field("skssqq")), day(c.req.field("skssqz")), c.req.field("djxh")
	ds, err := c.determinations(c.sim.db, djxh)
	if err != nil {
		return nil, err
	}
	filed, err := rows(c.ctx, c.sim.db, "SELECT ZSXM_DM, SKSSQQ, SKSSQZ FROM HX_SB.SB_SBXX WHERE DJXH = ? AND ZFBZ_1 = 'N'", djxh)
	if err != nil {
		return nil, err
	}
	done := map[string]bool{}
	for _, r := range filed {
		if r["SKSSQQ"] == qq && r["SKSSQZ"] == qz {
			done[r["ZSXM_DM"]] = true
		}
	}
	sbqx := deadline(qz)
	var out []map[string]string
	for _, d := range covering(ds, qq, qz) {
		if onlyMissing && (done[d["ZSXM_DM"]] || c.today() <= sbqx) {
			continue
		}
		out = append(out, map[string]string{"zsxmDm": d["ZSXM_DM"], "zspmDm": d["ZSPM_DM"], "skssqq": qq,
			"skssqz": qz, "sbzt": yn(done[d["ZSXM_DM"]]), "sbqx": sbqx})
	}
	return success(grid("sbztGrid", out, []string{"zsxmDm", "zspmDm", "skssqq", "skssqz", "sbzt", "sbqx"})), nil
}

// deadlines answers the filing and payment deadline of a period end.
func deadlines(c *call) (*answer, error) {
	qz := day(c.req.field("skssqz"))
	if _, err := time.Parse(dayLayout, qz); err != nil {
		return refusal("税款所属期止" + c.req.field("skssqz") + "不合法"), nil
	}
	d := deadline(qz)
	return success(group("qxVO", fieldsXML("skssqz", qz, "sbqx", d, "jkqx", d))), nil
}
