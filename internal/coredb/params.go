package coredb

import (
	"database/sql"
	"strconv"
	"strings"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// Bind rewrites the named parameters (:name) of query into the dialect's
// placeholders and returns the arguments in order: "?" per use on SQLite,
// "$n" (one number per name) on PostgreSQL, ":name" with sql.Named arguments
// on Oracle. Text inside '…' literals, "…" identifiers and comments is left
// alone, and "::" (a PostgreSQL cast) is not a parameter. A name with no
// value in params is an Input error naming it.
func Bind(d Dialect, query string, params map[string]any) (string, []any, error) {
	bd := binder{dialect: d, params: params, numbers: map[string]int{}}
	for i := 0; i < len(query); {
		if n := skipQuoted(query, i); n > i {
			bd.b.WriteString(query[i:n])
			i = n
			continue
		}
		if strings.HasPrefix(query[i:], "::") { // a PostgreSQL cast
			bd.b.WriteString("::")
			i += 2
			continue
		}
		if query[i] != ':' {
			bd.b.WriteByte(query[i])
			i++
			continue
		}
		j := i + 1
		for j < len(query) && isNameByte(query[j], j == i+1) {
			j++
		}
		if j == i+1 { // a lone colon
			bd.b.WriteByte(':')
			i++
			continue
		}
		if err := bd.param(query[i+1 : j]); err != nil {
			return "", nil, err
		}
		i = j
	}
	return bd.b.String(), bd.args, nil
}

// binder accumulates the rewritten query and its arguments.
type binder struct {
	dialect Dialect
	params  map[string]any
	b       strings.Builder
	args    []any
	numbers map[string]int // name -> argument number (PostgreSQL, Oracle)
}

// param writes the placeholder of parameter name and records its value.
func (bd *binder) param(name string) error {
	v, ok := lookup(bd.params, name)
	if !ok {
		return errs.E("", errs.Input, "parameter :%s has no value", name)
	}
	n, seen := bd.numbers[name]
	switch bd.dialect {
	case Postgres:
		if !seen {
			bd.args = append(bd.args, v)
			n = len(bd.args)
			bd.numbers[name] = n
		}
		bd.b.WriteString("$" + strconv.Itoa(n))
	case Oracle:
		if !seen {
			bd.args = append(bd.args, sql.Named(name, v))
			bd.numbers[name] = len(bd.args)
		}
		bd.b.WriteString(":" + name)
	default:
		bd.args = append(bd.args, v)
		bd.b.WriteByte('?')
	}
	return nil
}

// lookup finds name in params, exactly or case-insensitively.
func lookup(params map[string]any, name string) (any, bool) {
	if v, ok := params[name]; ok {
		return v, true
	}
	for k, v := range params {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return nil, false
}

func isNameByte(c byte, first bool) bool {
	switch {
	case c == '_', 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		return true
	case '0' <= c && c <= '9':
		return !first
	}
	return false
}

// skipQuoted returns the index after a quoted literal, quoted identifier or
// comment starting at i, or i when none starts there. An unterminated one
// runs to the end of the query.
func skipQuoted(q string, i int) int {
	switch {
	case q[i] == '\'' || q[i] == '"':
		quote := q[i]
		for j := i + 1; j < len(q); j++ {
			if q[j] == quote {
				if j+1 < len(q) && q[j+1] == quote { // doubled quote escapes itself
					j++
					continue
				}
				return j + 1
			}
		}
		return len(q)
	case strings.HasPrefix(q[i:], "--"):
		if k := strings.IndexByte(q[i:], '\n'); k >= 0 {
			return i + k
		}
		return len(q)
	case strings.HasPrefix(q[i:], "/*"):
		if k := strings.Index(q[i+2:], "*/"); k >= 0 {
			return i + 2 + k + 2
		}
		return len(q)
	}
	return i
}

// stringParams turns string parameters into bind values: date-shaped
// strings ('2006-01-02' or '2006-01-02 15:04:05') become time.Time on Oracle
// (whose DATE does not compare with text portably) and the canonical
// '2006-01-02 15:04:05' text on SQLite (how Insert stores dates); PostgreSQL
// converts text to timestamp itself, so strings pass unchanged.
func stringParams(d Dialect, params map[string]string) map[string]any {
	out := make(map[string]any, len(params))
	for k, v := range params {
		out[k] = v
		if t, ok := parseDate(v); ok {
			switch d {
			case Oracle:
				out[k] = t
			case SQLite:
				out[k] = t.Format(DateLayout)
			}
		}
	}
	return out
}
