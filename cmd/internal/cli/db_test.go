package cli

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/coredb"
)

const refusedDSN = "postgres://u@127.0.0.1:1/x?sslmode=disable&connect_timeout=2"

func TestDBPing(t *testing.T) {
	type testCase struct {
		name     string
		dsn      func(t *testing.T) string
		wantCode int
		wantOut  string
		wantErr  string
	}
	empty := func(t *testing.T) string { return "sqlite:" + filepath.Join(t.TempDir(), "core.db") }
	full := func(t *testing.T) string {
		dsn := empty(t)
		db, err := coredb.Open(context.Background(), dsn)
		require.NoError(t, err)
		defer db.Close()
		require.NoError(t, db.CreateSchema(context.Background()))
		return dsn
	}
	n := len(coredb.Tables)
	run := func(t *testing.T, tc testCase) {
		var out, errb bytes.Buffer
		code := Main(context.Background(), []string{"db", "ping", "--db", tc.dsn(t)}, nil, &out, &errb)
		assert.Equal(t, tc.wantCode, code, "stderr: %s", errb.String())
		assert.Contains(t, out.String(), tc.wantOut)
		assert.Contains(t, errb.String(), tc.wantErr)
	}
	for _, tc := range []testCase{
		{"schema present", full, 0, fmt.Sprintf("core tables: %d of %d present", n, n), ""},
		{"schema missing: one table a line", empty, 1, "missing:\n  HX_DJ.DJ_NSRXX\n  HX_DJ.", ""},
		{"bad dsn", func(*testing.T) string { return "mysql://x" }, 2, "", "unsupported DSN"},
		{"refused port: the environment, exit 1 naming it", func(*testing.T) string { return refusedDSN }, 1, "",
			"gt3ct: db: connect " + refusedDSN + ": failed to connect to"},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}
