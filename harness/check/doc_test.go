package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/result"
)

func TestDocLeaves(t *testing.T) {
	type testCase struct {
		name string
		body string
		want map[string]string
	}
	run := func(t *testing.T, tc testCase) {
		assert.Equal(t, tc.want, NewDoc(tc.body).Leaves())
	}
	for _, tc := range []testCase{
		{name: "first leaf wins", body: `<taxML><a> 1 </a><g><a>2</a><b/></g><c>3</c></taxML>`,
			want: map[string]string{"a": "1", "b": "", "c": "3"}},
		{name: "prefixes dropped", body: `<ns:taxML xmlns:ns="urn:x"><ns:pzxh>9</ns:pzxh></ns:taxML>`,
			want: map[string]string{"pzxh": "9"}},
		{name: "root alone is a leaf", body: `<taxML>x</taxML>`, want: map[string]string{"taxML": "x"}},
		{name: "empty body", body: "", want: map[string]string{}},
		{name: "not XML", body: "rtn_code=2", want: map[string]string{}},
		{name: "broken XML", body: "<a><b>1</a>", want: map[string]string{}},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestDocParsesOnceAndAgreesWithStringForms(t *testing.T) {
	body := answer(t)
	d := NewDoc(body)
	first, err := d.Tree()
	require.NoError(t, err)
	again, _ := d.Tree()
	assert.Same(t, first, again, "a Doc parses its body once")
	assert.Equal(t, body, d.Body())

	asserts := []catalog.XPathAssert{
		{Path: "//pzxh", Matches: `^\d{20}$`},
		{Path: "//sbxxGridlb", Count: intp(3)},
		{Path: "//nosuch", Exists: true},
	}
	assert.Equal(t, RunXPath(body, asserts, nil), RunXPathDoc(d, asserts, nil))
	save := map[string]string{"pzxh": "//pzxh", "ybtse": "/taxML/ybtse"}
	want, werr := Extract(body, save)
	got, gerr := ExtractDoc(d, save)
	assert.Equal(t, want, got)
	assert.Equal(t, werr, gerr)
	assert.Equal(t, "10014501000000000777", d.Leaves()["pzxh"])
	assert.Equal(t, "1.23456E3", d.Leaves()["ybtse"], "the first ybtse (the document's) wins over the grid's")
}

func TestDocNotParsedWhenNothingToCheck(t *testing.T) {
	d := NewDoc("<broken")
	assert.Empty(t, RunXPathDoc(d, nil, nil))
	saved, err := ExtractDoc(d, nil)
	assert.NoError(t, err)
	assert.Nil(t, saved)
	assert.Nil(t, d.tree, "no assertion and nothing to save: the body stays unparsed")
	assert.Nil(t, d.err)
	got := RunXPathDoc(d, []catalog.XPathAssert{{Path: "//a", Exists: true}}, nil)
	require.Len(t, got, 1)
	assert.Equal(t, result.Fail, got[0].Status)
	assert.Contains(t, got[0].Detail, "body is not XML")
}

func TestCompileRegexpCaches(t *testing.T) {
	a, err := CompileRegexp(`^\d{3}$`)
	require.NoError(t, err)
	b, _ := CompileRegexp(`^\d{3}$`)
	assert.Same(t, a, b)
	assert.True(t, a.MatchString("123"))
	_, err1 := CompileRegexp(`(`)
	_, err2 := CompileRegexp(`(`)
	assert.EqualError(t, err1, "error parsing regexp: missing closing ): `(`")
	assert.Equal(t, err1, err2)
}

func TestRenderedPathsNotCached(t *testing.T) {
	body := `<taxML><g><k>7</k></g><g><k>8</k></g></taxML>`
	render := func(_, text string) (string, error) { return "//g[k='8']/k", nil }
	got := RunXPath(body, []catalog.XPathAssert{{Path: "//g[k='{{.n}}']/k", Equals: "8"}}, render)
	require.Len(t, got, 1)
	assert.Equal(t, result.Pass, got[0].Status, got[0].Detail)
	_, cached := paths.Load("//g[k='8']/k")
	assert.False(t, cached, "a path rendered per case must not grow the process-wide cache")
	bad := func(_, text string) (string, error) { return "//g[", nil }
	got = RunXPath(body, []catalog.XPathAssert{{Path: "//g{{.n}}", Exists: true}}, bad)
	assert.Equal(t, "bad path //g[: path has invalid filter [brackets].", got[0].Detail)
}
