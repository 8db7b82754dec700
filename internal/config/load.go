package config

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/gt3ct/gt3ct/internal/errs"
	"github.com/gt3ct/gt3ct/internal/suggest"
)

// DefaultAudit is the audit file used when an environment names none: one
// per user, $XDG_STATE_HOME/gt3ct/audit.jsonl, else
// ~/.local/state/gt3ct/audit.jsonl (XDG base directories), else, with no
// home at all, .gt3ct/audit.jsonl in the working directory.
func DefaultAudit() string {
	if dir := os.Getenv("XDG_STATE_HOME"); filepath.IsAbs(dir) {
		return filepath.Join(dir, "gt3ct", "audit.jsonl")
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		return filepath.Join(home, ".local", "state", "gt3ct", "audit.jsonl")
	}
	return filepath.Join(".gt3ct", "audit.jsonl")
}

// DefaultTimeout is the per-request timeout of an environment that sets none.
const DefaultTimeout = 30 * time.Second

// Config is a loaded gt3ct.yaml: its environments by name, plus the built-in
// sim (unless the file overrides it).
type Config struct {
	Path string                 // the file it came from; empty when there is none
	Envs map[string]Environment // by name, always holding "sim"
}

// rawFile is the shape of gt3ct.yaml. Every key is a yaml.Node so errors can
// name the line of the value; KnownFields rejects unknown keys.
type rawFile struct {
	Environments map[string]rawEnv `yaml:"environments"`
}

type rawEnv struct {
	Endpoint     yaml.Node `yaml:"endpoint"`
	Transport    yaml.Node `yaml:"transport"`
	DB           yaml.Node `yaml:"db"`
	DBPassword   yaml.Node `yaml:"db_password"`
	ChannelID    yaml.Node `yaml:"channel_id"`
	IdentityType yaml.Node `yaml:"identity_type"`
	Sjry         yaml.Node `yaml:"sjry"`
	Sjjg         yaml.Node `yaml:"sjjg"`
	Rate         yaml.Node `yaml:"rate"`
	Timeout      yaml.Node `yaml:"timeout"`
	Readonly     yaml.Node `yaml:"readonly"`
	Audit        yaml.Node `yaml:"audit"`
	Mask         yaml.Node `yaml:"mask"`
	Headers      yaml.Node `yaml:"headers"`
	TLS          yaml.Node `yaml:"tls"`
	Encoding     yaml.Node `yaml:"encoding"`
	Ledger       yaml.Node `yaml:"ledger"`
	Fixtures     yaml.Node `yaml:"fixtures"`
	Databases    yaml.Node `yaml:"databases"`
	DBPasswords  yaml.Node `yaml:"database_passwords"`
	MaxAnswer    yaml.Node `yaml:"max_answer"`
}

const knownKeys = "endpoint, transport, db, db_password, channel_id, identity_type, sjry, sjjg, rate, timeout, readonly, audit, mask, " +
	"headers, tls, encoding, ledger, fixtures, databases, database_passwords, max_answer"

// Sim returns the built-in environment: the embedded simulator with its own
// SQLite core database.
func Sim() Environment {
	return Environment{
		Name: SimEnv, DB: SimDB, ChannelID: "GT3CT.SIM",
		Sjry: "14501GT3CT1", Sjjg: "14501000000", Timeout: 10 * time.Second,
		Transport: "http", Audit: DefaultAudit(), Mask: true, Source: "built-in",
	}
}

// Load reads the config file at path, expanding ${NAME} with getenv (os.Getenv
// when nil). Every error is an errs.Input naming the file and line.
func Load(path string, getenv func(string) string) (*Config, error) {
	if getenv == nil {
		getenv = os.Getenv
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, errs.E("config", errs.Input, "read %s: %w", path, unwrapPath(err))
	}
	var raw rawFile
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&raw); err != nil && !errors.Is(err, io.EOF) {
		return nil, yamlError(path, data, err)
	}
	cfg := &Config{Path: path, Envs: map[string]Environment{SimEnv: Sim()}}
	l := &loader{path: path, dir: filepath.Dir(path), getenv: getenv}
	for name, re := range raw.Environments {
		e, err := l.env(name, re)
		if err != nil {
			return nil, err
		}
		cfg.Envs[name] = e
	}
	return cfg, nil
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

var yamlLine = lazyRegexp(`^(?:yaml: )?line (\d+): (.*)$`)
var unknownField = lazyRegexp(`^field (\S+) not found in type \S+$`)

// yamlError turns a yaml.v3 error into "file:line: message". yaml.v3 names
// the line where the enclosing mapping starts; a bad indentation is pointed
// at directly.
func yamlError(path string, data []byte, err error) error {
	msgs := []string{err.Error()}
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msgs = te.Errors
	}
	m := yamlLine().FindStringSubmatch(strings.TrimSpace(msgs[0]))
	if m == nil {
		return errs.At("config", errs.Input, path, "bad YAML: %s", strings.TrimPrefix(msgs[0], "yaml: "))
	}
	line, msg := m[1], m[2]
	if n := badIndent(data); n > 0 && !strings.HasPrefix(msg, "field ") {
		line, msg = strconv.Itoa(n), "bad indentation ("+msg+")"
	}
	if f := unknownField().FindStringSubmatch(msg); f != nil {
		msg = fmt.Sprintf("unknown key %q (known: %s)", f[1], knownKeys)
	} else {
		msg = "bad YAML: " + msg
	}
	if len(msgs) > 1 {
		msg += fmt.Sprintf(" (and %d more)", len(msgs)-1)
	}
	return errs.At("config", errs.Input, path+":"+line, "%s", msg)
}

// Names lists the environments, sorted.
func (c *Config) Names() []string {
	names := make([]string, 0, len(c.Envs))
	for n := range c.Envs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Env returns the environment called name, or an Input error listing the
// known ones.
func (c *Config) Env(name string) (Environment, error) {
	if e, ok := c.Envs[name]; ok {
		return e, nil
	}
	where := c.Path
	if where == "" {
		where = "no gt3ct.yaml found"
	}
	return Environment{}, errs.E("config", errs.Input, "unknown environment %q%s (%s; known: %s)",
		name, suggest.Hint(name, c.Names()), where, strings.Join(c.Names(), ", "))
}

// loader turns one rawEnv into an Environment.
type loader struct {
	path   string
	dir    string
	getenv func(string) string
}

func (l *loader) env(name string, r rawEnv) (Environment, error) {
	e := Environment{Name: name, Timeout: DefaultTimeout, Audit: DefaultAudit(), Mask: true, Source: l.path}
	if name == SimEnv {
		e = Sim()
		e.Source = l.path
	}
	strs := []struct {
		n   *yaml.Node
		key string
		dst *string
	}{
		{&r.Endpoint, "endpoint", &e.Endpoint}, {&r.Transport, "transport", &e.Transport},
		{&r.ChannelID, "channel_id", &e.ChannelID}, {&r.Sjry, "sjry", &e.Sjry},
		{&r.Sjjg, "sjjg", &e.Sjjg}, {&r.Audit, "audit", &e.Audit},
	}
	for _, s := range strs {
		if err := l.setString(s.n, s.key, s.dst); err != nil {
			return e, err
		}
	}
	if err := l.secrets(r, &e); err != nil {
		return e, err
	}
	if err := l.numbers(r, &e); err != nil {
		return e, err
	}
	if err := l.site(&r, &e); err != nil {
		return e, err
	}
	if err := l.databasePasswords(&r.DBPasswords, &e); err != nil {
		return e, err
	}
	return e, l.transport(&r, &e)
}

// setString sets *dst from n when the key is present.
func (l *loader) setString(n *yaml.Node, key string, dst *string) error {
	if n.Kind == 0 {
		return nil
	}
	v, err := l.scalar(n, key)
	if err != nil {
		return err
	}
	*dst = v
	return nil
}

func (l *loader) place(n *yaml.Node) string { return l.path + ":" + strconv.Itoa(n.Line) }

// scalar returns the value of n with ${NAME} expanded.
func (l *loader) scalar(n *yaml.Node, key string) (string, error) {
	if n.Kind != yaml.ScalarNode {
		return "", errs.At("config", errs.Input, l.place(n), "%s must be a single value", key)
	}
	if n.Tag == "!!null" {
		return "", nil
	}
	return l.expand(n, n.Value)
}

var varRef = lazyRegexp(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`)

// expand replaces every ${NAME} in s; an unset or empty variable is an error.
func (l *loader) expand(n *yaml.Node, s string) (string, error) {
	var missing string
	out := varRef().ReplaceAllStringFunc(s, func(ref string) string {
		name := varRef().FindStringSubmatch(ref)[1]
		v := l.getenv(name)
		if v == "" && missing == "" {
			missing = name
		}
		return v
	})
	if missing != "" {
		return "", errs.At("config", errs.Input, l.place(n), "environment variable %s is not set", missing)
	}
	return out, nil
}

// numbers parses the non-string keys: rate, timeout, readonly, mask.
func (l *loader) numbers(r rawEnv, e *Environment) error {
	parsers := []struct {
		n         *yaml.Node
		key, want string
		parse     func(string) error
	}{
		{&r.Rate, "rate", "a number of requests per second (0 = unlimited)", func(s string) error {
			f, err := strconv.ParseFloat(s, 64)
			if err == nil && f < 0 {
				return errors.New("negative")
			}
			e.Rate = f
			return err
		}},
		{&r.Timeout, "timeout", "a duration like 30s", func(s string) (err error) {
			e.Timeout, err = parseTimeout(s)
			return err
		}},
		{&r.Readonly, "readonly", "true or false", func(s string) (err error) {
			e.Readonly, err = strconv.ParseBool(s)
			return err
		}},
		{&r.Mask, "mask", "true or false", func(s string) (err error) {
			e.Mask, err = strconv.ParseBool(s)
			return err
		}},
		{&r.MaxAnswer, "max_answer", "a size like 64MiB, 200MB or a number of bytes", func(s string) (err error) {
			e.MaxAnswer, err = ParseSize(s)
			return err
		}},
	}
	for _, p := range parsers {
		if err := l.typed(p.n, p.key, p.want, p.parse); err != nil {
			return err
		}
	}
	return nil
}

// parseTimeout reads a Go duration, or a bare number of seconds.
func parseTimeout(s string) (time.Duration, error) {
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if f <= 0 {
			return 0, errors.New("not positive")
		}
		return time.Duration(f * float64(time.Second)), nil
	}
	d, err := time.ParseDuration(s)
	if err == nil && d <= 0 {
		return 0, errors.New("not positive")
	}
	return d, err
}

// typed parses a present scalar with parse, reporting want on failure.
func (l *loader) typed(n *yaml.Node, key, want string, parse func(string) error) error {
	if n.Kind == 0 {
		return nil
	}
	s, err := l.scalar(n, key)
	if err != nil || s == "" {
		return err
	}
	if err := parse(s); err != nil {
		return errs.At("config", errs.Input, l.place(n), "%s: want %s, got %q", key, want, s)
	}
	return nil
}

// badIndent returns the 1-based number of the first line that dedents to a
// column no enclosing line started at, or 0.
func badIndent(data []byte) int {
	stack := []int{0}
	for i, line := range strings.Split(string(data), "\n") {
		body := strings.TrimLeft(line, " ")
		if body == "" || strings.HasPrefix(body, "#") {
			continue
		}
		ind := len(line) - len(body)
		popped := false
		for len(stack) > 1 && ind < stack[len(stack)-1] {
			stack, popped = stack[:len(stack)-1], true
		}
		switch top := stack[len(stack)-1]; {
		case ind != top && popped:
			return i + 1
		case ind > top:
			stack = append(stack, ind)
		}
	}
	return 0
}
