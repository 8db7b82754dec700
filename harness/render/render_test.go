package render

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	gtgolden "gotest.tools/v3/golden"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/errs"
)

func fixedCache() *Cache {
	c := NewCache()
	c.Now = func() time.Time { return time.Date(2026, 11, 28, 9, 30, 15, 0, time.Local) }
	c.Rand = bytes.NewReader(bytes.Repeat([]byte{0xab, 0x01, 0x7f, 0x10}, 64))
	return c
}

// golden compares got with testdata/name.golden (go test -update rewrites it).
func golden(t *testing.T, name, got string) {
	t.Helper()
	gtgolden.Assert(t, got, name+".golden")
}

func TestRenderGolden(t *testing.T) {
	text, err := os.ReadFile("testdata/request.xml")
	require.NoError(t, err)
	data := Merge(
		map[string]string{"djxh": "10114501000000000001", "nsrmc": "广西<测试>&公司", "skssqq": "2026-07-01",
			"skssqz": "2026-09-30", "jsyj": "100000.00", "sl_1": "0.03", "ybtse": "1"},
		map[string]string{"ybtse": "3000.5"},
	)
	out, err := fixedCache().Render("contracts/services/HXZG_SB_00045/request.xml", string(text), data)
	require.NoError(t, err)
	golden(t, "request.xml", out)
}

func TestRenderErrors(t *testing.T) {
	type testCase struct {
		name string
		text string
		want string
	}
	const file = "contracts/services/HXZG_SB_00045/request.xml"
	data := map[string]string{"djxh": "1", "amount": "12.5"}
	run := func(t *testing.T, tc testCase) {
		_, err := fixedCache().Render(file, tc.text, data)
		require.Error(t, err)
		assert.Equal(t, tc.want, err.Error())
		assert.Equal(t, errs.Input, errs.KindOf(err))
	}
	for _, tc := range []testCase{
		{name: "unknown field", text: "<a>\n{{.djxh}}\n<b>{{.nsrmcc}}</b>", want: file + ":3: unknown field {{.nsrmcc}}"},
		{name: "unknown function", text: "x\n\n{{nosuch .djxh}}", want: file + `:3: function "nosuch" not defined`},
		{name: "unclosed action", text: "{{.djxh", want: file + ":1: unclosed action"},
		{name: "bad decimal", text: `{{add .amount "x"}}`, want: file + `:1: {{add .amount "x"}}: error calling add: add: argument 2 "x" is not a decimal number`},
		{name: "add one arg", text: `{{add .amount}}`, want: file + `:1: {{add .amount}}: error calling add: add wants at least 2 numbers, got 1`},
		{name: "mul of a text", text: "\n{{mul .djxh .amount \"abc\"}}", want: file + `:2: {{mul .djxh .amount "abc"}}: error calling mul: mul: argument 3 "abc" is not a decimal number`},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestFuncs(t *testing.T) {
	type testCase struct {
		text string
		want string
	}
	data := map[string]string{"a": "1.02E7", "b": "0.015", "empty": "", "name": `A&B "C"`}
	run := func(t *testing.T, tc testCase) {
		got, err := fixedCache().Render("t", tc.text, data)
		require.NoError(t, err)
		assert.Equal(t, tc.want, got)
	}
	for _, tc := range []testCase{
		{text: `{{add .a .b}}`, want: "10200000.015"},
		{text: `{{add "0.1" "0.2"}}`, want: "0.3"},
		{text: `{{add "-5.25" "5.25"}}`, want: "0.00"},
		{text: `{{mul .a .b}}`, want: "153000.000"},
		{text: `{{mul "1.1" "1.1"}}`, want: "1.21"},
		{text: `{{xml .name}}`, want: "A&amp;B &quot;C&quot;"},
		{text: `{{default "N" .empty}}`, want: "N"},
		{text: `{{default "N" .a}}`, want: "1.02E7"},
		{text: `{{default "N" (index . "missing")}}`, want: "N"},
		{text: `{{today}} {{now}}`, want: "2026-11-28 2026-11-28 09:30:15"},
		{text: `{{uuid}}`, want: "AB017F10AB014F10AB017F10AB017F10"},
	} {
		t.Run(tc.text, func(t *testing.T) { run(t, tc) })
	}
}

func TestUUIDShapeAndFresh(t *testing.T) {
	c := NewCache()
	out, err := c.Render("u", "{{uuid}} {{uuid}}", nil)
	require.NoError(t, err)
	parts := strings.Fields(out)
	require.Len(t, parts, 2)
	assert.Regexp(t, `^[0-9A-F]{32}$`, parts[0])
	assert.NotEqual(t, parts[0], parts[1])
}

func TestCacheReusesParsedTemplates(t *testing.T) {
	c := NewCache()
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			out, err := c.Render("same.xml", "<a>{{.v}}</a>", map[string]string{"v": fmt.Sprint(i)})
			assert.NoError(t, err)
			assert.Equal(t, fmt.Sprintf("<a>%d</a>", i), out)
		}(i)
	}
	wg.Wait()
	assert.Equal(t, 1, c.Len())
	_, err := c.Render("same.xml", "<b>{{.v}}</b>", map[string]string{"v": "x"})
	require.NoError(t, err)
	assert.Equal(t, 2, c.Len(), "edited text is parsed again")
}

func TestMerge(t *testing.T) {
	a := map[string]string{"djxh": "1", "skssqq": "2026-07-01"}
	b := map[string]string{"djxh": "2"}
	got := Merge(a, nil, b, map[string]string{"pzxh": "9"})
	assert.Equal(t, map[string]string{"djxh": "2", "skssqq": "2026-07-01", "pzxh": "9"}, got)
	assert.Equal(t, "1", a["djxh"], "inputs untouched")
}

func BenchmarkRenderCached(b *testing.B) {
	text, err := os.ReadFile("testdata/request.xml")
	require.NoError(b, err)
	c := NewCache()
	data := map[string]string{"djxh": "10114501000000000001", "nsrmc": "n", "skssqq": "2026-07-01",
		"skssqz": "2026-09-30", "jsyj": "100000.00", "sl_1": "0.03", "ybtse": "3000"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Render("request.xml", string(text), data); err != nil {
			b.Fatal(err)
		}
	}
}
