package safety

import "strings"

// How far codeFieldBefore looks back for the field a value belongs to.
const (
	contextBytes = 160
	contextWords = 12
)

// contextNoise are the words between a field name and its value that say
// nothing about the field: markup (&gt;, <value> after <name>sjjg</name>),
// JSON structure and the words of a result's check objects.
var contextNoise = map[string]bool{
	"value": true, "name": true, "want": true, "got": true, "status": true, "pass": true,
	"fail": true, "error": true, "skip": true, "kind": true, "equals": true, "matches": true,
	"exists": true, "count": true, "detail": true, "cdata": true, "gt": true, "lt": true,
	"amp": true, "quot": true, "apos": true,
}

// codeFieldBefore reports whether the value starting at i belongs to a code
// field (swjg, sjjg, zgswj, sjry, swry, sjgsdq — the data region office —, or a name ending in dm: ZGSWJ_DM,
// zgswjDm): the nearest field name before it, skipping contextNoise, numbers
// and escapes, is one. A closing tag before the value ends the search.
func codeFieldBefore(s string, i int) bool {
	lo := max(0, i-contextBytes)
	for n := 0; n < contextWords; n++ {
		ws, we := prevWord(s, lo, i)
		if ws < 0 {
			return false
		}
		w := strings.ToLower(s[ws:we])
		i = ws
		if contextNoise[w] || allDigits(w) {
			continue
		}
		if closingTag(s, ws) {
			return false
		}
		return isCodeField(w)
	}
	return false
}

// prevWord returns the bounds of the last word ([A-Za-z0-9_]+) in s[lo:i],
// without the u003e of a JSON escape or the n of \n, or -1.
func prevWord(s string, lo, i int) (int, int) {
	for {
		for i > lo && !isWordByte(s[i-1]) {
			i--
		}
		if i <= lo {
			return -1, -1
		}
		we := i
		for i > lo && isWordByte(s[i-1]) {
			i--
		}
		ws := i
		for ws < we && ws > 0 && s[ws-1] == '\\' { // \u003cnsrmc: the word is nsrmc
			if n := escapeLen(s, ws-1); n > 0 {
				ws += n - 1
			} else if strings.IndexByte("nrt", s[ws]) >= 0 {
				ws++
			} else {
				break
			}
		}
		if ws < we {
			return ws, we
		}
	}
}

// closingTag reports whether the word at i is the name in a closing tag
// (</x, &lt;/x, \u003c/x).
func closingTag(s string, i int) bool {
	if i < 2 || s[i-1] != '/' {
		return false
	}
	j := i - 1
	return s[j-1] == '<' || j >= 4 && hasFoldAt(s, j-4, "&lt;") || j >= 6 && hasFoldAt(s, j-6, `\u003c`)
}

// isCodeField reports whether a lower-case field name holds codes, not PII.
func isCodeField(w string) bool {
	if FieldClass(w) != "" {
		return false
	}
	if strings.HasSuffix(w, "dm") {
		return true
	}
	for _, c := range []string{"swjg", "sjjg", "zgswj", "sjry", "swry", "sjgsdq"} {
		if strings.Contains(w, c) {
			return true
		}
	}
	return false
}
