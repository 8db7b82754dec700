package sim

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/gt3ct/gt3ct/internal/coredb"
)

const dayLayout = "2006-01-02"

// colTypes maps every core column name to its portable type, so values read
// back from any dialect are rendered the same way.
var colTypes = func() map[string]coredb.ColType {
	m := map[string]coredb.ColType{}
	for _, t := range coredb.Tables {
		for _, c := range t.Columns {
			m[c.Name] = c.Type
		}
	}
	return m
}()

// queryer is what both *sqlx.DB and *sqlx.Tx offer.
type queryer interface {
	sqlx.QueryerContext
	sqlx.ExecerContext
	Rebind(string) string
}

// rows runs a query (? placeholders) and returns each row keyed by the upper
// case column name, values normalised to text (dates yyyy-MM-dd, amounts
// with two decimals).
func rows(ctx context.Context, q queryer, query string, args ...any) ([]map[string]string, error) {
	rs, err := q.QueryxContext(ctx, q.Rebind(query), args...)
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []map[string]string
	for rs.Next() {
		m := map[string]any{}
		if err := rs.MapScan(m); err != nil {
			return nil, err
		}
		row := map[string]string{}
		for k, v := range m {
			k = strings.ToUpper(k)
			row[k] = normalise(colTypes[k], v)
		}
		out = append(out, row)
	}
	return out, rs.Err()
}

// normalise renders a database value as text.
func normalise(t coredb.ColType, v any) string {
	var s string
	switch x := v.(type) {
	case nil:
		return ""
	case time.Time:
		s = x.Format("2006-01-02 15:04:05")
	case []byte:
		s = string(x)
	case float64:
		s = strconv.FormatFloat(x, 'f', -1, 64)
	default:
		s = fmt.Sprint(x)
	}
	s = strings.TrimSpace(s)
	switch t {
	case coredb.Date:
		return day(s)
	case coredb.Amount:
		if c, err := parseAmount(s); err == nil {
			return fmtAmount(c)
		}
	}
	return s
}

// day cuts a date or timestamp text to yyyy-MM-dd.
func day(s string) string {
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' {
		return s[:10]
	}
	return s
}

// insert writes one row; columns are taken in sorted order.
func insert(ctx context.Context, q queryer, table string, row map[string]any) error {
	cols := make([]string, 0, len(row))
	for c := range row {
		cols = append(cols, c)
	}
	sort.Strings(cols)
	args := make([]any, len(cols))
	t, _ := coredb.Find(table)
	for i, c := range cols {
		args[i] = dateArg(q, t, c, row[c])
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")
	stmt := fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", table, strings.Join(cols, ", "), marks)
	_, err := q.ExecContext(ctx, q.Rebind(stmt), args...)
	if err != nil {
		return fmt.Errorf("insert %s: %w", table, err)
	}
	return nil
}

// dateArg stores a date string the way the core schema's dialect keeps
// dates (canonical "2006-01-02 15:04:05" text on SQLite, a time on
// PostgreSQL and Oracle), so SQL comparing a DATE column with a date
// parameter finds the row on every database.
func dateArg(q queryer, t coredb.Table, col string, v any) any {
	str, ok := v.(string)
	c, found := t.Column(col)
	if !ok || !found || c.Type != coredb.Date || str == "" {
		return v
	}
	d := coredb.SQLite
	if dn, ok := q.(interface{ DriverName() string }); ok && dn.DriverName() != "sqlite" {
		d = coredb.Postgres // time.Time, as for Oracle
	}
	if b, err := coredb.BindValue(d, c, str); err == nil {
		return b
	}
	return v
}

// exec runs a statement with ? placeholders and returns the affected rows.
func exec(ctx context.Context, q queryer, stmt string, args ...any) (int64, error) {
	res, err := q.ExecContext(ctx, q.Rebind(stmt), args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// inTx runs fn in a transaction, committing when it returns nil.
func (c *call) inTx(fn func(tx *sqlx.Tx) error) error {
	tx, err := c.sim.db.BeginTxx(c.ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// parseAmount reads a decimal (also exponent form) into cents, rounding
// half away from zero.
func parseAmount(s string) (int64, error) {
	r, ok := new(big.Rat).SetString(strings.TrimSpace(s))
	if !ok {
		return 0, fmt.Errorf("not a number: %q", s)
	}
	r.Mul(r, big.NewRat(100, 1))
	f, _ := r.Float64()
	if f > 1e17 || f < -1e17 {
		return 0, fmt.Errorf("amount out of range: %q", s)
	}
	n := new(big.Int).Quo(r.Num(), r.Denom())
	rem := new(big.Rat).Sub(r, new(big.Rat).SetInt(n))
	if rem.Abs(rem).Cmp(big.NewRat(1, 2)) >= 0 {
		if r.Sign() < 0 {
			n.Sub(n, big.NewInt(1))
		} else {
			n.Add(n, big.NewInt(1))
		}
	}
	return n.Int64(), nil
}

// fmtAmount renders cents as a decimal with two places.
func fmtAmount(c int64) string {
	sign := ""
	if c < 0 {
		sign, c = "-", -c
	}
	return fmt.Sprintf("%s%d.%02d", sign, c/100, c%100)
}

// newUUID is 32 upper-case hex characters.
func newUUID() string {
	var b [16]byte
	rand.Read(b[:])
	return strings.ToUpper(hex.EncodeToString(b[:]))
}

// newXH is a 20-digit sequence number (PZXH, DJXH, DZSPHM): "1" + "01" + a
// 7-digit tax-office prefix + 10 random digits.
func newXH(office string) string {
	prefix := "1450100" // first 7 digits of the tax office code, as real DJXH/PZXH carry them
	if len(office) >= 7 {
		prefix = office[:7]
	}
	n, _ := rand.Int(rand.Reader, big.NewInt(99e8)) // below 99xxxxxxxx: that block is gt3ct's test range
	return fmt.Sprintf("101%s%010d", prefix, n.Int64())
}

// camel turns a column name into its lowerCamel field: ZSXM_DM → zsxmDm.
func camel(col string) string {
	parts := strings.Split(strings.ToLower(col), "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}

// camelRows renames the columns of rows to lowerCamel fields.
func camelRows(in []map[string]string) []map[string]string {
	out := make([]map[string]string, len(in))
	for i, r := range in {
		m := map[string]string{}
		for k, v := range r {
			m[camel(k)] = v
		}
		out[i] = m
	}
	return out
}

// timestamp is the LRRQ/XGRQ text of now.
func (c *call) timestamp() string { return c.now.Format("2006-01-02 15:04:05") }

// today is the date of now.
func (c *call) today() string { return c.now.Format(dayLayout) }
