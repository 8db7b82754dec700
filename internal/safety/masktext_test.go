package safety

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	gtgolden "gotest.tools/v3/golden"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// piiSamples is every piece of PII in testdata/masktext (none may survive).
var piiSamples = []string{
	"南宁市青秀区张记贸易有限公司", "张伟", "李娜", "王芳", "赵敏", "桂林测算科技有限公司", "O''Brien贸易",
	"450103198807150013", "450103199001010016", "11010519491231002X",
	"13877123456", "13912345678", "0771-5551234", "6222021234567890123", "南宁市青秀区民族大道1号",
}

// businessIDs must survive masking: DJXH, USCC, PZXH, tran_seq, codes.
var businessIDs = []string{"10114501000000012345", "91450100MA5L7XKE13", "10014501000000000001",
	"5f0c1c9e2b6a4d0e9a7b3c2d1e0f9a8b", "20261128093015123", "'10101'"}

func TestMaskTextGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/masktext/*")
	require.NoError(t, err)
	var inputs []string
	for _, f := range files {
		if !strings.HasSuffix(f, ".golden") {
			inputs = append(inputs, f)
		}
	}
	require.NotEmpty(t, inputs)
	m := NewMasker(testKey) // one run: names learned in one file are masked in the next
	run := func(t *testing.T, in string) {
		data, err := os.ReadFile(in)
		require.NoError(t, err)
		got := m.MaskText(string(data))
		for _, p := range piiSamples {
			assert.NotContains(t, got, p, "PII survived masking")
		}
		for _, b := range businessIDs {
			if strings.Contains(string(data), b) {
				assert.Contains(t, got, b, "business identifier was masked")
			}
		}
		gtgolden.Assert(t, got, strings.TrimPrefix(filepath.ToSlash(in), "testdata/")+".golden")
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) { run(t, in) })
	}
}

func TestMaskTextCases(t *testing.T) {
	type testCase struct {
		name, in string
		gone     []string // must be masked
		kept     []string // must survive
	}
	run := func(t *testing.T, tc testCase) {
		got := NewMasker(testKey).MaskText(tc.in)
		for _, g := range tc.gone {
			assert.NotContains(t, got, g, "in %q", got)
		}
		for _, k := range tc.kept {
			assert.Contains(t, got, k, "in %q", got)
		}
	}
	for _, tc := range []testCase{
		{name: "individual nsrsbh is an ID", in: "<nsrsbh>450103198807150013</nsrsbh>", gone: []string{"450103198807150013"}, kept: []string{"<nsrsbh>99"}},
		{name: "USCC nsrsbh kept", in: "<nsrsbh>91450100MA5L7XKE13</nsrsbh>", kept: []string{"91450100MA5L7XKE13"}},
		{name: "djxh kept", in: `"djxh":"10114501000000012345"`, kept: []string{"10114501000000012345"}},
		{name: "18 digits with a wrong check digit are an account", in: "x 450103198807150018 y", gone: []string{"450103198807150018"}},
		{name: "digits inside a hex word kept", in: "seq a13877123456b", kept: []string{"a13877123456b"}},
		{name: "phone in text", in: "call 13877123456.", gone: []string{"13877123456"}, kept: []string{"call 1400"}},
		{name: "short numbers kept", in: "amount 123456.78 period 20260101", kept: []string{"123456.78", "20260101"}},
		{name: "learned name elsewhere", in: "<xm>张伟</xm> later: 张伟 signed", gone: []string{"张伟"}},
		{name: "empty element", in: "<nsrmc></nsrmc><xm/>", kept: []string{"<nsrmc></nsrmc><xm/>"}},
		{name: "similar tag not masked", in: "<zsxm_dm>10101</zsxm_dm><xmmc>增值税</xmmc>", kept: []string{"10101", "增值税"}},
		{name: "sql with spaces", in: "where  fddbrxm='王芳'", gone: []string{"王芳"}},
		{name: "already masked stays", in: "<nsrmc>测试某某_abcdef</nsrmc>", kept: []string{"测试某某_abcdef"}},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestMaskTextIdempotentAndConsistent(t *testing.T) {
	m := NewMasker(testKey)
	in, err := os.ReadFile("testdata/masktext/envelope.xml")
	require.NoError(t, err)
	once := m.MaskText(string(in))
	assert.Equal(t, once, m.MaskText(once), "masking masked text changes nothing")
	masked := m.Mask(ClassName, "张伟")
	assert.Equal(t, 2, strings.Count(once, masked), "the same name gets the same mask in every place (fddbrxm, JKZHMC)")
}

func TestLearn(t *testing.T) {
	m := NewMasker(testKey)
	m.Learn(ClassName, "欧阳娜娜")
	m.Learn(ClassName, "李") // too short to replace everywhere
	got := m.MaskText("free text about 欧阳娜娜 and 李")
	assert.NotContains(t, got, "欧阳娜娜")
	assert.Contains(t, got, "李")
}
