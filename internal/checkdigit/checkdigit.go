// Package checkdigit computes the check characters of the identifiers of
// the Golden Tax III core: the GB 11643 check of a 居民身份证号, the GB 32100
// check of a 统一社会信用代码 (USCC) and the GB 11714 check of the
// organisation code inside it. fixtures/ident (which makes identifiers) and
// internal/safety (which recognises them to mask) share this one copy.
package checkdigit

import (
	"fmt"
	"strings"
)

// USCCAlphabet is the character set of the 统一社会信用代码 (no I, O, S, V, Z).
const USCCAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// usccWeights are 3^(i-1) mod 31 for positions 1..17.
var usccWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// idWeights are the GB 11643 weights of the first 17 digits of an ID number.
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idChecks = "10X98765432"

// ID computes the GB 11643 check character of the first 17 digits of a
// 居民身份证号.
func ID(first17 string) (byte, error) {
	if len(first17) != 17 {
		return 0, fmt.Errorf("ID body %q: want 17 digits", first17)
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := first17[i]
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("ID body %q: want 17 digits", first17)
		}
		sum += int(c-'0') * idWeights[i]
	}
	return idChecks[sum%11], nil
}

// USCC computes the GB 32100 check character of the first 17 characters of
// a USCC.
func USCC(first17 string) (byte, error) {
	if len(first17) != 17 {
		return 0, fmt.Errorf("USCC body %q: want 17 characters, got %d", first17, len(first17))
	}
	sum := 0
	for i := 0; i < 17; i++ {
		v := strings.IndexByte(USCCAlphabet, first17[i])
		if v < 0 {
			return 0, fmt.Errorf("character %d is %q, not in %s", i+1, first17[i], USCCAlphabet)
		}
		sum += v * usccWeights[i]
	}
	return USCCAlphabet[(31-sum%31)%31], nil
}

// OrgCode computes the GB 11714 check character of the first 8 characters
// of an organisation code (USCC positions 9..16).
func OrgCode(first8 string) (byte, error) {
	if len(first8) != 8 {
		return 0, fmt.Errorf("organisation code body %q: want 8 characters", first8)
	}
	weights := [8]int{3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := 0; i < 8; i++ {
		c := first8[i]
		var v int
		switch {
		case c >= '0' && c <= '9':
			v = int(c - '0')
		case c >= 'A' && c <= 'Z':
			v = int(c-'A') + 10
		default:
			return 0, fmt.Errorf("character %d is %q, not a digit or capital letter", i+9, c)
		}
		sum += v * weights[i]
	}
	switch c := 11 - sum%11; c {
	case 10:
		return 'X', nil
	case 11:
		return '0', nil
	default:
		return byte('0' + c), nil
	}
}
