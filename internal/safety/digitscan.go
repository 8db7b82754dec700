package safety

import (
	"strings"
	"time"
)

// minPIIDigits is the shortest digit run that can be PII (a mobile).
const minPIIDigits = 11

// replaceRuns calls f(s, i, j) on every standalone run s[i:j] of digits (with
// an optional trailing X, the check character of an ID number) of at least
// minPIIDigits digits, and puts its answer in place of the run. A run is
// standalone when it is not part of a longer word such as a hex UUID or a
// DJXH; a JSON escape before it (\u003e, \n) does not join it to a word.
func replaceRuns(s string, f func(s string, i, j int) string) string {
	var sb strings.Builder
	last := 0
	for i := 0; i < len(s); {
		if !isDigit(s[i]) {
			i++
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		digits := j - i
		if j < len(s) && (s[j] == 'X' || s[j] == 'x') {
			j++
		}
		if digits >= minPIIDigits && standalone(s, i, j) {
			if r := f(s, i, j); r != s[i:j] {
				sb.WriteString(s[last:i])
				sb.WriteString(r)
				last = j
			}
		}
		i = j
	}
	if last == 0 {
		return s
	}
	sb.WriteString(s[last:])
	return sb.String()
}

// standalone reports whether s[i:j] is not joined to a word on either side.
func standalone(s string, i, j int) bool {
	if j < len(s) && isWordByte(s[j]) {
		return false
	}
	return i == 0 || !isWordByte(s[i-1]) || escapeBefore(s, i)
}

// escapeBefore reports whether a JSON escape (\uXXXX, \n, \r, \t) ends at i.
func escapeBefore(s string, i int) bool {
	if i >= 6 && escapeLen(s, i-6) == 6 {
		return true
	}
	return i >= 2 && s[i-2] == '\\' && strings.IndexByte("nrt", s[i-1]) >= 0 && (i < 3 || s[i-3] != '\\')
}

// maskDigitRuns masks ID numbers, mobiles and bank accounts found as whole
// runs of digits.
func (m *Masker) maskDigitRuns(s string) string {
	return replaceRuns(s, func(s string, i, j int) string {
		if class := digitClass(s, i, j); class != "" {
			return m.Mask(class, s[i:j])
		}
		return s[i:j]
	})
}

// digitClass says which PII class the standalone digit run s[i:j] is, or "".
// An 11-digit run in a code field (a tax office such as 14501030000) is not
// a mobile, though 145… is a mobile prefix.
func digitClass(s string, i, j int) string {
	run := s[i:j]
	switch n := len(run); {
	case n == 18 && ValidID(run):
		if IsMasked(ClassID, run) {
			return ""
		}
		return ClassID
	case isMobile(run) && !IsMasked(ClassPhone, run) && !codeFieldBefore(s, i):
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

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isWordByte(c byte) bool {
	return isDigit(c) || isLetter(c) || c == '_'
}
