package catalog

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts"
)

// actionWords suggest a service that sends, submits, registers, pays or
// voids: a service classified as non-writing whose name holds one must be
// justified below.
var actionWords = []string{"发送", "提交", "登记", "缴", "作废", "申请", "保存"}

// nounPhrases hold an action word as the name of data a query reads or a
// check inspects (登记序号 is the taxpayer's registration number, 申请表 a
// form already filed), not as the action of the service.
var nounPhrases = []string{
	"登记序号", "登记信息", "已登记", "登记户", "登记表", "登记明细", "报验登记", "行政登记", "登记管理",
	"登记证", "登记纳税人", "税务登记", "申请信息", "申请表", "申请列表", "申请详细", "申请规则", "申请证件",
	"申请审核", "缴销", "未缴款", "未清缴", "预缴", "汇缴", "限缴", "缴税期限", "缴费记录", "缴纳税款",
	"扣缴", "可抵缴", "收缴",
}

// readOnlyActions are the non-writing services whose names still carry an
// action word once the noun phrases are set aside, each with the reason it
// writes nothing.
var readOnlyActions = map[string]string{
	"HXZG_FP_00000": "初始化…申请业务: loads the data an application form starts from (CSH init)",
	"HXZG_FP_10021": "初始化代开申请业务: loads the data an application form starts from (CSH init)",
	"HXZG_FP_X0030": "初始化…申请界面: validates and loads a form, files nothing",
	"HXZG_FP_X0032": "查询…代开申请…发票信息: a query of applications already filed",
	"HXZG_FP_X0033": "查询…代开申请…发票信息: a query of applications already filed",
	"HXZG_FP_X0034": "查询…代开申请…发票信息: a query of applications already filed",
	"HXZG_FP_X0035": "查询…代开申请…发票信息: a query of applications already filed",
	"HXZG_FP_X0046": "初始化代开申请业务: validates and loads a form, files nothing",
	"HXZG_QT_X0032": "初始化购票特批申请业务: validates and loads a form, files nothing",
	"HXZG_SB_X0170": "代扣代缴事前监控: the pre-check before a withholding return (SQJK)",
	"HXZG_SB_X0262": "代扣代缴申报事前监控: the pre-check before a withholding return (SQJK)",
	"HXZG_SB_X0270": "查询代扣代缴…申报信息: a query of returns already filed",
	"HXZG_SB_X0327": "查询…汇总并提交的…信息: a query of what was submitted earlier",
	"HXZG_SB_X0336": "查询…未进行登记的土地信息: a query",
	"HXZG_SB_X0337": "查询…未进行登记的房屋信息: a query",
	"HXZG_SB_X0344": "查询…是否重复登记: a query",
	"HXZG_YH_X0016": "查询…欠税、多缴…信息: a query",
	"HXZG_ZS_10008": "查询银行端缴款凭证未缴款信息: a query of unpaid slips",
}

// Every catalog service whose name suggests it sends, submits, registers,
// pays or voids either writes or is justified as read-only by name.
func TestNonWritingActionsAreJustified(t *testing.T) {
	c, err := Load(contracts.FS())
	require.NoError(t, err)
	seen := map[string]bool{}
	for _, s := range c.Services {
		if s.Writes || !hasAction(s.Name) {
			continue
		}
		seen[s.Code] = true
		assert.NotEmpty(t, readOnlyActions[s.Code], "%s %s is classed %s (non-writing) but its name suggests it writes: reclassify it or justify it in readOnlyActions", s.Code, s.Name, s.Kind)
	}
	for code := range readOnlyActions {
		assert.True(t, seen[code], "readOnlyActions lists %s, which is no longer a non-writing service with an action word", code)
	}
	s, ok := c.Lookup("HXZG_ZS_X0009")
	require.True(t, ok)
	assert.True(t, s.Writes, "三方协议验证发送 sends to the bank")
}

// hasAction reports whether name holds an action word outside the noun phrases.
func hasAction(name string) bool {
	for _, p := range nounPhrases {
		name = strings.ReplaceAll(name, p, "")
	}
	for _, w := range actionWords {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}
