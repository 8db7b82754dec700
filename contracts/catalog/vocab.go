package catalog

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// NormalizeName is the key under which service names are merged: NFKC
// (full-width brackets and spaces become half-width), every space and
// punctuation mark removed, the PDF artefact 個 read as 个, Latin lower-cased.
// "保存人员信息（单户）" and "保存人员信息(单户)。" share one key.
func NormalizeName(name string) string {
	s := norm.NFKC.String(name)
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r), unicode.IsPunct(r), unicode.IsSymbol(r):
			continue
		case r == '個':
			r = '个'
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// CleanName tidies a name for display: spaces the PDF extraction left between
// Chinese characters are removed, outer space trimmed.
func CleanName(name string) string {
	rs := []rune(strings.TrimSpace(name))
	var b strings.Builder
	for i, r := range rs {
		if r == ' ' && i > 0 && i+1 < len(rs) && isHan(rs[i-1]) && isHan(rs[i+1]) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// vocabRule maps words in a service name to a value; rules are tried in order
// and the first rule with a word in the name wins.
type vocabRule struct {
	words []string
	value string
}

// moduleRules is the module table for names without a code. Specific
// vocabulary comes first: "票种核定" is an invoice matter although 核定
// otherwise means a determination; "完税证明" is a receipt, not a filing.
var moduleRules = []vocabRule{
	{[]string{"发票", "代开", "票种", "领购", "验旧", "缴销", "发售", "领用", "存根联", "柜台库存"}, "FP"},
	{[]string{"完税证明", "票证", "完税凭证", "税收缴款书"}, "PZ"},
	{[]string{"减免", "优惠", "税收协定待遇", "退(免)税资格", "退免税资格"}, "YH"},
	{[]string{"三方协议", "缴款", "欠税", "退税", "退抵税", "征收", "扣款", "入库", "税票", "缴税", "未清缴", "保全", "冻结", "查封", "扣押", "社保费", "批扣", "延期缴纳"}, "ZS"},
	{[]string{"行政处罚", "行政许可", "听证", "违法", "稽查", "检查通知书", "复议", "行政赔偿"}, "FZ"},
	{[]string{"文书", "送达", "通知书", "决定书"}, "WS"},
	{[]string{"申报", "附加税", "更正", "车辆购置税", "所得税", "税源", "房产", "房源", "土地", "存量房", "增量房", "契税", "车船", "环境保护", "排污", "污染", "固体废", "资料报送", "残疾人就业保障金"}, "SB"},
	{[]string{"认定", "核定", "资格"}, "RD"},
	{[]string{"外出经营", "外经证", "证明"}, "ZM"},
	{[]string{"登记", "纳税人信息", "税务证件", "证件", "注销", "变更", "开业", "停业", "复业", "备案", "自然人", "涉税专业服务", "纳税人"}, "DJ"},
}

// DefaultModule is the module of a name no rule recognises (QT 其他, other).
const DefaultModule = "QT"

// moduleOfSystem is the module for the core (HXZG) and the system itself for
// the other systems (GSGL individual income tax…), which are modules of their own.
func moduleOfSystem(system, module string) string {
	if system == "HXZG" {
		return module
	}
	return system
}

// ModuleOf returns the module of a service: from its code (HXZG_SB_00045 →
// SB; another system's code GSGL_DJ_00001 → GSGL), else from its tran_id (SWZJ.HXZG.FP.X → FP), else
// from the name's vocabulary (moduleRules), else DefaultModule.
func ModuleOf(code, tranID, name string) string {
	if p := strings.Split(code, "_"); len(p) == 3 && p[1] != "" {
		return moduleOfSystem(p[0], p[1])
	}
	if p := strings.Split(tranID, "."); len(p) == 4 && p[0] == "SWZJ" && p[2] != "" {
		return moduleOfSystem(p[1], strings.ToUpper(p[2]))
	}
	return firstRule(moduleRules, norm.NFKC.String(name), DefaultModule)
}

func firstRule(rules []vocabRule, name, def string) string {
	for _, r := range rules {
		for _, w := range r.words {
			if strings.Contains(name, w) {
				return r.value
			}
		}
	}
	return def
}

// verbRules map the leading verb of a tran_id's ABBR to a kind.
var verbRules = []vocabRule{
	{[]string{"CSH"}, KindInit},
	{[]string{"CX", "QUERY", "HQ", "GET"}, KindQuery},
	{[]string{"BC", "ZF", "UPDATE", "SAVE", "KJ", "XG", "SC"}, KindSave},
	{[]string{"JY", "SQJK", "JK"}, KindCheck},
}

// nameVerbs map a verb in the name to a kind; the verb that occurs first in
// the name wins ("保存…并校验" saves, "事前监控及获取期初数据" checks).
var nameVerbs = []vocabRule{
	{[]string{"初始化"}, KindInit},
	{[]string{"查询", "获取", "提取", "查验"}, KindQuery},
	{[]string{"保存", "作废", "删除", "提交", "注销", "申请", "缴", "修改", "更新", "生成", "写入", "变更", "扣款"}, KindSave},
	{[]string{"校验", "监控", "效检", "检测", "验证"}, KindCheck},
}

// sendVerbs mark a service that sends to a third party (the bank's
// 三方协议验证发送, another system's 推送): it changes state outside the core,
// so it writes whatever verb its name starts with.
var sendVerbs = []string{"发送", "推送"}

// KindOf derives a service's kind: a send to a third party (sendVerbs) is a
// save; else from the verb that starts the tran_id's ABBR (CSH init, CX
// query, BC/ZF save, JY/SQJK check; a SQJK anywhere in the ABBR makes it a
// check), else from the earliest verb in the name, else 申报 (a filing)
// means save, else other.
func KindOf(tranID, name string) string {
	for _, w := range sendVerbs {
		if strings.Contains(name, w) {
			return KindSave
		}
	}
	if p := strings.Split(tranID, "."); len(p) == 4 {
		abbr := strings.ToUpper(p[3])
		if strings.Contains(abbr, "SQJK") {
			return KindCheck
		}
		for _, r := range verbRules {
			for _, w := range r.words {
				if strings.HasPrefix(abbr, w) {
					return r.value
				}
			}
		}
	}
	if k := earliestVerb(name); k != "" {
		return k
	}
	if strings.Contains(name, "申报") {
		return KindSave
	}
	return KindOther
}

func earliestVerb(name string) string {
	best, kind := len(name)+1, ""
	for _, r := range nameVerbs {
		for _, w := range r.words {
			if i := strings.Index(name, w); i >= 0 && i < best {
				best, kind = i, r.value
			}
		}
	}
	return kind
}

// Writes reports whether a kind changes core data: save and other (unknown is
// treated as writing by the read-only guard).
func Writes(kind string) bool { return kind == KindSave || kind == KindOther }

// fieldRules map words of a name to the body fields a minimal (smoke) request
// must carry; every matching rule adds its fields, in this order.
var fieldRules = []struct {
	words  []string
	fields []string
}{
	{[]string{"登记序号", "djxh"}, []string{"djxh"}},
	{[]string{"纳税人识别号", "识别号"}, []string{"nsrsbh"}},
	{[]string{"社会信用代码"}, []string{"shxydm"}},
	{[]string{"证件号码", "身份证"}, []string{"zjhm"}},
	{[]string{"证件种类"}, []string{"zjzlDm"}},
	{[]string{"所属期", "申报"}, []string{"skssqq", "skssqz"}},
	{[]string{"车辆识别代号"}, []string{"clsbdh"}},
	{[]string{"税务人员"}, []string{"swryDm"}},
	{[]string{"税务机关代码", "税务机关库"}, []string{"swjgDm"}},
	{[]string{"票证种类"}, []string{"pzzlDm"}},
	{[]string{"凭证序号"}, []string{"yzpzxh"}},
	{[]string{"UUID", "uuid"}, []string{"uuid"}},
	{[]string{"项目编号"}, []string{"xmbh"}},
	{[]string{"唯一编号", "唯一标识"}, []string{"wybh"}},
	{[]string{"代开申请"}, []string{"dksqxh"}},
	{[]string{"发票代码"}, []string{"fpdm", "fphm"}},
}

// FieldsOf returns the body fields implied by a service's name, for the smoke
// case: 根据登记序号… → djxh; 所属期 or 申报 → skssqq, skssqz; 证件号码 → zjhm…
func FieldsOf(name string) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range fieldRules {
		for _, w := range r.words {
			if !strings.Contains(name, w) {
				continue
			}
			for _, f := range r.fields {
				if !seen[f] {
					seen[f] = true
					out = append(out, f)
				}
			}
			break
		}
	}
	return out
}
