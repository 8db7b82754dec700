package layering

import (
	"bufio"
	"os/exec"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestUpward(t *testing.T) {
	for _, tc := range []struct {
		from, to string
		want     bool
	}{
		{Module + "/cmd/internal/cli", Module + "/reports", false},
		{Module + "/harness/repro", Module + "/reports", true},
		{Module + "/internal/coredb", Module + "/fixtures/sim", true},
		{Module + "/fixtures/sim", Module + "/internal/coredb", false},
		{Module + "/harness/check", Module + "/harness/envelope", false},
		{Module + "/harness/check", "github.com/beevik/etree", false},
	} {
		require.Equal(t, tc.want, Upward(tc.from, tc.to), "%s -> %s", tc.from, tc.to)
	}
}

// goList runs `go list` over the module with a template printing a package
// and its imports of one kind, one package per line.
func goList(t *testing.T, field string) map[string][]string {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}} {{join ."+field+" \" \"}}", Module+"/...").Output()
	require.NoError(t, err)
	m := map[string][]string{}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) > 0 {
			m[f[0]] = f[1:]
		}
	}
	return m
}

func TestImportsOnlyPointDown(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list over the module")
	}
	for _, field := range []string{"Imports", "TestImports", "XTestImports"} {
		for pkg, imps := range goList(t, field) {
			for _, imp := range imps {
				require.False(t, Upward(pkg, imp), "%s (%s) imports %s, a floor above it", pkg, field, imp)
			}
		}
	}
}

func TestProductBinaryDoesNotLinkTheBenchDriver(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list over the module")
	}
	out, err := exec.Command("go", "list", "-deps", Module+"/cmd/gt3ct").Output()
	require.NoError(t, err)
	require.NotContains(t, string(out), Module+"/cmd/gt3ct-bench")
}
