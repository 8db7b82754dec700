package check

import (
	"testing"

	"github.com/beevik/etree"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParsePlain(t *testing.T) {
	type testCase struct {
		path  string
		plain bool
	}
	run := func(t *testing.T, tc testCase) {
		_, ok := parsePlain(tc.path)
		assert.Equal(t, tc.plain, ok)
	}
	for _, tc := range []testCase{
		{"//pzxh", true}, {"/taxML/ybtse", true}, {"//djjgVO/djxh", true}, {"taxML/a-b.c", true},
		{"a//b", true}, {"//增值税", true},
		{"//a//b", false}, {"//a[@x='1']", false}, {"//*", false}, {"//a/.", false}, {"//a/..", false},
		{"/", false}, {"//", false}, {"//a/", false}, {"", false}, {"//@x", false}, {"//a/text()", false},
	} {
		t.Run(tc.path, func(t *testing.T) { run(t, tc) })
	}
}

// TestPlainPathsAgreeWithEtree checks the direct evaluation against etree's
// on documents where order matters: nested elements of the same name,
// several parents, namespaces, mixed content.
func TestPlainPathsAgreeWithEtree(t *testing.T) {
	docs := []string{
		answer(t),
		`<a><a><b>1</b><a><b>2</b></a></a><b>3</b><c><b>4</b><a><b>5</b></a></c></a>`,
		`<x:r xmlns:x="u" xmlns:y="v"><y:b>1</y:b><x:b>2</x:b><d>t<b>3</b>u<!--c--><b>4</b></d></x:r>`,
		`<r/>`,
	}
	paths := []string{
		"//b", "//a", "//a/b", "/a/b", "/a/a/b", "a/b", "a//b", "//c/a/b", "/r/b", "//r", "r", "/nosuch",
		"//sbxxGridlb", "//sbxxGridlb/zsxmDm", "/taxML/ybtse", "//ybtse", "taxML//zsxmDm", "//pzxh",
	}
	for i, body := range docs {
		doc, err := ParseXML(body)
		require.NoError(t, err)
		for _, p := range paths {
			plain, ok := parsePlain(p)
			require.True(t, ok, p)
			want := doc.FindElementsPath(etree.MustCompilePath(p))
			assert.Equal(t, want, plain.find(doc), "doc %d path %s", i, p)
		}
	}
}
