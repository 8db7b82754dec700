package cli

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/coredb"
)

// reconcileSite makes a core database with one payable and an e-tax
// database from the synthetic schema holding etaxRows, and a gt3ct.yaml
// whose env "site" names both.
func reconcileSite(t *testing.T, etaxRows string) string {
	t.Helper()
	schema, err := os.ReadFile(filepath.Join("..", "..", "..", "harness", "reconcile", "testdata", "etax.sql"))
	require.NoError(t, err, "the synthetic e-tax schema")
	dir := t.TempDir()
	t.Chdir(dir)
	ctx := context.Background()
	core, err := coredb.Open(ctx, "sqlite:"+filepath.Join(dir, "core.db"))
	require.NoError(t, err)
	require.NoError(t, core.CreateSchema(ctx))
	_, err = core.ExecContext(ctx, `INSERT INTO HX_ZS.ZS_YJSF (ZSUUID, DJXH, YZPZXH, ZSXM_DM, SKSSQQ, SKSSQZ, YBTSE, ZFBZ_1)
		VALUES ('u1', '10114501029900000001', '10014501000000000001', '10101', '2025-04-01', '2025-06-30', 3000.37, 'N')`)
	require.NoError(t, err)
	require.NoError(t, core.Close())
	etax, err := coredb.Open(ctx, "sqlite:"+filepath.Join(dir, "etax.db"))
	require.NoError(t, err)
	_, err = etax.ExecContext(ctx, string(schema)+etaxRows)
	require.NoError(t, err)
	require.NoError(t, etax.Close())
	cfg := "environments:\n  site:\n    endpoint: http://127.0.0.1:9/\n    db: sqlite:core.db\n    databases: {etax: sqlite:etax.db}\n"
	require.NoError(t, os.WriteFile("gt3ct.yaml", []byte(cfg), 0o600))
	return dir
}

func TestReconcileCommand(t *testing.T) {
	filing := `INSERT INTO etax_sbb (sbxh, djxh, pzxh, sbbzl, qsrq, zzrq, hjje, zfbz) VALUES
		('E1', '10114501029900000001', '10014501000000000001', 'ZZS', '2025-04-01', '2025-06-30', 3000.37, 'N');`
	type testCase struct {
		name, rows string
		want       []string
		code       int
	}
	run := func(t *testing.T, tc testCase) {
		reconcileSite(t, filing+tc.rows)
		code, out, errOut := runCLI("reconcile", "yjsf", "--env", "site", "--djxh", "10114501029900000001")
		require.Equal(t, tc.code, code, "%s%s", out, errOut)
		for _, w := range tc.want {
			require.Contains(t, out, w)
		}
	}
	for _, tc := range []testCase{
		{name: "same payable: exit 0", code: 0, want: []string{"CLEAN: 1 rows match"},
			rows: `INSERT INTO etax_sbmx VALUES ('E1', '10114501029900000001', '10014501000000000001', '10101', '2025-04-01', '2025-06-30', 3000.37);`},
		{name: "amount differs: exit 1 naming key, column and both values", code: 1, want: []string{"YZPZXH=10014501000000000001", "ZSXM_DM=10101", "YBTSE", "3000.3", "3000.37"},
			rows: `INSERT INTO etax_sbmx VALUES ('E1', '10114501029900000001', '10014501000000000001', '10101', '2025-04-01', '2025-06-30', 3000.30);`},
		{name: "line missing on the caller's side: exit 1", code: 1, want: []string{"only the core", "YZPZXH=10014501000000000001"},
			rows: ``},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}
