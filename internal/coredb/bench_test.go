package coredb

import (
	"context"
	"fmt"
	"testing"
)

func BenchmarkBind(b *testing.B) {
	q := "SELECT * FROM HX_SB.SB_SBB WHERE DJXH = :djxh AND PZXH = :pzxh AND SKSSQQ >= :qq AND ':x' <> 'y'"
	p := map[string]any{"djxh": "10114501000000000001", "pzxh": "10014524000000000001", "qq": "2024-01-01"}
	for _, d := range []Dialect{SQLite, Postgres, Oracle} {
		b.Run(string(d), func(b *testing.B) {
			for b.Loop() {
				if _, _, err := Bind(d, q, p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSelect reads 1000 SB_SBB rows (14 columns) from in-memory SQLite
// through Select: binding, the query and normalising every value.
func BenchmarkSelect(b *testing.B) {
	ctx := context.Background()
	db, err := Open(ctx, "sqlite::memory:")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if err := db.CreateSchema(ctx); err != nil {
		b.Fatal(err)
	}
	t, _ := Find("HX_SB.SB_SBB")
	for i := range 1000 {
		row := map[string]string{"SBUUID": fmt.Sprintf("%032d", i), "PZXH": fmt.Sprintf("100145240000%08d", i),
			"DJXH": "10114501000000000001", "SKSSQQ": "2024-01-01", "SKSSQZ": "2024-01-31", "YBTSE": "1234.50", "LRRQ": "2024-02-10 09:30:00"}
		if err := db.Insert(ctx, nil, t, row); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		rows, err := db.Select(ctx, "SELECT * FROM HX_SB.SB_SBB WHERE DJXH = :djxh", map[string]string{"djxh": "10114501000000000001"})
		if err != nil || len(rows) != 1000 {
			b.Fatal(err, len(rows))
		}
	}
}
