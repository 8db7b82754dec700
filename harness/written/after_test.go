package written

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/internal/coredb"
)

// After reads nothing before the call: rows carrying an identifier of the
// call count as written whatever their stamps, rows found only by the
// taxpayer's DJXH count when stamped at or after the call's start.
func TestAfterFindsRowsByKeysAndStamps(t *testing.T) {
	ctx := context.Background()
	db := sqliteCore(t)
	const djxh, sbuuid = "10114501000000000001", "0123456789ABCDEF0123456789ABCDEF"
	rows := []struct {
		table string
		row   map[string]string
	}{
		{"HX_DJ.DJ_NSRXX", map[string]string{"DJXH": djxh, "NSRMC": "x", "LRRQ": "2025-01-01 08:00:00", "XGRQ": "2025-07-01 09:59:59"}},
		{"HX_RD.RD_NSRZG", map[string]string{"ZGUUID": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "DJXH": djxh, "LRRQ": "2025-07-01 10:00:00"}},
		{"HX_SB.SB_SBB", map[string]string{"SBUUID": sbuuid, "PZXH": "10014501000000000009", "DJXH": djxh, "LRRQ": "2025-07-01 09:00:00"}},
		{"HX_SB.SB_SBB", map[string]string{"SBUUID": "FEDCBA9876543210FEDCBA9876543210", "PZXH": "10014501000000000008", "DJXH": djxh, "LRRQ": "2025-06-01 09:00:00"}},
	}
	for _, r := range rows {
		tb, ok := coredb.Find(r.table)
		require.True(t, ok)
		require.NoError(t, db.Insert(ctx, db, tb, r.row))
	}
	since := time.Date(2025, 7, 1, 10, 0, 0, 500, time.Local)
	w, err := After(check.SQLQuerier{DB: db}, since).Written(ctx, map[string]string{"djxh": djxh, "sbuuid": sbuuid})
	require.NoError(t, err)
	got := map[string][]string{}
	for _, tb := range w.Tables() {
		for _, r := range w[tb] {
			got[tb] = append(got[tb], r["LRRQ"])
		}
	}
	assert.Equal(t, map[string][]string{
		"HX_RD.RD_NSRZG": {"2025-07-01 10:00:00"}, // found by DJXH, entered during the call
		"HX_SB.SB_SBB":   {"2025-07-01 09:00:00"}, // found by the call's SBUUID: its stamp does not matter
	}, got)
}
