package safety

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// FieldClasses maps the element, JSON key and column names (lower case)
// whose values are PII to their class. Callers may add to it at init.
var FieldClasses = map[string]string{
	"nsrmc": ClassName, "fddbrxm": ClassName, "xm": ClassName, "jkzhmc": ClassName,
	"cwfzrxm": ClassName, "bsrxm": ClassName, "lxrxm": ClassName, "zhmc": ClassName,
	"lxdh": ClassPhone, "yddh": ClassPhone, "fddbryddh": ClassPhone, "cwfzryddh": ClassPhone,
	"fddbrsfzjhm": ClassID, "sfzjhm": ClassID, "zjhm": ClassID,
	"jkzh": ClassAccount, "yhzh": ClassAccount, "khzh": ClassAccount,
	"scjydz": ClassAddress, "zcdz": ClassAddress,
}

var (
	fieldMu   sync.Mutex
	fieldN    int              // len(FieldClasses) when fieldRes was built
	fieldRes  []*regexp.Regexp // see fieldRegexps
	sqlInsert = regexp.MustCompile(`(?is)insert\s+into\s+[\w."]+\s*\(([^)]*)\)\s*values\s*\(`)
	digitRun  = regexp.MustCompile(`[0-9]+[Xx]?`)
)

// fieldHints are cheap tests, one per field regexp, that say whether the
// regexp can match at all (Go regexps are slow on long text).
var fieldHints = []func(string) bool{
	func(s string) bool { return anyOf(s, "</", "&lt;/", `\u003c/`) },
	func(s string) bool { return strings.Contains(s, `"`) },
	func(s string) bool { return strings.Contains(s, "'") },
}

// learnMinRunes is the shortest name MaskText replaces wherever it appears.
const learnMinRunes = 2

// fieldRegexps returns the patterns that match a PII field and its value in
// XML (also entity- or JSON-escaped XML), JSON and SQL, built from
// FieldClasses. Group "k" is the field, "v" the value.
func fieldRegexps() []*regexp.Regexp {
	fieldMu.Lock()
	defer fieldMu.Unlock()
	if fieldRes != nil && fieldN == len(FieldClasses) {
		return fieldRes
	}
	fieldN = len(FieldClasses)
	keys := make([]string, 0, len(FieldClasses))
	for k := range FieldClasses {
		keys = append(keys, regexp.QuoteMeta(k))
	}
	sort.Sort(sort.Reverse(sort.StringSlice(keys)))
	alt := strings.Join(keys, "|")
	open, close := `(?:<|&lt;|\\u003c)`, `(?:>|&gt;|\\u003e)`
	fieldRes = []*regexp.Regexp{
		// <ns:nsrmc attr="…">VALUE</
		regexp.MustCompile(`(?i)` + open + `(?:[A-Za-z_][\w.-]*:)?(?P<k>` + alt + `)(?:\s[^<>]*?)?` + close + `(?P<v>.*?)` + open + `/`),
		// "nsrmc": "VALUE" (also \"nsrmc\":\"VALUE\" inside a JSON string)
		regexp.MustCompile(`(?i)\\*"(?P<k>` + alt + `)\\*"\s*:\s*\\*"(?P<v>[^"\\]*)\\*"`),
		// NSRMC = 'VALUE' in SQL
		regexp.MustCompile(`(?i)\b(?P<k>` + alt + `)\s*=\s*'(?P<v>(?:[^']|'')*)'`),
	}
	return fieldRes
}

// MaskText finds PII in free text, XML, JSON and SQL and masks it: values of
// the fields in FieldClasses; ID numbers (valid GB 11643 check digit),
// mobiles and bank accounts by pattern; and every name or address seen
// before (in a field or through Learn) wherever it appears again. DJXH
// (20 digits) and USCCs are business identifiers and are left alone.
func (m *Masker) MaskText(s string) string {
	if s == "" {
		return s
	}
	res := fieldRegexps()
	for i, re := range res {
		if !fieldHints[i](s) {
			continue
		}
		s = replaceGroup(re, s, func(key, v string) string {
			return m.maskField(FieldClasses[strings.ToLower(key)], v)
		})
	}
	if anyOf(s, "INSERT", "insert", "Insert") {
		s = m.maskInserts(s)
	}
	if anyOf(s, `"want"`, `"got"`) {
		s = m.maskChecks(s)
	}
	s = m.maskDigitRuns(s)
	return m.maskLearned(s)
}

// checkObject matches an innermost JSON object; checkName finds a Check
// whose name ends in a PII field (HX_DJ.DJ_NSRXX.FDDBRXM, //nsrmc).
var (
	checkObject = regexp.MustCompile(`\{[^{}]*\}`)
	checkValue  = regexp.MustCompile(`("(?:want|got)"\s*:\s*")((?:[^"\\]|\\.)*)"`)
)

// maskChecks masks want and got of every check (a JSON object) whose name
// ends in a PII field: the value is a column or element of that field.
func (m *Masker) maskChecks(s string) string {
	return checkObject.ReplaceAllStringFunc(s, func(obj string) string {
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
	})
}

var checkNameRe = regexp.MustCompile(`"name"\s*:\s*"[^"]*?([A-Za-z_]+)[\])'"]*"`)

// checkClass returns the PII class of the field a check object names.
func checkClass(obj string) string {
	p := checkNameRe.FindStringSubmatch(obj)
	if p == nil {
		return ""
	}
	return FieldClasses[strings.ToLower(p[1])]
}

// replaceGroup replaces group "v" of every match of re with f(k, v).
func replaceGroup(re *regexp.Regexp, s string, f func(k, v string) string) string {
	ki, vi := re.SubexpIndex("k"), re.SubexpIndex("v")
	var sb strings.Builder
	last := 0
	for _, loc := range re.FindAllStringSubmatchIndex(s, -1) {
		vs, ve := loc[2*vi], loc[2*vi+1]
		sb.WriteString(s[last:vs])
		sb.WriteString(f(s[loc[2*ki]:loc[2*ki+1]], s[vs:ve]))
		last = ve
	}
	if last == 0 {
		return s
	}
	sb.WriteString(s[last:])
	return sb.String()
}

// maskField masks one field value and remembers names and addresses.
func (m *Masker) maskField(class, v string) string {
	inner := strings.TrimSuffix(strings.TrimPrefix(v, "<![CDATA["), "]]>")
	if strings.TrimSpace(inner) == "" || class == "" {
		return v
	}
	out := m.Mask(class, strings.TrimSpace(inner))
	if class == ClassName || class == ClassAddress {
		m.Learn(class, strings.TrimSpace(inner))
	}
	return out
}

// Learn remembers a name or address so that MaskText masks it wherever it
// appears, not only inside known fields.
func (m *Masker) Learn(class, value string) {
	if utf8.RuneCountInString(value) < learnMinRunes || IsMasked(class, value) {
		return
	}
	masked := m.Mask(class, value)
	m.mu.Lock()
	if m.learned[value] != masked {
		m.learned[value], m.rep = masked, nil
	}
	m.mu.Unlock()
}

// maskLearned replaces every learned value, longest first.
func (m *Masker) maskLearned(s string) string {
	m.mu.Lock()
	if m.rep == nil && len(m.learned) > 0 {
		keys := make([]string, 0, len(m.learned))
		for k := range m.learned {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return len(keys[i]) > len(keys[j]) })
		pairs := make([]string, 0, 2*len(keys))
		for _, k := range keys {
			pairs = append(pairs, k, m.learned[k])
		}
		m.rep = strings.NewReplacer(pairs...)
	}
	rep := m.rep
	m.mu.Unlock()
	if rep == nil {
		return s
	}
	return rep.Replace(s)
}

// maskDigitRuns masks ID numbers, mobiles and bank accounts found as whole
// runs of digits (not part of a longer word such as a hex UUID or a DJXH).
func (m *Masker) maskDigitRuns(s string) string {
	return replaceRuns(s, func(run string) string {
		if class := digitClass(run); class != "" {
			return m.Mask(class, run)
		}
		return run
	})
}

// replaceRuns calls f on every standalone run of digits in s and puts its
// answer in place of the run.
func replaceRuns(s string, f func(string) string) string {
	var sb strings.Builder
	last := 0
	for _, loc := range digitRun.FindAllStringIndex(s, -1) {
		if (loc[0] > 0 && isWordByte(s[loc[0]-1])) || (loc[1] < len(s) && isWordByte(s[loc[1]])) {
			continue
		}
		sb.WriteString(s[last:loc[0]])
		sb.WriteString(f(s[loc[0]:loc[1]]))
		last = loc[1]
	}
	sb.WriteString(s[last:])
	return sb.String()
}

func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_'
}

// digitClass says which PII class a standalone digit run is, or "".
func digitClass(run string) string {
	switch n := len(run); {
	case n == 18 && ValidID(run):
		if IsMasked(ClassID, run) {
			return ""
		}
		return ClassID
	case n == 11 && isMobile(run) && !IsMasked(ClassPhone, run):
		return ClassPhone
	case n >= 16 && n <= 19 && allDigits(run) && !IsMasked(ClassAccount, run) && !isTimestamp(run):
		return ClassAccount
	}
	return ""
}

// isTimestamp reports whether a 17-digit run is yyyyMMddHHmmssSSS.
func isTimestamp(run string) bool {
	if len(run) != 17 {
		return false
	}
	_, err := time.Parse("20060102150405", run[:14])
	return err == nil
}
