package reports

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestGolden renders every format for fixture runs, with and without a
// baseline, and compares them with the golden files.
func TestGolden(t *testing.T) {
	type testCase struct {
		name     string
		dir      string
		baseline string
	}
	run := func(t *testing.T, tc testCase) {
		base := ""
		if tc.baseline != "" {
			base = filepath.Join("testdata", tc.baseline)
		}
		rep, err := Build(filepath.Join("testdata", tc.dir), base, fixedNow)
		require.NoError(t, err)
		for _, f := range []struct{ format, ext string }{{"json", "summary.json"}, {"junit", "junit.xml"}, {"html", "report.html"}, {"text", "txt"}} {
			var buf bytes.Buffer
			require.NoError(t, rep.Render(&buf, f.format))
			golden(t, tc.name+"."+f.ext, buf.Bytes())
		}
	}
	tests := []testCase{
		{name: "basic", dir: "basic"},
		{name: "basic-vs-baseline", dir: "basic", baseline: "baseline"},
		{name: "norunjson", dir: "norunjson"},
		{name: "empty", dir: "empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestRenderUnknownFormat(t *testing.T) {
	rep, err := Build(filepath.Join("testdata", "basic"), "", fixedNow)
	require.NoError(t, err)
	err = rep.Render(&bytes.Buffer{}, "pdf")
	require.ErrorContains(t, err, `unknown format "pdf"`)
}
