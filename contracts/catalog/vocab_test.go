package catalog

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestVocabulary(t *testing.T) {
	type testCase struct {
		code, tranID, name string
		module, kind       string
		fields             []string
	}
	run := func(t *testing.T, tc testCase) {
		assert.Equal(t, tc.module, ModuleOf(tc.code, tc.tranID, tc.name), "module")
		assert.Equal(t, tc.kind, KindOf(tc.tranID, tc.name), "kind")
		assert.Equal(t, tc.fields, FieldsOf(tc.name), "fields")
	}
	for _, tc := range []testCase{
		{"HXZG_SB_00045", "SWZJ.HXZG.SB.BCZZSXGMSB", "保存增值税小规模申报", "SB", KindSave, []string{"skssqq", "skssqz"}},
		{"HXZG_SB_00044", "SWZJ.HXZG.SB.ZZSXGMSBSQJKJHQQCSJ", "增值税小规模申报事前监控及获取期初数据", "SB", KindCheck, []string{"skssqq", "skssqz"}},
		{"", "", "根据登记序号查询纳税人票种核定信息", "FP", KindQuery, []string{"djxh"}},
		{"", "", "附加税错误更正初始化", "SB", KindInit, nil},
		{"", "", "根据证件号码、证件种类获取对应法定代表人的纳税人信息", "DJ", KindQuery, []string{"zjhm", "zjzlDm"}},
		{"", "", "保存变更税务登记表信息和对相应的数据进行校验", "DJ", KindSave, nil},
		{"", "", "个体经营税务登记证信息采集校验", "DJ", KindCheck, nil},
		{"", "", "查询车辆购置税完税证明信息", "PZ", KindQuery, nil},
		{"", "", "欠税信息", "ZS", KindOther, nil},
		{"GSGL_DJ_00001", "SWZJ.GSGL.DJ.BCZRRGJXXJJDJFW", "自然人关键信息间接登记服务", "GSGL", KindSave, nil},
		{"", "SWZJ.HXZG.FP.CSHPZHDSQ", "校验并提取纳税人基本信息", "FP", KindInit, nil},
		{"", "", "无从归类的服务", DefaultModule, KindOther, nil},
		{"HXZG_ZS_X0009", "", "三方协议验证发送", "ZS", KindSave, nil}, // a send to the bank writes, whatever it checks first
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestNormalizeName(t *testing.T) {
	type testCase struct{ a, b string }
	run := func(t *testing.T, tc testCase) {
		assert.Equal(t, NormalizeName(tc.a), NormalizeName(tc.b))
	}
	for _, tc := range []testCase{
		{"保存人员信息（单户）", "保存人员信息(单户)"},
		{"保存财务会计制度及核算软件备案报告书 信息", "保存财务会计制度及核算软件备案报告书信息。"},
		{"保存境内机构和個人发包工程", "保存境内机构和个人发包工程"},
		{"根据财务会计制度备案 UUID 删除", "根据财务会计制度备案uuid删除"},
	} {
		t.Run(tc.a, func(t *testing.T) { run(t, tc) })
	}
	assert.NotEqual(t, NormalizeName("查询自然人信息"), NormalizeName("保存自然人信息"))
}
