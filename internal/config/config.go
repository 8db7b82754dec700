// Package config loads gt3ct.yaml: named environments (endpoint, database,
// channel identity, limits, read-only flag) with ${VAR} expansion from the
// environment. The built-in environment "sim" needs no file.
package config

import "time"

// SimEnv is the name of the built-in environment: the embedded simulator.
const SimEnv = "sim"

// Environment is one target: a bus endpoint and the core database behind it.
type Environment struct {
	Name         string
	Endpoint     string // http://…, https://…, soap+http://…; empty for the embedded simulator
	DB           string // DSN: sqlite:PATH, postgres://…, oracle://user@host:port/service
	DBPassword   string // secret, from ${VAR} or a 0600 file only
	ChannelID    string
	IdentityType string // the channel credential, a secret
	Sjry         string // staff code, 11 chars
	Sjjg         string // tax authority, 11 digits
	Rate         float64
	Timeout      time.Duration
	Readonly     bool
	Transport    string // http or soap (from the endpoint scheme when not given)
	Audit        string // path of the audit file (default .gt3ct/audit.jsonl)
	Mask         bool   // mask PII in everything written to disk (default true)
	Source       string // where the environment was defined: "gt3ct.yaml:3" or "built-in"
	Given        Given  // which of endpoint and db came from the command line (see CheckPair)
}

// Secrets lists the secret values of an environment (non-empty ones), for
// the redaction layer.
func (e Environment) Secrets() []string {
	var out []string
	for _, s := range []string{e.DBPassword, e.IdentityType, dsnPassword(e.DB)} {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
