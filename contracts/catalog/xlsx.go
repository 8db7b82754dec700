package catalog

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"

	"github.com/thedatashed/xlsxreader"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// readXLSX reads the first sheet of an .xlsx file as rows of cell text,
// each cell at its column (empty cells between as ""), each row at its
// number (missing rows as empty ones). Strings (shared or inline) are read
// as written; numbers as stored. xlsxreader reads the cells; its package
// costs nothing at start-up, where excelize's took 2 ms of every command.
func readXLSX(file string) ([][]string, error) {
	xl, err := xlsxreader.OpenFile(file)
	if err != nil {
		return nil, errs.At("catalog import", errs.Input, file, "not a readable .xlsx: %v", err)
	}
	defer xl.Close()
	if len(xl.Sheets) == 0 {
		return nil, errs.At("catalog import", errs.Input, file, "no sheet")
	}
	sheet := xl.Sheets[0]
	if err := wholeXML(xl.GetSheetFileForSheetName(sheet)); err != nil {
		return nil, errs.At("catalog import", errs.Input, file, "sheet %s: %v", sheet, err)
	}
	var rows [][]string
	for r := range xl.ReadRows(sheet) {
		if r.Error != nil {
			return nil, errs.At("catalog import", errs.Input, file, "sheet %s row %d: %v", sheet, r.Index, r.Error)
		}
		rows = placeRow(rows, r)
	}
	return rows, nil
}

// wholeXML reads a part of the workbook to its end as XML: xlsxreader ends
// a sheet quietly at a damaged place (bytes failing the zip's checksum,
// malformed XML) with the rows before it, so the part is checked first.
func wholeXML(f *zip.File) error {
	if f == nil {
		return fmt.Errorf("missing from the workbook")
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	d := xml.NewDecoder(rc)
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// placeRow adds row r at its number (1-based; the next one when the file
// leaves it out) with each cell at its column.
func placeRow(rows [][]string, r xlsxreader.Row) [][]string {
	n := r.Index
	if n <= len(rows) {
		n = len(rows) + 1
	}
	for len(rows) < n-1 {
		rows = append(rows, nil)
	}
	var row []string
	for _, c := range r.Cells {
		i := c.ColumnIndex()
		if c.Column == "" || i < len(row) {
			i = len(row)
		}
		for len(row) < i {
			row = append(row, "")
		}
		row = append(row, c.Value)
	}
	return append(rows, row)
}
