package catalog

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"github.com/xuri/excelize/v2"
)

// randomWorkbook writes a first sheet of random cells with excelize: shared
// and rich-text strings (Chinese, spaces, XML specials), integers, empty
// cells between and rows left out.
func randomWorkbook(t *testing.T, rng *rand.Rand, path string) {
	f := excelize.NewFile()
	defer f.Close()
	words := []string{"服务编码", "HXZG_SB_00101", "SWZJ.HXZG.SB.BCZZSYBNSRSBB", " 两端 空格 ", "a&b<c>\"d\"", "模块", "DJ", "x"}
	for r := 1; r <= 1+rng.IntN(12); r++ {
		if rng.IntN(5) == 0 {
			continue // a row left out
		}
		for c := 1; c <= 1+rng.IntN(8); c++ {
			cell, err := excelize.CoordinatesToCellName(c, r)
			require.NoError(t, err)
			switch rng.IntN(5) {
			case 0: // empty
			case 1:
				require.NoError(t, f.SetCellInt("Sheet1", cell, int64(rng.IntN(100000))))
			case 2:
				runs := []excelize.RichTextRun{{Text: words[rng.IntN(len(words))]}, {Text: words[rng.IntN(len(words))]}}
				require.NoError(t, f.SetCellRichText("Sheet1", cell, runs))
			default:
				require.NoError(t, f.SetCellStr("Sheet1", cell, words[rng.IntN(len(words))]))
			}
		}
	}
	require.NoError(t, f.SaveAs(path))
}

// excelizeRows is what excelize reads from the first sheet, rows and cells
// trimmed of trailing empties as readXLSX leaves them.
func excelizeRows(t *testing.T, path string) [][]string {
	f, err := excelize.OpenFile(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	require.NoError(t, err)
	return trimmed(rows)
}

func trimmed(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		for len(r) > 0 && r[len(r)-1] == "" {
			r = r[:len(r)-1]
		}
		if len(r) > 0 {
			out[i] = r
		}
	}
	for len(out) > 0 && out[len(out)-1] == nil {
		out = out[:len(out)-1]
	}
	return out
}

// readXLSX reads what excelize (the reference) reads, on 200 random
// workbooks excelize wrote.
func TestReadXLSXReadsWhatExcelizeReads(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for i := range 200 {
		path := filepath.Join(t.TempDir(), fmt.Sprintf("w%d.xlsx", i))
		randomWorkbook(t, rng, path)
		got, err := readXLSX(path)
		require.NoError(t, err, "workbook %d", i)
		require.Equal(t, excelizeRows(t, path), trimmed(got), "workbook %d", i)
	}
}

// A damaged sheet is an error naming the file, never the rows before the
// damage: a sheet cut short (its zip entry consistent) and a changed byte
// the zip's checksum catches (the XML still well-formed).
func TestReadXLSXRefusesADamagedSheet(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	path := filepath.Join(t.TempDir(), "site.xlsx")
	randomWorkbook(t, rng, path)
	for len(excelizeRows(t, path)) < 8 {
		randomWorkbook(t, rng, path)
	}
	for _, tc := range []struct {
		name   string
		damage func(xlsx []byte) []byte
		cut    bool
	}{
		{"cut short", nil, true},
		{"checksum", func(xlsx []byte) []byte {
			i := bytes.LastIndex(xlsx, []byte("</v></c></row>")) - 1 // the last cell's last digit
			xlsx[i] = '0' + (xlsx[i]-'0'+1)%10
			return xlsx
		}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			bad := filepath.Join(t.TempDir(), "bad.xlsx")
			rewriteSheet(t, path, bad, tc.cut)
			if tc.damage != nil {
				b, err := os.ReadFile(bad)
				require.NoError(t, err)
				require.NoError(t, os.WriteFile(bad, tc.damage(b), 0o644))
			}
			rows, err := readXLSX(bad)
			require.Error(t, err, "rows read: %d", len(rows))
			require.Contains(t, err.Error(), bad)
		})
	}
}

// rewriteSheet copies an .xlsx with its first sheet stored uncompressed
// (its bytes visible in the file), cut after a row two thirds in when cut.
func rewriteSheet(t *testing.T, from, to string, cut bool) {
	zr, err := zip.OpenReader(from)
	require.NoError(t, err)
	defer zr.Close()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		data, err := io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
		method := f.Method
		if strings.HasSuffix(f.Name, "sheet1.xml") {
			method = zip.Store
			if cut { // after a whole row: the XML ends there, unclosed
				data = data[:bytes.LastIndex(data[:len(data)*2/3], []byte("</row>"))+len("</row>")]
			}
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: method})
		require.NoError(t, err)
		_, err = w.Write(data)
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	require.NoError(t, os.WriteFile(to, out.Bytes(), 0o644))
}

// Any bytes named .xlsx give rows or an error naming the file, never a
// crash.
func FuzzReadXLSX(f *testing.F) {
	path := filepath.Join(f.TempDir(), "seed.xlsx")
	fx := excelize.NewFile()
	require.NoError(f, fx.SetSheetRow("Sheet1", "A1", &[]any{"服务编码", "HXZG_SB_00101", 7}))
	require.NoError(f, fx.SaveAs(path))
	b, err := os.ReadFile(path)
	require.NoError(f, err)
	f.Add(b)
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p := filepath.Join(t.TempDir(), "f.xlsx")
		require.NoError(t, os.WriteFile(p, data, 0o644))
		if _, err := readXLSX(p); err != nil {
			require.Contains(t, err.Error(), p)
		}
	})
}
