package safety

import (
	"regexp"
	"strings"
)

// checkValue matches the want or got of a check object.
var checkValue = regexp.MustCompile(`("(?:want|got)"\s*:\s*")((?:[^"\\]|\\.)*)"`)

// maskChecks masks want and got of every check (an innermost JSON object)
// whose name ends in a PII field: the value is a column or element of that
// field.
func (m *Masker) maskChecks(s string) string {
	var sb strings.Builder
	last := 0
	eachObject(s, func(i, j int) {
		obj := s[i:j]
		if !anyOf(obj, `"want"`, `"got"`) {
			return
		}
		if masked := m.maskCheck(obj); masked != obj {
			sb.WriteString(s[last:i])
			sb.WriteString(masked)
			last = j
		}
	})
	if last == 0 {
		return s
	}
	sb.WriteString(s[last:])
	return sb.String()
}

// eachObject calls f with the bounds of every innermost {…} in s (braces
// inside strings count: this is what \{[^{}]*\} matches).
func eachObject(s string, f func(i, j int)) {
	open := -1
	for k := 0; k < len(s); k++ {
		switch s[k] {
		case '{':
			open = k
		case '}':
			if open >= 0 {
				f(open, k+1)
				open = -1
			}
		}
	}
}

// maskCheck masks want and got of one check object when its name ends in a
// PII field.
func (m *Masker) maskCheck(obj string) string {
	class := checkClass(obj)
	if class == "" {
		return obj
	}
	return checkValue.ReplaceAllStringFunc(obj, func(kv string) string {
		p := checkValue.FindStringSubmatch(kv)
		if strings.Contains(p[2], "<") || strings.Contains(p[2], `\u003c`) || strings.Contains(p[2], "&lt;") {
			return kv // markup: its fields were masked above
		}
		return p[1] + m.maskField(class, p[2]) + `"`
	})
}

// checkClass returns the PII class of the field a check object names: the
// last letters of its name (HX_DJ.DJ_NSRXX.FDDBRXM, //nsrmc, //x[@a='b']).
// It finds what "name"\s*:\s*"[^"]*?([A-Za-z_]+)[\])'"]*" would.
func checkClass(obj string) string {
	for off := 0; ; {
		k := strings.Index(obj[off:], `"name"`)
		if k < 0 {
			return ""
		}
		i := skipSpace(obj, off+k+len(`"name"`))
		off += k + 1
		if i >= len(obj) || obj[i] != ':' {
			continue
		}
		if i = skipSpace(obj, i+1); i >= len(obj) || obj[i] != '"' {
			continue
		}
		if w := lastLetters(obj, i+1); w != "" {
			return FieldClass(w)
		}
	}
}

// lastLetters returns the run of letters and underscores that ends the
// string value starting at v, before closing ] ) ' characters, or "".
func lastLetters(s string, v int) string {
	q := strings.IndexByte(s[v:], '"')
	if q < 0 {
		return ""
	}
	end := v + q
	for end > v && strings.IndexByte("])'", s[end-1]) >= 0 {
		end--
	}
	start := end
	for start > v && (isLetter(s[start-1]) || s[start-1] == '_') {
		start--
	}
	return s[start:end]
}
