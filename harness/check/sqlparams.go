package check

import (
	"regexp"
	"strings"
)

// Bind rewrites SQL with named parameters (:djxh) to positional ones (?)
// and returns the argument values in order. Quoted strings ('00:00:00'),
// quoted identifiers and PostgreSQL casts (::date) are left alone. Names are
// looked up case-insensitively in params; missing lists the parameters that
// have no value (or an empty one), each once, in order of appearance.
func Bind(sqlText string, params map[string]string) (positional string, args []any, missing []string) {
	lower := make(map[string]string, len(params))
	for k, v := range params {
		lower[strings.ToLower(k)] = v
	}
	var b strings.Builder
	for i := 0; i < len(sqlText); {
		c := sqlText[i]
		switch {
		case c == '\'' || c == '"':
			j := closingQuote(sqlText, i)
			b.WriteString(sqlText[i:j])
			i = j
		case c == ':' && i+1 < len(sqlText) && sqlText[i+1] == ':':
			b.WriteString("::")
			i += 2
		case c == ':' && i+1 < len(sqlText) && isNameStart(sqlText[i+1]):
			j := i + 1
			for j < len(sqlText) && isNameChar(sqlText[j]) {
				j++
			}
			name := sqlText[i+1 : j]
			v, ok := lower[strings.ToLower(name)]
			if (!ok || v == "") && !contains(missing, name) {
				missing = append(missing, name)
			}
			b.WriteByte('?')
			args = append(args, v)
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String(), args, missing
}

// closingQuote returns the index just past the quoted run starting at i
// (a doubled quote inside is an escaped quote).
func closingQuote(s string, i int) int {
	q := s[i]
	for j := i + 1; j < len(s); j++ {
		if s[j] == q {
			if j+1 < len(s) && s[j+1] == q {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(s)
}

func isNameStart(c byte) bool { return c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isNameChar(c byte) bool  { return isNameStart(c) || '0' <= c && c <= '9' }

var reFrom = regexp.MustCompile(`(?is)\bFROM\s+("?[A-Za-z_][\w$#]*"?(?:\."?[A-Za-z_][\w$#]*"?)?)`)

// TableOf returns the first table named after FROM in sqlText, upper-cased
// ("HX_ZS.ZS_YJSF"), or "" when there is none.
func TableOf(sqlText string) string {
	m := reFrom.FindStringSubmatch(sqlText)
	if m == nil {
		return ""
	}
	return strings.ToUpper(strings.ReplaceAll(m[1], `"`, ""))
}
