package safety

import (
	"regexp"
	"strings"
)

// fieldClasses maps the element, JSON key and column names (lower case)
// whose values are PII to their class. It is never written after init.
var fieldClasses = map[string]string{
	"nsrmc": ClassName, "fddbrxm": ClassName, "xm": ClassName, "jkzhmc": ClassName,
	"cwfzrxm": ClassName, "bsrxm": ClassName, "lxrxm": ClassName, "zhmc": ClassName,
	"lxdh": ClassPhone, "yddh": ClassPhone, "fddbryddh": ClassPhone, "cwfzryddh": ClassPhone,
	"fddbrsfzjhm": ClassID, "sfzjhm": ClassID, "zjhm": ClassID,
	"jkzh": ClassAccount, "yhzh": ClassAccount, "khzh": ClassAccount,
	"scjydz": ClassAddress, "zcdz": ClassAddress,
}

// FieldClass returns the PII class of an element, JSON key or column name
// (any case); "" when its values are not PII.
func FieldClass(name string) string {
	if c, ok := fieldClasses[name]; ok {
		return c
	}
	return fieldClasses[strings.ToLower(name)]
}

var sqlInsert = regexp.MustCompile(`(?is)insert\s+into\s+[\w."]+\s*\(([^)]*)\)\s*values\s*\(`)

// learnMinRunes is the shortest name MaskText replaces wherever it appears.
const learnMinRunes = 2

// MaskText finds PII in free text, XML, JSON and SQL and masks it: values of
// the fields FieldClass knows; ID numbers (valid GB 11643 check digit),
// mobiles and bank accounts by pattern; and every name or address seen
// before (in a field or through Learn) wherever it appears again. DJXH
// (20 digits) and USCCs are business identifiers and are left alone.
func (m *Masker) MaskText(s string) string {
	if s == "" {
		return s
	}
	if hasPIIField(s) {
		for syntax := range syntaxes {
			s = replaceFields(s, syntax, func(key, v string) string {
				return m.maskField(FieldClass(key), v)
			})
		}
		if anyOf(s, "INSERT", "insert", "Insert") {
			s = m.maskInserts(s)
		}
	}
	if anyOf(s, `"want"`, `"got"`) {
		s = m.maskChecks(s)
	}
	s = m.maskDigitRuns(s)
	return m.maskLearned(s)
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
