package written

import (
	"context"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/internal/coredb"
)

// BenchmarkSnapshot is what a writing step of a nightly costs on SQLite:
// the rows before (Take) and after (Written) of a taxpayer holding rows in
// four tables, as a seeded test taxpayer does (seven rows in all).
func BenchmarkSnapshot(b *testing.B) {
	ctx := context.Background()
	db := sqliteCore(b)
	const djxh = "10114501000000000001"
	insert := func(table string, row map[string]string) {
		tb, ok := coredb.Find(table)
		require.True(b, ok, table)
		require.NoError(b, db.Insert(ctx, db, tb, row))
	}
	insert("HX_DJ.DJ_NSRXX", map[string]string{"DJXH": djxh, "NSRMC": "测试纳税人", "NSRSBH": "91450100MA5L000001"})
	insert("HX_DJ.DJ_NSRXX_KZ", map[string]string{"DJXH": djxh})
	insert("HX_ZS.ZS_SKY_SFXY", map[string]string{"DJXH": djxh, "SFXYUUID": "0123456789ABCDEF0123456789ABCDEF"})
	for i := range 4 {
		insert("HX_RD.RD_SFZRDXXB", map[string]string{"DJXH": djxh, "RDPZUUID": "0123456789ABCDEF0123456789ABCD0" + strconv.Itoa(i)})
	}
	q := check.SQLQuerier{DB: db}
	vars := map[string]string{"djxh": djxh}
	b.ReportAllocs()
	for b.Loop() {
		s, err := Take(ctx, q, vars)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Written(ctx, vars); err != nil {
			b.Fatal(err)
		}
	}
}
