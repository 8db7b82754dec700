package sweep

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts"
	"github.com/gt3ct/gt3ct/contracts/catalog"
)

// TestReconcileOnlyCaseWritesNothing: a case made of reconcile steps sends
// nothing, so the read-only guard does not skip it and the in-flight
// journal does not hold it; the writing cases of the same service still
// count as writing.
func TestReconcileOnlyCaseWritesNothing(t *testing.T) {
	cat, err := catalog.Load(contracts.FS())
	require.NoError(t, err)
	jobs := Plan(cat, Selection{Services: "HXZG_SB_00045"}, "xgm")
	SkipWrites(cat, jobs, "readonly")
	byCase := map[string]Job{}
	for _, j := range jobs {
		byCase[j.Case.Name] = j
	}
	rec, ok := byCase["reconcile-etax"]
	require.True(t, ok)
	assert.Nil(t, rec.Writer)
	assert.Empty(t, rec.Skip)
	assert.False(t, WritingService(cat, rec).Writes)
	assert.True(t, rec.Service.Writes, "the service itself is unchanged")
	pay := byCase["file-and-pay"]
	require.NotNil(t, pay.Writer)
	assert.Equal(t, "HXZG_SB_00045", pay.Writer.Code)
	assert.Equal(t, "readonly (HXZG_SB_00045 writes)", pay.Skip)
}
