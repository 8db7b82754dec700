package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/errs"
	"github.com/gt3ct/gt3ct/internal/safety"
)

// safetyTestCommand resolves the environment from its flags and then fails
// with an error that quotes the DSN password, the way a driver error might.
func init() {
	Register("", func(env *Env) *cobra.Command {
		c := Command("zz-safety-test", "test only", Exact(0))
		c.Hidden = true
		f := AddEnvFlags(c.Flags())
		return Run(c, func([]string) error {
			e, err := f.Resolve(env)
			if err != nil {
				return err
			}
			if err := f.Authorize(env, e, safety.Action{Kind: safety.KindService, Service: "HXZG_SB_00045", Op: "save", Writes: true}, nil); err != nil {
				return err
			}
			return errs.E("db", errs.Input, "connect as %s failed with identity %s", e.DBPassword, e.IdentityType)
		})
	})
}

func TestSafetyFlags(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "gt3ct.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte("environments:\n  dev:\n    db: oracle://hx@db:1521/HXZG\n    db_password: ${T_PW}\n    identity_type: ${T_ID}\n  prod:\n    readonly: true\n"), 0o600))
	t.Setenv("T_PW", "cli-secret-pw-1")
	t.Setenv("T_ID", "cli-identity-2")
	type testCase struct {
		name string
		args []string
		code int
		want string
	}
	run := func(t *testing.T, tc testCase) {
		var out, errOut bytes.Buffer
		code := Main(context.Background(), append([]string{"zz-safety-test", "--config", cfg}, tc.args...), strings.NewReader("prod\n"), &out, &errOut)
		assert.Equal(t, tc.code, code)
		assert.Contains(t, errOut.String(), tc.want)
		for _, s := range []string{"cli-secret-pw-1", "cli-identity-2"} {
			assert.NotContains(t, out.String()+errOut.String(), s)
		}
	}
	for _, tc := range []testCase{
		{name: "secrets redacted from error messages", args: []string{"--env", "dev"}, code: 2, want: "connect as *** failed with identity ***"},
		{name: "readonly refused", args: []string{"--env", "prod"}, code: 2, want: `refused: environment "prod" is readonly`},
		{name: "unlock without a terminal refused", args: []string{"--env", "prod", "--unlock-writes"}, code: 2, want: "typed on a terminal"},
		{name: "unknown env", args: []string{"--env", "nope"}, code: 2, want: "known: dev, prod, sim"},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}
