package decimal

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParse(t *testing.T) {
	type testCase struct {
		in        string
		ok        bool
		canonical string
		str       string
	}
	run := func(t *testing.T, tc testCase) {
		d, ok := Parse(tc.in)
		assert.Equal(t, tc.ok, ok)
		assert.Equal(t, tc.ok, IsDecimal(tc.in))
		if ok {
			assert.Equal(t, tc.canonical, d.Canonical())
			assert.Equal(t, tc.str, d.String())
		}
	}
	for _, tc := range []testCase{
		{in: "10200000.00", ok: true, canonical: "10200000", str: "10200000.00"},
		{in: "1.02E7", ok: true, canonical: "10200000", str: "10200000"},
		{in: "1.02e+7", ok: true, canonical: "10200000", str: "10200000"},
		{in: " -0.50 ", ok: true, canonical: "-0.5", str: "-0.50"},
		{in: "-0.00", ok: true, canonical: "0", str: "0.00"},
		{in: "1E-3", ok: true, canonical: "0.001", str: "0.001"},
		{in: ".5", ok: true, canonical: "0.5", str: "0.5"},
		{in: "5.", ok: true, canonical: "5", str: "5"},
		{in: "10114501000000000001", ok: true, canonical: "10114501000000000001", str: "10114501000000000001"},
		{in: "", ok: false},
		{in: ".", ok: false},
		{in: "0x10", ok: false},
		{in: "3/4", ok: false},
		{in: "Inf", ok: false},
		{in: "1e", ok: false},
		{in: "1e99999", ok: false},
		{in: "1.2.3", ok: false},
		{in: "2026-09-30", ok: false},
	} {
		t.Run(tc.in, func(t *testing.T) { run(t, tc) })
	}
}

func TestArithmetic(t *testing.T) {
	a, _ := Parse("1234.5")
	b, _ := Parse("0.06")
	assert.Equal(t, "1234.56", a.Add(b).String())
	assert.Equal(t, "74.070", a.Mul(b).String())
	assert.Equal(t, 1, a.Cmp(b))
	c, _ := Parse("1.2345E3")
	assert.Equal(t, 0, a.Cmp(c))
}

func TestCanonicalMatchesParse(t *testing.T) {
	for _, s := range []string{"10200000.00", "1.02E7", "-0.00", "+007.50", ".5", "5.", "-12.340", "0", "x", "", "1e-2"} {
		c, ok := Canonical(s)
		d, pok := Parse(s)
		assert.Equal(t, pok, ok, s)
		if ok {
			assert.Equal(t, d.Canonical(), c, s)
		}
	}
}
