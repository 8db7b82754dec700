package spec

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/coredb"
)

// core opens a SQLite core with the code tables holding a few codes:
// DM_GY_ZSXM 10101, DM_GY_SWJG (provincial) 14501020000, DM_GY_ZSPM empty.
func core(t *testing.T) check.Querier {
	t.Helper()
	db, err := coredb.Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "core.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	require.NoError(t, db.CreateSchema(context.Background()))
	for _, stmt := range []string{
		"INSERT INTO HX_DM_QG.DM_GY_ZSXM (ZSXM_DM, ZSXMMC, YXBZ) VALUES ('10101', '增值税', 'Y')",
		"INSERT INTO HX_DM_ZDY.DM_GY_SWJG (SWJG_DM, SWJGMC, YXBZ) VALUES ('14501020000', '国家税务总局南宁市兴宁区税务局', 'Y')",
	} {
		_, err := db.ExecContext(context.Background(), stmt)
		require.NoError(t, err)
	}
	return check.SQLQuerier{DB: db}
}

func rules(t *testing.T) Rules {
	r, err := Load("")
	require.NoError(t, err)
	r.CodeTables["NSQX_DM"] = "DM_GY_NOSUCH" // absent from the core
	return r
}

// good is an SB_SBXX line that breaks no rule.
func good() map[string]string {
	return map[string]string{"SBXXUUID": "0123456789ABCDEF0123456789ABCDEF", "SBUUID": "FEDCBA9876543210FEDCBA9876543210",
		"DJXH": "10114501029900000001", "ZSXM_DM": "10101", "SKSSQQ": "2025-04-01", "SKSSQZ": "2025-06-30 00:00:00",
		"YBTSE": "3000.10", "ZFBZ_1": "N", "LRRQ": "2025-07-01 10:00:00"}
}

func TestRules(t *testing.T) {
	type testCase struct {
		name   string
		change map[string]string // columns set on a good row ("" removes)
		want   result.Check      // the one non-pass check (Kind spec)
	}
	cases := []testCase{
		{"code absent from its table", map[string]string{"ZSXM_DM": "99999"},
			result.Check{Name: "spec HX_SB.SB_SBXX.ZSXM_DM code", Status: result.Fail, Want: "a code of HX_DM_QG.DM_GY_ZSXM", Got: "99999"}},
		{"code table empty", map[string]string{"ZSPM_DM": "101017301"},
			result.Check{Name: "spec HX_SB.SB_SBXX.ZSPM_DM code", Status: result.Skip, Want: "a code of its code table", Got: "not checked",
				Detail: "code table HX_DM_QG.DM_GY_ZSPM empty"}},
		{"flag", map[string]string{"ZFBZ_1": "1"},
			result.Check{Name: "spec HX_SB.SB_SBXX.ZFBZ_1 flag", Status: result.Fail, Want: "Y or N", Got: "1"}},
		{"period backwards", map[string]string{"SKSSQQ": "2025-07-01"},
			result.Check{Name: "spec HX_SB.SB_SBXX.SKSSQQ period", Status: result.Fail, Want: "SKSSQQ ≤ SKSSQZ",
				Got: "2025-07-01 > SKSSQZ 2025-06-30 00:00:00"}},
		{"amount with 3 decimals", map[string]string{"YBTSE": "3000.105"},
			result.Check{Name: "spec HX_SB.SB_SBXX.YBTSE amount", Status: result.Fail, Want: "an amount with at most 2 decimals", Got: "3000.105"}},
		{"uuid lower case", map[string]string{"SBUUID": "fedcba9876543210fedcba9876543210"},
			result.Check{Name: "spec HX_SB.SB_SBXX.SBUUID uuid", Status: result.Fail, Want: "32 upper-case hex characters", Got: "fedcba9876543210fedcba9876543210"}},
		{"djxh 19 digits", map[string]string{"DJXH": "1011450102990000001"},
			result.Check{Name: "spec HX_SB.SB_SBXX.DJXH serial", Status: result.Fail, Want: "20 digits", Got: "1011450102990000001"}},
		{"required missing", map[string]string{"YBTSE": ""},
			result.Check{Name: "spec HX_SB.SB_SBXX.YBTSE required", Status: result.Fail, Want: "a value (required)", Got: "NULL"}},
	}
	q := core(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			row := good()
			for k, v := range tc.change {
				if v == "" {
					delete(row, k)
					continue
				}
				row[k] = v
			}
			var got []result.Check
			for _, c := range New(rules(t), q).Check(context.Background(), result.Written{"HX_SB.SB_SBXX": {row}}, "") {
				if c.Status != result.Pass {
					got = append(got, c)
				}
			}
			require.Len(t, got, 1, "%+v", got)
			g := got[0]
			assert.Equal(t, result.KindSpec, g.Kind)
			assert.Equal(t, []string{tc.want.Name, string(tc.want.Status), tc.want.Want, tc.want.Got}, []string{g.Name, string(g.Status), g.Want, g.Got})
			if tc.want.Detail != "" {
				assert.Equal(t, tc.want.Detail, g.Detail)
			}
		})
	}
}

func TestCleanRowsPassAndSkipsAreNamed(t *testing.T) {
	q := core(t)
	w := result.Written{"HX_SB.SB_SBXX": {good()},
		"HX_RD.RD_SFZRDXXB": {{"RDPZUUID": "0123456789ABCDEF0123456789ABCDEF", "DJXH": "10114501029900000001", "ZSXM_DM": "10101",
			"ZSPM_DM": "", "NSQX_DM": "08", "RDYXQQ": "2020-01-01", "RDYXQZ": "9999-12-31", "YXBZ": "Y", "LRRQ": "2020-01-01"}}}
	got := New(rules(t), q).Check(context.Background(), w, "")
	var names []string
	for _, c := range got {
		names = append(names, string(c.Status)+" "+c.Name+" "+c.Detail)
	}
	assert.Equal(t, []string{
		"fail spec HX_RD.RD_SFZRDXXB.ZSPM_DM required HX_RD.RD_SFZRDXXB[RDPZUUID=0123456789ABCDEF0123456789ABCDEF].ZSPM_DM = NULL: want a value (required)",
		"skip spec HX_RD.RD_SFZRDXXB.NSQX_DM code code table HX_DM_QG.DM_GY_NOSUCH absent",
		"pass spec HX_SB.SB_SBXX HX_SB.SB_SBXX: 1 written, no rule broken",
	}, names)
}

func TestIdentifiersAndCallerBlame(t *testing.T) {
	q := core(t)
	row := map[string]string{"DJXH": "10114501029900000001", "NSRMC": "x", "NSRZT_DM": "03", "ZGSWJ_DM": "14501020099",
		"LRRQ": "2025-01-01", "SHXYDM": "91450100MA5L8XXX00", "NSRSBH": "91450100MA5L8XXX00", "FDDBRSFZJHM": "450102199001011234"}
	got := New(rules(t), q).Check(context.Background(), result.Written{"HX_DJ.DJ_NSRXX": {row}},
		"<taxML><zgswjDm>14501020099</zgswjDm></taxML>")
	byName := map[string]result.Check{}
	for _, c := range got {
		byName[c.Name] = c
	}
	swjg := byName["spec HX_DJ.DJ_NSRXX.ZGSWJ_DM code"]
	assert.Equal(t, result.Fail, swjg.Status)
	assert.Equal(t, "a code of HX_DM_ZDY.DM_GY_SWJG", swjg.Want, "found in the provincial schema")
	assert.Equal(t, result.BlameCaller, swjg.Blame, "the request sent the unknown code")
	for _, n := range []string{"SHXYDM", "NSRSBH", "FDDBRSFZJHM"} {
		c := byName["spec HX_DJ.DJ_NSRXX."+n+" identifier"]
		assert.Equal(t, result.Fail, c.Status, n)
		assert.Empty(t, c.Blame, n)
	}
}

func TestExtend(t *testing.T) {
	base, err := Load("")
	require.NoError(t, err)
	site, err := Parse([]byte("code_tables: {ZSXM_DM: HX_DM_ZDY.DM_ZSXM_SITE}\nrequired: {HX_SB.SB_SBB: [SJGSDQ]}\nflags: {columns: [SFBZ]}\n"), "site.yaml")
	require.NoError(t, err)
	r := base.Extend(site)
	assert.Equal(t, "HX_DM_ZDY.DM_ZSXM_SITE", r.CodeTables["ZSXM_DM"])
	assert.Equal(t, "DM_GY_HY", r.CodeTables["HY_DM"])
	assert.Contains(t, r.Required["HX_SB.SB_SBB"], "SJGSDQ")
	assert.Contains(t, r.Required["HX_SB.SB_SBB"], "SBUUID")
	assert.Equal(t, []string{"*BZ", "ZFBZ_1", "SFBZ"}, r.Flags.Columns)
	assert.NotContains(t, base.Required["HX_SB.SB_SBB"], "SJGSDQ", "the base is not changed")
	_, err = Parse([]byte("identifiers: {X: nope}\n"), "bad.yaml")
	assert.ErrorContains(t, err, "bad.yaml: identifiers.X: unknown kind")
}
