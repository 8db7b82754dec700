package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestSimCommand(t *testing.T) {
	type testCase struct {
		args        []string
		code        int
		out, errOut string
	}
	cases := []testCase{
		{args: []string{"sim", "--print-ddl", "oracle"}, code: 0, out: "CREATE TABLE HX_SB.SB_SBB (\n  SBUUID CHAR(32)"},
		{args: []string{"sim", "--print-ddl", "postgres"}, code: 0, out: "CREATE SCHEMA IF NOT EXISTS HX_ZS"},
		{args: []string{"sim", "--print-ddl", "db2"}, code: 2, errOut: "unknown dialect"},
		{args: []string{"sim", "--db", "sqlite::memory:", "--faults", "nosuch"}, code: 2, errOut: "unknown fault"},
	}
	run := func(t *testing.T, tc testCase) {
		var out, errOut bytes.Buffer
		code := Main(context.Background(), tc.args, strings.NewReader(""), &out, &errOut)
		require.Equal(t, tc.code, code, errOut.String())
		require.Contains(t, out.String(), tc.out)
		require.Contains(t, errOut.String(), tc.errOut)
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) { run(t, tc) })
	}
}
