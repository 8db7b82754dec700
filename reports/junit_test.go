package reports

import (
	"bytes"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/result"
)

// parsedSuites is just enough of junit.xml to check its structure.
type parsedSuites struct {
	Tests  int `xml:"tests,attr"`
	Suites []struct {
		Name     string `xml:"name,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Errors   int    `xml:"errors,attr"`
		Skipped  int    `xml:"skipped,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func TestJUnitStructure(t *testing.T) {
	run, err := Read(filepath.Join("testdata", "basic"))
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, WriteJUnit(&buf, run, summaryOf(run, false)))
	var got parsedSuites
	require.NoError(t, xml.Unmarshal(buf.Bytes(), &got))
	require.Equal(t, len(run.Results), got.Tests)
	var names []string
	cases := 0
	for _, s := range got.Suites {
		names = append(names, s.Name)
		require.Equal(t, len(s.Cases), s.Tests)
		for _, c := range s.Cases {
			cases++
			require.Equal(t, s.Name, c.Classname, "classname is the module")
			if c.Name == "HXZG_SB_00046 basic 增值税一般纳税人申报（主表）" {
				require.NotNil(t, c.Failure)
				require.Contains(t, c.Failure.Message, `db sb_zzs_ybnsr.ybtse: want "1200.00", got "1000.00"`)
				require.Contains(t, c.Failure.Text, "xpath //pzxh\n  want:   non-empty\n", "every failed check is in the text")
			}
		}
	}
	require.Equal(t, []string{"DJ", "SB", "ZS"}, names)
	require.Equal(t, len(run.Results), cases)
}

// TestJUnitValidatesAgainstJenkinsSchema validates junit.xml with xmllint
// against testdata/junit-10.xsd (the Jenkins xUnit plugin's schema).
func TestJUnitValidatesAgainstJenkinsSchema(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not installed (apt-get install -y libxml2-utils); skipping schema validation")
	}
	type testCase struct {
		name    string
		run     func(t *testing.T) *Run
		partial bool
	}
	fromDir := func(d string) func(t *testing.T) *Run {
		return func(t *testing.T) *Run {
			r, err := Read(filepath.Join("testdata", d))
			require.NoError(t, err)
			return r
		}
	}
	check := func(t *testing.T, tc testCase) {
		path := filepath.Join(t.TempDir(), JUnitFile)
		var buf bytes.Buffer
		run := tc.run(t)
		require.NoError(t, WriteJUnit(&buf, run, summaryOf(run, tc.partial)))
		require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
		out, err := exec.Command(xmllint, "--noout", "--schema", filepath.Join("testdata", "junit-10.xsd"), path).CombinedOutput()
		require.NoError(t, err, "xmllint: %s", out)
		require.Contains(t, string(out), "validates")
	}
	tests := []testCase{
		{name: "basic", run: fromDir("basic")},
		{name: "empty", run: fromDir("empty")},
		{name: "partial", run: fromDir("basic"), partial: true},
		{name: "control characters and CDATA end in values", run: func(*testing.T) *Run {
			return &Run{Results: []result.Result{{
				Service: "HXZG_SB_00001", Case: "weird\x01", Status: result.Fail, LatencyMS: -1,
				Checks: []result.Check{{Kind: "xpath", Name: "a]]>b", Status: result.Fail, Want: "\x00\x1b[31m", Got: "<x/>&"}},
			}}}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { check(t, tc) })
	}
}

// TestJUnitSchemaRejectsBadFile proves the validation can fail: a testcase
// without a name is rejected by the schema.
func TestJUnitSchemaRejectsBadFile(t *testing.T) {
	xmllint, err := exec.LookPath("xmllint")
	if err != nil {
		t.Skip("xmllint not installed (apt-get install -y libxml2-utils); skipping schema validation")
	}
	path := filepath.Join(t.TempDir(), "bad.xml")
	bad := `<testsuites><testsuite name="SB" tests="1" failures="0" errors="0"><testcase classname="SB"/></testsuite></testsuites>`
	require.NoError(t, os.WriteFile(path, []byte(bad), 0o644))
	out, err := exec.Command(xmllint, "--noout", "--schema", filepath.Join("testdata", "junit-10.xsd"), path).CombinedOutput()
	require.Error(t, err)
	require.Contains(t, string(out), "name")
}
