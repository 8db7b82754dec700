package sim

import (
	"fmt"
	"strconv"
)

var pzhdCols = []string{"HDUUID", "DJXH", "FPZL_DM", "MYZGKPXE", "MYZGLGSL", "YXBZ"}

func fpServices() []*service {
	return []*service{
		querySpec{code: "HXZG_FP_X0058", tranID: "SWZJ.HXZG.FP.CXNSRPZHDXX", name: "根据登记序号查询纳税人票种核定信息",
			table: "HX_FP.FP_PZHDXX", grid: "pzhdGrid", cols: pzhdCols, keys: []string{"djxh"}, opts: []string{"fpzlDm"},
			where: "YXBZ = 'Y'", order: "FPZL_DM"}.service(),
		querySpec{code: "HXZG_FP_00276", tranID: "SWZJ.HXZG.FP.CXFPFSXXLB", name: "根据登记序号等信息查询纳税人发票发售记录",
			table: "HX_FP.FP_FPFSXX", grid: "fpfsGrid",
			cols: []string{"FSUUID", "DJXH", "FPZL_DM", "FPDM", "QSHM", "ZZHM", "FS", "FSRQ"},
			keys: []string{"djxh"}, opts: []string{"fpzlDm", "fpdm"}, order: "FSRQ, FPDM, QSHM"}.service(),
		{info: info("HXZG_FP_00279", "SWZJ.HXZG.FP.CXNSRFPJC", "根据登记序号等条件查询纳税人发票结存", "query", "djxh"), run: invoiceStock},
		{info: info("HXZG_FP_00000", "SWZJ.HXZG.FP.CSHPZHDSQ", "校验并提取纳税人基本信息、已有票种核定信息，初始化发票票种核定申请业务", "init", "djxh"),
			run: initInvoiceTypes},
		{info: info("HXZG_FP_X0018", "SWZJ.HXZG.FP.X0018", "保存票种核定申请信息", "save", "djxh", "fpzlDm", "myzgkpxe", "myzglgsl"),
			run: saveInvoiceType},
		{info: info("HXZG_FP_00051", "SWZJ.HXZG.FP.BCFSXX", "保存发售信息", "save", "djxh", "fpzlDm", "fpdm", "qshm", "fs"),
			run: sellInvoices},
	}
}

// initInvoiceTypes answers the taxpayer and its current invoice types.
func initInvoiceTypes(c *call) (*answer, error) {
	tp, refused, err := c.checkTaxpayer(c.sim.db)
	if refused != nil || err != nil {
		return refused, err
	}
	hd, err := rows(c.ctx, c.sim.db, "SELECT HDUUID, DJXH, FPZL_DM, MYZGKPXE, MYZGLGSL, YXBZ FROM HX_FP.FP_PZHDXX WHERE DJXH = ? AND YXBZ = 'Y' ORDER BY FPZL_DM", tp["DJXH"])
	if err != nil {
		return nil, err
	}
	cols := make([]string, len(pzhdCols))
	for i, col := range pzhdCols {
		cols[i] = camel(col)
	}
	return success(group("nsrxxVO", fieldsXML("djxh", tp["DJXH"], "nsrsbh", tp["NSRSBH"], "nsrmc", tp["NSRMC"],
		"zgswjDm", tp["ZGSWJ_DM"])) + grid("pzhdGrid", camelRows(hd), cols)), nil
}

// saveInvoiceType writes an FP_PZHDXX row; one valid row per invoice type
// (a new determination ends the previous one).
func saveInvoiceType(c *call) (*answer, error) {
	if a := requireFields(c, "djxh", "fpzlDm", "myzgkpxe", "myzglgsl"); a != nil {
		return a, nil
	}
	if _, refused, err := c.checkTaxpayer(c.sim.db); refused != nil || err != nil {
		return refused, err
	}
	f := c.req.field
	n, err := strconv.Atoi(f("myzglgsl"))
	if err != nil || n <= 0 {
		return refusal("每月最高领购数量" + f("myzglgsl") + "不合法"), nil
	}
	have, err := rows(c.ctx, c.sim.db, "SELECT HDUUID FROM HX_FP.FP_PZHDXX WHERE DJXH = ? AND FPZL_DM = ? AND YXBZ = 'Y'", f("djxh"), f("fpzlDm"))
	if err != nil {
		return nil, err
	}
	id := newUUID()
	if len(have) > 0 { // a change of the determination: the old one ends
		if _, err := exec(c.ctx, c.sim.db, "UPDATE HX_FP.FP_PZHDXX SET YXBZ = 'N' WHERE HDUUID = ?", have[0]["HDUUID"]); err != nil {
			return nil, err
		}
	}
	err = insert(c.ctx, c.sim.db, "HX_FP.FP_PZHDXX", map[string]any{"HDUUID": id, "DJXH": f("djxh"), "FPZL_DM": f("fpzlDm"),
		"MYZGKPXE": amountOr(f("myzgkpxe")), "MYZGLGSL": n, "YXBZ": "Y", "LRRQ": c.timestamp()})
	if err != nil {
		return nil, err
	}
	return success(group("pzhdVO", fieldsXML("hduuid", id, "fpzlDm", f("fpzlDm"), "myzglgsl", strconv.Itoa(n)))), nil
}

// sellInvoices records a sale of fs invoices starting at qshm, within the
// monthly quantity of the taxpayer's invoice type.
func sellInvoices(c *call) (*answer, error) {
	if a := requireFields(c, "djxh", "fpzlDm", "fpdm", "qshm", "fs"); a != nil {
		return a, nil
	}
	if _, refused, err := c.checkTaxpayer(c.sim.db); refused != nil || err != nil {
		return refused, err
	}
	f := c.req.field
	hd, err := rows(c.ctx, c.sim.db, "SELECT MYZGLGSL FROM HX_FP.FP_PZHDXX WHERE DJXH = ? AND FPZL_DM = ? AND YXBZ = 'Y'", f("djxh"), f("fpzlDm"))
	if err != nil {
		return nil, err
	}
	if len(hd) == 0 {
		return refusal("纳税人未核定发票种类" + f("fpzlDm")), nil
	}
	fs, err1 := strconv.Atoi(f("fs"))
	start, err2 := strconv.Atoi(f("qshm"))
	limit, _ := strconv.Atoi(hd[0]["MYZGLGSL"])
	if err1 != nil || err2 != nil || fs <= 0 || len(f("qshm")) != 8 {
		return refusal("发售份数或起始号码不合法"), nil
	}
	if fs > limit {
		return refusal(fmt.Sprintf("发售份数%d超过每月最高领购数量%d", fs, limit)), nil
	}
	id, zzhm := newUUID(), fmt.Sprintf("%08d", start+fs-1)
	err = insert(c.ctx, c.sim.db, "HX_FP.FP_FPFSXX", map[string]any{"FSUUID": id, "DJXH": f("djxh"), "FPZL_DM": f("fpzlDm"),
		"FPDM": f("fpdm"), "QSHM": f("qshm"), "ZZHM": zzhm, "FS": fs, "FSRQ": c.today(), "LRRQ": c.timestamp()})
	if err != nil {
		return nil, err
	}
	return success(group("fsjgVO", fieldsXML("fsuuid", id, "fpdm", f("fpdm"), "qshm", f("qshm"), "zzhm", zzhm, "fs", f("fs")))), nil
}

// invoiceStock sums the invoices sold per type (结存).
func invoiceStock(c *call) (*answer, error) {
	if a := requireFields(c, "djxh"); a != nil {
		return a, nil
	}
	sold, err := rows(c.ctx, c.sim.db, "SELECT FPZL_DM, FS FROM HX_FP.FP_FPFSXX WHERE DJXH = ? ORDER BY FPZL_DM", c.req.field("djxh"))
	if err != nil {
		return nil, err
	}
	sum := map[string]int{}
	var order []string
	for _, r := range sold {
		if _, seen := sum[r["FPZL_DM"]]; !seen {
			order = append(order, r["FPZL_DM"])
		}
		n, _ := strconv.Atoi(r["FS"])
		sum[r["FPZL_DM"]] += n
	}
	var out []map[string]string
	for _, k := range order {
		out = append(out, map[string]string{"fpzlDm": k, "jcsl": strconv.Itoa(sum[k])})
	}
	return success(grid("fpjcGrid", out, []string{"fpzlDm", "jcsl"})), nil
}
