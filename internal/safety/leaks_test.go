package safety

import (
	"encoding/base64"
	"os"
	"path/filepath"
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
