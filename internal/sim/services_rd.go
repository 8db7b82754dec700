package sim

import "time"

// NSRZGLX_DM of a VAT general taxpayer (增值税一般纳税人).
const zgYbnsr = "201"

func rdServices() []*service {
	return []*service{
		querySpec{code: "HXZG_RD_00073", tranID: "SWZJ.HXZG.RD.CXSFZRDXX", name: "税费种认定信息查询",
			table: "HX_RD.RD_SFZRDXXB", grid: "sfzrdxxGrid",
			cols: []string{"RDPZUUID", "DJXH", "ZSXM_DM", "ZSPM_DM", "NSQX_DM", "SBQX_DM", "SL_1", "RDYXQQ", "RDYXQZ"},
			keys: []string{"djxh"}, opts: []string{"zsxmDm"}, period: "overlap", order: "ZSXM_DM, ZSPM_DM"}.service(),
		querySpec{code: "HXZG_RD_X0001", tranID: "SWZJ.HXZG.RD.CXNSRRDZGBYDJXHSSQ", name: "根据登记序号查询纳税人资格认定信息",
			table: "HX_RD.RD_NSRZG", grid: "nsrzgGrid", cols: []string{"ZGUUID", "DJXH", "NSRZGLX_DM", "YXQQ", "YXQZ"},
			keys: []string{"djxh"}, opts: []string{"nsrzglxDm"}, order: "YXQQ"}.service(),
		{info: info("HXZG_RD_X0002", "SWZJ.HXZG.RD.JYNSRZZSYBNSRFDQBYDJXH", "校验纳税人是否为增值税一般纳税人", "check", "djxh"),
			run: checkGeneralTaxpayer},
		{info: info("HXZG_RD_X0017", "SWZJ.HXZG.RD.X0017", "保存税费种认定信息", "save",
			"djxh", "zsxmDm", "zspmDm", "rdyxqq", "rdyxqz"), run: saveDetermination},
	}
}

// determinations are the taxpayer's RD_SFZRDXXB rows.
func (c *call) determinations(q queryer, djxh string) ([]map[string]string, error) {
	return rows(c.ctx, q, "SELECT ZSXM_DM, ZSPM_DM, SL_1, NSQX_DM, RDYXQQ, RDYXQZ, YXBZ FROM HX_RD.RD_SFZRDXXB WHERE DJXH = ? ORDER BY ZSXM_DM, ZSPM_DM", djxh)
}

// covering keeps the determinations valid over the whole period qq..qz.
func covering(ds []map[string]string, qq, qz string) []map[string]string {
	var out []map[string]string
	for _, d := range ds {
		if d["YXBZ"] == "N" || d["RDYXQQ"] > qq || (d["RDYXQZ"] != "" && d["RDYXQZ"] < qz) {
			continue
		}
		out = append(out, d)
	}
	return out
}

// checkGeneralTaxpayer answers sfybnsr Y when an RD_NSRZG row of type 201
// is valid on the request's date (rq, default today).
func checkGeneralTaxpayer(c *call) (*answer, error) {
	if _, refused, err := c.checkTaxpayer(c.sim.db); refused != nil || err != nil {
		return refused, err
	}
	on := day(c.req.field("rq"))
	if on == "" {
		on = c.today()
	}
	zg, err := rows(c.ctx, c.sim.db, "SELECT YXQQ, YXQZ FROM HX_RD.RD_NSRZG WHERE DJXH = ? AND NSRZGLX_DM = ?",
		c.req.field("djxh"), zgYbnsr)
	if err != nil {
		return nil, err
	}
	yes, since := "N", ""
	for _, r := range zg {
		if r["YXQQ"] <= on && (r["YXQZ"] == "" || r["YXQZ"] >= on) {
			yes, since = "Y", r["YXQQ"]
		}
	}
	return success(group("ybnsrVO", fieldsXML("djxh", c.req.field("djxh"), "sfybnsr", yes, "yxqq", since))), nil
}

// saveDetermination writes one RD_SFZRDXXB row and answers its RDPZUUID.
func saveDetermination(c *call) (*answer, error) {
	if a := requireFields(c, "djxh", "zsxmDm", "zspmDm", "rdyxqq"); a != nil {
		return a, nil
	}
	if _, refused, err := c.checkTaxpayer(c.sim.db); refused != nil || err != nil {
		return refused, err
	}
	f := c.req.field
	qq, qz := day(f("rdyxqq")), day(f("rdyxqz"))
	if _, err := time.Parse(dayLayout, qq); err != nil {
		return refusal("认定有效期起" + f("rdyxqq") + "不是日期"), nil
	}
	if qz == "" {
		qz = "9999-12-31"
	}
	sl := f("sl1")
	if sl == "" {
		sl = "0"
	}
	id := newUUID()
	row := map[string]any{"RDPZUUID": id, "DJXH": f("djxh"), "ZSXM_DM": f("zsxmDm"), "ZSPM_DM": f("zspmDm"),
		"NSQX_DM": f("nsqxDm"), "SBQX_DM": f("sbqxDm"), "SL_1": sl, "RDYXQQ": qq, "RDYXQZ": qz, "YXBZ": "Y",
		"LRRQ": c.timestamp()}
	if err := insert(c.ctx, c.sim.db, "HX_RD.RD_SFZRDXXB", row); err != nil {
		return nil, err
	}
	return success(group("rdjgVO", fieldsXML("rdpzuuid", id, "djxh", f("djxh"), "zsxmDm", f("zsxmDm")))), nil
}
