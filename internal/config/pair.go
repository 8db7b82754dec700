package config

import (
	"strings"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// Given records where an environment's endpoint and database came from: the
// command line (--endpoint, --db) or the environment itself. Resolve fills it.
type Given struct {
	EndpointFlag bool // --endpoint was given
	DBFlag       bool // --db was given
	EnvEndpoint  bool // the environment itself names an endpoint
	EnvDB        bool // the environment itself names a database
}

// CheckPair refuses an endpoint and a database that do not belong together:
// --endpoint without --db, unless the environment pairs its own endpoint
// with its own database (the sim's database is its embedded simulator's,
// not the core behind another endpoint); and --db naming an Oracle core
// without any endpoint, where the embedded simulator would write into it.
func (e Environment) CheckPair() error {
	g := e.Given
	if g.EndpointFlag && !g.DBFlag && !(g.EnvEndpoint && g.EnvDB) {
		whose := "it has no db"
		if g.EnvDB {
			whose = "its db " + redactDSN(e.DB) + " is the embedded simulator's"
		}
		return errs.E("--endpoint", errs.Input, "%s without --db: environment %s has no database behind that endpoint (%s); give --db DSN of the core the endpoint writes to", e.Endpoint, e.Name, whose)
	}
	if g.DBFlag && !g.EndpointFlag && !g.EnvEndpoint && strings.HasPrefix(e.DB, "oracle://") {
		return errs.E("--db", errs.Input, "%s without --endpoint: environment %s has no endpoint, so the embedded simulator would write into that core; give --endpoint URL of the bus in front of it", redactDSN(e.DB), e.Name)
	}
	return nil
}

// CheckHead refuses an environment that lacks a head field every request
// needs (channel_id), naming the key to set in gt3ct.yaml.
func (e Environment) CheckHead() error {
	if strings.TrimSpace(e.ChannelID) == "" {
		return errs.E("env", errs.Input, "environment %s (%s) has no channel_id: every request head needs one; set channel_id in its gt3ct.yaml entry", e.Name, e.Source)
	}
	return nil
}

// redactDSN hides a password in a DSN (user:secret@host → user:***@host).
func redactDSN(dsn string) string {
	if p, ok := rawDSNPassword(dsn); ok && p != "" {
		return strings.Replace(dsn, ":"+p+"@", ":***@", 1)
	}
	return dsn
}
