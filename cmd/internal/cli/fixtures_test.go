package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/fixtures/ident"
	"github.com/gt3ct/gt3ct/fixtures/seed"
	"github.com/gt3ct/gt3ct/internal/coredb"
)

func fixturesMain(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(context.Background(), args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestFixturesGen(t *testing.T) {
	code, out, errOut := fixturesMain(t, "fixtures", "gen", "--profile", "ybnsr", "--count", "3", "--seed", "4")
	require.Equal(t, 0, code, errOut)
	var tps []map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &tps))
	require.Len(t, tps, 3)
	require.True(t, ident.IsTestDJXH(tps[0]["djxh"].(string)))
	require.Empty(t, errOut, "a given seed is not announced")

	code, _, errOut = fixturesMain(t, "fixtures", "gen")
	require.Equal(t, 0, code)
	require.Contains(t, errOut, "fixtures: --seed ", "a clock seed is printed so the run can be repeated")

	code, _, errOut = fixturesMain(t, "fixtures", "gen", "--format", "xml")
	require.Equal(t, 2, code)
	require.Contains(t, errOut, `--format "xml": want json or table`)
}

func TestFixturesSeedClean(t *testing.T) {
	dir := t.TempDir()
	dsn := "sqlite:" + filepath.Join(dir, "sim", "core.db")
	t.Chdir(dir)
	code, out, errOut := fixturesMain(t, "fixtures", "seed", "--db", dsn, "--profile", "gtgsh", "--count", "4", "--seed", "9")
	require.Equal(t, 0, code, errOut)
	require.Contains(t, out, "seeded 4 gtgsh taxpayer(s)")
	require.Regexp(t, `HX_RD.RD_SFZRDXXB\s+16`, out)

	db, err := coredb.Open(context.Background(), dsn)
	require.NoError(t, err)
	counts, err := seed.Counts(context.Background(), db)
	db.Close()
	require.NoError(t, err)
	require.Equal(t, 4, counts["HX_DJ.DJ_NSRXX"])

	code, out, errOut = fixturesMain(t, "fixtures", "clean", "--db", dsn, "--format", "json")
	require.Equal(t, 0, code, errOut)
	var rep seed.Report
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	require.Equal(t, 4, rep.Seeded["HX_DJ.DJ_NSRXX"])
	require.Empty(t, rep.Remaining)
}

func TestFixturesRefusedOnReadonly(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	db := filepath.Join(dir, "prod.db")
	cfg := filepath.Join(dir, "gt3ct.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte("environments:\n  prod:\n    db: sqlite:"+db+"\n    readonly: true\n"), 0o600))
	for _, cmd := range []string{"seed", "clean"} {
		code, _, errOut := fixturesMain(t, "fixtures", cmd, "--config", cfg, "--env", "prod")
		require.Equal(t, 2, code, cmd)
		require.Contains(t, errOut, `environment "prod" is readonly`)
		require.Equal(t, 1, strings.Count(strings.TrimSpace(errOut), "\n")+1, "one-line reason")
	}
	_, err := os.Stat(db)
	require.True(t, os.IsNotExist(err), "a refused command never opens the database")
}
