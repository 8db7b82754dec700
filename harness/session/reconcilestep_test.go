package session

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/sweep"
)

// TestReconcileStepWithoutCallerDatabaseIsSkip: on the built-in sim, which
// configures no etax database, the contract case made of reconcile steps
// is a skip naming the missing database, in run and in the nightly (counted
// as skip there), never a pass; nothing is sent for it.
func TestReconcileStepWithoutCallerDatabaseIsSkip(t *testing.T) {
	const why = "database etax is not configured in env sim"
	res := runCase(t, "", "HXZG_SB_00045", "reconcile-etax")
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

	got, count, _ := runSweep(t, simEnv(t.TempDir()), "", sweep.Selection{Services: "HXZG_SB_00045"}, nil)
	r := got["HXZG_SB_00045/reconcile-etax"]
	assert.Equal(t, result.Skip, r.Status)
	assert.Equal(t, why, r.Error)
	assert.Equal(t, 1, count.Skip, "%+v", count)
	assert.Zero(t, count.Fail+count.Error)
}

// TestReconcileCasePreviewsNothing: render/preview of a case of reconcile
// steps has no message to show (nothing is sent).
func TestReconcileCasePreviewsNothing(t *testing.T) {
	s := open(t, simEnv(t.TempDir()), "", nil)
	svc, ok := s.Catalog.Lookup("HXZG_SB_00045")
	require.True(t, ok)
	job, err := PickCase(s.Catalog, svc, "reconcile-etax")
	require.NoError(t, err)
	previews, err := s.Runner.Preview(svc, job.Case, map[string]string{"djxh": "10114501000000000001"})
	require.NoError(t, err)
	assert.Empty(t, previews)
}

// TestReconcileOnlyCaseWritesNothing: a case made of reconcile steps sends
// nothing, so the read-only guard does not skip it and the in-flight
// journal does not hold it; the writing cases of the same service still
// count as writing.
func TestReconcileOnlyCaseWritesNothing(t *testing.T) {
	cat := embeddedCatalog(t)
	jobs := sweep.Plan(cat, sweep.Selection{Services: "HXZG_SB_00045"}, SharedProfile)
	sweep.SkipWrites(cat, jobs, "readonly")
	byCase := map[string]sweep.Job{}
	for _, j := range jobs {
		byCase[j.Case.Name] = j
	}
	rec, ok := byCase["reconcile-etax"]
	require.True(t, ok)
	assert.Nil(t, rec.Writer)
	assert.Empty(t, rec.Skip)
	assert.False(t, sweep.WritingService(cat, rec).Writes)
	assert.True(t, rec.Service.Writes, "the service itself is unchanged")
	pay := byCase["file-and-pay"]
	require.NotNil(t, pay.Writer)
	assert.Equal(t, "HXZG_SB_00045", pay.Writer.Code)
	assert.Equal(t, "readonly (HXZG_SB_00045 writes)", pay.Skip)
}
