package reports

import (
	"encoding/json"
	"html"
	"image"
	_ "image/png" // decode the screenshot
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/result"
)

// layoutRun writes a 1,200-case run (failures, errors and skips among
// them, one with an unbreakable 400-character name and answer) and a
// baseline in which half its failures already failed, then finishes it.
func layoutRun(t *testing.T) (dir string, nonPassing int) {
	t.Helper()
	root := t.TempDir()
	cur, base := genResults(1200, "n-2"), genResults(1200, "n-1")
	for i := range cur {
		if i%4 == 1 {
			cur[i].Status, cur[i].Error = result.Skip, "readonly: writes are not sent"
		}
		if cur[i].Status != result.Pass {
			nonPassing++
		}
		if i%26 != 0 {
			base[i].Status, base[i].Checks[0].Status = result.Pass, result.Pass
		}
	}
	long := strings.Repeat("长", 200) + strings.Repeat("X", 200)
	cur[13].Name, cur[13].Checks[0].Got = long, long
	dir = filepath.Join(root, "run")
	info := &RunInfo{RunID: "n-2", Env: "preprod", Endpoint: "https://bus.example:8443/hxzg", DB: "postgres://db.example:5432/hxzg"}
	writeRun(t, dir, info, cur)
	writeRun(t, filepath.Join(root, "base"), &RunInfo{RunID: "n-1", Env: "preprod"}, base)
	_, err := Finish(dir, Options{Baseline: filepath.Join(root, "base"), Now: fixedNow})
	require.NoError(t, err)
	return dir, nonPassing
}

// probe is appended to a copy of report.html: it measures the page after
// its own script ran and writes the figures into the DOM.
const probe = `<script>
(function () {
  var a = document.querySelector("#new-list a"), se = document.scrollingElement;
  var p = {newTop: a ? a.getBoundingClientRect().top + window.scrollY : -1,
    detailsFound: !!(a && document.getElementById(a.getAttribute("href").slice(1))),
    scrollWidth: se.scrollWidth, clientWidth: se.clientWidth,
    rows: document.querySelectorAll("#cases tbody tr").length, filter: document.getElementById("fs").value};
  var el = document.createElement("output"); el.id = "probe"; el.textContent = JSON.stringify(p);
  document.body.appendChild(el);
})();
</script>`

type layout struct {
	NewTop       float64 `json:"newTop"`
	DetailsFound bool    `json:"detailsFound"`
	ScrollWidth  int     `json:"scrollWidth"`
	ClientWidth  int     `json:"clientWidth"`
	Rows         int     `json:"rows"`
	Filter       string  `json:"filter"`
}

// TestHTMLLeadsWithNewFailures renders a 1,200-case report with new
// failures in headless Chromium at 1280×1000: the first new failure is
// within the first 1000 px and links to its details, nothing scrolls
// sideways, the table shows one page of non-passing cases, the console is
// silent, and a screenshot is taken (kept in $GT3CT_SCREENSHOT_DIR when set).
func TestHTMLLeadsWithNewFailures(t *testing.T) {
	chromium := needChromium(t)
	dir, nonPassing := layoutRun(t)
	page, err := os.ReadFile(filepath.Join(dir, HTMLFile))
	require.NoError(t, err)
	require.NotContains(t, string(page), "secret")
	probed := filepath.Join(dir, "probed.html")
	require.NoError(t, os.WriteFile(probed, []byte(strings.Replace(string(page), "</body>", probe+"</body>", 1)), 0o644))

	dom, logs := chromiumRun(t, chromium, probed, "--dump-dom")
	require.Empty(t, consoleLines(logs), "the page must log nothing to the console")
	m := regexp.MustCompile(`<output id="probe">(.*?)</output>`).FindStringSubmatch(dom)
	require.NotNil(t, m, "the probe ran")
	var got layout
	require.NoError(t, json.Unmarshal([]byte(html.UnescapeString(m[1])), &got))
	t.Logf("layout at 1280×1000: %+v", got)
	require.Greater(t, got.NewTop, 0.0, "a new failure is listed")
	require.Less(t, got.NewTop, 1000.0, "the first new failure is above the fold")
	require.True(t, got.DetailsFound, "the new failure links to its details")
	require.LessOrEqual(t, got.ScrollWidth, 1280, "no horizontal scroll at 1280 px")
	require.Equal(t, "np", got.Filter, "the table defaults to non-passing cases")
	require.Equal(t, min(nonPassing, RowsPerPage), got.Rows, "one page of rows")

	shotDir := os.Getenv("GT3CT_SCREENSHOT_DIR")
	if shotDir == "" {
		shotDir = t.TempDir()
	}
	shot, err := filepath.Abs(filepath.Join(shotDir, "report-1280.png"))
	require.NoError(t, err)
	_, logs = chromiumRun(t, chromium, filepath.Join(dir, HTMLFile), "--screenshot="+shot)
	require.Empty(t, consoleLines(logs))
	f, err := os.Open(shot)
	require.NoError(t, err)
	defer f.Close()
	cfg, _, err := image.DecodeConfig(f)
	require.NoError(t, err)
	require.Equal(t, 1280, cfg.Width)
	t.Logf("screenshot: %s", shot)
}

// TestLayoutProbeCatchesOverflow proves the layout check can fail: a page
// wider than 1280 px and a failure below the fold are measured as such.
func TestLayoutProbeCatchesOverflow(t *testing.T) {
	chromium := needChromium(t)
	bad := `<!DOCTYPE html><meta charset="utf-8"><div style="width:1500px;height:1200px">wide</div>
<ul id="new-list"><li><a href="#f-c1">x</a></li></ul><details id="f-c1"></details><select id="fs"><option value="">all</option></select>
<table id="cases"><tbody></tbody></table>` + probe
	page := filepath.Join(t.TempDir(), "bad.html")
	require.NoError(t, os.WriteFile(page, []byte(bad), 0o644))
	dom, _ := chromiumRun(t, chromium, page, "--dump-dom")
	m := regexp.MustCompile(`<output id="probe">(.*?)</output>`).FindStringSubmatch(dom)
	require.NotNil(t, m)
	var got layout
	require.NoError(t, json.Unmarshal([]byte(html.UnescapeString(m[1])), &got))
	require.Greater(t, got.ScrollWidth, 1280)
	require.Greater(t, got.NewTop, 1000.0)
}
