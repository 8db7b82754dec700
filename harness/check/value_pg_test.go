package check

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/coredb"
)

// pgCast is the PostgreSQL type whose equality is the reference for a kind:
// NUMERIC compares by value whatever the scale or exponent, TIMESTAMP a date
// with or without a time part (a zone given is dropped, as gt3ct does), and
// CHAR ignores trailing padding but not leading spaces or case.
var pgCast = map[Kind]string{KindDecimal: "numeric", KindDate: "timestamp", KindText: "char(40)"}

// valuePairs is the corpus: the hand-picked pairs of TestEqual that are
// not about NULL (gt3ct's NULL = ” rule is Oracle's, deliberately not
// PostgreSQL's), plus decimals drawn with a fixed seed in the shapes
// Oracle and the core print them.
func valuePairs() []struct {
	kind      Kind
	want, got string
} {
	type pair = struct {
		kind      Kind
		want, got string
	}
	ps := []pair{
		{KindDecimal, "1.02E7", "10200000.00"}, {KindDecimal, "10200000", "1.02e+7"}, {KindDecimal, "1234.5", "1234.50"},
		{KindDecimal, "0", "-0.00"}, {KindDecimal, "1.01", "1.02"}, {KindDecimal, "10114501000000000001", "10114501000000000002"},
		{KindDecimal, "3000", "3000.0"}, {KindDecimal, "3000.37", "3000.4"}, {KindDecimal, ".5", "0.50"},
		{KindDate, "2026-09-30", "2026-09-30 00:00:00"}, {KindDate, "2026-09-30", "2026-09-30T00:00:00Z"},
		{KindDate, "2026-09-30 08:00:00", "2026-09-30T08:00:00+08:00"}, {KindDate, "2026-09-30 08:00:00", "2026-09-30 08:00:00.000"},
		{KindDate, "2026-09-30", "2026-09-29"}, {KindDate, "2026-09-30", "2026-09-30 13:45:00"},
		{KindText, "A", "A "}, {KindText, "A ", "A"}, {KindText, "a", "A"}, {KindText, "A", " A"}, {KindText, "增值税", "增值税"},
	}
	r := rand.New(rand.NewPCG(20261130, 1))
	for i := 0; i < 300; i++ {
		units, scale := r.Int64N(2_000_000_000)-1_000_000_000, r.IntN(5)
		want := decimalText(units, scale, r.IntN(3))
		got := decimalText(units, scale, r.IntN(3))
		if r.IntN(3) == 0 {
			got = decimalText(units+r.Int64N(3)-1, scale, r.IntN(3)) // a cent off, or the same
		}
		ps = append(ps, pair{KindDecimal, want, got})
	}
	return ps
}

// decimalText prints units·10^-scale plainly, with extra trailing zeros,
// or in exponent form.
func decimalText(units int64, scale, form int) string {
	neg := units < 0
	if neg {
		units = -units
	}
	digits := fmt.Sprintf("%0*d", scale+1, units)
	intPart, frac := digits[:len(digits)-scale], digits[len(digits)-scale:]
	sign := ""
	if neg {
		sign = "-"
	}
	switch form {
	case 1:
		return sign + intPart + "." + frac + "00"
	case 2:
		return sign + strings.TrimLeft(intPart+frac, "0") + "0E-" + fmt.Sprint(scale+1)
	}
	if scale == 0 {
		return sign + intPart
	}
	return sign + intPart + "." + frac
}

// TestEqualAgreesWithPostgres is the differential test of the value rules:
// on every pair of the corpus, Equal says what PostgreSQL's = says on the
// same texts cast to the kind's type.
func TestEqualAgreesWithPostgres(t *testing.T) {
	dsn := os.Getenv("GT3CT_PG_DSN")
	if dsn == "" {
		t.Skip("GT3CT_PG_DSN not set (make test starts PostgreSQL)")
	}
	ctx := context.Background()
	db, err := coredb.Open(ctx, dsn)
	require.NoError(t, err)
	defer db.Close()
	outcomes := map[bool]int{}
	for _, p := range valuePairs() {
		cast := pgCast[p.kind]
		var ref bool
		q := fmt.Sprintf("SELECT $1::%s = $2::%s", cast, cast)
		require.NoError(t, db.QueryRowContext(ctx, q, p.want, p.got).Scan(&ref), "%s %q %q", cast, p.want, p.got)
		got := Equal(Str(p.want), Str(p.got), Options{Kind: p.kind})
		require.Equal(t, ref, got, "%s: want %q, got %q: PostgreSQL says %v", cast, p.want, p.got, ref)
		outcomes[ref]++
	}
	require.Greater(t, outcomes[true], 50, "the corpus holds equal pairs")
	require.Greater(t, outcomes[false], 50, "and unequal ones")
}
