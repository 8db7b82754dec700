package coredb

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/errs"
)

const secret = "s3cret-Pw"

func TestRedact(t *testing.T) {
	type testCase struct{ in, want string }
	run := func(t *testing.T, tc testCase) {
		got := Redact(tc.in)
		assert.Equal(t, tc.want, got)
		assert.NotContains(t, got, secret)
	}
	for _, tc := range []testCase{
		{"postgres://u:" + secret + "@h:5432/db", "postgres://u:xxxxx@h:5432/db"},
		{"postgres://u@h/db?sslmode=disable&password=" + secret, "postgres://u@h/db?sslmode=disable&password=xxxxx"},
		{"oracle://hxtest@db:1521/HXZG", "oracle://hxtest@db:1521/HXZG"},
		{"postgres://u:" + secret + "%zz@h/db", "postgres://u:xxxxx@h/db"},
		{"sqlite:/tmp/core.db", "sqlite:/tmp/core.db"},
	} {
		t.Run(tc.in, func(t *testing.T) { run(t, tc) })
	}
}

func TestOracleParams(t *testing.T) {
	P, err := OracleParams("oracle://hxtest@db-preprod.example:1521/HXZG", secret)
	require.NoError(t, err)
	assert.Equal(t, "hxtest", P.Username)
	assert.Equal(t, "db-preprod.example:1521/HXZG", P.ConnectString)
	assert.Equal(t, secret, P.Password.Secret())
	assert.NotContains(t, P.String(), secret, "godror's own rendering hides the password")
	assert.Contains(t, P.AlterSession, [2]string{"NLS_DATE_FORMAT", "YYYY-MM-DD HH24:MI:SS"})
	P, err = OracleParams("oracle://hxtest:in%21dsn@db:1521/HXZG", secret)
	require.NoError(t, err)
	assert.Equal(t, "in!dsn", P.Password.Secret(), "a password in the DSN (config's DSN()) wins")

	type testCase struct{ dsn, err string }
	run := func(t *testing.T, tc testCase) {
		_, err := OracleParams(tc.dsn, "")
		require.Error(t, err)
		assert.True(t, errs.Is(err, errs.Input))
		assert.Equal(t, tc.err, err.Error())
		assert.NotContains(t, err.Error(), secret)
	}
	for _, tc := range []testCase{
		{"oracle://db:1521/HXZG", `db: bad Oracle DSN "oracle://db:1521/HXZG": want oracle://user@host:port/service`},
		{"oracle://u@db:1521", `db: bad Oracle DSN "oracle://u@db:1521": want oracle://user@host:port/service`},
	} {
		t.Run(tc.dsn, func(t *testing.T) { run(t, tc) })
	}
}

// TestOracleWithoutInstantClient connects for real: no Oracle client
// library is installed here, so godror fails with DPI-1047, which must
// become the one-line hint. With a client installed, nothing listens on
// port 1, so the failure must be a transient connect error instead.
func TestOracleWithoutInstantClient(t *testing.T) {
	_, err := OpenWith(context.Background(), "oracle://hxtest@127.0.0.1:1/HXZG", OpenOptions{Password: secret})
	require.Error(t, err)
	assert.NotContains(t, err.Error(), secret)
	assert.NotContains(t, err.Error(), "\n")
	if errs.Is(err, errs.Input) {
		assert.Equal(t, "oracle: "+InstantClientHint, err.Error())
		return
	}
	t.Logf("an Oracle client is installed: %v", err)
	assert.True(t, errs.Is(err, errs.Transient), "%v", err)
}

func TestConnectRefusedIsTransient(t *testing.T) {
	_, err := OpenWith(context.Background(), "postgres://u@127.0.0.1:1/db?sslmode=disable&connect_timeout=2", OpenOptions{Password: secret})
	require.Error(t, err)
	assert.True(t, errs.Is(err, errs.Transient), "%v", err)
	assert.NotContains(t, err.Error(), secret)
	assert.NotContains(t, err.Error(), "\n")
	assert.Contains(t, err.Error(), "db: connect postgres://u@127.0.0.1:1/db")
	assert.Contains(t, err.Error(), "connection refused", "the reason on pgx's second line is kept")
}

func TestOpenBadDSN(t *testing.T) {
	_, err := Open(context.Background(), "mysql://u:"+secret+"@h/db")
	require.Error(t, err)
	assert.True(t, errs.Is(err, errs.Input))
	assert.NotContains(t, err.Error(), secret)
}

func TestOracleReadOnlyInit(t *testing.T) {
	P, err := oracleParams("oracle://hxtest@db:1521/HXZG", secret, true)
	require.NoError(t, err)
	assert.Equal(t, []string{OracleReadOnlyInit}, P.OnInitStmts)
	P, err = oracleParams("oracle://hxtest@db:1521/HXZG", secret, false)
	require.NoError(t, err)
	assert.Empty(t, P.OnInitStmts)
}
