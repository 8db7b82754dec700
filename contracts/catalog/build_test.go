package catalog

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// contractsDir is the repository's contracts folder, seen from this package.
const contractsDir = ".."

func TestBuildFromInventories(t *testing.T) {
	services, err := Build(contractsDir, nil)
	require.NoError(t, err)
	c := &Catalog{Services: services}

	inv, err := readInventory(filepath.Join(contractsDir, InventoryFile))
	require.NoError(t, err)
	keys := map[string]bool{}
	for _, s := range services {
		keys[NormalizeName(s.Name)] = true
	}
	distinct := map[string]bool{}
	for _, r := range inv {
		distinct[NormalizeName(r.Name)] = true
		_, coded := c.Lookup(r.Code)
		assert.True(t, keys[NormalizeName(r.Name)] || (r.Code != "" && coded), "inventory name %q (line %d) not in the catalog", r.Name, r.Line)
	}
	assert.GreaterOrEqual(t, len(services), len(distinct))
	assert.Greater(t, len(distinct), 850)

	s, ok := c.Lookup("hxzg_rd_00073")
	require.True(t, ok)
	assert.Equal(t, "SWZJ.HXZG.RD.CXSFZRDXX", s.TranID)
	assert.False(t, s.Provisional)

	seen := map[string]bool{}
	for _, s := range services {
		assert.False(t, seen[s.Code], "duplicate code %s", s.Code)
		seen[s.Code] = true
		assert.Equal(t, IsProvisionalCode(s.Code) || IsProvisionalTranID(s.TranID), s.Provisional, s.Code)
		assert.NotEmpty(t, s.Kind, s.Code)
	}
}

// TestBuildIsStable: building twice gives the same bytes, and building over
// the committed catalog file changes nothing.
func TestBuildIsStable(t *testing.T) {
	render := func(prev []*Service) []byte {
		services, err := Build(contractsDir, prev)
		require.NoError(t, err)
		var b bytes.Buffer
		require.NoError(t, WriteTSV(&b, services))
		return b.Bytes()
	}
	first := render(nil)
	parsed, err := ReadTSV(bytes.NewReader(first), "first")
	require.NoError(t, err)
	assert.Empty(t, lineDiff(first, render(parsed)), "second build differs")
	committed, err := os.ReadFile(filepath.Join(contractsDir, File))
	require.NoError(t, err)
	prev, err := ReadTSV(bytes.NewReader(committed), File)
	require.NoError(t, err)
	assert.Empty(t, lineDiff(committed, render(prev)), "contracts/catalog.tsv is stale: run gt3ct catalog build")
}

// lineDiff returns the lines of a that b lacks and of b that a lacks.
func lineDiff(a, b []byte) []string {
	count := map[string]int{}
	for _, l := range strings.Split(string(a), "\n") {
		count[l]++
	}
	for _, l := range strings.Split(string(b), "\n") {
		count[l]--
	}
	var out []string
	for l, n := range count {
		if n != 0 {
			out = append(out, fmt.Sprintf("%+d %s", n, l))
		}
	}
	return out
}
