package check

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func row(kv ...string) Row {
	r := Row{}
	for i := 0; i+1 < len(kv); i += 2 {
		r[kv[i]] = Want(kv[i+1])
	}
	return r
}

func TestCompareRows(t *testing.T) {
	type testCase struct {
		name      string
		want, got []Row
		key       []string
		ignore    []string
		opts      Options
		out       []string
	}
	def := DefaultOptions()
	a := row("ZSUUID", "A1", "YBTSE", "1234.56", "SKSSQQ", "2026-07-01")
	b := row("ZSUUID", "A2", "YBTSE", "10.00", "SKSSQQ", "2026-07-01")
	run := func(t *testing.T, tc testCase) {
		var got []string
		for _, m := range CompareRows(tc.want, tc.got, tc.key, tc.ignore, tc.opts) {
			got = append(got, m.String())
		}
		assert.Equal(t, tc.out, got)
	}
	for _, tc := range []testCase{
		{name: "same rows other order", want: []Row{a, b}, key: []string{"zsuuid"}, opts: def,
			got: []Row{row("zsuuid", "A2", "ybtse", "1E1", "skssqq", "2026-07-01 00:00:00", "lrrq", "x"),
				row("ZsUuid", "A1 ", "YBTSE", "1234.560", "SKSSQQ", "2026-07-01T00:00:00Z")}},
		{name: "wrong amount", want: []Row{a}, key: []string{"ZSUUID"}, opts: def,
			got: []Row{row("ZSUUID", "A1", "YBTSE", "1234.57", "SKSSQQ", "2026-07-01")},
			out: []string{"[ZSUUID=A1].YBTSE: want 1234.56, got 1234.57"}},
		{name: "wrong period", want: []Row{a}, key: []string{"ZSUUID"}, opts: def,
			got: []Row{row("ZSUUID", "A1", "YBTSE", "1234.56", "SKSSQQ", "2026-06-01")},
			out: []string{"[ZSUUID=A1].SKSSQQ: want 2026-07-01, got 2026-06-01"}},
		{name: "ignored column", want: []Row{a}, key: []string{"ZSUUID"}, ignore: []string{"skssqq"}, opts: def,
			got: []Row{row("ZSUUID", "A1", "YBTSE", "1234.56", "SKSSQQ", "2026-06-01")}},
		{name: "missing and extra", want: []Row{a, b}, key: []string{"ZSUUID"}, opts: def,
			got: []Row{row("ZSUUID", "A1", "YBTSE", "1234.56", "SKSSQQ", "2026-07-01"), row("ZSUUID", "A3", "YBTSE", "1", "SKSSQQ", "2026-07-01")},
			out: []string{"[ZSUUID=A2]: missing row", "[ZSUUID=A3]: unexpected row"}},
		{name: "duplicate key", want: []Row{a}, key: []string{"ZSUUID"}, opts: def,
			got: []Row{a, row("ZSUUID", "A1", "YBTSE", "1234.56", "SKSSQQ", "2026-07-01")},
			out: []string{"[ZSUUID=A1]: duplicate key, 2 rows"}},
		{name: "composite key", want: []Row{row("DJXH", "1", "ZSXM_DM", "10101", "YBTSE", "5")}, key: []string{"DJXH", "ZSXM_DM"}, opts: def,
			got: []Row{row("DJXH", "1", "ZSXM_DM", "10109", "YBTSE", "5")},
			out: []string{"[DJXH=1,ZSXM_DM=10101]: missing row", "[DJXH=1,ZSXM_DM=10109]: unexpected row"}},
		{name: "column not selected", want: []Row{a}, key: []string{"ZSUUID"}, opts: def,
			got: []Row{row("ZSUUID", "A1", "YBTSE", "1234.56")},
			out: []string{"[ZSUUID=A1].SKSSQQ: want 2026-07-01, got (column not selected)"}},
		{name: "NULL vs empty default", want: []Row{row("K", "1", "C", "")}, key: []string{"K"}, opts: def,
			got: []Row{{"K": Str("1"), "C": Null()}}},
		{name: "NULL vs empty strict", want: []Row{row("K", "1", "C", "")}, key: []string{"K"}, opts: Options{},
			got: []Row{{"K": Str("1"), "C": Null()}},
			out: []string{"[K=1].C: want '', got NULL"}},
		{name: "want NULL got x", want: []Row{row("K", "1", "C", "NULL")}, key: []string{"K"}, opts: def,
			got: []Row{row("K", "1", "C", "x")},
			out: []string{"[K=1].C: want NULL, got x"}},
		{name: "no key exact any order", want: []Row{a, b}, opts: def, got: []Row{b, a}},
		{name: "no key closest row", want: []Row{a, b}, opts: def,
			got: []Row{b, row("ZSUUID", "A1", "YBTSE", "999", "SKSSQQ", "2026-07-01")},
			out: []string{"[row 1].YBTSE: want 1234.56, got 999"}},
		{name: "no key missing and extra", want: []Row{a}, opts: def, got: nil,
			out: []string{"[row 1]: missing row"}},
		{name: "no key extra", want: nil, opts: def, got: []Row{a},
			out: []string{"[got row 1]: unexpected row"}},
		{name: "forced kind per column", want: []Row{row("K", "1", "C", "01")}, key: []string{"K"},
			opts: Options{NullIsEmpty: true, Columns: map[string]Kind{"C": KindDecimal}}, got: []Row{row("K", "1", "C", "1")}},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestDescribe(t *testing.T) {
	ms := []RowMismatch{
		{Kind: ColumnDiffers, Table: "T", Column: "C", Key: "K=1", Want: "1", Got: "2"},
		{Kind: RowMissing, Table: "T", Key: "K=2"},
		{Kind: CountDiffers, Table: "T", Want: "0", Got: "1"},
	}
	assert.Equal(t, "T[K=1].C: want 1, got 2; T[K=2]: missing row; T: want 0 rows, got 1", Describe(ms, 5))
	assert.Equal(t, "T[K=1].C: want 1, got 2; … and 2 more", Describe(ms, 1))
}

func BenchmarkCompareRows100(b *testing.B) {
	var want, got []Row
	for i := 0; i < 100; i++ {
		r := row("ZSUUID", fmt.Sprintf("%032X", i), "DJXH", "10114501000000000001", "YBTSE", fmt.Sprintf("%d.50", i*100),
			"SKSSQQ", "2026-07-01", "SKSSQZ", "2026-09-30", "ZFBZ_1", "N")
		want = append(want, r)
		got = append([]Row{r}, got...)
	}
	b.ReportAllocs()
	for b.Loop() {
		if ms := CompareRows(want, got, []string{"ZSUUID"}, nil, DefaultOptions()); len(ms) != 0 {
			b.Fatal(ms)
		}
	}
}

func BenchmarkEqual(b *testing.B) {
	o := DefaultOptions()
	b.ReportAllocs()
	for b.Loop() {
		if !Equal(Str("1.02E7"), Str("10200000.00"), o) || !Equal(Str("2026-09-30"), Str("2026-09-30 00:00:00"), o) {
			b.Fatal("not equal")
		}
	}
}
