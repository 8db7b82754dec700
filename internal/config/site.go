package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/template"

	"gopkg.in/yaml.v3"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// LedgerPlace is where the fixtures ledger (GT3CT_LEDGER) lives: in the
// core database's login schema (the zero value), in another schema of it
// (Schema), or in a local SQLite file (File) for accounts that may create
// nothing in the core database.
type LedgerPlace struct {
	Schema string
	File   string
}

// LedgerChoices is the one-line list of the values ledger: accepts, for
// messages.
const LedgerChoices = "db (GT3CT_LEDGER in the login schema), db:SCHEMA (GT3CT_LEDGER in that schema), file:PATH (a local SQLite ledger)"

var identRE = lazyRegexp(`^[A-Za-z_][A-Za-z0-9_$#]{0,127}$`)

// ParseLedger reads a ledger: value: "" or "db", "db:SCHEMA" or "file:PATH".
func ParseLedger(s string) (LedgerPlace, error) {
	switch {
	case s == "" || s == "db":
		return LedgerPlace{}, nil
	case strings.HasPrefix(s, "db:") && identRE().MatchString(s[3:]):
		return LedgerPlace{Schema: s[3:]}, nil
	case strings.HasPrefix(s, "file:") && len(s) > 5:
		return LedgerPlace{File: s[5:]}, nil
	}
	return LedgerPlace{}, fmt.Errorf("ledger: want %s; got %q", LedgerChoices, s)
}

// LedgerPlace is the parsed ledger: key (validated when loaded).
func (e Environment) LedgerPlace() LedgerPlace {
	p, _ := ParseLedger(e.Ledger)
	return p
}

// Encodings are the request encodings the encoding: key accepts.
var Encodings = []string{"UTF-8", "GBK", "GB18030"}

// CanonicalEncoding returns the canonical name of an encoding ("utf8" →
// "UTF-8", "gbk" → "GBK"); ok is false for one gt3ct cannot send.
func CanonicalEncoding(s string) (string, bool) {
	switch strings.ToUpper(strings.ReplaceAll(s, "-", "")) {
	case "", "UTF8":
		return "UTF-8", true
	case "GBK", "CP936":
		return "GBK", true
	case "GB18030":
		return "GB18030", true
	}
	return "", false
}

// site parses the keys a site needs to reach its bus and seed its core:
// headers, tls, encoding, ledger, fixtures and databases.
func (l *loader) site(r *rawEnv, e *Environment) error {
	steps := []func() error{
		func() (err error) { e.Headers, err = l.headers(&r.Headers); return err },
		func() (err error) { e.TLS, err = l.tls(&r.TLS); return err },
		func() error { return l.encoding(&r.Encoding, e) },
		func() error { return l.ledger(&r.Ledger, e) },
		func() (err error) { e.Columns, err = l.fixtures(&r.Fixtures); return err },
		func() (err error) { e.Databases, err = l.databases(&r.Databases); return err },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// entry is one key of a YAML mapping with its value node.
type entry struct {
	key string
	val *yaml.Node
}

// mapping returns the entries of a mapping key (nil when absent).
func (l *loader) mapping(n *yaml.Node, key string) ([]entry, error) {
	if n.Kind == 0 || n.Tag == "!!null" {
		return nil, nil
	}
	if n.Kind != yaml.MappingNode {
		return nil, errs.At("config", errs.Input, l.place(n), "%s must be a mapping of NAME: value", key)
	}
	out := make([]entry, 0, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		out = append(out, entry{n.Content[i].Value, n.Content[i+1]})
	}
	return out, nil
}

var headerName = lazyRegexp("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")

// headers reads headers: {NAME: VALUE}; values may use ${VAR}.
func (l *loader) headers(n *yaml.Node) (map[string]string, error) {
	es, err := l.mapping(n, "headers")
	if err != nil || es == nil {
		return nil, err
	}
	out := map[string]string{}
	for _, x := range es {
		switch {
		case !headerName().MatchString(x.key):
			return nil, errs.At("config", errs.Input, l.place(x.val), "headers: %q is not an HTTP header name", x.key)
		case strings.EqualFold(x.key, "Host") || strings.EqualFold(x.key, "Content-Length"):
			return nil, errs.At("config", errs.Input, l.place(x.val), "headers: %s is set by the transport, not the config", x.key)
		}
		v, err := l.scalar(x.val, "headers."+x.key)
		if err != nil {
			return nil, err
		}
		out[x.key] = v
	}
	return out, nil
}

// tls reads tls: {ca_file, cert_file, key_file, server_name}; the files
// must exist and the client certificate comes with its key.
func (l *loader) tls(n *yaml.Node) (TLS, error) {
	var t TLS
	es, err := l.mapping(n, "tls")
	if err != nil {
		return t, err
	}
	dst := map[string]*string{"ca_file": &t.CAFile, "cert_file": &t.CertFile, "key_file": &t.KeyFile, "server_name": &t.ServerName}
	for _, x := range es {
		p, ok := dst[x.key]
		if !ok {
			return t, errs.At("config", errs.Input, l.place(x.val), "tls: unknown key %q (known: ca_file, cert_file, key_file, server_name)", x.key)
		}
		if *p, err = l.scalar(x.val, "tls."+x.key); err != nil {
			return t, err
		}
		if x.key != "server_name" && *p != "" {
			if *p, err = l.existing(x.val, "tls."+x.key, *p); err != nil {
				return t, err
			}
		}
	}
	if (t.CertFile == "") != (t.KeyFile == "") {
		return t, errs.At("config", errs.Input, l.place(n), "tls: cert_file and key_file go together (mutual TLS needs both)")
	}
	return t, nil
}

// existing resolves path against the config file's folder and checks it
// can be read.
func (l *loader) existing(n *yaml.Node, key, path string) (string, error) {
	if !filepath.IsAbs(path) {
		path = filepath.Join(l.dir, path)
	}
	f, err := os.Open(path)
	if err != nil {
		return "", errs.At("config", errs.Input, l.place(n), "%s: %s: %v", key, path, unwrapPath(err))
	}
	f.Close()
	return path, nil
}

func (l *loader) encoding(n *yaml.Node, e *Environment) error {
	return l.typed(n, "encoding", strings.Join(Encodings, ", "), func(s string) error {
		c, ok := CanonicalEncoding(s)
		if !ok {
			return fmt.Errorf("unsupported")
		}
		e.Encoding = c
		return nil
	})
}

func (l *loader) ledger(n *yaml.Node, e *Environment) error {
	if err := l.setString(n, "ledger", &e.Ledger); err != nil {
		return err
	}
	p, err := ParseLedger(e.Ledger)
	if err != nil {
		return errs.At("config", errs.Input, l.place(n), "%v", err)
	}
	if p.File != "" && !filepath.IsAbs(p.File) {
		e.Ledger = "file:" + filepath.Join(l.dir, p.File)
	}
	return nil
}

var columnKey = lazyRegexp(`^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_$#]*\.[A-Za-z_][A-Za-z0-9_$#]*$`)

// fixtures reads fixtures: {columns: {"SCHEMA.TABLE.COLUMN": template}}.
func (l *loader) fixtures(n *yaml.Node) (map[string]string, error) {
	es, err := l.mapping(n, "fixtures")
	if err != nil || es == nil {
		return nil, err
	}
	out := map[string]string{}
	for _, x := range es {
		if x.key != "columns" {
			return nil, errs.At("config", errs.Input, l.place(x.val), "fixtures: unknown key %q (known: columns)", x.key)
		}
		cols, err := l.mapping(x.val, "fixtures.columns")
		if err != nil {
			return nil, err
		}
		for _, c := range cols {
			if err := l.column(c, out); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// column checks one fixtures.columns entry: its key names a column and its
// value is a template.
func (l *loader) column(c entry, out map[string]string) error {
	if !columnKey().MatchString(c.key) {
		return errs.At("config", errs.Input, l.place(c.val), "fixtures.columns: %q is not SCHEMA.TABLE.COLUMN", c.key)
	}
	v, err := l.scalar(c.val, "fixtures.columns."+c.key)
	if err != nil {
		return err
	}
	if _, err := template.New(c.key).Option("missingkey=error").Parse(v); err != nil {
		return errs.At("config", errs.Input, l.place(c.val), "fixtures.columns.%s: bad template: %v", c.key, err)
	}
	out[strings.ToUpper(c.key)] = v
	return nil
}

// databases reads databases: {NAME: DSN}, with the same password rule as db.
func (l *loader) databases(n *yaml.Node) (map[string]string, error) {
	es, err := l.mapping(n, "databases")
	if err != nil || es == nil {
		return nil, err
	}
	out := map[string]string{}
	for _, x := range es {
		if !identRE().MatchString(x.key) {
			return nil, errs.At("config", errs.Input, l.place(x.val), "databases: %q is not a name (letters, digits, _)", x.key)
		}
		if raw, ok := rawDSNPassword(x.val.Value); ok && !fullVar().MatchString(raw) {
			return nil, errs.At("config", errs.Input, l.place(x.val), "databases.%s: the password inside the DSN must come from ${VAR}, not a literal", x.key)
		}
		dsn, err := l.scalar(x.val, "databases."+x.key)
		if err != nil {
			return nil, err
		}
		if !knownDSN(dsn) {
			return nil, errs.At("config", errs.Input, l.place(x.val), "databases.%s: want sqlite:PATH, postgres://… or oracle://user@host:port/service", x.key)
		}
		out[x.key] = dsn
	}
	return out, nil
}

func knownDSN(dsn string) bool {
	for _, p := range []string{"sqlite:", "postgres://", "postgresql://", "oracle://"} {
		if strings.HasPrefix(dsn, p) && len(dsn) > len(p) {
			return true
		}
	}
	return false
}
