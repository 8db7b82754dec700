package config

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/errs"
)

func TestDatabasePasswords(t *testing.T) {
	type testCase struct {
		name, body string
		env        func(string) string
		want       map[string]string // databases, when loading succeeds
		pw         map[string]string
		err        string
	}
	cases := []testCase{
		{name: "named databases with passwords", body: `environments:
  preprod:
    db: sqlite:core.db
    databases:
      etax: postgres://etax@db.example:5432/etax
      gs: oracle://gs@db.example:1521/GS
    database_passwords:
      etax: ${ETAX_PW}
`, env: vars("ETAX_PW", "s3cret"),
			want: map[string]string{"etax": "postgres://etax@db.example:5432/etax", "gs": "oracle://gs@db.example:1521/GS"},
			pw:   map[string]string{"etax": "s3cret"}},
		{name: "literal password", body: `environments:
  preprod:
    databases: {etax: "sqlite:etax.db"}
    database_passwords: {etax: hunter2}
`, err: "database_passwords.etax must come from ${VAR} or a 0600 file, not a literal"},
		{name: "password for no database", body: `environments:
  preprod:
    databases: {etax: "sqlite:etax.db"}
    database_passwords: {gs: "${X}"}
`, env: vars("X", "y"), err: "database_passwords.gs: no database gs under databases"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := Load(writeConfig(t, tc.body), tc.env)
			if tc.err != "" {
				require.Error(t, err)
				assert.True(t, errs.Is(err, errs.Input))
				assert.Contains(t, err.Error(), tc.err)
				assert.NotContains(t, err.Error(), "hunter2")
				return
			}
			require.NoError(t, err)
			e := cfg.Envs["preprod"]
			assert.Equal(t, tc.want, e.Databases)
			assert.Equal(t, tc.pw, e.DatabasePasswords)
			assert.Contains(t, e.Secrets(), "s3cret", "named database passwords are redacted")
		})
	}
}
