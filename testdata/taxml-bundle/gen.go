//go:build ignore

// gen writes the taxML-like schema bundle of this folder: written for
// gt3ct's tests in the style of a province's interface specification, not
// official schemas. Run from the repository root:
//
//	go run testdata/taxml-bundle/gen.go
package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"
)

const dir = "testdata/taxml-bundle"

// svc is one service of the bundle: its code, its name (the schema's
// documentation: how a provisional catalog service is linked), and the
// recipe of its schemas.
type svc struct {
	code, name, recipe string
	gbk                bool
	file               string // "" = the standard names; else a stem (sb00664 → sb00664_req.xsd)
}

var services = []svc{
	{"HXZG_DJ_00301", "作废注销税务登记表信息", "dj", false, ""},
	{"HXZG_DJ_00302", "保存不动产项目变更表", "dj", true, ""},
	{"HXZG_DJ_00303", "保存不动产项目登记表", "dj", false, ""},
	{"HXZG_DJ_00304", "保存个体经营税务登记信息并生成纳税人", "dj", false, ""},
	{"HXZG_DJ_00305", "保存个体经营税务登记信息并生成纳税人识别号及税务档案编号", "dj", true, ""},
	{"HXZG_RD_00301", "保存启动表信息和更新纳税人资格信息", "rd", false, ""},
	{"HXZG_RD_00302", "保存增值税一般纳税人认定信息", "rd", true, ""},
	{"HXZG_RD_00303", "保存税务认定资格取消审批表信息", "rd", false, ""},
	{"HXZG_RD_00304", "保存税务认定资格取消表信息", "rd", false, ""},
	{"HXZG_SB_00080", "车辆合格证信息扫描导入及监控", "sbcx", false, ""},
	{"HXZG_SB_00081", "车辆购置税车辆识别代号监控", "sbcx", true, ""},
	{"HXZG_SB_00082", "查询车辆购置税车型车价信息", "sbcx", false, ""},
	{"HXZG_SB_00083", "车辆购置税计税", "sbcx", false, ""},
	{"HXZG_SB_00084", "保存车辆购置税申报", "sb", false, ""},
	{"HXZG_SB_00087", "根据车辆识别代号查询车辆购置税完税证明信息", "sbcx", true, ""},
	{"HXZG_SB_00088", "保存并打印车辆购置税完税证明发放", "sb", false, ""},
	{"HXZG_SB_00096", "车辆合格证真伪检测", "sbcx", false, ""},
	{"HXZG_SB_00664", "查询车辆购置税完税证明信息", "sbcx", false, "sb00664"},
	{"HXZG_SB_00665", "作废车辆购置税完税证明信息", "sb", true, ""},
	{"HXZG_SB_09901", "查询申报期限（gt3ct测试新增）", "sbcx", false, ""},
	{"HXZG_ZS_00331", "更新完税凭证换开记录", "zs", false, ""},
	{"HXZG_ZS_10007", "打印银行端缴款凭证", "zs", true, ""},
	{"HXZG_ZS_10008", "查询银行端缴款凭证未缴款信息", "zs", false, ""},
	{"HXZG_ZS_10039", "作废税收完税证明信息", "zs", false, ""},
	{"HXZG_ZS_10040", "代开发票实时扣款", "zs", true, ""},
	{"HXZG_ZS_10043", "打印银行端缴款凭证(发票代开申请)", "zs", false, ""},
	{"HXZG_ZS_00501", "三方协议验证发送", "zs", false, ""},
	{"HXZG_FP_00301", "作废代开申请信息", "fp", false, ""},
	{"HXZG_FP_00302", "作废印制有本单位名称发票备案信息", "fp", true, ""},
	{"HXZG_FP_00303", "作废存根联数据采集信息", "fp", false, ""},
	{"HXZG_FP_00304", "保存丢失增值税专用发票已报税证明", "fp", false, ""},
	{"HXZG_FP_09902", "查询发票领用资格（gt3ct测试新增）", "fp", true, ""},
}

// recipes: the content of the request and response types, by recipe.
var recipes = map[string][2]string{
	"dj": {`
      <xs:element name="djxh" type="DJXH"/>
      <xs:element name="nsrsbh" type="NSRSBH"/>
      <xs:element name="nsrmc" type="NSRMC"/>
      <xs:element name="swjgDm" type="SWJGDM"/>
      <xs:element name="djrq" type="xs:date"/>` + grid("bgxxGrid", ` minOccurs="0"`, ` maxOccurs="unbounded"`, "bgxmDm:BGXMDM", "bgqnr:NR200", "bghnr:NR200"), `
      <xs:element name="djxh" type="DJXH"/>
      <xs:element name="cgbz" type="SFBZ"/>
      <xs:element name="clsj" type="xs:dateTime" minOccurs="0"/>`},
	"rd": {`
      <xs:element name="rdyxqq" type="xs:date"/>
      <xs:element name="rdyxqz" type="xs:date"/>
      <xs:element name="zsxmDm" type="ZSXMDM"/>
      <xs:element name="sl" type="SL"/>
      <xs:element name="zgswskfjDm" type="SWJGDM" minOccurs="0"/>`, `
      <xs:element name="djxh" type="DJXH"/>
      <xs:element name="rduuid" type="UUID"/>
      <xs:element name="cgbz" type="SFBZ"/>`},
	"sb": {`
      <xs:element name="djxh" type="DJXH"/>
      <xs:element name="nsrsbh" type="NSRSBH" minOccurs="0"/>
      <xs:element name="skssqq" type="xs:date"/>
      <xs:element name="skssqz" type="xs:date"/>
      <xs:element name="yzpzzlDm" type="YZPZZLDM"/>` + grid("sbxxGrid", ``, ` maxOccurs="unbounded"`, "zsxmDm:ZSXMDM", "jsyj:JE", "sl:SL", "ybtse:JE"), `
      <xs:element name="djxh" type="DJXH"/>
      <xs:element name="sbjgVO">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="pzxh" type="PZXH"/>
            <xs:element name="sbuuid" type="UUID"/>
            <xs:element name="ybtse" type="JE"/>
            <xs:element name="sbrq" type="xs:date"/>
          </xs:sequence>
        </xs:complexType>
      </xs:element>`},
	"sbcx": {`
      <xs:element name="djxh" type="DJXH"/>
      <xs:element name="skssqq" type="xs:date"/>
      <xs:element name="skssqz" type="xs:date"/>
      <xs:element name="clsbdh" type="CLSBDH" minOccurs="0"/>`, `
      <xs:element name="djxh" type="DJXH"/>` + grid("cxjgGrid", ``, ` minOccurs="0" maxOccurs="unbounded"`, "clsbdh:CLSBDH", "jsjg:JE", "xjrq:xs:date")},
	"zs": {`
      <xs:element name="djxh" type="DJXH"/>
      <xs:element name="zsxmDm" type="ZSXMDM"/>
      <xs:element name="skssqq" type="xs:date"/>
      <xs:element name="skssqz" type="xs:date"/>
      <xs:element name="je" type="JE"/>
      <xs:element name="jkfsDm" type="JKFSDM" minOccurs="0"/>`, `
      <xs:element name="djxh" type="DJXH"/>
      <xs:element name="cgbz" type="SFBZ"/>` + grid("jkxxGrid", ``, ` maxOccurs="unbounded"`, "yzpzxh:PZXH", "ybtse:JE", "jkqx:xs:date")},
	"fp": {`
      <xs:element name="djxh" type="DJXH"/>
      <xs:element name="nsrsbh" type="NSRSBH"/>
      <xs:element name="fpzlDm" type="FPZLDM"/>
      <xs:element name="lysl" type="LYSL"/>
      <xs:element name="lyrq" type="xs:date"/>`, `
      <xs:element name="djxh" type="DJXH"/>
      <xs:element name="cgbz" type="SFBZ"/>` + grid("fplyGrid", ` minOccurs="0"`, ` maxOccurs="unbounded"`, "fpdm:FPDM", "fpqshm:FPHM", "fpzzhm:FPHM")},
}

const common = `<?xml version="1.0" encoding="UTF-8"?>
<!-- Written for gt3ct tests in the style of the GT3 business schemas: not an official schema. -->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="http://www.chinatax.gov.cn/dataspec/"
           targetNamespace="http://www.chinatax.gov.cn/dataspec/" elementFormDefault="qualified">
  <xs:annotation><xs:documentation>公共数据类型</xs:documentation></xs:annotation>
  <xs:attributeGroup name="taxMLAttrs">
    <xs:attribute name="bbh" type="xs:string"/>
    <xs:attribute name="xmlbh" type="xs:string"/>
    <xs:attribute name="xmlmc" type="xs:string"/>
  </xs:attributeGroup>
  <xs:simpleType name="DJXH"><xs:restriction base="xs:string"><xs:pattern value="\d{20}"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="PZXH"><xs:restriction base="xs:string"><xs:pattern value="\d{20}"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="NSRSBH"><xs:restriction base="xs:string"><xs:minLength value="15"/><xs:maxLength value="20"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="NSRMC"><xs:restriction base="xs:string"><xs:minLength value="1"/><xs:maxLength value="200"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="NR200"><xs:restriction base="xs:string"><xs:maxLength value="200"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="SWJGDM"><xs:restriction base="xs:string"><xs:pattern value="\d{11}"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="UUID"><xs:restriction base="xs:string"><xs:pattern value="[0-9A-F]{32}"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="CLSBDH"><xs:restriction base="xs:string"><xs:pattern value="[A-HJ-NPR-Z0-9]{17}"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="FPDM"><xs:restriction base="xs:string"><xs:pattern value="\d{10}|\d{12}"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="FPHM"><xs:restriction base="xs:string"><xs:pattern value="\d{8}"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="JE"><xs:restriction base="xs:decimal"><xs:totalDigits value="18"/><xs:fractionDigits value="2"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="SL"><xs:restriction base="xs:decimal"><xs:totalDigits value="7"/><xs:fractionDigits value="6"/><xs:minInclusive value="0"/><xs:maxInclusive value="1"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="LYSL"><xs:restriction base="xs:int"><xs:minInclusive value="1"/><xs:maxInclusive value="999"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="SFBZ"><xs:restriction base="xs:string"><xs:enumeration value="Y"/><xs:enumeration value="N"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="ZSXMDM"><xs:restriction base="xs:string">
    <xs:enumeration value="10101"/><xs:enumeration value="10104"/><xs:enumeration value="10109"/>
    <xs:enumeration value="30203"/><xs:enumeration value="30216"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="YZPZZLDM"><xs:restriction base="xs:string">
    <xs:enumeration value="BDA0610611"/><xs:enumeration value="BDA0610606"/><xs:enumeration value="BDA0610865"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="BGXMDM"><xs:restriction base="xs:string">
    <xs:enumeration value="01"/><xs:enumeration value="02"/><xs:enumeration value="15"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="JKFSDM"><xs:restriction base="xs:string">
    <xs:enumeration value="1"/><xs:enumeration value="2"/><xs:enumeration value="9"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="FPZLDM"><xs:restriction base="xs:string">
    <xs:enumeration value="04"/><xs:enumeration value="10"/><xs:enumeration value="11"/></xs:restriction></xs:simpleType>
  <!-- the taxpayer part of a request: RD requests extend it -->
  <xs:complexType name="NsrxxType">
    <xs:sequence>
      <xs:element name="djxh" type="DJXH"/>
      <xs:element name="nsrsbh" type="NSRSBH" minOccurs="0"/>
    </xs:sequence>
    <xs:attributeGroup ref="taxMLAttrs"/>
  </xs:complexType>
</xs:schema>
`

const commonFile = "TaxMLBw_HXZG_Common_V1.0.xsd"

func main() {
	must(os.MkdirAll(dir, 0o755))
	must(os.WriteFile(filepath.Join(dir, commonFile), []byte(common), 0o644))
	for _, s := range services {
		r := recipes[s.recipe]
		for i, kind := range []string{"Request", "Response"} {
			must(write(s, kind, schema(s, kind, r[i])))
		}
	}
	must(fieldLists())
}

// grid declares a repeating group: <nameGrid> holding <nameGridlb> rows of
// the leaves ("name:TYPE"); gridAttrs and rowAttrs carry the occurrences.
func grid(name, gridAttrs, rowAttrs string, leaves ...string) string {
	var b strings.Builder
	b.WriteString("\n      <xs:element name=\"" + name + "\"" + gridAttrs + ">\n        <xs:complexType>\n          <xs:sequence>" +
		"\n            <xs:element name=\"" + name + "lb\"" + rowAttrs + ">\n              <xs:complexType>\n                <xs:sequence>")
	for _, l := range leaves {
		n, t, _ := strings.Cut(l, ":")
		b.WriteString("\n                  <xs:element name=\"" + n + "\" type=\"" + t + "\"/>")
	}
	b.WriteString("\n                </xs:sequence>\n              </xs:complexType>\n            </xs:element>" +
		"\n          </xs:sequence>\n        </xs:complexType>\n      </xs:element>")
	return b.String()
}

// fileName is the schema's file name: the specification's, or the stem's.
func fileName(s svc, kind string) string {
	if s.file != "" {
		return map[string]string{"Request": s.file + "_req.xsd", "Response": s.file + "_resp.xsd"}[kind]
	}
	return "TaxMLBw_" + s.code + "_" + kind + "_V1.0.xsd"
}

func schema(s svc, kind, content string) string {
	enc := "UTF-8"
	if s.gbk {
		enc = "GBK"
	}
	typ := strings.ReplaceAll(s.code, "_", "") + kind
	body := "\n  <xs:complexType name=\"" + typ + "\">\n    <xs:sequence>" + content + "\n    </xs:sequence>\n    <xs:attributeGroup ref=\"taxMLAttrs\"/>\n  </xs:complexType>"
	if s.recipe == "rd" && kind == "Request" { // the one extension: RD requests extend NsrxxType
		body = "\n  <xs:complexType name=\"" + typ + "\">\n    <xs:complexContent>\n      <xs:extension base=\"NsrxxType\">\n        <xs:sequence>" +
			strings.ReplaceAll(content, "\n      ", "\n          ") + "\n        </xs:sequence>\n      </xs:extension>\n    </xs:complexContent>\n  </xs:complexType>"
	}
	return `<?xml version="1.0" encoding="` + enc + `"?>
<!-- Written for gt3ct tests in the style of the GT3 business schemas: not an official schema. -->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="http://www.chinatax.gov.cn/dataspec/"
           targetNamespace="http://www.chinatax.gov.cn/dataspec/" elementFormDefault="qualified">
  <xs:annotation><xs:documentation>` + s.name + `</xs:documentation></xs:annotation>
  <xs:include schemaLocation="` + commonFile + `"/>
  <xs:element name="taxML" type="` + typ + `"/>` + body + `
</xs:schema>
`
}

func write(s svc, kind, text string) error {
	data := []byte(text)
	if s.gbk {
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes(data)
		if err != nil {
			return err
		}
		data = b
	}
	return os.WriteFile(filepath.Join(dir, fileName(s, kind)), data, 0o644)
}

// fieldRows is the field list of the two services that come without
// schemas: 字段名, 中文名, 类型, 长度, 必填, 代码表.
var fieldRows = [][]string{
	{"字段名", "中文名", "类型", "长度", "必填", "代码表"},
	{"djxh", "登记序号", "字符", "20", "是", ""},
	{"zsxmDm", "征收项目代码", "字符", "5", "是", "10101|10109|30203"},
	{"skssqq", "税款所属期起", "日期", "", "是", ""},
	{"skssqz", "税款所属期止", "日期", "", "是", ""},
	{"ybtse", "应补退税额", "数值", "18,2", "是", ""},
	{"bz", "备注", "字符", "200", "否", ""},
}

func fieldLists() error {
	must(os.MkdirAll(filepath.Join(dir, "fields"), 0o755))
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	if err := w.WriteAll(fieldRows); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "fields", "HXZG_ZS_10248.csv"), b.Bytes(), 0o644); err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	// the .xlsx has a 方向 column: two fields of the answer too
	rows := [][]string{append(append([]string{}, fieldRows[0]...), "方向")}
	for _, r := range fieldRows[1:] {
		rows = append(rows, append(append([]string{}, r...), "请求"))
	}
	rows = append(rows, []string{"djxh", "登记序号", "字符", "20", "是", "", "应答"},
		[]string{"cgbz", "成功标志", "字符", "1", "是", "Y|N", "应答"},
		[]string{"clsj", "处理时间", "日期时间", "", "否", "", "应答"})
	for i, r := range rows {
		for j, v := range r {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellValue("Sheet1", cell, v); err != nil {
				return err
			}
		}
	}
	return f.SaveAs(filepath.Join(dir, "fields", "HXZG_ZS_10249.xlsx"))
}

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
