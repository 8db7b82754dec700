package cli

import (
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"

	"github.com/spf13/pflag"
	"golang.org/x/term"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/safety"
)

// redacting wraps a command's output so that no secret registered with red
// (the resolved environment's passwords and channel credential) is ever
// printed; lines pass through as they complete.
func redacting(w io.Writer, red *safety.Redactor) *safety.LineFilter {
	return safety.NewLineFilter(w, red.Redact)
}

// EnvFlags are the flags shared by commands that talk to an environment:
// --env, --config, --endpoint, --db, and the safety switches
// --unlock-writes and --no-mask.
type EnvFlags struct {
	Env          string
	Config       string
	Endpoint     string
	DB           string
	UnlockWrites bool
	NoMask       bool
}

// AddEnvFlags registers the environment flags on fs.
func AddEnvFlags(fs *pflag.FlagSet) *EnvFlags {
	f := &EnvFlags{}
	fs.StringVar(&f.Env, "env", config.SimEnv, "environment `NAME` from gt3ct.yaml (sim = embedded simulator)")
	fs.StringVar(&f.Config, "config", "", "config `FILE` (default $GT3CT_CONFIG, else ./gt3ct.yaml)")
	fs.StringVar(&f.Endpoint, "endpoint", "", "bus endpoint `URL`, overriding the environment's")
	fs.StringVar(&f.DB, "db", "", "core database `DSN`, overriding the environment's")
	fs.BoolVar(&f.UnlockWrites, "unlock-writes", false, "allow writes on a readonly environment (asks for a typed confirmation)")
	fs.BoolVar(&f.NoMask, "no-mask", false, "do not mask taxpayer PII in files written (not allowed on readonly environments)")
	return f
}

// Resolve picks the environment and registers its secrets with the
// command's redactor, so nothing printed afterwards can show them.
func (f *EnvFlags) Resolve(env *Env) (config.Environment, error) {
	e, err := config.Resolve(config.ResolveOptions{
		ConfigPath: f.Config, EnvName: f.Env, Endpoint: f.Endpoint, DB: f.DB, Getenv: env.Getenv,
	})
	if err != nil {
		return e, err
	}
	env.Redactor.Add(e.Secrets()...)
	return e, nil
}

// CatalogEnv opens the contract catalog and resolves the environment of
// the command's --env flags.
func CatalogEnv(env *Env, dir string, ef *EnvFlags) (*catalog.Catalog, config.Environment, error) {
	cat, err := openCatalog(env, dir)
	if err != nil {
		return nil, config.Environment{}, err
	}
	e, err := ef.Resolve(env)
	if err != nil {
		return nil, config.Environment{}, err
	}
	return cat, e, nil
}

// Mask says whether to mask PII for environment e, refusing --no-mask on a
// readonly environment.
func (f *EnvFlags) Mask(e config.Environment) (bool, error) {
	mask, err := safety.MaskEnabled(e, f.NoMask)
	if err != nil {
		if audit, aerr := safety.OpenAudit(e.Audit); aerr == nil {
			audit.Event(e, safety.Action{Kind: safety.KindNoMask, Service: "--no-mask"}, safety.EventRefused, err.Error())
			audit.Close()
		}
	}
	return mask, err
}

// Authorize runs the read-only guard for action a on environment e: with
// --unlock-writes it asks for the environment's name on the terminal
// (stdin must be a TTY). Refusals and unlock attempts go to audit.
func (f *EnvFlags) Authorize(env *Env, e config.Environment, a safety.Action, audit *safety.Audit) error {
	confirm := func() error {
		return safety.Unlock(e, env.Stdin, env.Stderr, isTerminal(env.Stdin))
	}
	return safety.Authorize(e, a, f.UnlockWrites, confirm, audit)
}

// isTerminal reports whether r is a terminal.
func isTerminal(r any) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// Reach is the flags a printed follow-up command needs to reach the same
// environment and database as this one (" --env E --config F --endpoint U
// --db D", each only when given; a password in a DSN is left out).
func (f *EnvFlags) Reach() string {
	var b strings.Builder
	add := func(flag, v string) {
		if v != "" {
			fmt.Fprintf(&b, " --%s %s", flag, shellQuote(v))
		}
	}
	add("env", f.Env)
	add("config", f.Config)
	add("endpoint", f.Endpoint)
	add("db", withoutPassword(f.DB))
	return b.String()
}

// withoutPassword drops the password of a scheme://user:password@host DSN
// (the follow-up command takes it from the environment, like this one could).
func withoutPassword(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, has := u.User.Password(); !has {
		return dsn
	}
	u.User = url.User(u.User.Username())
	return u.String()
}

// shellQuote quotes s for a POSIX shell when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r == '-' || r == '_' || r == '.' || r == '/' || r == ':' || r == '@' || r == '=' || r == ',' || r == '+' ||
			(r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z'))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
