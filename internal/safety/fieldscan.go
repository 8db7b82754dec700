package safety

import "strings"

// The syntaxes a PII field is written in, in the order MaskText masks them.
const (
	syntaxXML  = iota // <ns:nsrmc attr="…">VALUE</ (also &lt;…&gt; and \u003c…\u003e)
	syntaxJSON        // "nsrmc": "VALUE" (also \"nsrmc\":\"VALUE\" inside a JSON string)
	syntaxSQL         // NSRMC = 'VALUE'
	syntaxes
)

// field is one PII field found in text: its name as written and the bounds
// of its value and of the whole match.
type field struct {
	key                string
	vs, ve, start, end int
}

// findFields returns, left to right and not overlapping, every PII field
// (FieldClass) written in syntax. Field names match case-insensitively.
// It is a hand-written scanner (Go regexps backtrack slowly over long
// lines); fieldscan_test.go checks it against the regexps that specify it.
func findFields(s string, syntax int) []field {
	var out []field
	next := 0
	for i := 0; i < len(s); i++ {
		var f field
		var ok bool
		switch syntax {
		case syntaxXML:
			f, ok = xmlFieldAt(s, i)
		case syntaxJSON:
			f, ok = jsonFieldAt(s, i)
		default:
			f, ok = sqlFieldAt(s, i)
		}
		if !ok || f.start < next {
			continue
		}
		out = append(out, f)
		next, i = f.end, f.end-1
	}
	return out
}

// replaceFields replaces the value of every field of syntax in s with
// repl(key, value).
func replaceFields(s string, syntax int, repl func(key, v string) string) string {
	fs := findFields(s, syntax)
	if len(fs) == 0 {
		return s
	}
	var sb strings.Builder
	last := 0
	for _, f := range fs {
		sb.WriteString(s[last:f.vs])
		sb.WriteString(repl(f.key, s[f.vs:f.ve]))
		last = f.ve
	}
	sb.WriteString(s[last:])
	return sb.String()
}

// xmlFieldAt matches an element whose name is a PII field starting at i:
// open marker, optional namespace prefix, name, optional attributes, close
// marker, then a value on one line up to the next open marker and slash.
func xmlFieldAt(s string, i int) (field, bool) {
	n := openAt(s, i)
	if n == 0 {
		return field{}, false
	}
	k := i + n
	if p := prefixEnd(s, k); p > 0 {
		k = p
	}
	key := piiWordAt(s, k)
	if key == "" {
		return field{}, false
	}
	a := k + len(key)
	if a < len(s) && isSpace(s[a]) {
		return xmlAttrsValue(s, i, key, a)
	}
	if c := closeAt(s, a); c > 0 {
		return xmlValue(s, i, key, a+c)
	}
	return field{}, false
}

// xmlAttrsValue tries, in order, every close marker in the attributes after
// the name (they never hold < or >) and returns the first whose value ends.
func xmlAttrsValue(s string, start int, key string, a int) (field, bool) {
	for j := a + 1; j <= len(s); j++ {
		if c := closeAt(s, j); c > 0 {
			if f, ok := xmlValue(s, start, key, j+c); ok {
				return f, true
			}
		}
		if j == len(s) || s[j] == '<' || s[j] == '>' {
			return field{}, false
		}
	}
	return field{}, false
}

// xmlValue finds the end of an element value starting at vs: the first open
// marker followed by a slash, with no newline before it.
func xmlValue(s string, start int, key string, vs int) (field, bool) {
	for j := vs; j < len(s); j++ {
		if s[j] == '\n' {
			return field{}, false
		}
		if n := openAt(s, j); n > 0 && j+n < len(s) && s[j+n] == '/' {
			return field{key: key, start: start, vs: vs, ve: j, end: j + n + 1}, true
		}
	}
	return field{}, false
}

// jsonFieldAt matches "key" : "value" starting at i, where every quote may
// be preceded by backslashes (JSON inside a JSON string).
func jsonFieldAt(s string, i int) (field, bool) {
	if s[i] != '\\' && s[i] != '"' || i > 0 && s[i-1] == '\\' {
		return field{}, false // a match starts at the first backslash of a run
	}
	k, ok := quoteEnd(s, i)
	if !ok {
		return field{}, false
	}
	key := piiWordAt(s, k)
	if key == "" {
		return field{}, false
	}
	j, ok := quoteEnd(s, k+len(key))
	if !ok {
		return field{}, false
	}
	j = skipSpace(s, j)
	if j >= len(s) || s[j] != ':' {
		return field{}, false
	}
	vs, ok := quoteEnd(s, skipSpace(s, j+1))
	if !ok {
		return field{}, false
	}
	ve := vs
	for ve < len(s) && s[ve] != '"' && s[ve] != '\\' {
		ve++
	}
	end, ok := quoteEnd(s, ve)
	if !ok {
		return field{}, false
	}
	return field{key: key, start: i, vs: vs, ve: ve, end: end}, true
}

// quoteEnd matches backslashes then a quote at i and returns what follows.
func quoteEnd(s string, i int) (int, bool) {
	for i < len(s) && s[i] == '\\' {
		i++
	}
	if i < len(s) && s[i] == '"' {
		return i + 1, true
	}
	return i, false
}

// sqlFieldAt matches KEY = 'value' starting at a word boundary at i; ”
// inside the value is an escaped quote.
func sqlFieldAt(s string, i int) (field, bool) {
	if i > 0 && isWordByte(s[i-1]) {
		return field{}, false
	}
	key := piiWordAt(s, i)
	if key == "" {
		return field{}, false
	}
	j := skipSpace(s, i+len(key))
	if j >= len(s) || s[j] != '=' {
		return field{}, false
	}
	j = skipSpace(s, j+1)
	if j >= len(s) || s[j] != '\'' {
		return field{}, false
	}
	vs := j + 1
	ve, ok := sqlValueEnd(s, vs)
	if !ok {
		return field{}, false
	}
	return field{key: key, start: i, vs: vs, ve: ve, end: ve + 1}, true
}

// sqlValueEnd returns where a quoted SQL value starting at vs ends (at its
// closing quote). Like the greedy pattern (?:[^']|”)*' it treats ” as an
// escaped quote, and when no lone quote follows, ends at the last ”.
func sqlValueEnd(s string, vs int) (int, bool) {
	lastPair := -1
	for j := vs; j < len(s); j++ {
		if s[j] != '\'' {
			continue
		}
		if j+1 < len(s) && s[j+1] == '\'' {
			lastPair = j
			j++
			continue
		}
		return j, true
	}
	return lastPair, lastPair >= 0
}

// openAt returns the length of the open-tag marker at i (<, &lt; or \u003c,
// any case), or 0.
func openAt(s string, i int) int {
	return markerAt(s, i, '<', "&lt;", `\u003c`)
}

// closeAt returns the length of the close-tag marker at i (>, &gt; or
// \u003e, any case), or 0.
func closeAt(s string, i int) int {
	return markerAt(s, i, '>', "&gt;", `\u003e`)
}

func markerAt(s string, i int, c byte, entity, escape string) int {
	switch {
	case i >= len(s):
		return 0
	case s[i] == c:
		return 1
	case s[i] == '&' && hasFoldAt(s, i, entity):
		return len(entity)
	case s[i] == '\\' && hasFoldAt(s, i, escape):
		return len(escape)
	}
	return 0
}

// hasFoldAt reports whether s has sub at i, ignoring ASCII case.
func hasFoldAt(s string, i int, sub string) bool {
	return len(s)-i >= len(sub) && strings.EqualFold(s[i:i+len(sub)], sub)
}

// prefixEnd returns the index after a namespace prefix (ns: — a letter or
// underscore, then letters, digits, _ . -, then a colon) at i, or 0.
func prefixEnd(s string, i int) int {
	if i >= len(s) || !(isLetter(s[i]) || s[i] == '_') {
		return 0
	}
	j := i + 1
	for j < len(s) && (isWordByte(s[j]) || s[j] == '.' || s[j] == '-') {
		j++
	}
	if j < len(s) && s[j] == ':' {
		return j + 1
	}
	return 0
}

// piiWordAt returns the word ([A-Za-z0-9_]+) at i when it is a PII field
// name, else "".
func piiWordAt(s string, i int) string {
	j := i
	for j < len(s) && isWordByte(s[j]) {
		j++
	}
	if j == i || !isPIIField(s[i:j]) {
		return ""
	}
	return s[i:j]
}

// isPIIField reports whether word is a key of fieldClasses, in any case.
func isPIIField(word string) bool {
	var buf [32]byte
	if len(word) > len(buf) {
		return false
	}
	for i := 0; i < len(word); i++ {
		c := word[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	_, ok := fieldClasses[string(buf[:len(word)])]
	return ok
}

// hasPIIField reports whether any word of s, with JSON \uXXXX escapes taken
// as separators, is a PII field name: without one no field can match.
func hasPIIField(s string) bool {
	for i := 0; i < len(s); {
		if n := escapeLen(s, i); n > 0 {
			i += n
			continue
		}
		if !isWordByte(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isWordByte(s[j]) {
			j++
		}
		if isPIIField(s[i:j]) {
			return true
		}
		i = j
	}
	return false
}

// escapeLen returns the length of a JSON \uXXXX escape at i, or 0.
func escapeLen(s string, i int) int {
	if s[i] != '\\' || len(s)-i < 6 || s[i+1] != 'u' && s[i+1] != 'U' {
		return 0
	}
	for _, c := range []byte(s[i+2 : i+6]) {
		if !isHex(c) {
			return 0
		}
	}
	return 6
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

func skipSpace(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}

func isLetter(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
