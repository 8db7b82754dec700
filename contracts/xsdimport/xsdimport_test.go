package xsdimport

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts/catalog"
)

// snapshot reads every file under dir by relative path.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	require.NoError(t, filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[rel], err = os.ReadFile(p)
		return err
	}))
	return out
}

// changed lists the files that differ between two snapshots.
func changed(a, b map[string][]byte) []string {
	var out []string
	for n, data := range a {
		if !bytes.Equal(data, b[n]) {
			out = append(out, n)
		}
	}
	for n := range b {
		if _, ok := a[n]; !ok {
			out = append(out, n)
		}
	}
	return out
}

func actions(rep *Report) map[string]int {
	out := map[string]int{}
	for _, l := range rep.Services {
		out[l.Action]++
	}
	return out
}

func importInto(t *testing.T, bundleDir, contracts string) *Report {
	t.Helper()
	rep, err := Import(Options{Bundle: bundleDir, Contracts: contracts})
	require.NoError(t, err)
	return rep
}

// TestImportTwiceChangesNothing: a second import of the same bundle
// leaves every file as it was and says so.
func TestImportTwiceChangesNothing(t *testing.T) {
	dir := copyContracts(t)
	first := importInto(t, bundle, dir)
	assert.Equal(t, map[string]int{ActionNew: len(first.Services)}, actions(first))
	before := snapshot(t, dir)
	second := importInto(t, bundle, dir)
	assert.Equal(t, map[string]int{ActionUnchanged: len(second.Services)}, actions(second))
	assert.Empty(t, changed(before, snapshot(t, dir)))
}

// TestChangedSchemaRegeneratesOnlyItsService: after one response schema
// changes, a re-import rewrites that service's folder and nothing else.
func TestChangedSchemaRegeneratesOnlyItsService(t *testing.T) {
	dir := copyContracts(t)
	b := filepath.Join(t.TempDir(), "bundle")
	copyTree(t, bundle, b)
	importInto(t, b, dir)
	before := snapshot(t, dir)
	f := filepath.Join(b, "TaxMLBw_HXZG_SB_00084_Response_V1.0.xsd")
	data, err := os.ReadFile(f)
	require.NoError(t, err)
	data = bytes.Replace(data, []byte(`<xs:element name="sbrq" type="xs:date"/>`),
		[]byte(`<xs:element name="sbrq" type="xs:date"/>`+"\n"+`            <xs:element name="jkqx" type="xs:date"/>`), 1)
	require.NoError(t, os.WriteFile(f, data, 0o644))
	rep := importInto(t, b, dir)
	assert.Equal(t, map[string]int{ActionUpdated: 1, ActionUnchanged: len(rep.Services) - 1}, actions(rep))
	got := changed(before, snapshot(t, dir))
	assert.ElementsMatch(t, []string{
		"services/HXZG_SB_00084/TaxMLBw_HXZG_SB_00084_Response_V1.0.xsd",
		"services/HXZG_SB_00084/contract.yaml",
	}, got)
	ct, err := os.ReadFile(filepath.Join(dir, "services/HXZG_SB_00084/contract.yaml"))
	require.NoError(t, err)
	assert.Contains(t, string(ct), `{path: "/taxML/sbjgVO/jkqx", exists: true}`)
}

// TestHandWrittenContractsAreUntouched: a bundle with schemas for services
// that have hand-written contracts leaves those folders byte for byte.
func TestHandWrittenContractsAreUntouched(t *testing.T) {
	dir := copyContracts(t)
	b := filepath.Join(t.TempDir(), "bundle")
	copyTree(t, bundle, b)
	hand := []string{"HXZG_SB_00045", "HXZG_DJ_00004"}
	for _, code := range hand { // schemas for them, made from another service's
		for _, kind := range []string{"Request", "Response"} {
			data, err := os.ReadFile(filepath.Join(bundle, "TaxMLBw_HXZG_SB_00080_"+kind+"_V1.0.xsd"))
			require.NoError(t, err)
			data = bytes.ReplaceAll(data, []byte("HXZGSB00080"), []byte(strings.ReplaceAll(code, "_", "")))
			require.NoError(t, os.WriteFile(filepath.Join(b, "TaxMLBw_"+code+"_"+kind+"_V1.0.xsd"), data, 0o644))
		}
	}
	before := snapshot(t, filepath.Join(dir, "services"))
	rep := importInto(t, b, dir)
	for _, l := range rep.Services {
		if l.Code == hand[0] || l.Code == hand[1] {
			assert.Equal(t, ActionKept, l.Action, l.Code)
		}
	}
	after := snapshot(t, filepath.Join(dir, "services"))
	for n, data := range before {
		assert.Equal(t, data, after[n], "hand-written %s changed", n)
	}
	for n := range after {
		if strings.HasPrefix(n, hand[0]) || strings.HasPrefix(n, hand[1]) {
			_, existed := before[n]
			assert.True(t, existed, "%s added to a hand-written contract", n)
		}
	}
}

// TestDryRunWritesNothing: the plan is printed, no file changes.
func TestDryRunWritesNothing(t *testing.T) {
	dir := copyContracts(t)
	before := snapshot(t, dir)
	rep, err := Import(Options{Bundle: bundle, Contracts: dir, DryRun: true})
	require.NoError(t, err)
	assert.Equal(t, map[string]int{ActionNew: len(rep.Services)}, actions(rep))
	assert.Empty(t, changed(before, snapshot(t, dir)))
	var out strings.Builder
	rep.Print(&out)
	assert.Contains(t, out.String(), "would be written; dry run: nothing written")
}

// TestBuildKeepsImportedServices: catalog build from the inventories alone
// (no previous catalog) keeps the services the import added or linked.
func TestBuildKeepsImportedServices(t *testing.T) {
	dir := copyContracts(t)
	importInto(t, bundle, dir)
	services, err := catalog.Build(dir, nil)
	require.NoError(t, err)
	have := map[string]bool{}
	for _, s := range services {
		have[s.Code] = true
	}
	for _, code := range []string{"HXZG_SB_09901", "HXZG_FP_09902", "HXZG_DJ_00301", "HXZG_RD_00304", "HXZG_FP_00304"} {
		assert.True(t, have[code], code)
	}
}

// TestFieldListsBecomeSchemas: the .csv and the .xlsx field lists give
// request schemas with the listed types (the .xlsx a response schema too).
func TestFieldListsBecomeSchemas(t *testing.T) {
	dir := copyContracts(t)
	importInto(t, bundle, dir)
	req, err := os.ReadFile(filepath.Join(dir, "services/HXZG_ZS_10248/TaxMLBw_HXZG_ZS_10248_Request_fields.xsd"))
	require.NoError(t, err)
	for _, want := range []string{
		`<xs:element name="zsxmDm"><xs:annotation><xs:documentation>征收项目代码</xs:documentation></xs:annotation><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="10101"/>`,
		`<xs:element name="ybtse"><xs:annotation><xs:documentation>应补退税额</xs:documentation></xs:annotation><xs:simpleType><xs:restriction base="xs:decimal"><xs:totalDigits value="18"/><xs:fractionDigits value="2"/>`,
		`<xs:element name="bz" minOccurs="0">`,
	} {
		assert.Contains(t, string(req), want)
	}
	_, err = os.Stat(filepath.Join(dir, "services/HXZG_ZS_10248/TaxMLBw_HXZG_ZS_10248_Response_fields.xsd"))
	assert.True(t, os.IsNotExist(err), "the .csv lists no answer fields")
	_, err = os.Stat(filepath.Join(dir, "services/HXZG_ZS_10249/TaxMLBw_HXZG_ZS_10249_Response_fields.xsd"))
	assert.NoError(t, err)
}

// TestBadBundleIsRefusedBeforeWriting: errors name the file (and line).
func TestBadBundleIsRefusedBeforeWriting(t *testing.T) {
	cases := []struct{ name, file, text, want string }{
		{"unknown type", "HXZG_ZS_10250.csv", "字段名,类型\ndjxh,blob\n", "HXZG_ZS_10250.csv:2: 类型 \"blob\" of djxh is not known"},
		{"no code", "fields.csv", "字段名,类型\ndjxh,字符\n", "fields.csv:2: no service code"},
		{"no field column", "HXZG_ZS_10250.csv", "名字,类型\ndjxh,字符\n", "HXZG_ZS_10250.csv:1: no 字段名 column"},
		{"broken schema", "TaxMLBw_HXZG_SB_00080_Request_V1.0.xsd", "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element name=\"taxML\" type=\"nosuch\"/></xs:schema>", "TaxMLBw_HXZG_SB_00080_Request_V1.0.xsd"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := copyContracts(t)
			before := snapshot(t, dir)
			b := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(b, tc.file), []byte(tc.text), 0o644))
			_, err := Import(Options{Bundle: b, Contracts: dir})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Empty(t, changed(before, snapshot(t, dir)))
		})
	}
}
