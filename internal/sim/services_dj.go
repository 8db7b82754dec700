package sim

import (
	"strings"

	"github.com/jmoiron/sqlx"
)

var nsrxxCols = []string{"DJXH", "NSRSBH", "NSRMC", "SHXYDM", "NSRZT_DM", "HY_DM", "DJZCLX_DM", "ZGSWJ_DM",
	"ZGSWSKFJ_DM", "FDDBRXM", "FDDBRSFZJHM", "SCJYDZ", "ZCDZ", "DJRQ"}

// badStatus are taxpayer statuses (NSRZT_DM) that may not file: 停业, 非正常, 注销.
var badStatus = map[string]string{"05": "停业", "06": "非正常", "07": "注销"}

func djServices() []*service {
	return []*service{
		querySpec{code: "HXZG_DJ_00004", tranID: "SWZJ.HXZG.DJ.CXNSRXXBYDJXHORNSRSBH", name: "根据登记序号或纳税人识别号查询纳税人信息",
			table: "HX_DJ.DJ_NSRXX", grid: "nsrxxGrid", cols: nsrxxCols, keys: []string{"djxh", "nsrsbh"}, anyOf: true,
			notFound: "未找到纳税人信息", order: "DJXH"}.service(),
		querySpec{code: "HXZG_DJ_00205", tranID: "SWZJ.HXZG.DJ.CXNSRZTBYDHXH", name: "根据登记序号获取纳税人状态",
			table: "HX_DJ.DJ_NSRXX", grid: "nsrztGrid", cols: []string{"DJXH", "NSRSBH", "NSRZT_DM", "KZZTDJLX_DM"},
			keys: []string{"djxh"}, notFound: "未找到纳税人信息"}.service(),
		querySpec{code: "HXZG_DJ_00225", tranID: "SWZJ.HXZG.DJ.CXNSRXXSFZJHM", name: "根据证件号码、证件种类获取对应法定代表人的纳税人信息",
			table: "HX_DJ.DJ_NSRXX", grid: "nsrxxGrid", cols: nsrxxCols, keys: []string{"fddbrsfzjhm"},
			opts: []string{"fddbrsfzjlxDm"}, order: "DJXH"}.service(),
		querySpec{code: "HXZG_DJ_X0162", tranID: "SWZJ.HXZG.DJ.X0162", name: "根据登记序号查询纳税人扩展信息",
			table: "HX_DJ.DJ_NSRXX_KZ", grid: "nsrkzxxGrid", cols: []string{"DJXH", "JYFW", "ZCZB", "CYRS", "CWFZRXM"},
			keys: []string{"djxh"}}.service(),
		{info: info("HXZG_DJ_00073", "SWZJ.HXZG.DJ.BCZZLSSWDJXX", "保存组织临时登记纳税人信息", "save",
			"nsrmc", "zgswjDm", "nsrsbh", "fddbrxm"), run: saveTempRegistration},
		{info: info("HXZG_DJ_X0018", "SWZJ.HXZG.DJ.X0018", "保存变更税务登记表信息和对相应的数据进行校验", "save", "djxh", "nsrmc"),
			run: saveTaxpayerChange},
	}
}

// loadTaxpayer reads DJ_NSRXX by djxh (nil when absent).
func (c *call) loadTaxpayer(q queryer, djxh string) (map[string]string, error) {
	rs, err := rows(c.ctx, q, "SELECT "+strings.Join(nsrxxCols, ", ")+" FROM HX_DJ.DJ_NSRXX WHERE DJXH = ?", djxh)
	if err != nil || len(rs) == 0 {
		return nil, err
	}
	return rs[0], nil
}

// checkTaxpayer returns the taxpayer, or a refusal when it is absent, its
// nsrsbh does not match the request's, or its status forbids business.
func (c *call) checkTaxpayer(q queryer) (map[string]string, *answer, error) {
	djxh := c.req.field("djxh")
	if djxh == "" {
		return nil, refusal("缺少必录项: djxh"), nil
	}
	tp, err := c.loadTaxpayer(q, djxh)
	if err != nil || tp == nil {
		return nil, refusal("登记序号" + djxh + "未找到纳税人信息"), err
	}
	if sbh := c.req.field("nsrsbh"); sbh != "" && sbh != tp["NSRSBH"] {
		return nil, refusal("纳税人识别号" + sbh + "与登记序号" + djxh + "不匹配"), nil
	}
	if st, bad := badStatus[tp["NSRZT_DM"]]; bad {
		return nil, refusal("纳税人状态为" + st + "，不允许办理该业务"), nil
	}
	return tp, nil, nil
}

// saveTempRegistration registers a temporary taxpayer and answers its new DJXH.
func saveTempRegistration(c *call) (*answer, error) {
	if a := requireFields(c, "nsrmc", "zgswjDm"); a != nil {
		return a, nil
	}
	f := c.req.field
	if sbh := f("nsrsbh"); sbh != "" {
		dup, err := rows(c.ctx, c.sim.db, "SELECT DJXH FROM HX_DJ.DJ_NSRXX WHERE NSRSBH = ?", sbh)
		if err != nil {
			return nil, err
		}
		if len(dup) > 0 {
			return refusal("纳税人识别号" + sbh + "已登记"), nil
		}
	}
	djxh := newXH(f("zgswjDm"))
	row := map[string]any{"DJXH": djxh, "NSRSBH": f("nsrsbh"), "NSRMC": c.name(f("nsrmc")), "ZGSWJ_DM": f("zgswjDm"),
		"ZGSWSKFJ_DM": f("zgswskfjDm"), "NSRZT_DM": "03", "KZZTDJLX_DM": "1120", "HY_DM": f("hyDm"),
		"DJZCLX_DM": f("djzclxDm"), "FDDBRXM": f("fddbrxm"), "FDDBRSFZJHM": f("fddbrsfzjhm"),
		"SCJYDZ": f("scjydz"), "DJRQ": c.today(), "LRRQ": c.timestamp(), "XGRQ": c.timestamp()}
	if err := insert(c.ctx, c.sim.db, "HX_DJ.DJ_NSRXX", row); err != nil {
		return nil, err
	}
	return success(group("djjgVO", fieldsXML("djxh", djxh, "nsrsbh", f("nsrsbh"), "nsrztDm", "03"))), nil
}

// saveTaxpayerChange changes a taxpayer's name (and address) in DJ_NSRXX.
func saveTaxpayerChange(c *call) (*answer, error) {
	if a := requireFields(c, "djxh", "nsrmc"); a != nil {
		return a, nil
	}
	_, refused, err := c.checkTaxpayer(c.sim.db)
	if refused != nil || err != nil {
		return refused, err
	}
	err = c.inTx(func(tx *sqlx.Tx) error {
		stmt := "UPDATE HX_DJ.DJ_NSRXX SET NSRMC = ?, XGRQ = ? WHERE DJXH = ?"
		if _, err := exec(c.ctx, tx, stmt, c.name(c.req.field("nsrmc")), c.timestamp(), c.req.field("djxh")); err != nil {
			return err
		}
		if addr := c.req.field("scjydz"); addr != "" {
			_, err := exec(c.ctx, tx, "UPDATE HX_DJ.DJ_NSRXX SET SCJYDZ = ? WHERE DJXH = ?", addr, c.req.field("djxh"))
			return err
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return success(group("bgjgVO", fieldsXML("djxh", c.req.field("djxh"), "cgbz", "Y"))), nil
}

// name is a taxpayer name as written: cut at 30 bytes under truncate-name.
func (c *call) name(s string) string {
	if c.bugs["truncate-name"] {
		return cutBytes(s, 30)
	}
	return s
}

// requireFields refuses when any of the named body fields is empty.
func requireFields(c *call, names ...string) *answer {
	var missing []string
	for _, n := range names {
		if c.req.field(n) == "" {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		return refusal("缺少必录项: " + strings.Join(missing, ", "))
	}
	return nil
}
