package reports

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestPrettyXML(t *testing.T) {
	type testCase struct {
		name, in, want string
	}
	run := func(t *testing.T, tc testCase) {
		require.Equal(t, tc.want, PrettyXML(tc.in))
	}
	tests := []testCase{
		{name: "indents", in: `<a><b>税</b></a>`, want: "<a>\n  <b>税</b>\n</a>"},
		{name: "declared GBK is already decoded text", in: `<?xml version="1.0" encoding="GBK"?><a><b>成功</b></a>`,
			want: "<?xml version=\"1.0\" encoding=\"GBK\"?>\n<a>\n  <b>成功</b>\n</a>"},
		{name: "malformed stays as is", in: `<a>成功 & ok</a>`, want: `<a>成功 & ok</a>`},
		{name: "not XML stays as is", in: `connection reset`, want: `connection reset`},
		{name: "empty", in: "", want: ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestHTMLEscapesAndIsSelfContained(t *testing.T) {
	rep, err := Build(filepath.Join("testdata", "basic"), "", fixedNow)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, rep.Render(&buf, "html"))
	page := buf.String()
	require.Contains(t, page, `<meta charset="utf-8">`)
	require.NotContains(t, page, "<script>alert(1)", "check details must be escaped")
	require.Contains(t, page, "&lt;script&gt;alert(1)&lt;/script&gt;")
	require.Regexp(t, `<b id="total">7</b>`, page)
	require.Contains(t, page, "增值税一般纳税人申报（主表）")
	require.Contains(t, page, "南宁**贸易有限公司", "rows read are shown")
	// Self-contained: no external resources.
	ext := regexp.MustCompile(`(?i)(src|href)\s*=\s*"(https?:)?//`)
	require.False(t, ext.MatchString(page), "report.html must not load external URLs")
	require.NotContains(t, page, "@import")
}

// TestHTMLInChromium loads report.html in headless Chromium: the totals are in
// the DOM, the table script ran (non-passing rows by default), and the
// console shows no errors.
func TestHTMLInChromium(t *testing.T) {
	chromium := needChromium(t)
	dir := copyRun(t, "basic")
	_, err := WriteAll(dir, filepath.Join("testdata", "baseline"), fixedNow)
	require.NoError(t, err)
	dom, logs := chromiumRun(t, chromium, filepath.Join(dir, HTMLFile), "--dump-dom")
	require.Contains(t, dom, `<b id="total">7</b>`)
	require.Contains(t, dom, `<span class="fail" id="fail">2</span>`)
	require.Contains(t, dom, `<span id="new-failures">2</span>`)
	require.Contains(t, dom, "纳税人登记信息查询")
	require.Contains(t, dom, `<span id="shown" class="meta"> 1–4 / 4 (7 cases) </span>`, "the table script ran, non-passing by default")
	require.NotContains(t, dom, `<div id="filters" hidden`, "the script shows the filters")
	require.Empty(t, consoleLines(logs), "the page must log nothing to the console")
}

// TestChromiumConsoleCheckCatchesErrors proves the console check above can
// fail: a page with a console.error and an uncaught exception is caught.
func TestChromiumConsoleCheckCatchesErrors(t *testing.T) {
	chromium := needChromium(t)
	page := filepath.Join(t.TempDir(), "bad.html")
	bad := `<!DOCTYPE html><meta charset="utf-8"><p>x</p><script>console.error("boom"); undefinedFn();</script>`
	require.NoError(t, os.WriteFile(page, []byte(bad), 0o644))
	_, logs := chromiumRun(t, chromium, page, "--dump-dom")
	lines := consoleLines(logs)
	require.Len(t, lines, 2, "logs:\n%s", logs)
	require.Contains(t, lines[1], "Uncaught ReferenceError")
}

// needChromium returns Chromium's path, or skips the test saying why.
func needChromium(t *testing.T) string {
	t.Helper()
	const chromium = "/usr/bin/chromium"
	if _, err := os.Stat(chromium); err != nil {
		t.Skip("chromium not installed (apt-get install -y chromium); skipping the browser check")
	}
	if testing.Short() {
		t.Skip("browser check skipped in -short")
	}
	return chromium
}

// consoleLines picks the page's console messages (Chromium logs each as
// "INFO:CONSOLE") and uncaught exceptions out of Chromium's stderr.
func consoleLines(logs string) []string {
	var out []string
	for _, line := range strings.Split(logs, "\n") {
		if strings.Contains(line, ":CONSOLE") || strings.Contains(line, "Uncaught") {
			out = append(out, line)
		}
	}
	return out
}

// chromiumRun opens page in headless Chromium at 1280×1000 with the given
// extra flags (--dump-dom, --screenshot=…) and returns its stdout and logs.
func chromiumRun(t *testing.T, chromium, page string, flags ...string) (stdout, logs string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	abs, err := filepath.Abs(page)
	require.NoError(t, err)
	args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--enable-logging=stderr", "--v=0", "--window-size=1280,1000"}, flags...)
	cmd := exec.CommandContext(ctx, chromium, append(args, "file://"+abs)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	require.NoError(t, cmd.Run(), "chromium: %s", errb.String())
	return out.String(), errb.String()
}
