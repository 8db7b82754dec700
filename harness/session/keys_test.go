package session

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/fixtures/seed"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/errs"
)

func TestKeysIn(t *testing.T) {
	body := `<?xml version="1.0" encoding="GBK"?><taxML><sbjgVO><SBUUID>AB12</SBUUID><pzxh> 10014526 </pzxh><pzxh>10014526</pzxh><nsrmc>x</nsrmc></sbjgVO></taxML>`
	assert.Equal(t, map[string][]string{"SBUUID": {"AB12"}, "PZXH": {"10014526"}}, KeysIn(body))
	assert.Empty(t, KeysIn("<taxML><sbuuid>"))
}

// TestCloseProvesTheFilingTrailGone: a filing save's answer keys go to the
// run's ledger; a detail row the save left without DJXH makes Close a
// Finding naming table and key instead of a clean "remaining 0".
func TestCloseProvesTheFilingTrailGone(t *testing.T) {
	ctx := context.Background()
	s := open(t, simEnv(t.TempDir()), "", nil)
	svc, _ := s.Catalog.Lookup("HXZG_SB_00045")
	job, err := PickCase(s.Catalog, svc, "")
	require.NoError(t, err)
	res, err := s.RunJob(ctx, job, nil)
	require.NoError(t, err)
	require.Equal(t, result.Pass, res.Status, "%+v", failedChecks(res))
	var sbuuid string
	for _, e := range s.Ledger.Entries {
		if e.Table == seed.KeyTable && e.KeyCols[0] == "SBUUID" {
			sbuuid = e.KeyVals[0]
		}
	}
	require.NotEmpty(t, sbuuid, "the save's SBUUID is in the ledger: %+v", s.Ledger.Entries)
	_, err = s.Target.DB.Exec(ctx, "UPDATE HX_SB.SB_SBXX SET DJXH = NULL WHERE SBUUID = :u", map[string]string{"u": sbuuid})
	require.NoError(t, err)
	rep, err := s.Close(ctx)
	require.Error(t, err)
	assert.Equal(t, errs.Finding, errs.KindOf(err))
	assert.Contains(t, err.Error(), "HX_SB.SB_SBXX SBUUID="+sbuuid+" DJXH NULL")
	assert.NotZero(t, rep.Remaining["HX_SB.SB_SBXX"])
}

// TestCloseReportsSimOrphanDetail: the simulator's orphan-detail fault
// (SB_SBXX written without DJXH) makes Close a Finding naming the detail
// table and the save's SBUUID.
func TestCloseReportsSimOrphanDetail(t *testing.T) {
	ctx := context.Background()
	s := open(t, simEnv(t.TempDir()), "orphan-detail", nil)
	svc, _ := s.Catalog.Lookup("HXZG_SB_00045")
	job, err := PickCase(s.Catalog, svc, "")
	require.NoError(t, err)
	_, err = s.RunJob(ctx, job, nil)
	require.NoError(t, err)
	_, err = s.Close(ctx)
	require.Error(t, err)
	assert.Equal(t, errs.Finding, errs.KindOf(err))
	assert.Contains(t, err.Error(), "HX_SB.SB_SBXX SBUUID=")
	assert.Contains(t, err.Error(), "DJXH NULL")
}
