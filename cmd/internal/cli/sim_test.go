package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/result"
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
		{args: []string{"sim", "--print-ddl", "postgres", "--ddl", "site"}, code: 0, out: "LRR_DM VARCHAR(20) NOT NULL"},
		{args: []string{"sim", "--print-ddl", "postgres", "--ddl", "bank"}, code: 2, errOut: `"bank"`},
		{args: []string{"sim", "--db", "sqlite::memory:", "--shape", "soap12"}, code: 2, errOut: `unknown --shape "soap12": want cdata or escaped or java`},
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

// TestSimShapeServed: `gt3ct sim --shape escaped` answers with an
// entity-escaped body, `--shape cdata` with CDATA; run passes on both.
func TestSimShapeServed(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, tc := range []struct{ shape, want string }{{"escaped", "&lt;taxML"}, {"cdata", "<![CDATA["}} {
		ctx, cancel := context.WithCancel(context.Background())
		var out, errOut syncBuffer
		done := make(chan int, 1)
		dsn := "sqlite:" + tc.shape + "/core.db"
		go func() {
			done <- Main(ctx, []string{"sim", "--db", dsn, "--shape", tc.shape}, strings.NewReader(""), &out, &errOut)
		}()
		url := waitFor(t, &out, regexp.MustCompile(`listening on (http://\S+) `), done)
		code, res, errText := runCLI("run", "HXZG_SB_00044", "--seed", "2", "--endpoint", url+"/", "--db", dsn, "--format", "json")
		cancel()
		require.Equal(t, 0, <-done, errOut.String())
		require.Equal(t, 0, code, errText)
		var r result.Result
		require.NoError(t, json.Unmarshal([]byte(res), &r))
		require.Contains(t, r.Response, tc.want, tc.shape)
	}
}
