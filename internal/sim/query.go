package sim

import (
	"strings"
	"unicode/utf8"
)

// querySpec is a table-driven query service: filter one core table by the
// request's fields and answer its rows as a grid.
type querySpec struct {
	code, tranID, name string
	table              string   // HX_RD.RD_SFZRDXXB
	grid               string   // sfzrdxxGrid (rows are sfzrdxxGridlb)
	cols               []string // columns answered, in order
	keys               []string // required request fields (lowerCamel), each an equality filter
	anyOf              bool     // keys: at least one of them is enough
	opts               []string // optional equality filters
	where              string   // fixed SQL condition, e.g. ZFBZ_1 = 'N'
	period             string   // "within": row SKSSQQ..SKSSQZ inside the request's; "overlap": RDYXQQ..RDYXQZ overlaps it
	notFound           string   // refusal when no row matches ("" = empty grid)
	order              string   // ORDER BY
}

// service turns the spec into a built-in read-only service.
func (q querySpec) service() *service {
	fields := append(append([]string{}, q.keys...), q.opts...)
	if q.period != "" {
		fields = append(fields, "skssqq", "skssqz")
	}
	return &service{info: info(q.code, q.tranID, q.name, "query", fields...), run: q.run}
}

func (q querySpec) run(c *call) (*answer, error) {
	stmt, args, refused := q.statement(c)
	if refused != nil {
		return refused, nil
	}
	found, err := rows(c.ctx, c.sim.db, stmt, args...)
	if err != nil {
		return nil, err
	}
	found = filterPeriod(found, q.period, day(c.req.field("skssqq")), day(c.req.field("skssqz")))
	if len(found) == 0 && q.notFound != "" {
		return refusal(q.notFound), nil
	}
	out := camelRows(found)
	if c.bugs["truncate-name"] {
		for _, r := range out {
			r["nsrmc"] = cutBytes(r["nsrmc"], 30)
		}
	}
	cols := make([]string, len(q.cols))
	for i, col := range q.cols {
		cols[i] = camel(col)
	}
	return success(grid(q.grid, out, cols)), nil
}

// statement builds the SELECT for the request's keys and optional fields,
// or the refusal when required keys are missing.
func (q querySpec) statement(c *call) (string, []any, *answer) {
	var conds, missing []string
	var args []any
	for _, k := range q.keys {
		v := c.req.field(k)
		if v == "" {
			missing = append(missing, k)
			continue
		}
		conds = append(conds, uncamel(k)+" = ?")
		args = append(args, v)
	}
	if len(missing) == len(q.keys) || (!q.anyOf && len(missing) > 0) {
		return "", nil, refusal("缺少必录项: " + strings.Join(missing, ", "))
	}
	for _, k := range q.opts {
		if v := c.req.field(k); v != "" {
			conds = append(conds, uncamel(k)+" = ?")
			args = append(args, v)
		}
	}
	if q.where != "" {
		conds = append(conds, q.where)
	}
	stmt := "SELECT " + strings.Join(q.cols, ", ") + " FROM " + q.table + " WHERE " + strings.Join(conds, " AND ")
	if q.order != "" {
		stmt += " ORDER BY " + q.order
	}
	return stmt, args, nil
}

// filterPeriod keeps rows whose period lies within (or overlaps) qq..qz.
func filterPeriod(in []map[string]string, mode, qq, qz string) []map[string]string {
	if mode == "" || (qq == "" && qz == "") {
		return in
	}
	var out []map[string]string
	for _, r := range in {
		var keep bool
		if mode == "overlap" {
			keep = (qz == "" || r["RDYXQQ"] <= qz) && (qq == "" || r["RDYXQZ"] == "" || r["RDYXQZ"] >= qq)
		} else {
			keep = (qq == "" || r["SKSSQQ"] >= qq) && (qz == "" || r["SKSSQZ"] <= qz)
		}
		if keep {
			out = append(out, r)
		}
	}
	return out
}

// uncamel turns a lowerCamel field into its column: zsxmDm → ZSXM_DM, sl1 → SL_1.
func uncamel(f string) string {
	var b strings.Builder
	for i, r := range f {
		isDigit := r >= '0' && r <= '9'
		prevDigit := i > 0 && f[i-1] >= '0' && f[i-1] <= '9'
		if i > 0 && ((r >= 'A' && r <= 'Z') || (isDigit && !prevDigit)) {
			b.WriteByte('_')
		}
		b.WriteRune(r)
	}
	return strings.ToUpper(b.String())
}

// cutBytes cuts s to at most n bytes of UTF-8, dropping a partial last
// character (what a VARCHAR2(n BYTE) column does to a long name).
func cutBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	s = s[:n]
	for len(s) > 0 && !utf8.ValidString(s) {
		s = s[:len(s)-1]
	}
	return s
}
