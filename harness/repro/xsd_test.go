package repro

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/config"
)

// TestReplayValidatesXSD: a replay goes through the runner, so a contract
// that names a request schema has the replayed request validated against
// it. The schema here wants the flat HXZGSB00045Request (djxh first under
// taxML), which the captured filing (an sbbVO block) is not.
func TestReplayValidatesXSD(t *testing.T) {
	cat := repoCatalog(t)
	prodDB, tp, logged := production(t, cat, "")
	bundle := filepath.Join(t.TempDir(), "bundle")
	_, _, err := Capture(ctx, CaptureOptions{Env: config.Environment{Name: "prod", DB: prodDB, Readonly: true},
		DJXH: tp["djxh"], Message: logged, Out: bundle, Catalog: cat})
	require.NoError(t, err)

	rp, err := Run(ctx, bundle, RunOptions{Env: simEnv(t, "xsd"), Catalog: withRequestXSD(t)})
	require.NoError(t, err)
	var xsd []result.Check
	for _, c := range rp.Checks {
		if c.Kind == result.KindXSD {
			xsd = append(xsd, c)
		}
	}
	require.Len(t, xsd, 1, "%+v", rp.Checks)
	require.Equal(t, "request matches request.xsd", xsd[0].Name)
	require.Equal(t, result.Fail, xsd[0].Status)
	require.Contains(t, xsd[0].Got, "sbbVO")
	require.Equal(t, result.Fail, rp.Status)
}

// withRequestXSD copies the repository's contracts and makes HXZG_SB_00045
// name the test request schema.
func withRequestXSD(t *testing.T) *catalog.Catalog {
	dir := filepath.Join(t.TempDir(), "contracts")
	require.NoError(t, os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "contracts"))))
	svcDir := filepath.Join(dir, "services", service)
	for _, f := range []string{"TaxMLBw_HXZG_SB_00045_Request_V1.0.xsd", "TaxMLBw_Common_V1.0.xsd"} {
		b, err := os.ReadFile(filepath.Join("..", "..", "contracts", "xsd", "testdata", f))
		require.NoError(t, err)
		if strings.Contains(f, "Request") {
			f = "request.xsd"
		}
		require.NoError(t, os.WriteFile(filepath.Join(svcDir, f), b, 0o644))
	}
	yaml := filepath.Join(svcDir, "contract.yaml")
	b, err := os.ReadFile(yaml)
	require.NoError(t, err)
	b = []byte(strings.Replace(string(b), "profile: xgm\n", "profile: xgm\nxsd:\n  request: request.xsd\n", 1))
	require.NoError(t, os.WriteFile(yaml, b, 0o644))
	cat, err := catalog.LoadDir(dir)
	require.NoError(t, err)
	return cat
}
