package catalog

import (
	"io/fs"
	"os"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gotest.tools/v3/golden"

	"github.com/gt3ct/gt3ct/contracts"
)

// The preparsed form embedded in the binary is the embedded contracts,
// every field as a parse gives it (an encoding that dropped anything —
// gob drops a pointer to false — fails here). go test -update rewrites it.
func TestPreparsedIsCurrent(t *testing.T) {
	if golden.FlagUpdate() {
		b, err := encodePreparsed(contracts.FS())
		require.NoError(t, err)
		require.NoError(t, os.WriteFile("../preparsed.jsonl", b, 0o644))
		t.Skip("contracts/preparsed.jsonl rewritten: it is embedded at build time, so run the test again to check it")
	}
	got, ok := embeddedContracts(contracts.FS(), embeddedOrigin)
	require.True(t, ok, "contracts/preparsed.jsonl is stale: go test ./contracts/catalog -run TestPreparsedIsCurrent -update")
	want := parseAll(contracts.FS(), embeddedOrigin)
	require.Len(t, got, len(want))
	for i := range want {
		require.NoError(t, want[i].err)
		assert.Equal(t, want[i], got[i], want[i].code)
	}
}

// Contracts that differ from the preparsed ones (a file changed, one
// added) are parsed, never taken from it.
func TestStalePreparsedIsNotUsed(t *testing.T) {
	changed := fstest.MapFS{}
	require.NoError(t, fs.WalkDir(contracts.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(contracts.FS(), p)
		changed[p] = &fstest.MapFile{Data: b}
		return err
	}))
	_, ok := embeddedContracts(changed, embeddedOrigin)
	require.True(t, ok, "an exact copy matches")
	f := changed["services/HXZG_SB_00045/contract.yaml"]
	f.Data = append(append([]byte{}, f.Data...), "\n# edited\n"...)
	_, ok = embeddedContracts(changed, embeddedOrigin)
	assert.False(t, ok, "an edited contract")
	f.Data = f.Data[:len(f.Data)-len("\n# edited\n")]
	changed["services/HXZG_ZZ_99999/contract.yaml"] = &fstest.MapFile{Data: []byte("code: HXZG_ZZ_99999\n")}
	_, ok = embeddedContracts(changed, embeddedOrigin)
	assert.False(t, ok, "a contract added")
}
