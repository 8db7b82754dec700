package present

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/gt3ct/gt3ct/harness/result"
)

// answerSection is the text of Text's answer section for the given answer.
func answerSection(t *testing.T, answer string, o Options) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, Text(&buf, result.Result{Service: "HXZG_SB_00045", Case: "basic", Response: answer}, o))
	out := buf.String()
	start, end := strings.Index(out, "── answer"), strings.Index(out, "\nclass:")
	require.True(t, start >= 0 && end > start, out)
	return out[start:end]
}

func TestRawAnswers(t *testing.T) {
	type testCase struct {
		name    string
		answer  string
		opts    Options
		want    []string
		notWant []string
	}
	run := func(t *testing.T, tc testCase) {
		got := answerSection(t, tc.answer, tc.opts)
		for _, w := range tc.want {
			require.Contains(t, got, w)
		}
		for _, w := range tc.notWant {
			require.NotContains(t, got, w)
		}
	}
	gbkPage, err := simplifiedchinese.GBK.NewEncoder().String("<html><body>网关超时</body></html>")
	require.NoError(t, err)
	long := "<html>" + strings.Repeat("错", maxRawRunes+50) // 6 + 4050 characters
	lines := strings.Repeat("line\n", maxBodyLines+7)
	tests := []testCase{
		{name: "HTML error page", answer: "<html><body>502 Bad Gateway</body></html>",
			want: []string{"── answer (raw)", "could not parse: ", "  <html><body>502 Bad Gateway</body></html>"}},
		{name: "undeclared GBK bytes are decoded", answer: gbkPage, want: []string{"网关超时"}, notWant: []string{"\uFFFD"}},
		{name: "bytes that are no encoding are replaced", answer: "<html>\xff\xfe\xff</html>", want: []string{"\uFFFD"}},
		{name: "identityType in raw text is hidden", answer: "<service><head><expand><name>identityType</name><value>GX_SECRET_IDENTITY_42</value></expand>",
			want: []string{"<value>***</value>"}, notWant: []string{"GX_SECRET_IDENTITY_42"}},
		{name: "long raw text is cut", answer: long, want: []string{"… 56 more characters (use --verbose)"}},
		{name: "verbose shows long raw text whole", answer: long, opts: Options{Verbose: true},
			want: []string{strings.Repeat("错", maxRawRunes+50)}, notWant: []string{"more characters"}},
		{name: "many raw lines are cut", answer: "<x>\n" + lines, want: []string{"… 8 more lines (use --verbose)"}},
		{name: "terminal escapes are made visible", answer: "<x>\x1b[2J\x07", want: []string{`\x1b[2J\x07`}, notWant: []string{"\x1b"}},
		{name: "empty answer", answer: "  \n", want: []string{"(no answer)"}},
		{name: "width sets the rule", answer: "x", opts: Options{Width: 30},
			want: []string{"── answer (raw) " + strings.Repeat("─", 14) + "\n"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestTableCells(t *testing.T) {
	long := strings.Repeat("南", 30)
	r := result.Result{Service: "S", Case: "c", Rows: []result.Table{{Check: "t",
		Rows: []map[string]string{{"B": long, "A": "1"}, {"A": "2"}}}}}
	var buf bytes.Buffer
	require.NoError(t, Text(&buf, r, Options{}))
	out := buf.String()
	require.Contains(t, out, "    A  B\n", "columns fall back to sorted keys")
	require.Contains(t, out, "    1  "+strings.Repeat("南", maxCell/2-1)+"…\n", "cells are cut to maxCell display cells")
	require.Contains(t, out, "    2  NULL\n", "a missing column is NULL")
	buf.Reset()
	require.NoError(t, Text(&buf, r, Options{Verbose: true}))
	require.Contains(t, buf.String(), long)
}

func BenchmarkText(b *testing.B) {
	for _, c := range []struct {
		name string
		res  result.Result
	}{{"pass", filing(b)}, {"long", longAnswer(b)}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if err := Text(io.Discard, c.res, Options{}); err != nil {
					b.Fatal(fmt.Sprint(err))
				}
			}
		})
	}
}
