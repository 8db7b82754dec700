package catalog

import (
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// headerNames maps normalized header cells to a column; Chinese and English.
var headerNames = map[string]string{
	"服务编码": "code", "编码": "code", "接口编码": "code", "code": "code", "servicecode": "code",
	"交易码": "tran_id", "服务标识": "tran_id", "交易代码": "tran_id", "tranid": "tran_id",
	"服务名称": "name", "名称": "name", "接口名称": "name", "name": "name", "namezh": "name", "servicename": "name",
	"模块": "module", "module": "module",
}

var (
	realCode   = regexp.MustCompile(`^[A-Z][A-Z0-9]*_[A-Z]+_\d{5}$`)
	realTranID = regexp.MustCompile(`^[A-Za-z0-9]+\.[A-Za-z0-9]+\.[A-Za-z0-9]+\.[A-Za-z0-9_]+$`)
)

// ReadSiteInventory reads a site's inventory (.tsv, .csv or .xlsx, first
// sheet). Columns are found by their header names (服务编码/code,
// 交易码/服务标识/tran_id, 服务名称/name, 模块/module); rows are checked
// and a malformed file is an Input error naming the file and line or row.
func ReadSiteInventory(file string) ([]Row, error) {
	table, err := ReadTable(file)
	if err != nil {
		return nil, err
	}
	if len(table) == 0 {
		return nil, errs.At("catalog import", errs.Input, file, "empty file")
	}
	cols := map[string]int{}
	for i, h := range table[0] {
		if c, ok := headerNames[strings.ReplaceAll(NormalizeName(h), "_", "")]; ok {
			cols[c] = i
		}
	}
	_, hasName := cols["name"]
	_, hasCode := cols["code"]
	if !hasName && !hasCode {
		return nil, errs.At("catalog import", errs.Input, file+":1", "no name or code column in header %q (want 服务名称/name, 服务编码/code, 交易码/tran_id, 模块/module)", strings.Join(table[0], ","))
	}
	var rows []Row
	for i, rec := range table[1:] {
		r, err := rowOf(rec, cols, file, i+2)
		if err != nil {
			return nil, err
		}
		if r.Name != "" || r.Code != "" {
			rows = append(rows, r)
		}
	}
	return rows, nil
}

func rowOf(rec []string, cols map[string]int, file string, line int) (Row, error) {
	get := func(c string) string {
		if i, ok := cols[c]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	r := Row{Code: get("code"), TranID: get("tran_id"), Name: get("name"), Module: strings.ToUpper(get("module")), Line: line}
	place := fmt.Sprintf("%s:%d", file, line)
	switch {
	case r.Code != "" && !realCode.MatchString(r.Code):
		return r, errs.At("catalog import", errs.Input, place, "code %q is not of the form HXZG_<MOD>_<5 digits>", r.Code)
	case r.TranID != "" && !realTranID.MatchString(r.TranID):
		return r, errs.At("catalog import", errs.Input, place, "tran_id %q is not of the form SWZJ.<system>.<module>.<ABBR>", r.TranID)
	case r.Name == "" && r.Code == "" && r.TranID != "":
		return r, errs.At("catalog import", errs.Input, place, "row has a tran_id but neither name nor code")
	}
	return r, nil
}

// ReadTable returns the cells of a .tsv, .csv or .xlsx file (first sheet),
// header first; text files in UTF-8 (with or without BOM) or GB18030.
func ReadTable(file string) ([][]string, error) {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".xlsx":
		return readXLSX(file)
	case ".csv":
		return readDelimited(file, ',')
	case ".tsv", ".txt":
		return readDelimited(file, '\t')
	}
	return nil, errs.At("catalog import", errs.Input, file, "unknown file type (want .tsv, .csv or .xlsx)")
}

func readDelimited(file string, comma rune) ([][]string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, errs.E("catalog import", errs.Input, "%v", err)
	}
	text, err := decodeText(data)
	if err != nil {
		return nil, errs.At("catalog import", errs.Input, file, "%v", err)
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = comma
	r.LazyQuotes = comma == '\t'
	r.FieldsPerRecord = 0
	table, err := r.ReadAll()
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, errs.At("catalog import", errs.Input, fmt.Sprintf("%s:%d", file, pe.Line), "%v", pe.Err)
		}
		return nil, errs.At("catalog import", errs.Input, file, "%v", err)
	}
	return table, nil
}

// decodeText strips a UTF-8 BOM, and reads non-UTF-8 input as GB18030 (a
// superset of GBK), which spreadsheets exported in China use.
func decodeText(data []byte) (string, error) {
	s := strings.TrimPrefix(string(data), "\ufeff")
	if isUTF8(s) {
		return s, nil
	}
	out, _, err := transform.String(simplifiedchinese.GB18030.NewDecoder(), string(data))
	return out, err
}

func isUTF8(s string) bool { return strings.ToValidUTF8(s, "\x00\x01") == s }
