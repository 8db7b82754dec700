package catalog

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The inventory knows 附加税申报 as HXZG_SB_01285 without a tran_id; the public
// map knows SWZJ.HXZG.SB.BCFJSSBB without a name. A site import that links
// them leaves one service, not two with the same tran_id.
func TestImportFoldsTheProvisionalTwinOfARealTranID(t *testing.T) {
	existing := []*Service{
		{Code: "HXZG_SB_01285", TranID: "SWZJ.HXZG.SB.X0425", Name: "附加税申报", Module: "SB", Kind: KindSave, Writes: true, Provisional: true, Source: "inventory"},
		{Code: "HXZG_SB_X0005", TranID: "SWZJ.HXZG.SB.BCFJSSBB", Name: "SWZJ.HXZG.SB.BCFJSSBB", Module: "SB", Kind: KindSave, Writes: true, Provisional: true, Source: "public GitHub"},
	}
	rep, renames, got := mergeRows(existing, []Row{{Code: "HXZG_SB_01285", TranID: "SWZJ.HXZG.SB.BCFJSSBB", Name: "附加税申报"}}, "import:site.tsv")
	require.Len(t, got, 1)
	assert.Equal(t, "HXZG_SB_01285", got[0].Code)
	assert.Equal(t, "SWZJ.HXZG.SB.BCFJSSBB", got[0].TranID)
	assert.False(t, got[0].Provisional)
	assert.Contains(t, got[0].Source, "public GitHub")
	assert.Equal(t, "HXZG_SB_01285", renames["HXZG_SB_X0005"])
	assert.Contains(t, rep.Renamed, "HXZG_SB_X0005 merged into HXZG_SB_01285 (same tran_id)")
}
