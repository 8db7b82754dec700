package safety

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

var testKey = []byte("gt3ct-test-run-key")

// Sample PII (synthetic): a valid ID number, a USCC, a mobile, an account.
const (
	sampleID      = "450103198807150013"
	sampleUSCC    = "91450100MA5L7XKE13"
	sampleMobile  = "13877123456"
	sampleAccount = "6222021234567890123"
	sampleDJXH    = "10114501000000012345"
)

func TestSamplesAreValid(t *testing.T) {
	assert.True(t, ValidID(sampleID), "sample ID must pass GB 11643")
	assert.Equal(t, byte('X'), IDCheck("11010519491231002"), "the GB 11643 example ID ends in X")
	assert.True(t, ValidID("11010519491231002x"), "a lower-case x check is accepted")
	assert.False(t, ValidID("450103198807150018"), "wrong check digit")
	assert.False(t, ValidID("450103198813150011"[:17]+string(IDCheck("45010319881315001"))), "month 13")
	assert.True(t, ValidUSCC(sampleUSCC), "sample USCC must pass GB 32100, check %c", USCCCheck(sampleUSCC[:17]))
}

func TestMaskDeterministic(t *testing.T) {
	m1, m2, other := NewMasker(testKey), NewMasker(testKey), NewMasker([]byte("another run"))
	for _, c := range []struct{ class, v string }{
		{ClassName, "南宁市某某贸易有限公司"}, {ClassID, sampleID}, {ClassPhone, sampleMobile},
		{ClassAccount, sampleAccount}, {ClassAddress, "南宁市青秀区民族大道1号"},
	} {
		a := m1.Mask(c.class, c.v)
		assert.Equal(t, a, m1.Mask(c.class, c.v), "same input, same output")
		assert.Equal(t, a, m2.Mask(c.class, c.v), "same key, same output")
		assert.NotEqual(t, a, other.Mask(c.class, c.v), "another run key, another output")
		assert.NotEqual(t, c.v, a)
		assert.Equal(t, a, m1.Mask(c.class, a), "masking is idempotent")
		assert.True(t, IsMasked(c.class, a))
	}
	assert.NotEqual(t, m1.Mask(ClassName, "张三"), m1.Mask(ClassName, "李四"))
	assert.Equal(t, "", m1.Mask(ClassName, ""))
}

func TestMaskKeepsShape(t *testing.T) {
	type testCase struct {
		name, class, in string
		check           func(t *testing.T, out string)
	}
	m := NewMasker(testKey)
	run := func(t *testing.T, tc testCase) {
		out := m.Mask(tc.class, tc.in)
		assert.NotEqual(t, tc.in, out)
		tc.check(t, out)
	}
	for _, tc := range []testCase{
		{"ID number", ClassID, sampleID, func(t *testing.T, out string) {
			assert.Len(t, out, 18)
			assert.True(t, ValidID(out), "masked ID %s must pass GB 11643", out)
		}},
		{"ID number with X", ClassID, "11010519491231002X", func(t *testing.T, out string) { assert.True(t, ValidID(out), out) }},
		{"USCC", ClassID, sampleUSCC, func(t *testing.T, out string) {
			assert.True(t, ValidUSCC(out), "masked USCC %s keeps alphabet and check", out)
			assert.Equal(t, sampleUSCC[:2], out[:2])
			assert.Equal(t, maskedUSCCRegion, out[2:8])
			assert.True(t, IsMasked(ClassID, out), "a masked USCC is recognisably masked")
			assert.Equal(t, out, m.Mask(ClassID, out), "masking a masked USCC keeps it")
		}},
		{"mobile", ClassPhone, sampleMobile, func(t *testing.T, out string) {
			assert.Len(t, out, 11)
			assert.True(t, allDigits(out) && out[0] == '1', out)
		}},
		{"landline", ClassPhone, "0771-5551234", func(t *testing.T, out string) {
			assert.Len(t, out, 12)
			assert.Equal(t, byte('-'), out[4])
		}},
		{"account", ClassAccount, sampleAccount, func(t *testing.T, out string) {
			assert.Len(t, out, len(sampleAccount))
			assert.True(t, allDigits(out))
		}},
		{"name", ClassName, "张三", func(t *testing.T, out string) {
			assert.True(t, strings.HasPrefix(out, MaskedName), out)
			assert.Equal(t, utf8.RuneCountInString(MaskedName)+6, utf8.RuneCountInString(out))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestMaskedIDsAlwaysValid(t *testing.T) {
	m := NewMasker(testKey)
	for i := 0; i < 2000; i++ {
		first := "4501031988071" + strings.Repeat("0", 4-len(itoa(i%10000))) + itoa(i%10000)
		id := first + string(IDCheck(first))
		out := m.Mask(ClassID, id)
		if !ValidID(out) {
			t.Fatalf("masked %s -> %s fails GB 11643", id, out)
		}
	}
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}

func BenchmarkMaskText(b *testing.B) {
	m := NewMasker(testKey)
	line := `{"service":"HXZG_DJ_00001","got":"<nsrmc>南宁市某某贸易有限公司</nsrmc><djxh>` + sampleDJXH + `</djxh><fddbrsfzjhm>` + sampleID + `</fddbrsfzjhm>"}`
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		m.MaskText(line)
	}
}
