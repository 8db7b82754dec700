package config

import (
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/errs"
)

func TestResolve(t *testing.T) {
	cfgPath := writeConfig(t, "environments:\n  sim:\n    rate: 5\n  prod:\n    endpoint: http://esb/gt3\n    db: oracle://hx@db:1521/HXZG\n    readonly: true\n")
	type testCase struct {
		name  string
		opts  ResolveOptions
		check func(t *testing.T, e Environment)
		err   string
	}
	run := func(t *testing.T, tc testCase) {
		e, err := Resolve(tc.opts)
		if tc.err != "" {
			require.Error(t, err)
			assert.Equal(t, errs.Input, errs.KindOf(err))
			assert.Contains(t, err.Error(), tc.err)
			return
		}
		require.NoError(t, err)
		tc.check(t, e)
	}
	for _, tc := range []testCase{
		{name: "sim built in without any file", opts: ResolveOptions{Getenv: vars()},
			check: func(t *testing.T, e Environment) {
				assert.Equal(t, Environment{Name: "sim", DB: "sqlite:.gt3ct/sim/core.db", ChannelID: "GT3CT.SIM",
					Sjry: "14501GT3CT1", Sjjg: "14501000000", Timeout: 10 * time.Second, Transport: "http",
					Audit: DefaultAudit(), Mask: true, Source: "built-in"}, e)
			}},
		{name: "unknown env without file", opts: ResolveOptions{EnvName: "prod", Getenv: vars()}, err: "known: sim"},
		{name: "file overrides sim", opts: ResolveOptions{ConfigPath: cfgPath, Getenv: vars()},
			check: func(t *testing.T, e Environment) {
				assert.Equal(t, 5.0, e.Rate)
				assert.Equal(t, "GT3CT.SIM", e.ChannelID, "unset keys keep the built-in values")
			}},
		{name: "config from GT3CT_CONFIG", opts: ResolveOptions{EnvName: "prod", Getenv: vars("GT3CT_CONFIG", cfgPath, "GT3CT_DB_PASSWORD", "envpw")},
			check: func(t *testing.T, e Environment) {
				assert.True(t, e.Readonly)
				assert.Equal(t, "envpw", e.DBPassword, "oracle password falls back to GT3CT_DB_PASSWORD")
				assert.Equal(t, "oracle://hx:envpw@db:1521/HXZG", e.DSN())
			}},
		{name: "overrides", opts: ResolveOptions{ConfigPath: cfgPath, EnvName: "prod", Endpoint: "soap+http://other/x", DB: "sqlite:/tmp/x.db", Getenv: vars()},
			check: func(t *testing.T, e Environment) {
				assert.Equal(t, "soap+http://other/x", e.Endpoint)
				assert.Equal(t, "soap", e.Transport)
				assert.Equal(t, "sqlite:/tmp/x.db", e.DSN())
				assert.True(t, e.Readonly, "overrides never lift readonly")
			}},
		{name: "bad endpoint override", opts: ResolveOptions{Endpoint: "ftp://x/y", Getenv: vars()}, err: "--endpoint"},
		{name: "missing explicit config", opts: ResolveOptions{ConfigPath: "/nonexistent/gt3ct.yaml", Getenv: vars()}, err: "/nonexistent/gt3ct.yaml"},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestResolveFindsFileInWorkingDir(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(dir+"/gt3ct.yaml", []byte("environments:\n  dev:\n    endpoint: http://dev/gt3\n"), 0o600))
	t.Chdir(dir)
	e, err := Resolve(ResolveOptions{EnvName: "dev", Getenv: vars()})
	require.NoError(t, err)
	assert.Equal(t, "http://dev/gt3", e.Endpoint)
}

// An endpoint and a database that do not belong together are refused with
// one line naming the missing flag; a pair the environment gives is fine.
func TestCheckPair(t *testing.T) {
	cfgPath := writeConfig(t, "environments:\n  prod:\n    endpoint: http://esb/gt3\n    db: oracle://hx@db:1521/HXZG\n  busonly:\n    endpoint: http://esb/gt3\n")
	type testCase struct {
		name string
		opts ResolveOptions
		err  string // "" = accepted
	}
	run := func(t *testing.T, tc testCase) {
		tc.opts.ConfigPath, tc.opts.Getenv = cfgPath, vars()
		e, err := Resolve(tc.opts)
		require.NoError(t, err)
		err = e.CheckPair()
		if tc.err == "" {
			require.NoError(t, err)
			return
		}
		require.Error(t, err)
		assert.Equal(t, errs.Input, errs.KindOf(err))
		assert.Contains(t, err.Error(), tc.err)
	}
	for _, tc := range []testCase{
		{name: "sim", opts: ResolveOptions{}},
		{name: "sim over another database", opts: ResolveOptions{DB: "postgres://u@h/db"}},
		{name: "endpoint and db", opts: ResolveOptions{Endpoint: "http://bus/x", DB: "sqlite:/tmp/x.db"}},
		{name: "endpoint on sim without db", opts: ResolveOptions{Endpoint: "http://bus/x"},
			err: "--endpoint: http://bus/x without --db: environment sim has no database behind that endpoint (its db sqlite:.gt3ct/sim/core.db is the embedded simulator's)"},
		{name: "endpoint on an env without db", opts: ResolveOptions{EnvName: "busonly", Endpoint: "http://bus/y"}, err: "(it has no db)"},
		{name: "endpoint on an env that pairs both", opts: ResolveOptions{EnvName: "prod", Endpoint: "http://bus/y"}},
		{name: "db on an env with an endpoint", opts: ResolveOptions{EnvName: "prod", DB: "oracle://hx:pw@other:1521/HXZG"}},
		{name: "oracle db for the embedded simulator", opts: ResolveOptions{DB: "oracle://hx:secret@db:1521/HXZG"},
			err: "--db: oracle://hx:***@db:1521/HXZG without --endpoint"},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestCheckHead(t *testing.T) {
	e := Environment{Name: "prod", Source: "gt3ct.yaml:3", Readonly: true}
	err := e.CheckHead()
	require.Error(t, err)
	assert.Equal(t, errs.Input, errs.KindOf(err))
	assert.Equal(t, "env: environment prod (gt3ct.yaml:3) has no channel_id: every request head needs one; set channel_id in its gt3ct.yaml entry", err.Error())
	assert.NoError(t, Sim().CheckHead())
}
