package catalog

import (
	"io"
	"testing"

	"github.com/gt3ct/gt3ct/contracts"
)

// BenchmarkWriteListTable prints the whole catalog as `catalog ls` does.
func BenchmarkWriteListTable(b *testing.B) {
	c, err := Load(contracts.FS())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := WriteList(io.Discard, c.Services, "table"); err != nil {
			b.Fatal(err)
		}
	}
}
