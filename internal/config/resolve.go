package config

import (
	"os"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// DefaultFile is the config file looked for in the working directory.
const DefaultFile = "gt3ct.yaml"

// ResolveOptions says which environment a command targets.
type ResolveOptions struct {
	ConfigPath string // --config; default $GT3CT_CONFIG, then ./gt3ct.yaml if it exists
	EnvName    string // --env; default "sim"
	Endpoint   string // --endpoint override
	DB         string // --db override
	Getenv     func(string) string
}

// Resolve loads the config (if any), picks the environment and applies the
// command-line overrides. An oracle:// DSN without a password takes it from
// db_password, then from $GT3CT_DB_PASSWORD.
func Resolve(o ResolveOptions) (Environment, error) {
	getenv := o.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	cfg, err := loadDefault(o.ConfigPath, getenv)
	if err != nil {
		return Environment{}, err
	}
	name := o.EnvName
	if name == "" {
		name = SimEnv
	}
	e, err := cfg.Env(name)
	if err != nil {
		return e, err
	}
	if o.Endpoint != "" || o.DB != "" {
		e.Given = Given{EndpointFlag: o.Endpoint != "", DBFlag: o.DB != "", EnvEndpoint: e.Endpoint != "", EnvDB: e.DB != ""}
	}
	if o.Endpoint != "" {
		if err := checkEndpoint(o.Endpoint); err != nil {
			return e, errs.E("--endpoint", errs.Input, "%v", err)
		}
		e.Endpoint, e.Transport = o.Endpoint, transportOf(o.Endpoint)
	}
	if o.DB != "" {
		e.DB = o.DB
	}
	if strings.HasPrefix(e.DB, "oracle://") && e.DBPassword == "" && dsnPassword(e.DB) == "" {
		e.DBPassword = getenv("GT3CT_DB_PASSWORD")
	}
	return e, nil
}

// loadDefault loads path, or $GT3CT_CONFIG, or ./gt3ct.yaml when it exists;
// with none of them, only the built-in sim is known.
func loadDefault(path string, getenv func(string) string) (*Config, error) {
	path = configPath(path, getenv)
	if path == "" {
		return &Config{Envs: map[string]Environment{SimEnv: Sim()}}, nil
	}
	return Load(path, getenv)
}

// configPath is the config file Resolve reads: path, else $GT3CT_CONFIG,
// else ./gt3ct.yaml when it exists, else "" (only the built-in sim).
func configPath(path string, getenv func(string) string) string {
	if path == "" {
		path = getenv("GT3CT_CONFIG")
	}
	if path == "" {
		if _, err := os.Stat(DefaultFile); err == nil {
			path = DefaultFile
		}
	}
	return path
}

// EnvNames lists, sorted, the environments Resolve knows with the same
// path and getenv: sim plus the file's, read without expanding ${NAME}
// (shell completion needs the names where the secrets are not set). An
// unreadable file gives sim alone.
func EnvNames(path string, getenv func(string) string) []string {
	names := map[string]bool{SimEnv: true}
	if path = configPath(path, getenv); path != "" {
		var raw struct {
			Environments map[string]yaml.Node `yaml:"environments"`
		}
		if data, err := os.ReadFile(path); err == nil && yaml.Unmarshal(data, &raw) == nil {
			for n := range raw.Environments {
				names[n] = true
			}
		}
	}
	out := make([]string, 0, len(names))
	for n := range names {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
