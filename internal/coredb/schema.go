// Package coredb is the one database layer of gt3ct: the HXZG core schema
// (one source, emitted as DDL for SQLite, PostgreSQL and Oracle) and the
// connection handling shared by the simulator, fixtures and checks.
package coredb

// ColType is a portable column type.
type ColType int

// Portable column types and what each dialect makes of them.
const (
	ID20   ColType = iota // 20-digit identifier (DJXH, PZXH): NUMBER(20) / NUMERIC(20) / TEXT; always read as a string
	UUID32                // 32 upper-case hex: CHAR(32) / CHAR(32) / TEXT
	Code                  // short code: VARCHAR2(n) / VARCHAR(n) / TEXT
	Text                  // text: VARCHAR2(n) / VARCHAR(n) / TEXT
	Date                  // DATE / TIMESTAMP / TEXT ('2006-01-02 15:04:05')
	Amount                // NUMBER(18,2) / NUMERIC(18,2) / NUMERIC
	Flag                  // CHAR(1) Y/N
	Int                   // NUMBER(10) / INTEGER / INTEGER
)

// Column is one column of a core table.
type Column struct {
	Name string
	Type ColType
	Size int    // for Code and Text
	PII  string // masking class when the column holds personal data: name, id, phone, account, address
	// NotNull makes the column NOT NULL without a default (the site DDL's
	// columns, see Variant).
	NotNull bool
}

// Table is one core table, schema-qualified (HX_DJ.DJ_NSRXX).
type Table struct {
	Schema  string
	Name    string
	Columns []Column
	Key     []string // primary key columns
	Owner   string   // column naming the owning taxpayer (DJXH) for snapshots and cleanup
}

// QName is the schema-qualified name, valid on all three databases.
func (t Table) QName() string { return t.Schema + "." + t.Name }

func col(name string, typ ColType, size int) Column { return Column{Name: name, Type: typ, Size: size} }
func pii(c Column, class string) Column             { c.PII = class; return c }

// Schemas are the Oracle owners the core uses, in creation order.
var Schemas = []string{"HX_DJ", "HX_RD", "HX_SB", "HX_ZS", "HX_FP", "HX_DM_QG", "HX_DM_ZDY"}

// Tables is the core schema: the single source for every dialect's DDL.
var Tables = []Table{
	{Schema: "HX_DJ", Name: "DJ_NSRXX", Key: []string{"DJXH"}, Owner: "DJXH", Columns: []Column{
		col("DJXH", ID20, 0), col("NSRSBH", Code, 20), pii(col("NSRMC", Text, 300), "name"), col("SHXYDM", Code, 18),
		col("NSRZT_DM", Code, 2), col("HY_DM", Code, 4), col("DJZCLX_DM", Code, 3), col("KZZTDJLX_DM", Code, 4),
		col("ZGSWJ_DM", Code, 11), col("ZGSWSKFJ_DM", Code, 11), pii(col("FDDBRXM", Text, 150), "name"),
		col("FDDBRSFZJLX_DM", Code, 3), pii(col("FDDBRSFZJHM", Code, 30), "id"), pii(col("FDDBRYDDH", Code, 30), "phone"),
		pii(col("SCJYDZ", Text, 300), "address"), pii(col("ZCDZ", Text, 300), "address"), col("DJRQ", Date, 0),
		col("LRRQ", Date, 0), col("XGRQ", Date, 0),
	}},
	{Schema: "HX_DJ", Name: "DJ_NSRXX_KZ", Key: []string{"DJXH"}, Owner: "DJXH", Columns: []Column{
		col("DJXH", ID20, 0), col("JYFW", Text, 1000), col("ZCZB", Amount, 0), col("CYRS", Int, 0),
		pii(col("CWFZRXM", Text, 150), "name"), pii(col("CWFZRYDDH", Code, 30), "phone"), col("LRRQ", Date, 0),
	}},
	{Schema: "HX_RD", Name: "RD_SFZRDXXB", Key: []string{"RDPZUUID"}, Owner: "DJXH", Columns: []Column{
		col("RDPZUUID", UUID32, 0), col("DJXH", ID20, 0), col("ZSXM_DM", Code, 5), col("ZSPM_DM", Code, 9),
		col("NSQX_DM", Code, 2), col("SBQX_DM", Code, 2), col("SL_1", Amount, 0), col("RDYXQQ", Date, 0),
		col("RDYXQZ", Date, 0), col("YXBZ", Flag, 0), col("LRRQ", Date, 0),
	}},
	{Schema: "HX_RD", Name: "RD_NSRZG", Key: []string{"ZGUUID"}, Owner: "DJXH", Columns: []Column{
		col("ZGUUID", UUID32, 0), col("DJXH", ID20, 0), col("NSRZGLX_DM", Code, 3), col("YXQQ", Date, 0),
		col("YXQZ", Date, 0), col("LRRQ", Date, 0),
	}},
	{Schema: "HX_SB", Name: "SB_SBB", Key: []string{"SBUUID"}, Owner: "DJXH", Columns: []Column{
		col("SBUUID", UUID32, 0), col("PZXH", ID20, 0), col("DJXH", ID20, 0), col("NSRSBH", Code, 20),
		col("YZPZZL_DM", Code, 10), col("SKSSQQ", Date, 0), col("SKSSQZ", Date, 0), col("SBRQ_1", Date, 0),
		col("YBTSE", Amount, 0), col("ZFBZ_1", Flag, 0), col("GZLX_DM_1", Code, 2), col("SJGSDQ", Code, 11),
		col("LRRQ", Date, 0), col("XGRQ", Date, 0),
	}},
	{Schema: "HX_SB", Name: "SB_SBXX", Key: []string{"SBXXUUID"}, Owner: "DJXH", Columns: []Column{
		col("SBXXUUID", UUID32, 0), col("SBUUID", UUID32, 0), col("DJXH", ID20, 0), col("ZSXM_DM", Code, 5),
		col("ZSPM_DM", Code, 9), col("SKSSQQ", Date, 0), col("SKSSQZ", Date, 0), col("YZPZZL_DM", Code, 10),
		col("JSYJ", Amount, 0), col("SL_1", Amount, 0), col("YNSE", Amount, 0), col("JMSE", Amount, 0),
		col("YJSE", Amount, 0), col("YBTSE", Amount, 0), col("ZFBZ_1", Flag, 0), col("LRRQ", Date, 0),
	}},
	{Schema: "HX_ZS", Name: "ZS_YJSF", Key: []string{"ZSUUID"}, Owner: "DJXH", Columns: []Column{
		col("ZSUUID", UUID32, 0), col("YZPZXH", ID20, 0), col("DJXH", ID20, 0), col("ZSXM_DM", Code, 5),
		col("ZSPM_DM", Code, 9), col("SKSSQQ", Date, 0), col("SKSSQZ", Date, 0), col("YBTSE", Amount, 0),
		col("JKQX", Date, 0), col("JKBZ", Flag, 0), col("ZFBZ_1", Flag, 0), col("LRRQ", Date, 0), col("XGRQ", Date, 0),
	}},
	{Schema: "HX_ZS", Name: "ZS_JKS", Key: []string{"JKSUUID"}, Owner: "DJXH", Columns: []Column{
		col("JKSUUID", UUID32, 0), col("ZSUUID", UUID32, 0), col("DJXH", ID20, 0), col("DZSPHM", Code, 20),
		col("SJJE", Amount, 0), col("JKRQ", Date, 0), col("JKFS_DM", Code, 2), col("SFXYH", Code, 60),
		col("LRRQ", Date, 0),
	}},
	{Schema: "HX_ZS", Name: "ZS_WSZ", Key: []string{"WSZUUID"}, Owner: "DJXH", Columns: []Column{
		col("WSZUUID", UUID32, 0), col("ZSUUID", UUID32, 0), col("DJXH", ID20, 0), col("WSPZHM", Code, 20),
		col("SJJE", Amount, 0), col("KJRQ", Date, 0), col("LRRQ", Date, 0),
	}},
	{Schema: "HX_ZS", Name: "ZS_SKY_SFXY", Key: []string{"SFXYUUID"}, Owner: "DJXH", Columns: []Column{
		col("SFXYUUID", UUID32, 0), col("DJXH", ID20, 0), col("SFXYH", Code, 60), col("KHYHHH", Code, 14),
		col("YHMC", Text, 200), pii(col("JKZH", Code, 40), "account"), pii(col("JKZHMC", Text, 300), "name"),
		col("QSYHHH", Code, 14), col("YXBZ", Flag, 0), col("YXQQ", Date, 0), col("YXQZ", Date, 0), col("LRRQ", Date, 0),
	}},
	{Schema: "HX_FP", Name: "FP_PZHDXX", Key: []string{"HDUUID"}, Owner: "DJXH", Columns: []Column{
		col("HDUUID", UUID32, 0), col("DJXH", ID20, 0), col("FPZL_DM", Code, 5), col("MYZGKPXE", Amount, 0),
		col("MYZGLGSL", Int, 0), col("YXBZ", Flag, 0), col("LRRQ", Date, 0),
	}},
	// HX_DM_QG.DM_GY_SWJG: kept for sites that hold the offices nationally;
	// the simulator fills the provincial HX_DM_ZDY.DM_GY_SWJG (CodeTables).
	{Schema: "HX_DM_QG", Name: "DM_GY_SWJG", Key: []string{"SWJG_DM"}, Columns: []Column{
		col("SWJG_DM", Code, 11), col("SWJGMC", Text, 200), col("SJSWJG_DM", Code, 11), col("YXBZ", Flag, 0),
	}},
	// HX_FP.FP_FPFSXX: invoices sold to a taxpayer (sim: HXZG_FP_00051 writes, 00276/00279 read).
	{Schema: "HX_FP", Name: "FP_FPFSXX", Key: []string{"FSUUID"}, Owner: "DJXH", Columns: []Column{
		col("FSUUID", UUID32, 0), col("DJXH", ID20, 0), col("FPZL_DM", Code, 5), col("FPDM", Code, 12),
		col("QSHM", Code, 8), col("ZZHM", Code, 8), col("FS", Int, 0), col("FSRQ", Date, 0), col("LRRQ", Date, 0),
	}},
}

// CodeTables are the code tables (代码表) the core keeps: national ones in
// HX_DM_QG, provincial ones (the tax offices) in HX_DM_ZDY. Each has its
// code column (X_DM), a name (XMC) and the valid flag YXBZ.
var CodeTables = []Table{
	codeTable("HX_DM_ZDY", "DM_GY_SWJG", "SWJG", 11, col("SJSWJG_DM", Code, 11)),
	codeTable("HX_DM_QG", "DM_GY_ZSXM", "ZSXM", 5),
	codeTable("HX_DM_QG", "DM_GY_ZSPM", "ZSPM", 9, col("ZSXM_DM", Code, 5)),
	codeTable("HX_DM_QG", "DM_GY_HY", "HY", 4),
	codeTable("HX_DM_QG", "DM_DJ_DJZCLX", "DJZCLX", 3),
	codeTable("HX_DM_QG", "DM_GY_SFZJLX", "SFZJLX", 3),
	codeTable("HX_DM_QG", "DM_GY_NSRZT", "NSRZT", 2),
	codeTable("HX_DM_QG", "DM_DJ_KZZTDJLX", "KZZTDJLX", 4),
	codeTable("HX_DM_QG", "DM_GY_NSQX", "NSQX", 2),
	codeTable("HX_DM_QG", "DM_FP_FPZL", "FPZL", 5),
}

// codeTable is a code table whose code column is stem_DM.
func codeTable(schema, name, stem string, size int, extra ...Column) Table {
	cols := append([]Column{col(stem+"_DM", Code, size), col(stem+"MC", Text, 200)}, extra...)
	return Table{Schema: schema, Name: name, Key: []string{stem + "_DM"}, Columns: append(cols, col("YXBZ", Flag, 0))}
}

func init() { Tables = append(Tables, CodeTables...) }

// Find returns the table with the schema-qualified name q (case-insensitive).
func Find(q string) (Table, bool) {
	for _, t := range Tables {
		if equalFold(t.QName(), q) {
			return t, true
		}
	}
	return Table{}, false
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'a' <= x && x <= 'z' {
			x -= 'a' - 'A'
		}
		if 'a' <= y && y <= 'z' {
			y -= 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}
