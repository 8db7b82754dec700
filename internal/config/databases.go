package config

import (
	"gopkg.in/yaml.v3"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// databasePasswords reads `database_passwords: {NAME: ${VAR} | file:PATH}`:
// the password of each database named under databases, a secret like
// db_password (never a literal). A password for a name without a database
// is an error.
func (l *loader) databasePasswords(n *yaml.Node, e *Environment) error {
	es, err := l.mapping(n, "database_passwords")
	if err != nil || es == nil {
		return err
	}
	out := map[string]string{}
	for _, x := range es {
		if _, ok := e.Databases[x.key]; !ok {
			return errs.At("config", errs.Input, l.place(x.val), "database_passwords.%s: no database %s under databases", x.key, x.key)
		}
		v, err := l.secret(x.val, "database_passwords."+x.key)
		if err != nil {
			return err
		}
		out[x.key] = v
	}
	e.DatabasePasswords = out
	return nil
}
