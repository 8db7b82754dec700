package config

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/errs"
)

const siteYAML = `environments:
  site:
    endpoint: https://esb.example/gt3
    db: postgres://hx@db.example/core
    headers:
      RESOURCE-ID: ${RID}
      SOAPAction: '"urn:gt3"'
    tls:
      ca_file: ca.pem
      cert_file: client.pem
      key_file: client.key
      server_name: esb.internal
    encoding: gbk
    ledger: db:gt3ct
    fixtures:
      columns:
        HX_DJ.DJ_NSRXX.LRR_DM: "14501GT3CT01"
        hx_sb.sb_sbb.sjgsdq: "{{.zgswj_dm}}"
    databases:
      etax: postgres://etax:${ETAX_PW}@db2.example/etax
  local:
    ledger: file:state/ledger.db
`

func TestLoadSiteKeys(t *testing.T) {
	path := writeConfig(t, siteYAML)
	dir := filepath.Dir(path)
	for _, f := range []string{"ca.pem", "client.pem", "client.key"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o600))
	}
	cfg, err := Load(path, vars("RID", "R-77", "ETAX_PW", "etax-secret"))
	require.NoError(t, err)
	e, _ := cfg.Env("site")
	assert.Equal(t, map[string]string{"RESOURCE-ID": "R-77", "SOAPAction": `"urn:gt3"`}, e.Headers)
	assert.Equal(t, TLS{CAFile: filepath.Join(dir, "ca.pem"), CertFile: filepath.Join(dir, "client.pem"),
		KeyFile: filepath.Join(dir, "client.key"), ServerName: "esb.internal"}, e.TLS)
	assert.Equal(t, "GBK", e.Encoding)
	assert.Equal(t, LedgerPlace{Schema: "gt3ct"}, e.LedgerPlace())
	assert.Equal(t, map[string]string{"HX_DJ.DJ_NSRXX.LRR_DM": "14501GT3CT01", "HX_SB.SB_SBB.SJGSDQ": "{{.zgswj_dm}}"}, e.Columns)
	assert.Equal(t, map[string]string{"etax": "postgres://etax:etax-secret@db2.example/etax"}, e.Databases)
	assert.Contains(t, e.Secrets(), "etax-secret", "a password in databases is a secret")
	l, _ := cfg.Env("local")
	assert.Equal(t, LedgerPlace{File: filepath.Join(dir, "state/ledger.db")}, l.LedgerPlace())
}

func TestLoadSiteKeyErrors(t *testing.T) {
	type testCase struct{ name, yaml, want string }
	run := func(t *testing.T, tc testCase) {
		path := writeConfig(t, "environments:\n  dev:\n"+tc.yaml)
		_, err := Load(path, vars())
		require.Error(t, err)
		assert.Equal(t, errs.Input, errs.KindOf(err))
		assert.Contains(t, err.Error(), path+":")
		assert.Contains(t, err.Error(), tc.want)
		assert.NotContains(t, err.Error(), "hunter2")
	}
	for _, tc := range []testCase{
		{"ledger unknown", "    ledger: schema gt3ct\n", "want db (GT3CT_LEDGER in the login schema), db:SCHEMA"},
		{"ledger bad schema", "    ledger: db:no such\n", "file:PATH"},
		{"encoding", "    encoding: latin1\n", "encoding: want UTF-8, GBK, GB18030"},
		{"headers list", "    headers: [a]\n", "headers must be a mapping"},
		{"header name", "    headers:\n      \"RESOURCE ID\": x\n", `"RESOURCE ID" is not an HTTP header name`},
		{"header host", "    headers:\n      Host: x\n", "Host is set by the transport"},
		{"header var", "    headers:\n      RESOURCE-ID: ${NOPE}\n", "NOPE is not set"},
		{"tls unknown", "    tls:\n      ca: x\n", `tls: unknown key "ca"`},
		{"tls missing file", "    tls:\n      ca_file: /nonexistent/ca.pem\n", "tls.ca_file: /nonexistent/ca.pem"},
		{"tls cert without key", "    tls:\n      cert_file: /dev/null\n", "cert_file and key_file go together"},
		{"fixtures unknown", "    fixtures:\n      cols: {}\n", `fixtures: unknown key "cols"`},
		{"column key", "    fixtures:\n      columns:\n        LRR_DM: x\n", `"LRR_DM" is not SCHEMA.TABLE.COLUMN`},
		{"column template", "    fixtures:\n      columns:\n        A.B.C: \"{{.djxh\"\n", "fixtures.columns.A.B.C: bad template"},
		{"databases dsn", "    databases:\n      etax: mysql://x\n", "databases.etax: want sqlite:PATH"},
		{"databases literal password", "    databases:\n      etax: postgres://u:hunter2@h/x\n", "must come from ${VAR}"},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestParseLedger(t *testing.T) {
	for in, want := range map[string]LedgerPlace{"": {}, "db": {}, "db:gt3ct": {Schema: "gt3ct"}, "file:/tmp/l.db": {File: "/tmp/l.db"}} {
		got, err := ParseLedger(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	for _, bad := range []string{"file:", "db:", "db:a;drop", "sqlite:/x"} {
		_, err := ParseLedger(bad)
		assert.Error(t, err, bad)
	}
}
