package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/errs"
)

func init() {
	Group("db", "the core database: ping")
	Register("db", dbPingCmd)
}

func dbPingCmd(env *Env) *cobra.Command {
	c := Command("ping", "connect to the core database and list the core tables it has", Exact(0))
	ef := AddEnvFlags(c.Flags())
	return Run(c, func([]string) error { return dbPing(env, ef) })
}

// runDBPing opens the environment's (or --db's) core database, and prints
// its dialect, version, round trip and the core tables present. Missing
// tables are a finding (exit 1), and so is an unreachable database.
func dbPing(env *Env, ef *EnvFlags) error {
	e, err := ef.Resolve(env)
	if err != nil {
		return err
	}
	if e.DB == "" {
		return errs.E("db ping", errs.Input, "environment %s names no core database: pass --db DSN", e.Name)
	}
	db, err := coredb.OpenWith(env.Ctx, e.DB, coredb.OpenOptions{Password: e.DBPassword, ReadOnly: e.Readonly})
	if err != nil {
		return err
	}
	defer db.Close()
	info, err := db.Describe(env.Ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "%s %s: reachable in %s\n", info.Dialect, info.Source, info.Latency.Round(100_000))
	if info.Version != "" {
		fmt.Fprintf(env.Stdout, "version: %s\n", info.Version)
	}
	fmt.Fprintf(env.Stdout, "core tables: %d of %d present\n", len(info.Tables), len(info.Tables)+len(info.Missing))
	if len(info.Missing) > 0 {
		fmt.Fprintf(env.Stdout, "missing:\n  %s\n", strings.Join(info.Missing, "\n  "))
		return errs.E("db ping", errs.Finding, "%d core tables missing", len(info.Missing))
	}
	return nil
}
