package reconcile_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts"
	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/harness/reconcile"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/session"
	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// filed is a session on the embedded simulator (core on coreDSN, the
// synthetic e-tax database beside it as "etax") after one filing of
// HXZG_SB_00045 was filed and paid, with the e-tax tables filled from the
// rows the calls wrote, the way the e-tax side would have recorded them.
type filed struct {
	s    *session.Session
	res  result.Result
	etax check.Querier
	dbs  reconcile.Queriers
}

func fileAndPay(t *testing.T, coreDSN string) *filed {
	t.Helper()
	dir := t.TempDir()
	env := config.Sim()
	env.DB = coreDSN
	env.Audit = filepath.Join(dir, "audit.jsonl")
	env.Timeout = 5 * time.Second
	env.Databases = map[string]string{"etax": "sqlite:" + filepath.Join(dir, "etax.db")}
	cat, err := catalog.Load(contracts.FS())
	require.NoError(t, err)
	ctx := context.Background()
	s, err := session.Open(ctx, session.Options{Env: env, Catalog: cat, Seed: 19})
	require.NoError(t, err)
	t.Cleanup(func() { s.Close(context.Background()) })
	svc, _ := cat.Lookup("HXZG_SB_00045")
	job, err := session.PickCase(cat, svc, "file-and-pay")
	require.NoError(t, err)
	res, err := s.RunJob(ctx, job, nil)
	require.NoError(t, err)
	require.Equal(t, result.Pass, res.Status, "%+v", res.Checks)
	f := &filed{s: s, res: res, etax: s.Target.Queriers()["etax"]}
	f.dbs = reconcile.QueriersOf(check.SQLQuerier{DB: s.Target.DB}, s.Target.Queriers())
	f.fillEtax(t)
	return f
}

// fillEtax creates the synthetic e-tax schema and records the filing, its
// lines and its payment from the Result's written rows.
func (f *filed) fillEtax(t *testing.T) {
	ddl, err := os.ReadFile(filepath.Join("testdata", "etax.sql"))
	require.NoError(t, err)
	db := f.s.Target.Named["etax"]
	for _, stmt := range strings.Split(string(ddl), ";") {
		if strings.Contains(stmt, "CREATE") {
			_, err := db.ExecContext(context.Background(), stmt)
			require.NoError(t, err)
		}
	}
	w := f.res.Written
	require.Len(t, w["HX_SB.SB_SBB"], 1)
	sbb := w["HX_SB.SB_SBB"][0]
	f.exec(t, "INSERT INTO etax_sbb VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", sbb["SBUUID"], sbb["DJXH"], sbb["PZXH"],
		sbb["YZPZZL_DM"], sbb["SKSSQQ"][:10], sbb["SKSSQZ"][:10], sbb["YBTSE"], sbb["ZFBZ_1"], sbb["SBRQ_1"][:10])
	for _, x := range w["HX_SB.SB_SBXX"] {
		f.exec(t, "INSERT INTO etax_sbmx VALUES (?, ?, ?, ?, ?, ?, ?)", x["SBUUID"], x["DJXH"], sbb["PZXH"],
			x["ZSXM_DM"], x["SKSSQQ"][:10], x["SKSSQZ"][:10], x["YBTSE"])
	}
	require.NotEmpty(t, w["HX_ZS.ZS_JKS"], "the payment wrote a slip")
	for _, j := range w["HX_ZS.ZS_JKS"] {
		zsxm := ""
		for _, y := range w["HX_ZS.ZS_YJSF"] {
			if y["ZSUUID"] == j["ZSUUID"] {
				zsxm = y["ZSXM_DM"]
			}
		}
		f.exec(t, "INSERT INTO etax_jkxx VALUES (?, ?, ?, ?, ?, ?)", j["JKSUUID"], j["DJXH"], sbb["PZXH"], zsxm, j["SJJE"], j["JKRQ"][:10])
	}
}

func (f *filed) exec(t *testing.T, stmt string, args ...any) {
	t.Helper()
	_, err := f.s.Target.Named["etax"].ExecContext(context.Background(), stmt, args...)
	require.NoError(t, err)
}

func (f *filed) run(t *testing.T, name string) *reconcile.Report {
	t.Helper()
	sp, err := reconcile.Load("", name)
	require.NoError(t, err)
	djxh := f.res.Written["HX_SB.SB_SBB"][0]["DJXH"]
	rep, err := reconcile.Run(context.Background(), sp, f.dbs, reconcile.Params{DJXH: djxh})
	require.NoError(t, err)
	return rep
}

func cores(t *testing.T) map[string]string {
	out := map[string]string{"sqlite": "sqlite:" + filepath.Join(t.TempDir(), "core.db")}
	if dsn := os.Getenv("GT3CT_PG_DSN"); dsn != "" {
		out["postgres"] = dsn
	}
	return out
}

// TestCleanFilingReconciles: every shipped filing-chain spec finds the
// e-tax side and the core equal after a clean filing and payment.
func TestCleanFilingReconciles(t *testing.T) {
	for name, dsn := range cores(t) {
		t.Run(name, func(t *testing.T) {
			f := fileAndPay(t, dsn)
			for _, sp := range []string{"sbb", "sbmx", "yjsf", "jk", "void"} {
				rep := f.run(t, sp)
				assert.True(t, rep.Clean(), "%s: %+v", sp, rep)
				assert.NoError(t, rep.Finding(), sp)
			}
			assert.Len(t, f.run(t, "sbmx").Matched, 1)
		})
	}
}

// TestChangedEtaxRowIsReported: one e-tax row changed is a finding naming
// the key, the column and both values (or the row only one side has).
func TestChangedEtaxRowIsReported(t *testing.T) {
	type testCase struct {
		name, spec, stmt string
		check            func(t *testing.T, f *filed, rep *reconcile.Report)
	}
	line := func(f *filed) map[string]string { return f.res.Written["HX_SB.SB_SBXX"][0] }
	key := func(f *filed) string {
		return "PZXH=" + f.res.Written["HX_SB.SB_SBB"][0]["PZXH"] + ",ZSXM_DM=" + line(f)["ZSXM_DM"]
	}
	cases := []testCase{
		{"amount", "sbmx", "UPDATE etax_sbmx SET je = 1234.57", func(t *testing.T, f *filed, rep *reconcile.Report) {
			assert.Equal(t, []reconcile.Difference{{Key: key(f), Column: "YBTSE", CallerColumn: "je",
				Caller: "1234.57", Core: line(f)["YBTSE"]}}, rep.Differences)
		}},
		{"period", "yjsf", "UPDATE etax_sbmx SET zzrq = '2025-11-30'", func(t *testing.T, f *filed, rep *reconcile.Report) {
			want := strings.Replace(key(f), "PZXH=", "YZPZXH=", 1)
			require.Len(t, rep.Differences, 1)
			d := rep.Differences[0]
			assert.Equal(t, []string{want, "SKSSQZ", "zzrq", "2025-11-30 00:00:00"}, []string{d.Key, d.Column, d.CallerColumn, d.Caller})
			assert.Equal(t, line(f)["SKSSQZ"], d.Core)
		}},
		{"missing line", "sbmx", "DELETE FROM etax_sbmx", func(t *testing.T, f *filed, rep *reconcile.Report) {
			require.Len(t, rep.OnlyCore, 1)
			assert.Equal(t, line(f)["ZSXM_DM"], rep.OnlyCore[0]["ZSXM_DM"])
			assert.Empty(t, rep.OnlyCaller)
		}},
		{"extra line", "sbmx", "INSERT INTO etax_sbmx SELECT sbxh, djxh, pzxh, '10109', qsrq, zzrq, 90 FROM etax_sbmx",
			func(t *testing.T, f *filed, rep *reconcile.Report) {
				require.Len(t, rep.OnlyCaller, 1)
				assert.Equal(t, reconcile.Row{"PZXH": f.res.Written["HX_SB.SB_SBB"][0]["PZXH"], "ZSXM_DM": "10109",
					"SKSSQQ": line(f)["SKSSQQ"], "SKSSQZ": line(f)["SKSSQZ"], "YBTSE": "90"}, rep.OnlyCaller[0])
				assert.Len(t, rep.Matched, 1)
			}},
		{"payment amount", "jk", "UPDATE etax_jkxx SET sjje = sjje + 1", func(t *testing.T, f *filed, rep *reconcile.Report) {
			require.Len(t, rep.Differences, 1)
			assert.Equal(t, "SJJE", rep.Differences[0].Column)
		}},
	}
	f := fileAndPay(t, cores(t)["sqlite"])
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f.exec(t, "SAVEPOINT tc")
			defer f.exec(t, "ROLLBACK TO tc")
			f.exec(t, tc.stmt)
			rep := f.run(t, tc.spec)
			require.False(t, rep.Clean())
			require.True(t, errs.Is(rep.Finding(), errs.Finding))
			tc.check(t, f, rep)
			var text, js bytes.Buffer
			require.NoError(t, reconcile.Text(&text, rep))
			require.NoError(t, reconcile.JSON(&js, rep))
			assert.Contains(t, text.String(), "DIFFERENT")
			var back map[string]any
			require.NoError(t, json.Unmarshal(js.Bytes(), &back))
			assert.Equal(t, false, back["clean"])
		})
	}
}
