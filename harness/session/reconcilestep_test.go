package session

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/sweep"
)

// TestReconcileStepWithoutCallerDatabaseIsSkip: on the built-in sim, which
// configures no etax database, the contract case made of reconcile steps
// is a skip naming the missing database, in run and in the nightly (counted
// as skip there), never a pass; nothing is sent for it.
func TestReconcileStepWithoutCallerDatabaseIsSkip(t *testing.T) {
	const why = "database etax is not configured in env sim"
	res := runCase(t, "", "HXZG_ZS_00377", "reconcile-etax")
	assert.Equal(t, result.Skip, res.Status)
	assert.Equal(t, why, res.Error)
	assert.Empty(t, res.TranSeq, "a reconcile step sends nothing")
	require.Len(t, res.Steps, 5)
	for _, st := range res.Steps {
		assert.Empty(t, st.TranSeq, st.Service)
	}
	assert.Equal(t, "reconcile sbb", res.Steps[0].Service)
	require.Len(t, res.Checks, 5)
	for _, c := range res.Checks {
		assert.Equal(t, result.KindReconcile, c.Kind)
		assert.Equal(t, result.Skip, c.Status, c.Name)
		assert.Equal(t, why, c.Detail)
	}
	assert.Equal(t, "1 reconcile: sbb", res.Checks[0].Name)

	got, count, _ := runSweep(t, simEnv(t.TempDir()), "", sweep.Selection{Services: "HXZG_ZS_00377"}, nil)
	r := got["HXZG_ZS_00377/reconcile-etax"]
	assert.Equal(t, result.Skip, r.Status)
	assert.Equal(t, why, r.Error)
	assert.Equal(t, 1, count.Skip, "%+v", count)
	assert.Zero(t, count.Fail+count.Error)
}

// TestReconcileCasePreviewsNothing: render/preview of a case of reconcile
// steps has no message to show (nothing is sent).
func TestReconcileCasePreviewsNothing(t *testing.T) {
	s := open(t, simEnv(t.TempDir()), "", nil)
	svc, ok := s.Catalog.Lookup("HXZG_ZS_00377")
	require.True(t, ok)
	job, err := PickCase(s.Catalog, svc, "reconcile-etax")
	require.NoError(t, err)
	previews, err := s.Runner.Preview(svc, job.Case, map[string]string{"djxh": "10114501000000000001"})
	require.NoError(t, err)
	assert.Empty(t, previews)
}

// TestReconcileOnlyCaseWritesNothing: a case made of reconcile steps sends
// nothing, so even in a writing service's contract the read-only guard does
// not skip it and the in-flight journal does not hold it; a case of the same
// service that sends still writes.
func TestReconcileOnlyCaseWritesNothing(t *testing.T) {
	cat := embeddedCatalog(t)
	svc, ok := cat.Lookup("HXZG_SB_00045")
	require.True(t, ok)
	require.True(t, svc.Writes)
	rec := sweep.Job{Service: svc, Case: catalog.Case{Name: "rec", Steps: []catalog.Step{{Reconcile: "sbb"}, {Reconcile: "jk"}}}}
	send := sweep.Job{Service: svc, Case: catalog.Case{Name: "send", Steps: []catalog.Step{{Reconcile: "sbb"}, {Service: svc.Code}}}}
	jobs := []sweep.Job{rec, send}
	sweep.SkipWrites(cat, jobs, "readonly")
	assert.Empty(t, jobs[0].Skip)
	assert.False(t, sweep.WritingService(cat, rec).Writes)
	assert.True(t, svc.Writes, "the service itself is unchanged")
	assert.Equal(t, "readonly (HXZG_SB_00045 writes)", jobs[1].Skip)
	planned := sweep.Plan(cat, sweep.Selection{Services: "HXZG_ZS_00377"}, SharedProfile)
	for _, j := range planned {
		if j.Case.Name == "reconcile-etax" {
			assert.Nil(t, j.Writer, "not journalled in flight")
		}
	}
}
