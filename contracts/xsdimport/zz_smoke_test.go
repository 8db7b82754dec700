package xsdimport

import (
	"os"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSmokeTmp(t *testing.T) {
	dir := copyContracts(t)
	rep, err := Import(Options{Bundle: bundle, Contracts: dir})
	require.NoError(t, err)
	rep.Print(os.Stdout)
	b, _ := os.ReadFile(dir + "/services/HXZG_RD_00301/contract.yaml")
	os.Stdout.Write(b)
	b, _ = os.ReadFile(dir + "/services/HXZG_RD_00301/request.xml")
	os.Stdout.Write(b)
	b, _ = os.ReadFile(dir + "/services/HXZG_ZS_10248/contract.yaml")
	os.Stdout.Write(b)
	b, _ = os.ReadFile(dir + "/inventory/xsd-import.tsv")
	os.Stdout.Write(b)
}
