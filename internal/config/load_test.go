package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// vars is a fake environment for ${NAME} expansion.
func vars(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

// writeConfig writes gt3ct.yaml into a temp dir; "@DIR@" becomes that dir.
func writeConfig(t *testing.T, body string) string {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "gt3ct.yaml")
	body = strings.ReplaceAll(body, "@DIR@", dir)
	require.NoError(t, os.WriteFile(path, []byte(body), 0o644))
	return path
}

const preprod = `environments:
  preprod:
    endpoint: http://esb-preprod.example:7001/gt3
    db: oracle://hxtest@db-preprod.example:1521/HXZG
    db_password: ${GT3_PREPROD_DB_PASSWORD}
    channel_id: GX.DZSWJ.LT
    identity_type: ${GT3_PREPROD_IDENTITY}
    sjry: 14501DZSWJ1
    sjjg: 14501020000
    rate: 20
    timeout: 30s
    readonly: false
  prod:
    endpoint: soap+https://esb.example/gt3
    readonly: true
    audit: /var/log/gt3ct-audit.jsonl
`

func TestLoadValid(t *testing.T) {
	path := writeConfig(t, preprod)
	cfg, err := Load(path, vars("GT3_PREPROD_DB_PASSWORD", "s3cr3t!pw", "GT3_PREPROD_IDENTITY", "ID-TOKEN-77"))
	require.NoError(t, err)
	assert.Equal(t, []string{"preprod", "prod", "sim"}, cfg.Names())

	e, err := cfg.Env("preprod")
	require.NoError(t, err)
	assert.Equal(t, Environment{
		Name: "preprod", Endpoint: "http://esb-preprod.example:7001/gt3",
		DB: "oracle://hxtest@db-preprod.example:1521/HXZG", DBPassword: "s3cr3t!pw",
		ChannelID: "GX.DZSWJ.LT", IdentityType: "ID-TOKEN-77", Sjry: "14501DZSWJ1", Sjjg: "14501020000",
		Rate: 20, Timeout: 30 * time.Second, Transport: "http", Audit: DefaultAudit(), Mask: true, Source: path,
	}, e)
	assert.Equal(t, "oracle://hxtest:s3cr3t%21pw@db-preprod.example:1521/HXZG", e.DSN())
	assert.ElementsMatch(t, []string{"s3cr3t!pw", "ID-TOKEN-77"}, e.Secrets())

	p, err := cfg.Env("prod")
	require.NoError(t, err)
	assert.True(t, p.Readonly)
	assert.Equal(t, "soap", p.Transport, "soap+https:// endpoint means SOAP")
	assert.Equal(t, "/var/log/gt3ct-audit.jsonl", p.Audit)
	assert.Equal(t, DefaultTimeout, p.Timeout)
}

func TestLoadErrors(t *testing.T) {
	type testCase struct {
		name   string
		yaml   string
		env    func(string) string
		secret os.FileMode // when set, write @DIR@/secret with this mode
		want   []string    // substrings of the error
	}
	run := func(t *testing.T, tc testCase) {
		path := writeConfig(t, tc.yaml)
		if tc.secret != 0 {
			sp := filepath.Join(filepath.Dir(path), "secret")
			require.NoError(t, os.WriteFile(sp, []byte("pw-from-file\n"), tc.secret))
			require.NoError(t, os.Chmod(sp, tc.secret))
		}
		getenv := tc.env
		if getenv == nil {
			getenv = vars()
		}
		_, err := Load(path, getenv)
		require.Error(t, err)
		assert.Equal(t, errs.Input, errs.KindOf(err), "kind of %v", err)
		for _, w := range tc.want {
			assert.Contains(t, err.Error(), strings.ReplaceAll(w, "@PATH@", path))
		}
		assert.NotContains(t, err.Error(), "hunter2", "a literal secret must not be echoed")
	}
	for _, tc := range []testCase{
		{name: "missing variable", yaml: "environments:\n  dev:\n    endpoint: http://h/x\n    db_password: ${NOPE_PW}\n",
			want: []string{"@PATH@:4:", "environment variable NOPE_PW is not set"}},
		{name: "missing variable in plain key", yaml: "environments:\n  dev:\n    endpoint: http://${HOST}:7001/gt3\n",
			want: []string{"@PATH@:3:", "HOST is not set"}},
		{name: "bad yaml", yaml: "environments:\n  dev:\n    endpoint: [unclosed\n    db: x\n",
			want: []string{"@PATH@:", "bad YAML"}},
		{name: "bad indentation", yaml: "environments:\n  dev:\n    endpoint: http://h\n   db: x\n",
			want: []string{"@PATH@:4:", "bad YAML"}},
		{name: "unknown key", yaml: "environments:\n  dev:\n    endpoint: http://h/x\n    pasword: x\n",
			want: []string{"@PATH@:4:", `unknown key "pasword"`, "known: endpoint"}},
		{name: "literal db_password", yaml: "environments:\n  dev:\n    endpoint: http://h/x\n    db: oracle://u@h:1521/S\n    db_password: hunter2\n",
			want: []string{"@PATH@:5:", "db_password must come from ${VAR} or a 0600 file, not a literal"}},
		{name: "literal identity_type", yaml: "environments:\n  dev:\n    identity_type: hunter2\n",
			want: []string{"@PATH@:3:", "identity_type must come from ${VAR}"}},
		{name: "literal password in db url", yaml: "environments:\n  dev:\n    db: postgres://u:hunter2@h/core\n",
			want: []string{"@PATH@:3:", "password inside db must come from ${VAR}"}},
		{name: "literal password= in db", yaml: "environments:\n  dev:\n    db: \"host=h user=u password=hunter2\"\n",
			want: []string{"@PATH@:3:", "password inside db"}},
		{name: "secret file too open", yaml: "environments:\n  dev:\n    db_password: file:@DIR@/secret\n", secret: 0o644,
			want: []string{"@PATH@:3:", "/secret has mode 0644", "want 0600 or stricter"}},
		{name: "secret file group readable", yaml: "environments:\n  dev:\n    db_password: file:secret\n", secret: 0o640,
			want: []string{"/secret has mode 0640"}},
		{name: "secret file missing", yaml: "environments:\n  dev:\n    identity_type: file:/nonexistent/gt3ct-secret\n",
			want: []string{"@PATH@:3:", "/nonexistent/gt3ct-secret", "no such file"}},
		{name: "bad rate", yaml: "environments:\n  dev:\n    rate: fast\n", want: []string{"@PATH@:3:", "rate: want a number"}},
		{name: "bad timeout", yaml: "environments:\n  dev:\n    timeout: soon\n", want: []string{"@PATH@:3:", "timeout: want a duration"}},
		{name: "bad readonly", yaml: "environments:\n  prod:\n    readonly: maybe\n", want: []string{"@PATH@:3:", "readonly: want true or false"}},
		{name: "bad transport", yaml: "environments:\n  dev:\n    endpoint: http://h/x\n    transport: t3\n", want: []string{"@PATH@:4:", "want http or soap"}},
		{name: "bad endpoint scheme", yaml: "environments:\n  dev:\n    endpoint: t3://h:7001\n", want: []string{"@PATH@:3:", `scheme "t3"`}},
		{name: "env not a mapping", yaml: "environments:\n  dev: 3\n", want: []string{"@PATH@:2:", "bad YAML"}},
		{name: "duplicate env", yaml: "environments:\n  dev:\n    rate: 1\n  dev:\n    rate: 2\n", want: []string{"@PATH@:", "already defined"}},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestLoadSecretSources(t *testing.T) {
	path := writeConfig(t, "environments:\n  dev:\n    db: oracle://u@h:1521/S\n    db_password: file:secret\n    identity_type: ${ID}\n")
	sp := filepath.Join(filepath.Dir(path), "secret")
	require.NoError(t, os.WriteFile(sp, []byte("from-file-pw\n"), 0o600))
	cfg, err := Load(path, vars("ID", "tok-1"))
	require.NoError(t, err)
	e, _ := cfg.Env("dev")
	assert.Equal(t, "from-file-pw", e.DBPassword, "trailing newline trimmed")
	assert.Equal(t, "tok-1", e.IdentityType)

	require.NoError(t, os.Chmod(sp, 0o400))
	_, err = Load(path, vars("ID", "tok-1"))
	assert.NoError(t, err, "0400 is stricter than 0600")

	path = writeConfig(t, "environments:\n  dev:\n    db: postgres://u:${PG_PW}@h/core\n")
	cfg, err = Load(path, vars("PG_PW", "p@ss"))
	require.NoError(t, err)
	e, _ = cfg.Env("dev")
	assert.Equal(t, []string{"p@ss"}, e.Secrets(), "the password inside db is a secret too")
}

func TestEnvUnknownListsKnown(t *testing.T) {
	cfg, err := Load(writeConfig(t, preprod), vars("GT3_PREPROD_DB_PASSWORD", "a", "GT3_PREPROD_IDENTITY", "b"))
	require.NoError(t, err)
	_, err = cfg.Env("prd")
	require.Error(t, err)
	assert.Equal(t, errs.Input, errs.KindOf(err))
	assert.Contains(t, err.Error(), `unknown environment "prd"`)
	assert.Contains(t, err.Error(), "known: preprod, prod, sim")
}

func TestLoadEmptyFileHasSim(t *testing.T) {
	cfg, err := Load(writeConfig(t, ""), vars())
	require.NoError(t, err)
	e, err := cfg.Env(SimEnv)
	require.NoError(t, err)
	assert.Equal(t, "sqlite:.gt3ct/sim/core.db", e.DB)
}

func TestLoadUnreadable(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yaml"), vars())
	require.Error(t, err)
	assert.Equal(t, errs.Input, errs.KindOf(err))
	assert.Contains(t, err.Error(), "nope.yaml")
}
