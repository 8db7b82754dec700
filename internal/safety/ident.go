package safety

import (
	"strings"
	"time"
)

// idWeights are the GB 11643 weights of the first 17 digits of an ID number.
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// IDCheck returns the GB 11643 check character for the first 17 digits of
// an ID number, or 0 when they are not 17 digits.
func IDCheck(first17 string) byte {
	if len(first17) != 17 {
		return 0
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := first17[i]
		if c < '0' || c > '9' {
			return 0
		}
		sum += int(c-'0') * idWeights[i]
	}
	return "10X98765432"[sum%11]
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

// usccAlphabet is the GB 32100 alphabet of a unified social credit code.
const usccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// USCCCheck returns the GB 32100 check character for the first 17
// characters of a USCC, or 0 when they are not from its alphabet.
func USCCCheck(first17 string) byte {
	if len(first17) != 17 {
		return 0
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(usccAlphabet, first17[i])
		if v < 0 {
			return 0
		}
		sum += v * usccWeights[i]
	}
	return usccAlphabet[(31-sum%31)%31]
}

// ValidUSCC reports whether s is an 18-character USCC with the right check
// character.
func ValidUSCC(s string) bool {
	return len(s) == 18 && USCCCheck(s[:17]) != 0 && USCCCheck(s[:17]) == s[17]
}
