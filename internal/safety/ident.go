package safety

import (
	"strings"
	"time"

	"github.com/gt3ct/gt3ct/internal/checkdigit"
)

// IDCheck returns the GB 11643 check character for the first 17 digits of
// an ID number, or 0 when they are not 17 digits.
func IDCheck(first17 string) byte {
	c, _ := checkdigit.ID(first17)
	return c
}

// ValidID reports whether s is an 18-character resident ID number: 17
// digits, a valid birth date and the right GB 11643 check character.
func ValidID(s string) bool {
	if len(s) != 18 {
		return false
	}
	c := IDCheck(s[:17])
	if c == 0 || c != upper(s[17]) {
		return false
	}
	_, err := time.Parse("20060102", s[6:14])
	return err == nil && s[6:8] >= "18" && s[6:8] <= "20"
}

func upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

// USCCCheck returns the GB 32100 check character for the first 17
// characters of a USCC, or 0 when they are not from its alphabet.
func USCCCheck(first17 string) byte {
	c, _ := checkdigit.USCC(first17)
	return c
}

// ValidUSCC reports whether s is an 18-character USCC with the right check
// character.
func ValidUSCC(s string) bool {
	return len(s) == 18 && USCCCheck(s[:17]) != 0 && USCCCheck(s[:17]) == s[17]
}

// identifierSuffixes end the names of the fields that hold a party's
// taxpayer number, USCC or ID number (nsrsbh, gmfnsrsbh, xsfnsrsbh,
// shxydm, bsrsfzjhm, ...).
var identifierSuffixes = []string{"nsrsbh", "shxydm", "sfzjhm"}

// IdentifierClass is FieldClass, with identifiers as PII too: a field whose
// name ends in nsrsbh, shxydm or sfzjhm, or whose value is a valid USCC or
// ID number, is ClassID. It is for documents leaving the run (a repro
// bundle), where a buyer's or seller's USCC is as private as a name.
func IdentifierClass(name, value string) string {
	if c := FieldClass(name); c != "" {
		return c
	}
	lower := strings.ToLower(name)
	for _, s := range identifierSuffixes {
		if strings.HasSuffix(lower, s) {
			return ClassID
		}
	}
	if v := strings.TrimSpace(value); ValidUSCC(v) || ValidID(v) {
		return ClassID
	}
	return ""
}
