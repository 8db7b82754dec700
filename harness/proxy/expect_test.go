package proxy

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/result"
)

// Required fields are the elements a template fills from a variable outside
// any conditional or loop.
func TestParseShapeRequired(t *testing.T) {
	type testCase struct {
		name, text string
		want       []string
	}
	run := func(t *testing.T, tc testCase) {
		assert.Equal(t, tc.want, parseShape(tc.text).required)
	}
	for _, tc := range []testCase{
		{"leaves from variables", `<a><djxh>{{.djxh}}</djxh><gzlxDm>2</gzlxDm><b:skssqq x="1">{{ .skssqq }}</b:skssqq></a>`, []string{"djxh", "skssqq"}},
		{"inside if and range", `<a>{{if .bz}}<bz>{{.bz}}</bz>{{end}}<djxh>{{.djxh}}</djxh>{{range .rows}}<r>{{.}}</r>{{end}}</a>`, []string{"djxh"}},
		{"nothing templated", `<a><b>1</b></a>`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

// A field is required only when every template of the service fills it,
// and an empty element counts as missing.
func TestRequiredCheckAcrossTemplates(t *testing.T) {
	shapes := []shape{parseShape(`<a><djxh>{{.djxh}}</djxh><bz>{{.bz}}</bz></a>`), parseShape(`<a><djxh>{{.djxh}}</djxh></a>`)}
	v, err := newView(`<taxML><djxh></djxh></taxML>`)
	require.NoError(t, err)
	c := requiredCheck(shapes, v)
	assert.Equal(t, result.Fail, c.Status)
	assert.Equal(t, "missing or empty: djxh", c.Got)
	v, err = newView(`<taxML><djxh>1</djxh></taxML>`)
	require.NoError(t, err)
	assert.Equal(t, result.Pass, requiredCheck(shapes, v).Status)
}
