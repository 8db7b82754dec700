package xsd

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/errs"
)

const corpusDir = "testdata/corpus"

// schemaOf names the schema of a corpus instance: sb00045.rate-13.invalid.xml → sb00045.xsd.
func schemaOf(instance string) string {
	base := filepath.Base(instance)
	return filepath.Join(corpusDir, base[:strings.IndexByte(base, '.')]+".xsd")
}

func instances(t *testing.T) []string {
	files, err := filepath.Glob(filepath.Join(corpusDir, "*.xml"))
	require.NoError(t, err)
	require.NotEmpty(t, files)
	return files
}

// xmllint returns whether `xmllint --schema` finds file valid; ok is false
// when xmllint is not installed.
func xmllint(t *testing.T, schema, file string) (valid, ok bool) {
	if _, err := exec.LookPath("xmllint"); err != nil {
		return false, false
	}
	err := exec.Command("xmllint", "--noout", "--nonet", "--schema", schema, file).Run()
	return err == nil, true
}

// TestCorpus validates every instance of the corpus: the verdict is the one
// its name says and the one `xmllint --schema` gives.
func TestCorpus(t *testing.T) {
	schemas := map[string]*Schema{}
	for _, file := range instances(t) {
		t.Run(filepath.Base(file), func(t *testing.T) {
			name := schemaOf(file)
			if schemas[name] == nil {
				s, err := Load(name)
				require.NoError(t, err)
				schemas[name] = s
			}
			data, err := os.ReadFile(file)
			require.NoError(t, err)
			problems, err := schemas[name].Validate(data, filepath.Base(file))
			require.NoError(t, err)
			want := strings.HasSuffix(file, ".valid.xml")
			assert.Equal(t, want, len(problems) == 0, "problems: %v", problems)
			if lint, ok := xmllint(t, name, file); ok {
				assert.Equal(t, lint, len(problems) == 0, "xmllint --schema disagrees")
			} else {
				t.Skip("xmllint not installed (apt-get install libxml2-utils): the comparison with it is skipped")
			}
		})
	}
}

// TestSampleCorpus samples every schema of the corpus: the sample is valid
// (libxml2 in Sample, and xmllint when installed).
func TestSampleCorpus(t *testing.T) {
	for _, name := range []string{"sb00045.xsd", "unqualified.xsd", "code.xsd"} {
		t.Run(name, func(t *testing.T) {
			s, err := Load(filepath.Join(corpusDir, name))
			require.NoError(t, err)
			if len(s.order) == 0 {
				_, err := s.Root("")
				require.Error(t, err, "a schema without elements has nothing to sample")
				return
			}
			var b bytes.Buffer
			require.NoError(t, s.Sample(&b, ""))
			out := filepath.Join(t.TempDir(), "sample.xml")
			require.NoError(t, os.WriteFile(out, b.Bytes(), 0o644))
			if lint, ok := xmllint(t, filepath.Join(corpusDir, name), out); ok {
				assert.True(t, lint, "xmllint finds the sample invalid:\n%s", b.String())
			}
		})
	}
}

func TestSampleUnqualified(t *testing.T) {
	s, err := Load(filepath.Join(corpusDir, "unqualified.xsd"))
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, s.Sample(&b, ""))
	assert.Contains(t, b.String(), `<tns:taxML xmlns:tns="http://www.chinatax.gov.cn/dataspec/"`)
	assert.Contains(t, b.String(), "<djxh>1", "a local element stays unqualified; the pattern [12]\\d{19} is met")
	assert.Contains(t, b.String(), "<rq>2020-01-01</rq>", "the minInclusive of a date")
}

func TestProblemText(t *testing.T) {
	type testCase struct{ file, want string }
	run := func(t *testing.T, tc testCase) {
		s, err := Load(schemaOf(tc.file))
		require.NoError(t, err)
		data, err := os.ReadFile(filepath.Join(corpusDir, tc.file))
		require.NoError(t, err)
		problems, err := s.Validate(data, tc.file)
		require.NoError(t, err)
		require.NotEmpty(t, problems)
		assert.Equal(t, tc.want, problems[0].String())
	}
	for _, tc := range []testCase{
		{"sb00045.rate-13.invalid.xml", "sb00045.rate-13.invalid.xml:10: element /taxML/sl: [facet 'maxInclusive'] The value '13' is greater than the maximum value allowed ('1')."},
		{"sb00045.djxh-spaces.invalid.xml", "sb00045.djxh-spaces.invalid.xml:4: element /taxML/djxh: [facet 'pattern'] The value ' 10114501000000000001 ' is not accepted by the pattern '\\d{20}'."},
		{"sb00045.enumeration.invalid.xml", "sb00045.enumeration.invalid.xml:16: element /taxML/sbxxGrid/sbxxGridlb[1]/zsxmDm: [facet 'enumeration'] The value '10102' is not an element of the set {'10101', '10109'}."},
		{"sb00045.not-well-formed.invalid.xml", "sb00045.not-well-formed.invalid.xml:19: not well-formed XML: Opening and ending tag mismatch: taxML line 2 and taxM"},
		{"sb00045.gbk-rate.invalid.xml", "sb00045.gbk-rate.invalid.xml:10: element /taxML/sl: [facet 'maxInclusive'] The value '13' is greater than the maximum value allowed ('1')."},
	} {
		t.Run(tc.file, func(t *testing.T) { run(t, tc) })
	}
}

func TestLoadFS(t *testing.T) {
	fsys := fstest.MapFS{}
	for _, name := range []string{"sb00045.xsd", "common.xsd", "code.xsd"} {
		b, err := os.ReadFile(filepath.Join(corpusDir, name))
		require.NoError(t, err)
		fsys["svc/"+name] = &fstest.MapFile{Data: b}
	}
	s, err := LoadFS(fsys, "svc/sb00045.xsd")
	require.NoError(t, err)
	data, err := os.ReadFile(filepath.Join(corpusDir, "sb00045.valid.xml"))
	require.NoError(t, err)
	problems, err := s.Validate(data, "x.xml")
	require.NoError(t, err)
	assert.Empty(t, problems)
}

func TestLoadErrors(t *testing.T) {
	_, err := Load("testdata/missing.xsd")
	require.Error(t, err)
	_, err = Load(filepath.Join(corpusDir, "broken.xsd"))
	require.Error(t, err)
	assert.True(t, errs.Is(err, errs.Input), "a schema libxml2 cannot compile is the user's input (exit 2)")
	assert.Contains(t, err.Error(), "libxml2 cannot compile the schema")
	assert.Contains(t, err.Error(), "does not resolve to a(n) type definition")
	s, err := Load(filepath.Join(corpusDir, "sb00045.xsd"))
	require.NoError(t, err)
	_, err = s.Root("nope")
	assert.EqualError(t, err, `xsd: no global element "nope" (have taxML)`)
}

func TestSampleOldSchema(t *testing.T) {
	s, err := Load("testdata/TaxMLBw_HXZG_SB_00045_Request_V1.0.xsd")
	require.NoError(t, err)
	var b bytes.Buffer
	require.NoError(t, s.Sample(&b, ""))
	assert.Contains(t, b.String(), `xsi:type="HXZGSB00045Request"`)
}

func TestSampleRefused(t *testing.T) {
	s, err := Load("testdata/refuse/greek.xsd")
	require.NoError(t, err)
	var b bytes.Buffer
	err = s.Sample(&b, "")
	require.Error(t, err)
	assert.True(t, errs.Is(err, errs.Input), "a refused sample is exit 2")
	assert.Contains(t, err.Error(), `no valid sample for <taxML>: element /taxML: [facet 'pattern']`)
	assert.Empty(t, b.String(), "nothing is written")
}
