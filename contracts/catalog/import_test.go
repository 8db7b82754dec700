package catalog

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// tempContracts makes a contracts folder with the real catalog and one
// hand-written contract for the provisional service 保存停业申请登记信息.
func tempContracts(t *testing.T) (dir, provisional string) {
	dir = t.TempDir()
	data, err := os.ReadFile(filepath.Join(contractsDir, File))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, File), data, 0o644))
	services, err := ReadTSV(bytes.NewReader(data), File)
	require.NoError(t, err)
	for _, s := range services {
		if s.Name == "保存停业申请登记信息" {
			provisional = s.Code
		}
	}
	require.True(t, IsProvisionalCode(provisional))
	folder := filepath.Join(dir, ServicesDir, provisional)
	require.NoError(t, os.MkdirAll(folder, 0o755))
	yaml := "code: " + provisional + "\ncases:\n  - name: basic\n    expect: {class: success}\n"
	require.NoError(t, os.WriteFile(filepath.Join(folder, ContractFile), []byte(yaml), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(folder, "request.xml"), []byte("<taxML/>"), 0o644))
	return dir, provisional
}

func writeXLSX(t *testing.T, rows [][]any) string {
	f := excelize.NewFile()
	for i, r := range rows {
		cell, err := excelize.CoordinatesToCellName(1, i+1)
		require.NoError(t, err)
		require.NoError(t, f.SetSheetRow("Sheet1", cell, &r))
	}
	p := filepath.Join(t.TempDir(), "site.xlsx")
	require.NoError(t, f.SaveAs(p))
	return p
}

func TestImport(t *testing.T) {
	xlsx := writeXLSX(t, [][]any{
		{"服务名称", "服务编码", "服务标识", "模块"},
		{"保存停业申请登记信息", "HXZG_DJ_00123", "SWZJ.HXZG.DJ.BCTYSQDJXX", "DJ"},
		{"保存代开申请审核", "HXZG_FP_10016", "SWZJ.HXZG.FP.BCDKSQSHJG", "FP"},
		{"查询本站新增的测试服务", "", "", "DJ"},
	})
	type testCase struct{ name, file string }
	run := func(t *testing.T, tc testCase) {
		dir, prov := tempContracts(t)
		rep, err := Import(dir, tc.file)
		require.NoError(t, err)
		assert.Len(t, rep.Added, 1)
		assert.Len(t, rep.Renamed, 1)
		assert.Equal(t, []string{"HXZG_FP_10016"}, rep.Matched)
		assert.Equal(t, []string{prov + " -> HXZG_DJ_00123"}, rep.Folders)

		c, err := LoadDir(dir)
		require.NoError(t, err)
		assert.Empty(t, c.Problems)
		s, ok := c.Lookup("SWZJ.HXZG.DJ.BCTYSQDJXX")
		require.True(t, ok)
		assert.Equal(t, "HXZG_DJ_00123", s.Code)
		assert.False(t, s.Provisional)
		assert.Equal(t, LevelTemplated, s.Level, "the hand-written contract follows the new code")
		_, ok = c.Lookup(prov)
		assert.False(t, ok)
		added := c.Select("DJ", "")
		assert.Contains(t, names(added), "查询本站新增的测试服务")
		assert.Equal(t, rep.Provisional, countProvisional(c))

		again, err := Import(dir, tc.file) // importing twice only matches
		require.NoError(t, err)
		assert.Empty(t, again.Added)
		assert.Empty(t, again.Renamed)
	}
	for _, tc := range []testCase{
		{"tsv", "testdata/site.tsv"},
		{"csv", "testdata/site.csv"},
		{"xlsx", xlsx},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func names(ss []*Service) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Name)
	}
	return out
}

func countProvisional(c *Catalog) int {
	n := 0
	for _, s := range c.Services {
		if s.Provisional {
			n++
		}
	}
	return n
}

func TestImportMalformed(t *testing.T) {
	badXLSX := filepath.Join(t.TempDir(), "bad.xlsx")
	require.NoError(t, os.WriteFile(badXLSX, []byte("not a zip"), 0o644))
	type testCase struct{ file, want string }
	run := func(t *testing.T, tc testCase) {
		dir, _ := tempContracts(t)
		before, err := os.ReadFile(filepath.Join(dir, File))
		require.NoError(t, err)
		_, err = Import(dir, tc.file)
		require.Error(t, err)
		assert.Equal(t, 2, errs.ExitCode(err))
		assert.Contains(t, err.Error(), tc.want)
		after, err := os.ReadFile(filepath.Join(dir, File))
		require.NoError(t, err)
		assert.Equal(t, before, after, "catalog untouched")
	}
	for _, tc := range []testCase{
		{"testdata/malformed-code.tsv", `testdata/malformed-code.tsv:3: code "HXZG_DJ_12" is not of the form HXZG_<MOD>_<5 digits>`},
		{"testdata/malformed-quote.csv", `testdata/malformed-quote.csv:`},
		{"testdata/no-header.tsv", `testdata/no-header.tsv:1: no name or code column`},
		{"testdata/missing.tsv", `no such file`},
		{"testdata/site.json", `unknown file type`},
		{badXLSX, `not a readable .xlsx`},
	} {
		t.Run(filepath.Base(tc.file), func(t *testing.T) { run(t, tc) })
	}
}
