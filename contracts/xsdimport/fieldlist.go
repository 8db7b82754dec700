package xsdimport

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// Field is one row of a field list (字段名, 中文名, 类型, 长度, 必填, 代码表).
type Field struct {
	Name     string // element name: djxh
	Label    string // 中文名
	Type     string // 类型 as written: 字符, 数值, 日期, …
	Length   string // 长度: 20, or 18,2 for decimals
	Required bool
	Codes    []string // values of the code table when the cell lists them (10101|10109)
	Response bool     // 方向 says the field is in the answer
	Line     int
}

// fieldHeaders maps normalized header cells to a column.
var fieldHeaders = map[string]string{
	"字段名": "name", "字段": "name", "字段代码": "name", "field": "name", "fieldname": "name",
	"中文名": "label", "中文名称": "label", "字段名称": "label", "label": "label",
	"类型": "type", "数据类型": "type", "type": "type",
	"长度": "length", "length": "length",
	"必填": "required", "是否必填": "required", "必录": "required", "required": "required",
	"代码表": "codes", "代码": "codes", "codes": "codes", "codetable": "codes",
	"服务编码": "code", "接口编码": "code", "code": "code",
	"方向": "dir", "报文": "dir", "direction": "dir",
}

// readFieldList reads a field list: the rows of each service, by the code
// column or, without one, the code in the file name.
func readFieldList(path string) (map[string][]Field, error) {
	table, err := catalog.ReadTable(path)
	if err != nil {
		return nil, err
	}
	if len(table) == 0 {
		return nil, errs.At("catalog import-xsd", errs.Input, path, "empty field list")
	}
	cols := map[string]int{}
	for i, h := range table[0] {
		if c, ok := fieldHeaders[strings.ToLower(strings.ReplaceAll(strings.TrimSpace(h), " ", ""))]; ok {
			cols[c] = i
		}
	}
	if _, ok := cols["name"]; !ok {
		return nil, errs.At("catalog import-xsd", errs.Input, path+":1", "no 字段名 column in header %q (want 字段名, 中文名, 类型, 长度, 必填, 代码表)", strings.Join(table[0], ","))
	}
	fileCode := codeIn.FindString(filepath.Base(path))
	out := map[string][]Field{}
	for i, rec := range table[1:] {
		cell := func(c string) string {
			if j, ok := cols[c]; ok && j < len(rec) {
				return strings.TrimSpace(rec[j])
			}
			return ""
		}
		f, code, err := fieldOf(cell, fileCode, fmt.Sprintf("%s:%d", path, i+2))
		if err != nil {
			return nil, err
		}
		if f.Name != "" {
			f.Line = i + 2
			out[code] = append(out[code], f)
		}
	}
	return out, nil
}

var elementName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.-]*$`)

func fieldOf(cell func(string) string, fileCode, place string) (Field, string, error) {
	f := Field{Name: cell("name"), Label: cell("label"), Type: cell("type"), Length: cell("length"),
		Required: yes(cell("required")), Codes: codeValues(cell("codes")), Response: isResponse(cell("dir"))}
	code := cell("code")
	if code == "" {
		code = fileCode
	}
	switch {
	case f.Name == "":
		return f, code, nil
	case !elementName.MatchString(f.Name):
		return f, code, errs.At("catalog import-xsd", errs.Input, place, "字段名 %q is not an XML element name", f.Name)
	case code == "":
		return f, code, errs.At("catalog import-xsd", errs.Input, place, "no service code: name the file after it (HXZG_ZS_10248.csv) or add a 服务编码 column")
	case !codeIn.MatchString(code):
		return f, code, errs.At("catalog import-xsd", errs.Input, place, "服务编码 %q is not of the form HXZG_<MOD>_<5 digits>", code)
	}
	if _, err := simpleType(f); err != nil {
		return f, code, errs.At("catalog import-xsd", errs.Input, place, "%v", err)
	}
	return f, code, nil
}

func yes(s string) bool {
	switch strings.ToLower(s) {
	case "是", "y", "yes", "1", "true", "必填", "必录", "√":
		return true
	}
	return false
}

func isResponse(s string) bool {
	switch strings.ToLower(s) {
	case "应答", "响应", "返回", "输出", "出参", "response", "out":
		return true
	}
	return false
}

var codeList = regexp.MustCompile(`^[A-Za-z0-9]+([|,;、/][A-Za-z0-9]+)+$`)

// codeValues returns the values a 代码表 cell lists (10101|10109); a code
// table's name (DM_GY_ZSXM) lists none.
func codeValues(s string) []string {
	if !codeList.MatchString(s) {
		return nil
	}
	return strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("|,;、/", r) })
}

// simpleType is the XSD restriction of a field: base and facets.
func simpleType(f Field) (string, error) {
	if len(f.Codes) > 0 {
		var b strings.Builder
		for _, c := range f.Codes {
			b.WriteString(`<xs:enumeration value="` + c + `"/>`)
		}
		return restriction("xs:string", b.String()), nil
	}
	switch strings.ToLower(f.Type) {
	case "日期", "date", "d":
		return restriction("xs:date", ""), nil
	case "日期时间", "时间", "datetime", "timestamp", "dt":
		return restriction("xs:dateTime", ""), nil
	case "整数", "int", "integer", "i":
		return restriction("xs:integer", digits(f.Length, "")), nil
	case "数值", "数字", "金额", "number", "decimal", "numeric", "n":
		total, frac, _ := strings.Cut(f.Length, ",")
		return restriction("xs:decimal", digits(total, frac)), nil
	case "字符", "字符型", "字符串", "string", "char", "varchar", "varchar2", "c", "":
		if f.Length == "" {
			return restriction("xs:string", ""), nil
		}
		if _, err := strconv.Atoi(f.Length); err != nil {
			return "", fmt.Errorf("长度 %q of %s is not a number", f.Length, f.Name)
		}
		return restriction("xs:string", `<xs:maxLength value="`+f.Length+`"/>`), nil
	}
	return "", fmt.Errorf("类型 %q of %s is not known (字符, 数值, 整数, 日期, 日期时间)", f.Type, f.Name)
}

func restriction(base, facets string) string {
	return `<xs:simpleType><xs:restriction base="` + base + `">` + facets + `</xs:restriction></xs:simpleType>`
}

func digits(total, frac string) string {
	out := ""
	if n, err := strconv.Atoi(strings.TrimSpace(total)); err == nil && n > 0 {
		out += `<xs:totalDigits value="` + strconv.Itoa(n) + `"/>`
	}
	if n, err := strconv.Atoi(strings.TrimSpace(frac)); err == nil && n >= 0 {
		out += `<xs:fractionDigits value="` + strconv.Itoa(n) + `"/>`
	}
	return out
}

// fieldSchema writes the business schema of one message of a service from
// its fields: the taxML root of type HXZG<MOD><nnnnn><kind>, a sequence of
// the fields in list order (optional ones minOccurs="0").
func fieldSchema(code, kind, source string, fields []Field) string {
	typ := strings.ReplaceAll(code, "_", "") + kind
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString("<!-- generated by gt3ct catalog import-xsd from the field list " + xmlText(source) + " -->\n")
	b.WriteString(`<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="` + dataspec + `" targetNamespace="` + dataspec + `" elementFormDefault="qualified">` + "\n")
	b.WriteString(`  <xs:element name="taxML" type="` + typ + `"/>` + "\n")
	b.WriteString(`  <xs:complexType name="` + typ + `">` + "\n    <xs:sequence>\n")
	for _, f := range fields {
		st, _ := simpleType(f) // checked when read
		min := ""
		if !f.Required {
			min = ` minOccurs="0"`
		}
		doc := ""
		if f.Label != "" {
			doc = "<xs:annotation><xs:documentation>" + xmlText(f.Label) + "</xs:documentation></xs:annotation>"
		}
		b.WriteString(`      <xs:element name="` + f.Name + `"` + min + ">" + doc + st + "</xs:element>\n")
	}
	b.WriteString("    </xs:sequence>\n")
	for _, a := range []string{"bbh", "xmlbh", "xmlmc"} {
		b.WriteString(`    <xs:attribute name="` + a + `" type="xs:string"/>` + "\n")
	}
	b.WriteString("  </xs:complexType>\n</xs:schema>\n")
	return b.String()
}

const dataspec = "http://www.chinatax.gov.cn/dataspec/"

func xmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "--", "- -").Replace(s)
}

// addFieldList records a field list for every service it describes.
func addFieldList(path string, get func(string) *Source) error {
	lists, err := readFieldList(path)
	if err != nil {
		return err
	}
	for code := range lists {
		s := get(code)
		if s.Fields != "" {
			return errs.At("catalog import-xsd", errs.Input, path, "a second field list for %s (the first: %s)", code, s.Fields)
		}
		s.Fields = path
	}
	return nil
}
