package spec

import (
	"context"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/gt3ct/gt3ct/fixtures/ident"
	"github.com/gt3ct/gt3ct/internal/decimal"
)

// problem is one value that breaks one rule.
type problem struct {
	rule   string // code, flag, period, amount, uuid, serial, identifier, required
	column string
	value  string
	want   string
}

// skipped is a coded column whose code table cannot be used.
type skipped struct{ column, reason string }

var (
	hex32    = regexp.MustCompile(`^[0-9A-F]{32}$`)
	digits20 = regexp.MustCompile(`^[0-9]{20}$`)
	legacy15 = regexp.MustCompile(`^[0-9A-Z]{15}$`)
)

// identifierKinds validate an identifier; the error says why it is wrong.
var identifierKinds = map[string]func(string) error{
	"uscc":  ident.ValidateUSCC,
	"id":    ident.ValidateID,
	"taxid": validTaxID,
}

// validTaxID accepts an USCC, an ID number or a legacy 15-character number.
func validTaxID(s string) error {
	if len(s) == 15 && legacy15.MatchString(s) {
		return nil
	}
	if len(s) == 18 && (s[0] < '1' || s[0] > '6') {
		return ident.ValidateUSCC(s)
	}
	if ident.ValidateID(s) == nil {
		return nil
	}
	return ident.ValidateUSCC(s)
}

// checkRow applies every rule to one row of table.
func (c *Checker) checkRow(ctx context.Context, table string, row map[string]string) ([]problem, []skipped) {
	var ps []problem
	var sk []skipped
	for col, v := range row {
		if rule, ok := c.Rules.CodeTables[col]; ok && v != "" {
			set := c.codes.get(ctx, rule, col)
			switch {
			case set.skip != "":
				sk = append(sk, skipped{col, set.skip})
			case !set.codes[strings.TrimSpace(v)]:
				ps = append(ps, problem{"code", col, v, "a code of " + set.table})
			}
		}
		ps = append(ps, c.valueProblems(col, v)...)
	}
	ps = append(ps, c.periodProblems(row)...)
	for _, col := range c.Rules.Required[table] {
		if strings.TrimSpace(row[col]) == "" {
			ps = append(ps, problem{"required", col, "NULL", "a value (required)"})
		}
	}
	return ps, sk
}

// valueProblems checks one value against the rules on its column's shape.
func (c *Checker) valueProblems(col, v string) []problem {
	if v == "" {
		return nil
	}
	var ps []problem
	add := func(rule, want string) { ps = append(ps, problem{rule, col, v, want}) }
	if matchAny(c.Rules.Flags.Columns, col) && !contains(c.Rules.Flags.Values, v) {
		add("flag", strings.Join(c.Rules.Flags.Values, " or "))
	}
	if contains(c.Rules.Amounts.Columns, col) && decimals(v) > c.Rules.scale() {
		add("amount", "an amount with at most "+itoa(c.Rules.scale())+" decimals")
	}
	if matchAny(c.Rules.UUIDs, col) && !hex32.MatchString(v) {
		add("uuid", "32 upper-case hex characters")
	}
	if matchAny(c.Rules.Serials, col) && !digits20.MatchString(v) {
		add("serial", "20 digits")
	}
	if kind, ok := c.Rules.Identifiers[col]; ok {
		if err := identifierKinds[kind](v); err != nil {
			add("identifier", "a valid "+kind+" ("+err.Error()+")")
		}
	}
	return ps
}

// periodProblems finds periods whose start is after their end.
func (c *Checker) periodProblems(row map[string]string) []problem {
	var ps []problem
	for _, p := range c.Rules.Periods {
		q, okq := day(row[p[0]])
		z, okz := day(row[p[1]])
		if okq && okz && q.After(z) {
			ps = append(ps, problem{"period", p[0], row[p[0]] + " > " + p[1] + " " + row[p[1]], p[0] + " ≤ " + p[1]})
		}
	}
	return ps
}

// day reads the date part of a date or date-time.
func day(s string) (time.Time, bool) {
	if len(s) < 10 {
		return time.Time{}, false
	}
	t, err := time.Parse("2006-01-02", s[:10])
	return t, err == nil
}

// decimals is the number of significant decimals of an amount (trailing
// zeros do not count); a value that is not a number counts as too many.
func decimals(v string) int {
	c, ok := decimal.Canonical(v)
	if !ok {
		return 1 << 20
	}
	_, frac, _ := strings.Cut(c, ".")
	return len(frac)
}

func matchAny(patterns []string, col string) bool {
	for _, p := range patterns {
		if ok, _ := path.Match(strings.ToUpper(p), col); ok {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
