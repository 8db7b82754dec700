package safety

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestScanForLeaks(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		require.NoError(t, os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
	}
	write("results.jsonl", "{\"ok\":1}\n{\"error\":\"dial: "+dbPass+"\"}\n")
	write("logs/run.log", "line\nAuthorization: Basic "+base64.StdEncoding.EncodeToString([]byte("u:"+identity))+"\n")
	write("report.html", "<td>450103198807150013</td>\n<td>13877123456</td>\n<td>&lt;nsrmc&gt;张记贸易&lt;/nsrmc&gt;</td>\n")
	write("junit.xml", "<testcase name=\"a\">张伟 here</testcase>\n<ok djxh=\"x\">10114501000000012345 91450100MA5L7XKE13</ok>\n")
	write("clean.txt", "<nsrmc>测试某某_abcdef</nsrmc> 994426197407032558 14004224710\n")

	got := ScanForLeaks(dir, []string{dbPass, identity, "张伟", "x"})
	assert.Equal(t, []string{
		"junit.xml:1: secret #3",
		"logs/run.log:2: secret #2",
		"report.html:1: unmasked ID number",
		"report.html:2: unmasked mobile number",
		"report.html:3: unmasked name in field nsrmc",
		"results.jsonl:2: secret #1",
	}, got)
	for _, g := range got {
		assert.NotContains(t, g, dbPass, "a report never quotes the leak")
		assert.NotContains(t, g, "450103198807150013")
	}
}

func TestScanAfterMaskingIsClean(t *testing.T) {
	dir := t.TempDir()
	m := NewMasker(testKey)
	r := NewRedactor(dbPass, identity)
	files, err := filepath.Glob("testdata/masktext/*")
	require.NoError(t, err)
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		out := r.Redact(m.MaskText(string(data) + "\nsecret " + dbPass))
		require.NoError(t, os.WriteFile(filepath.Join(dir, filepath.Base(f)), []byte(out), 0o644))
	}
	assert.Empty(t, ScanForLeaks(dir, append([]string{dbPass, identity}, piiSamples...)))
}

// Tax office, staff and item codes have 11 digits and may start 145… (a
// mobile prefix): their field, not their digits, says they are not mobiles.
func TestScanForLeaksCodeFields(t *testing.T) {
	type testCase struct {
		name, line string
		leak       bool
	}
	run := func(t *testing.T, tc testCase) {
		dir := t.TempDir()
		require.NoError(t, os.WriteFile(filepath.Join(dir, "f"), []byte(tc.line+"\n"), 0o644))
		got := ScanForLeaks(dir, nil)
		if tc.leak {
			assert.Equal(t, []string{"f:1: unmasked mobile number"}, got)
		} else {
			assert.Empty(t, got)
		}
		masked := NewMasker(testKey).MaskText(tc.line)
		assert.Equal(t, !tc.leak, strings.Contains(masked, "14501030000"), "MaskText judges alike: %s", masked)
	}
	for _, tc := range []testCase{
		{name: "xml element Dm", line: "<zgswjDm>14501030000</zgswjDm>"},
		{name: "escaped xml in json", line: `"got":"\u003czgswjDm\u003e14501030000\u003c/zgswjDm\u003e"`},
		{name: "html escaped", line: "&lt;swjgDm&gt;14501030000&lt;/swjgDm&gt;"},
		{name: "db row column", line: `{"ZGSWJ_DM":"14501030000","NSRMC":"测试某某_abcdef"}`},
		{name: "sql", line: "where zgswj_dm = '14501030000'"},
		{name: "expand pair", line: "<name>sjjg</name><value>14501030000</value>"},
		{name: "check object", line: `{"kind":"db","name":"HX_DJ.DJ_NSRXX.ZGSWJ_DM","status":"fail","want":"14501030000","got":"14501030000"}`},
		{name: "xpath check", line: `{"name":"//nsrxxVO/zgswjDm equals {{.zgswj_dm}}","want":"14501030000"}`},
		{name: "phone field", line: "<lxdh>14501030000</lxdh>", leak: true},
		{name: "free text", line: "call 14501030000 today", leak: true},
		{name: "after a closing code tag", line: "<zgswjDm>1</zgswjDm>14501030000", leak: true},
		{name: "escaped phone element", line: `"got":"\u003cbz\u003e14501030000\u003c/bz\u003e"`, leak: true},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}
