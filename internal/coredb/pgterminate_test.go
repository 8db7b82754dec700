package coredb_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/coredb/coredbtest"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// TestPostgresAdminShutdown kills backends with pg_terminate_backend (SQLSTATE
// 57P01 admin_shutdown) and shows both outcomes callers see: a query pinned
// to the killed connection fails with one clear errs.Transient line, and a
// query through the pool afterwards succeeds (database/sql drops the dead
// connection, Select retries transient errors).
func TestPostgresAdminShutdown(t *testing.T) {
	db := coredbtest.FreshPostgres(t)
	ctx := context.Background()
	require.NoError(t, db.CreateSchema(ctx))
	tb, _ := coredb.Find("HX_DM_QG.DM_GY_ZSXM")
	require.NoError(t, db.Insert(ctx, nil, tb, map[string]string{"ZSXM_DM": "10101", "ZSXMMC": "增值税", "YXBZ": "Y"}))
	db.SetMaxIdleConns(4)

	conn, err := db.Conn(ctx)
	require.NoError(t, err)
	defer conn.Close()
	var pid int
	require.NoError(t, conn.QueryRowContext(ctx, "SELECT pg_backend_pid()").Scan(&pid))
	warm, err := db.Select(ctx, "SELECT ZSXMMC FROM HX_DM_QG.DM_GY_ZSXM", nil) // a second, idle pool connection
	require.NoError(t, err)
	require.Len(t, warm, 1)

	// From a separate connection, kill every other backend of this
	// database: the pinned one and the idle one (OFFSET 0 keeps the planner
	// from calling pg_terminate_backend before the pid filter).
	admin, err := coredb.Open(ctx, db.Source)
	require.NoError(t, err)
	defer admin.Close()
	rows, err := admin.Select(ctx, `SELECT COUNT(pg_terminate_backend(pid)) AS N FROM (SELECT pid FROM pg_stat_activity
		WHERE datname = current_database() AND pid <> pg_backend_pid() OFFSET 0) s`, nil)
	require.NoError(t, err)
	require.Equal(t, "2", rows[0]["N"].S)

	var one int
	err = conn.QueryRowContext(ctx, "SELECT 1").Scan(&one)
	require.Error(t, err, "the pinned connection was killed")
	c := coredb.Classify("db query", err)
	assert.True(t, errs.Is(c, errs.Transient), "%v", c)
	assert.NotContains(t, c.Error(), "\n")
	assert.True(t, strings.HasPrefix(c.Error(), "db query: connection lost: "), c.Error())
	t.Logf("pinned connection: %v", c)

	rows, err = db.Select(ctx, "SELECT ZSXMMC FROM HX_DM_QG.DM_GY_ZSXM WHERE ZSXM_DM = :dm", map[string]string{"dm": "10101"})
	require.NoError(t, err, "the pool reconnects")
	require.Len(t, rows, 1)
	assert.Equal(t, "增值税", rows[0]["ZSXMMC"].S)
}
