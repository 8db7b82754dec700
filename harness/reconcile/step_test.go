package reconcile_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/session"
)

// runReconcileCase runs HXZG_ZS_00377's reconcile-etax case (reconcile
// steps only) through the session, bound to the taxpayer that filed.
func (f *filed) runReconcileCase(t *testing.T) result.Result {
	t.Helper()
	svc, ok := f.s.Catalog.Lookup("HXZG_ZS_00377")
	require.True(t, ok)
	job, err := session.PickCase(f.s.Catalog, svc, "reconcile-etax")
	require.NoError(t, err)
	djxh := f.res.Written["HX_SB.SB_SBB"][0]["DJXH"]
	res, err := f.s.RunExisting(context.Background(), job, djxh, nil)
	require.NoError(t, err)
	return res
}

// TestReconcileStepInContractCase: a contract case whose steps are
// reconcile steps passes after a clean filing (one passing reconcile check
// per step); one e-tax row changed fails it with a check per difference
// naming key, column and both values, or the row only one side has.
func TestReconcileStepInContractCase(t *testing.T) {
	f := fileAndPay(t, cores(t)["sqlite"])
	pzxh := f.res.Written["HX_SB.SB_SBB"][0]["PZXH"]
	line := f.res.Written["HX_SB.SB_SBXX"][0]

	clean := f.runReconcileCase(t)
	require.Equal(t, result.Pass, clean.Status, "%+v", clean.Checks)
	var names []string
	for _, c := range clean.Checks {
		assert.Equal(t, result.KindReconcile, c.Kind)
		names = append(names, c.Name+" → "+c.Got)
	}
	assert.Equal(t, []string{"1 reconcile: sbb → 1 rows match", "2 reconcile: sbmx → 1 rows match",
		"3 reconcile: yjsf → 1 rows match", "4 reconcile: void → 0 rows match", "5 reconcile: jk → 1 rows match"}, names)

	type testCase struct {
		name, stmt string
		want       []result.Check
		rows       string
	}
	key := "PZXH=" + pzxh + ",ZSXM_DM=" + line["ZSXM_DM"]
	tests := []testCase{
		{name: "amount", stmt: "UPDATE etax_sbmx SET je = 1234.57", want: []result.Check{
			{Name: "2 reconcile: sbmx [" + key + "] YBTSE", Want: "1234.57", Got: line["YBTSE"]},
			{Name: "3 reconcile: yjsf [YZ" + key + "] YBTSE", Want: "1234.57", Got: line["YBTSE"]}}},
		{name: "missing line", stmt: "DELETE FROM etax_sbmx", rows: "sbmx: only the core has", want: []result.Check{
			{Name: "2 reconcile: sbmx [" + key + "] row", Want: "in the caller's database", Got: "only the core has it"},
			{Name: "3 reconcile: yjsf [YZ" + key + "] row", Want: "in the caller's database", Got: "only the core has it"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f.exec(t, "SAVEPOINT tc")
			defer f.exec(t, "ROLLBACK TO tc")
			f.exec(t, tc.stmt)
			res := f.runReconcileCase(t)
			assert.Equal(t, result.Fail, res.Status)
			assert.Equal(t, result.BlameUnknown, res.Blame, res.BlameReason)
			var got []result.Check
			for _, c := range res.Checks {
				if c.Status == result.Fail {
					got = append(got, result.Check{Name: c.Name, Want: c.Want, Got: c.Got})
				}
			}
			assert.Equal(t, tc.want, got)
			if tc.rows != "" {
				require.NotEmpty(t, res.Rows)
				assert.Equal(t, tc.rows, res.Rows[0].Check)
			}
		})
	}
}
