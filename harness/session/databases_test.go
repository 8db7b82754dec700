package session

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts"
	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/result"
)

// TestDBCheckNamesItsDatabase: a db check with db: etax reads the env's
// etax database, not the core; a name the env does not configure fails
// with the names it does; a readonly env's named database refuses writes.
func TestDBCheckNamesItsDatabase(t *testing.T) {
	cat, err := catalog.Load(contracts.FS())
	require.NoError(t, err)
	svc, ok := cat.Lookup("HXZG_SB_00045")
	require.True(t, ok)
	st := &svc.Contract.Cases[0].Steps[1] // the save
	st.DB = append(st.DB,
		catalog.DBCheck{Name: "etax side", DB: "etax", SQL: "SELECT COUNT(*) AS N FROM sqlite_master WHERE name = 'etax_only'",
			Rows: []map[string]string{{"N": "1"}}},
		catalog.DBCheck{Name: "core side", SQL: "SELECT COUNT(*) AS N FROM sqlite_master WHERE name = 'etax_only'",
			Rows: []map[string]string{{"N": "0"}}},
		catalog.DBCheck{Name: "unknown side", DB: "gs", SQL: "SELECT 1 AS N", Rows: []map[string]string{{"N": "1"}}})
	dir := t.TempDir()
	env := simEnv(dir)
	env.Databases = map[string]string{"etax": "sqlite:" + filepath.Join(dir, "etax.db")}
	s := openWith(t, env, "", cat)
	_, err = s.Target.Named["etax"].ExecContext(context.Background(), "CREATE TABLE etax_only (x TEXT)")
	require.NoError(t, err)
	job, err := PickCase(cat, svc, svc.Contract.Cases[0].Name)
	require.NoError(t, err)
	res, err := s.RunJob(context.Background(), job, nil)
	require.NoError(t, err)
	byName := map[string]result.Check{}
	for _, c := range res.Checks {
		byName[bare(c.Name)] = c
	}
	assert.Equal(t, result.Pass, byName["etax side"].Status, "%+v", byName["etax side"])
	assert.Equal(t, result.Pass, byName["core side"].Status, "%+v", byName["core side"])
	assert.Equal(t, result.Fail, byName["unknown side"].Status)
	assert.Equal(t, `database "gs" is not configured (the env's databases: etax)`, byName["unknown side"].Got)

	s.Target.Env.Readonly = true
	_, _, err = s.Target.Queriers()["etax"].QueryRows(context.Background(), "DELETE FROM etax_only", nil)
	assert.ErrorContains(t, err, "database etax is read-only on a readonly environment")
}
