// Package config loads gt3ct.yaml: named environments (endpoint, database,
// channel identity, limits, read-only flag) with ${VAR} expansion from the
// environment. The built-in environment "sim" needs no file.
package config

import (
	"maps"
	"slices"
	"time"
)

// SimEnv is the name of the built-in environment: the embedded simulator.
const SimEnv = "sim"

// SimDB is the built-in environment's core database: the embedded
// simulator's, persisting between commands.
const SimDB = "sqlite:.gt3ct/sim/core.db"

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
	Audit        string // path of the audit file (default DefaultAudit())
	Mask         bool   // mask PII in everything written to disk (default true)
	Source       string // where the environment was defined: "gt3ct.yaml:3" or "built-in"

	Headers   map[string]string // extra HTTP headers sent with every request (RESOURCE-ID, SOAPAction)
	TLS       TLS               // client TLS settings for an https endpoint
	Encoding  string            // encoding of the requests sent: "" (UTF-8), "UTF-8", "GBK" or "GB18030"
	Ledger    string            // where GT3CT_LEDGER lives: "" or "db", "db:SCHEMA", "file:PATH"
	Columns   map[string]string // fixtures.columns: "SCHEMA.TABLE.COLUMN" -> value template ({{.djxh}})
	Databases map[string]string // other databases beside db, by name -> DSN
	MaxAnswer int64             // max_answer: the largest answer read, in bytes (0: the transport's 64 MiB)
	Given     Given             // which of endpoint and db came from the command line (see CheckPair)
	// DatabasePasswords are the passwords of the named databases
	// (database_passwords: secrets, like db_password); readonly applies to
	// the named databases too.
	DatabasePasswords map[string]string
}

// TLS is the tls: key of an environment: an internal CA, a client
// certificate for mutual TLS, and the name the server's certificate must
// carry. Paths are absolute (relative ones are resolved against the config
// file's folder when loaded).
type TLS struct {
	CAFile     string
	CertFile   string
	KeyFile    string
	ServerName string
}

// IsZero reports whether no TLS setting is given.
func (t TLS) IsZero() bool { return t == TLS{} }

// Secrets lists the secret values of an environment (non-empty ones), for
// the redaction layer.
func (e Environment) Secrets() []string {
	var out []string
	all := []string{e.DBPassword, e.IdentityType, dsnPassword(e.DB)}
	for _, name := range slices.Sorted(maps.Keys(e.Databases)) {
		all = append(all, dsnPassword(e.Databases[name]), e.DatabasePasswords[name])
	}
	for _, s := range all {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
