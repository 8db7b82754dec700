package safety

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/gt3ct/gt3ct/internal/checkdigit"
)

// The PII classes Mask knows.
const (
	ClassName    = "name"    // taxpayer, legal representative, account holder names
	ClassID      = "id"      // resident ID numbers (and USCCs when asked)
	ClassPhone   = "phone"   // mobile and landline numbers
	ClassAccount = "account" // bank accounts
	ClassAddress = "address" // addresses
)

// Prefixes that mark a masked value, so masking is idempotent and a leak
// scan can tell masked values from real ones. No real ID number has region
// 99, no mobile starts 1400 and no bank account starts 0000.
const (
	MaskedName    = "测试某某_"
	MaskedAddress = "测试地址_"
	maskedID      = "99"
	maskedMobile  = "1400"
	maskedAccount = "0000"
	// maskedUSCCRegion is the region (characters 3-8) of a masked USCC: no
	// administrative division has the code 999999.
	maskedUSCCRegion = "999999"
)

// PIIMasker is the shape every masker has (the fixtures snapshot helper
// uses the same one).
type PIIMasker interface {
	Mask(class, value string) string
}

// Masker replaces PII with fake values of the same shape, deterministically
// for one run key (HMAC-SHA256): the same input gives the same output within
// a run, and nothing about the input can be recovered without the key. It
// is safe for concurrent use.
type Masker struct {
	key     []byte
	mu      sync.Mutex
	learned map[string]string // names and addresses seen, for MaskText
	rep     *learnedReplacer  // replaces the learned values; nil when stale
	cache   sync.Map          // cacheKey -> masked value (see cached)
}

// NewMasker returns a Masker keyed with key; a nil or empty key gets a
// random one (a fresh mapping per run).
func NewMasker(key []byte) *Masker {
	if len(key) == 0 {
		key = make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			panic("safety: no randomness for the masking key: " + err.Error())
		}
	}
	return &Masker{key: append([]byte(nil), key...), learned: map[string]string{}}
}

// stream returns n pseudo-random bytes derived from class and value.
func (m *Masker) stream(class, value string, n int) []byte {
	var out []byte
	for i := uint32(0); len(out) < n; i++ {
		h := hmac.New(sha256.New, m.key)
		fmt.Fprintf(h, "%s\x00%s\x00", class, value)
		binary.Write(h, binary.BigEndian, i)
		out = h.Sum(out)
	}
	return out[:n]
}

// digits returns n decimal digits derived from class and value.
func (m *Masker) digits(class, value string, n int) string {
	b := m.stream(class, value, n)
	for i := range b {
		b[i] = '0' + b[i]%10
	}
	return string(b)
}

// Mask returns the masked form of value for class. Empty and already masked
// values come back unchanged.
func (m *Masker) Mask(class, value string) string {
	if value == "" || IsMasked(class, value) {
		return value
	}
	switch class {
	case ClassName:
		return MaskedName + hex.EncodeToString(m.stream(class, value, 3))
	case ClassAddress:
		return MaskedAddress + hex.EncodeToString(m.stream(class, value, 3))
	case ClassID:
		return m.maskID(value)
	case ClassPhone:
		return m.marked(class, value, maskedMobile)
	case ClassAccount:
		return m.marked(class, value, maskedAccount)
	}
	return "masked_" + hex.EncodeToString(m.stream(class, value, 4))
}

// maskID keeps the shape of an ID number (valid check digit and birth date)
// or of a USCC (its alphabet, first two characters and check character,
// with the region maskedUSCCRegion, so it is recognisably masked).
func (m *Masker) maskID(v string) string {
	switch {
	case len(v) == 18 && allDigits(v[:17]):
		b := m.stream(ClassID, v, 8)
		first := fmt.Sprintf("%s%s%04d%02d%02d%s", maskedID, m.digits(ClassID, v, 4),
			1950+int(b[0])%55, 1+int(b[1])%12, 1+int(b[2])%28, m.digits(ClassID+"seq", v, 3))
		return first + string(IDCheck(first))
	case len(v) == 15 && allDigits(v):
		return maskedID + m.digits(ClassID, v, 13)
	case len(v) == 18 && USCCCheck(v[:17]) != 0:
		first := []byte(v[:2] + maskedUSCCRegion)
		for _, c := range m.stream(ClassID, v, 9) {
			first = append(first, checkdigit.USCCAlphabet[int(c)%len(checkdigit.USCCAlphabet)])
		}
		return string(first) + string(USCCCheck(string(first)))
	}
	return m.shape(ClassID, v, 0)
}

// marked masks v keeping its length and separators, with the first four
// characters replaced by marker (so the result is recognisably masked).
func (m *Masker) marked(class, v, marker string) string {
	if len(v) <= len(marker) {
		return m.shape(class, v, 0)
	}
	return marker + m.shape(class, v, len(marker))[len(marker):]
}

// shape replaces every digit and letter after the first keep bytes, keeping
// case, separators and length; other letters (CJK) become 某.
func (m *Masker) shape(class, v string, keep int) string {
	b := m.stream(class, v, len(v))
	var sb strings.Builder
	for i, r := range v {
		switch {
		case i < keep:
			sb.WriteRune(r)
		case r >= '0' && r <= '9':
			sb.WriteByte('0' + b[i]%10)
		case r >= 'A' && r <= 'Z':
			sb.WriteByte('A' + b[i]%26)
		case r >= 'a' && r <= 'z':
			sb.WriteByte('a' + b[i]%26)
		case unicode.IsLetter(r):
			sb.WriteRune('某')
		default:
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// IsMasked reports whether value already is a masked value of class.
func IsMasked(class, value string) bool {
	switch class {
	case ClassName:
		return strings.HasPrefix(value, MaskedName)
	case ClassAddress:
		return strings.HasPrefix(value, MaskedAddress)
	case ClassID:
		return (len(value) == 18 || len(value) == 15) && strings.HasPrefix(value, maskedID) ||
			len(value) == 18 && value[2:8] == maskedUSCCRegion
	case ClassPhone:
		return strings.HasPrefix(value, maskedMobile)
	case ClassAccount:
		return strings.HasPrefix(value, maskedAccount)
	}
	return strings.HasPrefix(value, "masked_")
}

func isMobile(s string) bool {
	return len(s) == 11 && s[0] == '1' && s[1] >= '3' && s[1] <= '9' && allDigits(s)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
