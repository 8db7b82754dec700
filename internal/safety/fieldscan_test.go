package safety

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fieldSpec returns the regexps that specify findFields, one per syntax:
// group "k" is the field, "v" its value.
func fieldSpec() []*regexp.Regexp {
	keys := make([]string, 0, len(fieldClasses))
	for k := range fieldClasses {
		keys = append(keys, regexp.QuoteMeta(k))
	}
	sort.Sort(sort.Reverse(sort.StringSlice(keys)))
	alt := strings.Join(keys, "|")
	open, close := `(?:<|&lt;|\\u003c)`, `(?:>|&gt;|\\u003e)`
	return []*regexp.Regexp{
		regexp.MustCompile(`(?i)` + open + `(?:[A-Za-z_][\w.-]*:)?(?P<k>` + alt + `)(?:\s[^<>]*?)?` + close + `(?P<v>.*?)` + open + `/`),
		regexp.MustCompile(`(?i)\\*"(?P<k>` + alt + `)\\*"\s*:\s*\\*"(?P<v>[^"\\]*)\\*"`),
		regexp.MustCompile(`(?i)\b(?P<k>` + alt + `)\s*=\s*'(?P<v>(?:[^']|'')*)'`),
	}
}

// specFields is what the regexp of syntax finds in s.
func specFields(s string, syntax int) []field {
	re := fieldSpec()[syntax]
	ki, vi := re.SubexpIndex("k"), re.SubexpIndex("v")
	var out []field
	for _, l := range re.FindAllStringSubmatchIndex(s, -1) {
		out = append(out, field{key: s[l[2*ki]:l[2*ki+1]], vs: l[2*vi], ve: l[2*vi+1], start: l[0], end: l[1]})
	}
	return out
}

// fieldSamples are texts that exercise each rule of the three syntaxes.
var fieldSamples = []string{
	`<nsrmc>张伟</nsrmc><ns2:FDDBRXM a="1">李娜</ns2:FDDBRXM><xmmc>x</xmmc><zsxm_dm>1</zsxm_dm>`,
	`&lt;nsrmc&gt;A&lt;/nsrmc&gt; &LT;XM&GT;B&LT;/XM&GT; \u003cxm\u003eC\u003c/xm\u003e \U003Cxm\U003ED\U003C/xm\U003E`,
	"<nsrmc>two\nlines</nsrmc><nsrmc a='x'\n>v</nsrmc><nsrmc b='&gt;\n' >late</nsrmc>",
	`<nsrmc>unclosed <xm/> <xm></xm> <a:b:xm>v</x> <1a:xm>v</x> <a.b-c:xm>v</x> <xm >v</x>`,
	`{"nsrmc":"张伟","XM" : "李",\"yddh\":\"138\", "jkzh":"a\"b", "zjhm":"", "xm":1}`,
	`\\\"nsrmc\\\":\\\"v\\\" "nsrmc"x:"v" "nsrmc":"v`,
	`where NSRMC = 'O''Brien' and t.xm='a' and xxm='b' and fddbrxm = 'no end'' here`,
	`set zcdz='a''' , lxdh ='', yhzh= 'x'`,
	`<nsrmc><xm>inner</xm></nsrmc> {"checks":[{"name":"//nsrmc","got":"<nsrmc>v</nsrmc>"}]}`,
}

func TestFindFieldsMatchesSpec(t *testing.T) {
	texts := append([]string(nil), fieldSamples...)
	files, err := filepath.Glob("testdata/masktext/*")
	require.NoError(t, err)
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		texts = append(texts, string(data))
	}
	run := func(t *testing.T, s string) {
		for syntax := range syntaxes {
			assert.Equal(t, specFields(s, syntax), findFields(s, syntax), "syntax %d in %q", syntax, s)
		}
	}
	for i, s := range texts {
		t.Run(string(rune('a'+i)), func(t *testing.T) { run(t, s) })
	}
}

// FuzzFindFields checks the scanner against its regexps on any text.
func FuzzFindFields(f *testing.F) {
	for _, s := range fieldSamples {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for syntax := range syntaxes {
			want, got := specFields(s, syntax), findFields(s, syntax)
			if len(want) != len(got) || len(want) > 0 && !assert.ObjectsAreEqual(want, got) {
				t.Fatalf("syntax %d in %q: want %v, got %v", syntax, s, want, got)
			}
		}
	})
}

func TestCheckClassMatchesSpec(t *testing.T) {
	spec := regexp.MustCompile(`"name"\s*:\s*"[^"]*?([A-Za-z_]+)[\])'"]*"`)
	want := func(obj string) string {
		p := spec.FindStringSubmatch(obj)
		if p == nil {
			return ""
		}
		return FieldClass(p[1])
	}
	for _, obj := range []string{
		`{"kind":"db","name":"HX_DJ.DJ_NSRXX.FDDBRXM","want":"张伟"}`,
		`{"name":"//nsrmc","got":"x"}`, `{"name" : "//a[@b='c']/XM')]", "want":"x"}`,
		`{"name":"//nsrmc equals {{.nsrmc}}"}`, `{"name":"nsrmc1"}`, `{"name":"", "name":"lxdh"}`,
		`{"name":12,"name":"a.yddh"}`, `{"name":"zjhm`, `{"kind":"xpath"}`, `{"name":"a b_jkzh"}`,
	} {
		assert.Equal(t, want(obj), checkClass(obj), obj)
	}
}
