package render

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// RenderXML escapes every value unless the template says raw; Render (SQL,
// XPath and expected values) leaves values as they are.
func TestRenderXMLEscapesValues(t *testing.T) {
	type testCase struct {
		text string
		want string
	}
	data := map[string]string{"nsrmc": "A&B<C>贸易", "q": `say "hi" 'x'`, "frag": "<a>1</a>", "n": "1.5", "empty": ""}
	run := func(t *testing.T, tc testCase) {
		got, err := fixedCache().RenderXML("request.xml", tc.text, data)
		require.NoError(t, err)
		assert.Equal(t, tc.want, got)
	}
	for _, tc := range []testCase{
		{text: `<nsrmc>{{.nsrmc}}</nsrmc>`, want: `<nsrmc>A&amp;B&lt;C&gt;贸易</nsrmc>`},
		{text: `<x a="{{.q}}">{{.q}}</x>`, want: `<x a="say &quot;hi&quot; &apos;x&apos;">say &quot;hi&quot; &apos;x&apos;</x>`},
		{text: `<nsrmc>{{xml .nsrmc}}</nsrmc>`, want: `<nsrmc>A&amp;B&lt;C&gt;贸易</nsrmc>`},
		{text: `<grid>{{raw .frag}}</grid>`, want: `<grid><a>1</a></grid>`},
		{text: `<y>{{add .n "1"}}</y>`, want: `<y>2.5</y>`},
		{text: `<y>{{default "N" .empty}}</y>`, want: `<y>N</y>`},
		{text: `<y>{{if eq .n "1.5"}}yes{{end}}</y>`, want: `<y>yes</y>`},
	} {
		t.Run(tc.text, func(t *testing.T) { run(t, tc) })
	}
	plain, err := fixedCache().Render("db", `{{.nsrmc}}`, data)
	require.NoError(t, err)
	assert.Equal(t, "A&B<C>贸易", plain, "expected DB values compare with what the core stored")
}

// A rendered request that is not well-formed is an input error naming the
// template line and the keys inserted on it.
func TestRenderXMLRefusesMalformed(t *testing.T) {
	text := "<taxML>\n  <nsrmc>{{raw .nsrmc}}</nsrmc>\n</taxML>"
	_, err := fixedCache().RenderXML("contracts/services/X/request.xml", text, map[string]string{"nsrmc": "A&B<C>"})
	require.Error(t, err)
	assert.True(t, errs.Is(err, errs.Input))
	assert.Regexp(t, `^contracts/services/X/request.xml:2: rendered request is not well-formed XML \(.+\): value of nsrmc$`, err.Error())
	assert.NoError(t, WellFormed(`<?xml version="1.0" encoding="GBK"?><a>x</a>`))
	assert.Error(t, WellFormed(`<a><b></a>`))
}
