package cli_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/gt3ct/gt3ct/cmd/internal/cli"
	"github.com/gt3ct/gt3ct/harness/envelope"
)

func envelopeCLI(stdin io.Reader, args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := cli.Main(context.Background(), args, stdin, &out, &errb)
	return code, out.String(), errb.String()
}

// envelopeFiles writes sample messages, made with the envelope package, to a
// temporary directory.
func envelopeFiles(t *testing.T) string {
	dir := t.TempDir()
	h := envelope.Head{TranID: "SWZJ.HXZG.SB.BCZZSXGMSB", ChannelID: "GX.DZSWJ.TEST", TranSeq: "0123456789abcdef0123456789abcdef",
		TranDate: "20261128", TranTime: "143015123", RtnCode: "3", Code: "999", Reason: "本期已申报",
		Expand: []envelope.Pair{{Name: "sjjg", Value: "14501000000"}}}
	body := `<taxML xsi:type="HXZGSB00045Response" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><mc>增值税</mc></taxML>`
	refusal := envelope.BuildResponse(h, body)
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(bytes.Replace(refusal, []byte(`encoding="UTF-8"`), []byte(`encoding="GBK"`), 1))
	require.NoError(t, err)
	bad := h
	bad.TranSeq, bad.TranTime = "short", "93015"
	files := map[string][]byte{
		"refusal.xml":   refusal,
		"gbk.xml":       gbk,
		"soap.xml":      envelope.WrapSOAP(refusal),
		"badhead.xml":   envelope.BuildResponse(bad, body),
		"truncated.xml": refusal[:len(refusal)/2],
	}
	for name, data := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o600))
	}
	return dir
}

func TestEnvelopeParseJSON(t *testing.T) {
	dir := envelopeFiles(t)
	type testCase struct {
		file     string
		class    string
		encoding string
		soap     bool
		problems int
		code     int
	}
	run := func(t *testing.T, tc testCase) {
		code, out, errOut := envelopeCLI(nil, "envelope", "parse", filepath.Join(dir, tc.file), "--format", "json")
		assert.Equal(t, tc.code, code, errOut)
		var got map[string]any
		require.NoError(t, json.Unmarshal([]byte(out), &got), out)
		for _, k := range []string{"kind", "tran_id", "channel_id", "tran_seq", "tran_date", "tran_time", "rtn_code",
			"code", "message", "reason", "class", "expand", "encoding", "soap", "body_type", "body", "problems"} {
			assert.Contains(t, got, k)
		}
		assert.Equal(t, tc.class, got["class"])
		assert.Len(t, got["problems"], tc.problems)
		if tc.code != 0 {
			return
		}
		assert.Equal(t, "response", got["kind"])
		assert.Equal(t, tc.encoding, got["encoding"])
		assert.Equal(t, tc.soap, got["soap"])
		assert.Equal(t, "本期已申报", got["reason"])
		assert.Equal(t, map[string]any{"sjjg": "14501000000"}, got["expand"])
		assert.Equal(t, "HXZGSB00045Response", got["body_type"])
		assert.Contains(t, got["body"], "<mc>增值税</mc>")
	}
	for _, tc := range []testCase{
		{file: "refusal.xml", class: "business", encoding: "UTF-8"},
		{file: "gbk.xml", class: "business", encoding: "GBK"},
		{file: "soap.xml", class: "business", encoding: "UTF-8", soap: true},
		{file: "badhead.xml", class: "business", encoding: "UTF-8", problems: 2},
		{file: "truncated.xml", class: "malformed", problems: 1, code: 1},
	} {
		t.Run(tc.file, func(t *testing.T) { run(t, tc) })
	}
}

func TestEnvelopeParseText(t *testing.T) {
	dir := envelopeFiles(t)
	code, out, _ := envelopeCLI(nil, "envelope", "parse", filepath.Join(dir, "gbk.xml"))
	assert.Equal(t, 0, code)
	assert.Contains(t, out, "class: business\n")
	assert.Contains(t, out, "encoding: GBK\n")
	assert.Contains(t, out, "\n    <mc>增值税</mc>\n", "body indented, Chinese readable")

	code, out, _ = envelopeCLI(nil, "envelope", "parse", filepath.Join(dir, "truncated.xml"))
	assert.Equal(t, 1, code)
	assert.Contains(t, out, "class: malformed\n")
	assert.Contains(t, out, "truncated at line")
}

func TestEnvelopeParseStdinAndErrors(t *testing.T) {
	dir := envelopeFiles(t)
	data, err := os.ReadFile(filepath.Join(dir, "soap.xml"))
	require.NoError(t, err)
	code, out, _ := envelopeCLI(bytes.NewReader(data), "envelope", "parse", "-", "--format=json")
	assert.Equal(t, 0, code)
	assert.Contains(t, out, `"soap": true`)

	type testCase struct {
		args []string
		code int
		err  string
	}
	for _, tc := range []testCase{
		{[]string{"envelope", "parse", filepath.Join(dir, "missing.xml")}, 2, "missing.xml: cannot read"},
		{[]string{"envelope", "lint", filepath.Join(dir, "missing.xml")}, 2, "cannot read"},
		{[]string{"envelope", "parse", filepath.Join(dir, "refusal.xml"), "--format", "yaml"}, 2, `--format "yaml"`},
		{[]string{"envelope", "parse"}, 2, "want 1 argument"},
		{[]string{"envelope", "parse", "--help"}, 0, ""},
	} {
		code, _, errOut := envelopeCLI(nil, tc.args...)
		assert.Equal(t, tc.code, code, strings.Join(tc.args, " "))
		assert.Contains(t, errOut, tc.err)
	}
}

func TestEnvelopeLint(t *testing.T) {
	dir := envelopeFiles(t)
	type testCase struct {
		file  string
		code  int
		lines []string
	}
	run := func(t *testing.T, tc testCase) {
		code, out, _ := envelopeCLI(nil, "envelope", "lint", filepath.Join(dir, tc.file))
		assert.Equal(t, tc.code, code)
		var lines []string
		if out != "" {
			lines = strings.Split(strings.TrimRight(out, "\n"), "\n")
		}
		assert.Equal(t, tc.lines, lines)
	}
	for _, tc := range []testCase{
		{"refusal.xml", 0, nil},
		{"badhead.xml", 1, []string{"tran_seq: length 5, want 32", `tran_time: "93015" is not HHmmssSSS (9 digits)`}},
		{"truncated.xml", 1, []string{"malformed: truncated at line 9 (byte 376): the document ends inside <head>"}},
	} {
		t.Run(tc.file, func(t *testing.T) { run(t, tc) })
	}
}

// TestEnvelopeLintAt: --at checks the head's date and 12-hour clock
// against the time the message was sent or received (Beijing time).
func TestEnvelopeLintAt(t *testing.T) {
	file := filepath.Join(envelopeFiles(t), "refusal.xml") // tran_date 20261128, tran_time 143015123
	for _, tc := range []struct {
		at   string
		code int
		want string
	}{
		{"2026-11-28T14:31:00+08:00", 0, ""},
		{"2026-11-28T06:31:00Z", 0, ""}, // the same instant in UTC
		{"2026-11-28T02:30:15+08:00", 1, "tran_time: 12-hour clock? 143015123 is 12 h off the clock (02:30:15)"},
		{"2026-12-05T14:30:00+08:00", 1, "tran_date: 20261128 is more than a day from the clock (2026-12-05)"},
		{"yesterday", 2, `--at "yesterday": want an RFC3339 time`},
	} {
		code, out, errOut := envelopeCLI(nil, "envelope", "lint", file, "--at", tc.at)
		assert.Equal(t, tc.code, code, "%s: %s %s", tc.at, out, errOut)
		switch tc.code {
		case 0:
			assert.Empty(t, out, tc.at)
		case 1:
			assert.Equal(t, tc.want+"\n", out, tc.at)
		default:
			assert.Contains(t, errOut, tc.want, tc.at)
		}
	}
}
