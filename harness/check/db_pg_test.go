package check

import (
	"context"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/coredb"
)

// TestRunDBPostgres runs the payable check against PostgreSQL when
// GT3CT_PG_DSN names one: NUMERIC and TIMESTAMP come back in their own
// shapes there, and the comparison must still hold.
func TestRunDBPostgres(t *testing.T) {
	dsn := os.Getenv("GT3CT_PG_DSN")
	if dsn == "" {
		t.Skip("GT3CT_PG_DSN not set")
	}
	ctx := context.Background()
	db, err := coredb.Open(ctx, dsn)
	require.NoError(t, err)
	defer db.Close()
	require.NoError(t, db.CreateSchema(ctx))
	clean := func() {
		_, err := db.ExecContext(ctx, db.Rebind("DELETE FROM HX_ZS.ZS_YJSF WHERE YZPZXH = ?"), pzxh)
		require.NoError(t, err)
	}
	clean()
	defer clean()
	_, err = db.ExecContext(ctx, yjsf("B0000000000000000000000000000001", "10101", "2026-07-01", "1234.56", "'N'"))
	require.NoError(t, err)
	chk, tbl := RunDB(ctx, SQLQuerier{DB: db}, yjsfCheck(), params(), renderWith(params()))
	assert.Equal(t, result.Pass, chk.Status, chk.Detail)
	require.Len(t, tbl.Rows, 1)

	dc := yjsfCheck()
	dc.Rows[0]["ybtse"] = "1234.57"
	chk, _ = RunDB(ctx, SQLQuerier{DB: db}, dc, params(), renderWith(params()))
	assert.Equal(t, "HX_ZS.ZS_YJSF[YZPZXH="+pzxh+",ZSXM_DM=10101].YBTSE: want 1234.57, got 1234.56", chk.Detail)
}
