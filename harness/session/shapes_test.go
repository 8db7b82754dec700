package session

import (
	"context"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/fixtures/sim"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/sweep"
)

// verifiedCodes lists the services whose contracts also check the database.
func verifiedCodes(cat *catalog.Catalog) []string {
	var out []string
	for _, s := range cat.Services {
		if s.Level == catalog.LevelVerified {
			out = append(out, s.Code)
		}
	}
	sort.Strings(out)
	return out
}

// CI: every verified contract passes under every answer shape of the
// simulator (a real core answers in any of them).
func TestVerifiedContractsPassUnderEveryShape(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every verified contract three times")
	}
	codes := verifiedCodes(embeddedCatalog(t))
	require.NotEmpty(t, codes)
	for _, shape := range sim.Shapes() {
		t.Run(shape, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			cat := embeddedCatalog(t)
			s, err := Open(context.Background(), Options{Env: simEnv(dir), Catalog: cat,
				SimShape: shape, Seed: 20260701})
			require.NoError(t, err)
			out := filepath.Join(dir, "run")
			_, err = s.Nightly(context.Background(), NightlyOptions{Parallel: 8, Out: out, Mask: true,
				Selection: sweep.Selection{Services: strings.Join(codes, ",")}})
			require.NoError(t, err)
			_, err = s.Close(context.Background())
			require.NoError(t, err)
			got := readResults(t, out)
			require.NotEmpty(t, got)
			var bad []string
			for key, r := range got {
				want := result.Pass
				if sendsNothing(cat, r.Service, r.Case) {
					want = result.Skip // a reconcile-only case: the sim env has no e-tax database
				}
				if r.Status != want {
					bad = append(bad, key+": "+string(r.Status)+" "+r.Error+" "+checkDetails(r))
				}
			}
			sort.Strings(bad)
			require.Empty(t, bad, "shape %s", shape)
		})
	}
}

// checkDetails joins the details of a result's failed checks.
func checkDetails(r result.Result) string {
	var out []string
	for _, c := range failedChecks(r) {
		out = append(out, c.Name+": "+c.Detail)
	}
	return strings.Join(out, "; ")
}

// sendsNothing reports whether a case of service code only compares
// databases (every step a reconcile step).
func sendsNothing(cat *catalog.Catalog, code, name string) bool {
	svc, ok := cat.Lookup(code)
	if !ok || svc.Contract == nil {
		return false
	}
	for _, c := range svc.Contract.Cases {
		if c.Name == name {
			return c.SendsNothing()
		}
	}
	return false
}
