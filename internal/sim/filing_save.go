package sim

import (
	"strconv"

	"github.com/jmoiron/sqlx"
)

// line is one filed tax item (a sbxxGridlb row).
type line struct {
	zsxm, zspm                 string
	jsyj, sl, ynse, jmse, yjse string
	ybtse                      int64
}

// lines reads the filed items: the sbxxGridlb rows, or the top-level fields
// as one item when the body has no grid.
func (f form) lines(c *call, fl *filing) ([]line, *answer) {
	grid := c.req.rows("sbxxGridlb")
	if len(grid) == 0 {
		grid = []map[string]string{c.req.Fields}
	}
	var out []line
	for i, r := range grid {
		if r["zsxmDm"] == "" || r["ybtse"] == "" {
			return nil, refusal("申报明细第" + itoa(i+1) + "行" + joinMissing(missingOf(r, "zsxmDm", "ybtse")))
		}
		d := findItem(fl.ds, r["zsxmDm"])
		if d == nil {
			return nil, refusal("征收项目" + r["zsxmDm"] + "在所属期内无有效认定，或不属于本申报表")
		}
		l := line{zsxm: r["zsxmDm"], zspm: r["zspmDm"], jsyj: amountOr(r["jsyj"]), sl: r["sl1"],
			ynse: amountOr(r["ynse"]), jmse: amountOr(r["jmse"]), yjse: amountOr(r["yjse"])}
		if l.zspm == "" {
			l.zspm = d["ZSPM_DM"]
		}
		if l.sl == "" {
			l.sl = d["SL_1"]
		}
		var err error
		if l.ybtse, err = parseAmount(r["ybtse"]); err != nil || l.ybtse < 0 {
			return nil, refusal("应补(退)税额" + r["ybtse"] + "不合法")
		}
		if r["ynse"] != "" && cents(l.ynse)-cents(l.jmse)-cents(l.yjse) != l.ybtse {
			return nil, refusal("表内校验不通过: 应补(退)税额" + fmtAmount(l.ybtse) + "不等于应纳税额减减免税额减已缴税额")
		}
		out = append(out, l)
	}
	return out, nil
}

// saveFiling writes SB_SBB, SB_SBXX and ZS_YJSF rows in one transaction and
// answers pzxh and sbuuid.
func (f form) saveFiling(c *call) (*answer, error) {
	fl, refused, err := f.prepare(c, c.sim.db)
	if refused != nil || err != nil {
		return refused, err
	}
	ls, refused := f.lines(c, fl)
	if refused != nil {
		return refused, nil
	}
	pzxh, sbuuid := newXH(fl.tp["ZGSWJ_DM"]), newUUID()
	var total int64
	for _, l := range ls {
		total += l.ybtse
	}
	var payables []map[string]string
	err = c.inTx(func(tx *sqlx.Tx) error {
		if fl.correction {
			if err := voidEarlier(c, tx, fl.earlier); err != nil {
				return err
			}
		}
		if err := f.insertReturn(c, tx, fl, sbuuid, pzxh, total); err != nil {
			return err
		}
		var err error
		payables, err = f.writeLines(c, tx, fl, ls, sbuuid, pzxh)
		return err
	})
	if err != nil {
		return nil, err
	}
	head := fieldsXML("pzxh", pzxh, "sbuuid", sbuuid, "djxh", fl.tp["DJXH"], "nsrsbh", fl.tp["NSRSBH"],
		"yzpzzlDm", f.yzpzzl, "skssqq", fl.qq, "skssqz", fl.qz, "ybtse", fmtAmount(total), "sbrq", c.today())
	return success(group("sbjgVO", head) + grid("yjsfGrid", payables,
		[]string{"zsuuid", "zsxmDm", "zspmDm", "ybtse", "jkqx"})), nil
}

// insertReturn writes the SB_SBB row of the return (correction type from
// gzlxDm, default 1).
func (f form) insertReturn(c *call, tx *sqlx.Tx, fl *filing, sbuuid, pzxh string, total int64) error {
	gz := c.req.field("gzlxDm")
	if gz == "" {
		gz = "1"
	}
	return insert(c.ctx, tx, "HX_SB.SB_SBB", map[string]any{"SBUUID": sbuuid, "PZXH": pzxh, "DJXH": fl.tp["DJXH"],
		"NSRSBH": fl.tp["NSRSBH"], "YZPZZL_DM": f.yzpzzl, "SKSSQQ": fl.qq, "SKSSQZ": fl.qz, "SBRQ_1": c.today(),
		"YBTSE": fmtAmount(total), "ZFBZ_1": "N", "GZLX_DM_1": gz, "SJGSDQ": fl.tp["ZGSWJ_DM"],
		"LRRQ": c.timestamp(), "XGRQ": c.timestamp()})
}

// writeLines writes one SB_SBXX and one ZS_YJSF row per item (data bugs
// applied) and returns the payables as the answer reports them.
func (f form) writeLines(c *call, tx *sqlx.Tx, fl *filing, ls []line, sbuuid, pzxh string) ([]map[string]string, error) {
	qz := fl.qz
	if c.bugs["wrong-period"] {
		qz = shiftDay(qz, 1)
	}
	jkqx := deadline(fl.qz)
	var payables []map[string]string
	for _, l := range ls {
		copies := 1
		if c.bugs["duplicate-row"] {
			copies = 2
		}
		for i := 0; i < copies; i++ {
			if err := insert(c.ctx, tx, "HX_SB.SB_SBXX", map[string]any{"SBXXUUID": newUUID(), "SBUUID": sbuuid,
				"DJXH": fl.tp["DJXH"], "ZSXM_DM": l.zsxm, "ZSPM_DM": l.zspm, "SKSSQQ": fl.qq, "SKSSQZ": qz,
				"YZPZZL_DM": f.yzpzzl, "JSYJ": l.jsyj, "SL_1": amountOr(l.sl), "YNSE": l.ynse, "JMSE": l.jmse,
				"YJSE": l.yjse, "YBTSE": fmtAmount(l.ybtse), "ZFBZ_1": "N", "LRRQ": c.timestamp()}); err != nil {
				return nil, err
			}
		}
		zsuuid := newUUID()
		payables = append(payables, map[string]string{"zsuuid": zsuuid, "zsxmDm": l.zsxm, "zspmDm": l.zspm,
			"ybtse": fmtAmount(l.ybtse), "jkqx": jkqx})
		if c.bugs["missing-payable"] {
			continue
		}
		amount := l.ybtse
		if c.bugs["wrong-amount"] {
			amount++ // off by one fen
		}
		if err := insert(c.ctx, tx, "HX_ZS.ZS_YJSF", map[string]any{"ZSUUID": zsuuid, "YZPZXH": pzxh,
			"DJXH": fl.tp["DJXH"], "ZSXM_DM": l.zsxm, "ZSPM_DM": l.zspm, "SKSSQQ": fl.qq, "SKSSQZ": qz,
			"YBTSE": fmtAmount(amount), "JKQX": jkqx, "JKBZ": "N", "ZFBZ_1": "N",
			"LRRQ": c.timestamp(), "XGRQ": c.timestamp()}); err != nil {
			return nil, err
		}
	}
	return payables, nil
}

// voidEarlier voids the filings a correction replaces (their unpaid
// payables too).
func voidEarlier(c *call, tx *sqlx.Tx, earlier []map[string]string) error {
	for _, e := range earlier {
		if err := voidFiling(c, tx, e["SBUUID"], e["PZXH"]); err != nil {
			return err
		}
	}
	return nil
}

// voidFiling flips ZFBZ_1 to Y on SB_SBB, SB_SBXX and the unpaid ZS_YJSF rows.
func voidFiling(c *call, tx *sqlx.Tx, sbuuid, pzxh string) error {
	ts := c.timestamp()
	for _, s := range []struct {
		stmt string
		args []any
	}{
		{"UPDATE HX_SB.SB_SBB SET ZFBZ_1 = 'Y', XGRQ = ? WHERE SBUUID = ?", []any{ts, sbuuid}},
		{"UPDATE HX_SB.SB_SBXX SET ZFBZ_1 = 'Y' WHERE SBUUID = ?", []any{sbuuid}},
		{"UPDATE HX_ZS.ZS_YJSF SET ZFBZ_1 = 'Y', XGRQ = ? WHERE YZPZXH = ? AND JKBZ = 'N'", []any{ts, pzxh}},
	} {
		if _, err := exec(c.ctx, tx, s.stmt, s.args...); err != nil {
			return err
		}
	}
	return nil
}

func findItem(ds []map[string]string, zsxm string) map[string]string {
	for _, d := range ds {
		if d["ZSXM_DM"] == zsxm {
			return d
		}
	}
	return nil
}

func missingOf(r map[string]string, names ...string) []string {
	var out []string
	for _, n := range names {
		if r[n] == "" {
			out = append(out, n)
		}
	}
	return out
}

// amountOr normalises an optional amount ("" and garbage become 0.00).
func amountOr(s string) string { return fmtAmount(cents(s)) }

func cents(s string) int64 {
	n, err := parseAmount(s)
	if err != nil {
		return 0
	}
	return n
}

func itoa(n int) string { return strconv.Itoa(n) }
