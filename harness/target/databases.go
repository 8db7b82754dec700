package target

import (
	"context"
	"strings"

	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// openDatabases opens the environment's other databases (env.Databases),
// each with its password from database_passwords.
func (t *Target) openDatabases(ctx context.Context) error {
	for name, dsn := range t.Env.Databases {
		db, err := coredb.OpenWith(ctx, dsn, coredb.OpenOptions{Password: t.Env.DatabasePasswords[name]})
		if err != nil {
			return errs.E("target", errs.KindOf(err), "database %s: %w", name, err)
		}
		if t.Named == nil {
			t.Named = map[string]*coredb.DB{}
		}
		t.Named[name] = db
		t.closers = append(t.closers, db.Close)
	}
	return nil
}

// Queriers are the environment's other databases as check queriers, by
// name. On a readonly environment each refuses any statement but a query.
func (t *Target) Queriers() map[string]check.Querier {
	out := make(map[string]check.Querier, len(t.Named))
	for name, db := range t.Named {
		var q check.Querier = check.SQLQuerier{DB: db}
		if t.Env.Readonly {
			q = readOnly{q: q, name: name}
		}
		out[name] = q
	}
	return out
}

// readOnly passes SELECT and WITH queries only.
type readOnly struct {
	q    check.Querier
	name string
}

// QueryRows runs sql when it is a query; anything else is refused.
func (r readOnly) QueryRows(ctx context.Context, sql string, params map[string]string) ([]string, []map[string]*string, error) {
	head := strings.ToUpper(strings.TrimSpace(sql))
	if !strings.HasPrefix(head, "SELECT") && !strings.HasPrefix(head, "WITH") {
		return nil, nil, errs.E("target", errs.Refused, "database %s is read-only on a readonly environment: only SELECT runs", r.name)
	}
	return r.q.QueryRows(ctx, sql, params)
}
