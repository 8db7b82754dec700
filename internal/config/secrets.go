package config

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// fullVar matches a value that is exactly one ${NAME} reference.
var fullVar = lazyRegexp(`^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$`)

// secrets fills the secret keys: db_password and identity_type, and checks
// that a password written inside db comes from a variable.
func (l *loader) secrets(r rawEnv, e *Environment) error {
	for _, s := range []struct {
		n   *yaml.Node
		key string
		dst *string
	}{{&r.DBPassword, "db_password", &e.DBPassword}, {&r.IdentityType, "identity_type", &e.IdentityType}} {
		v, err := l.secret(s.n, s.key)
		if err != nil {
			return err
		}
		if v != "" {
			*s.dst = v
		}
	}
	if r.DB.Kind == yaml.ScalarNode {
		if raw, ok := rawDSNPassword(r.DB.Value); ok && !fullVar().MatchString(raw) {
			return errs.At("config", errs.Input, l.place(&r.DB),
				"the password inside db must come from ${VAR}, not a literal (or move it to db_password)")
		}
	}
	return l.setString(&r.DB, "db", &e.DB)
}

// secret reads a secret key: "${VAR}" or "file:/path" (a 0600 file), never a
// literal.
func (l *loader) secret(n *yaml.Node, key string) (string, error) {
	if n.Kind == 0 {
		return "", nil
	}
	if n.Kind != yaml.ScalarNode {
		return "", errs.At("config", errs.Input, l.place(n), "%s must be a single value", key)
	}
	raw := n.Value
	switch {
	case n.Tag == "!!null" || raw == "":
		return "", nil
	case fullVar().MatchString(raw):
		return l.expand(n, raw)
	case strings.HasPrefix(raw, "file:"):
		return l.secretFile(n, key, strings.TrimPrefix(raw, "file:"))
	}
	return "", errs.At("config", errs.Input, l.place(n), "%s must come from ${VAR} or a 0600 file, not a literal", key)
}

// secretFile reads a secret from a file that only its owner may read.
func (l *loader) secretFile(n *yaml.Node, key, path string) (string, error) {
	path, err := l.expand(n, path)
	if err != nil {
		return "", err
	}
	if !filepath.IsAbs(path) {
		path = filepath.Join(l.dir, path)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return "", errs.At("config", errs.Input, l.place(n), "%s: secret file %s: %v", key, path, unwrapPath(err))
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return "", errs.At("config", errs.Input, l.place(n),
			"%s: secret file %s has mode %04o; want 0600 or stricter (chmod 600 %s)", key, path, perm, path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return "", errs.At("config", errs.Input, l.place(n), "%s: secret file %s: %v", key, path, unwrapPath(err))
	}
	v := strings.TrimRight(string(data), "\r\n")
	if v == "" {
		return "", errs.At("config", errs.Input, l.place(n), "%s: secret file %s is empty", key, path)
	}
	return v, nil
}

var (
	urlUserinfo = lazyRegexp(`^[A-Za-z][A-Za-z0-9+.-]*://([^/?#]*)@`)
	kvPassword  = lazyRegexp(`(?i)(?:^|[?&;\s])(?:password|passwd|pwd)=([^&;\s]*)`)
)

// rawDSNPassword finds a password written into a DSN: user:PASS@ or
// password=PASS.
func rawDSNPassword(dsn string) (string, bool) {
	if m := urlUserinfo().FindStringSubmatch(dsn); m != nil {
		if _, pass, ok := strings.Cut(m[1], ":"); ok {
			return pass, true
		}
	}
	if m := kvPassword().FindStringSubmatch(dsn); m != nil {
		return m[1], true
	}
	return "", false
}

// dsnPassword returns the password inside a DSN (decoded), or "".
func dsnPassword(dsn string) string {
	p, ok := rawDSNPassword(dsn)
	if !ok {
		return ""
	}
	if d, err := url.PathUnescape(p); err == nil {
		return d
	}
	return p
}

// transport checks or derives the transport: soap+http(s):// endpoints
// speak SOAP 1.1, everything else plain HTTP.
func (l *loader) transport(r *rawEnv, e *Environment) error {
	if err := checkEndpoint(e.Endpoint); err != nil {
		return errs.At("config", errs.Input, l.place(&r.Endpoint), "%v", err)
	}
	n := &r.Transport
	if n.Kind == 0 || e.Transport == "" {
		e.Transport = transportOf(e.Endpoint)
		return nil
	}
	if e.Transport != "http" && e.Transport != "soap" {
		return errs.At("config", errs.Input, l.place(n), "transport: want http or soap, got %q", e.Transport)
	}
	return nil
}

func transportOf(endpoint string) string {
	if strings.HasPrefix(endpoint, "soap+") {
		return "soap"
	}
	return "http"
}

// checkEndpoint accepts "" (embedded simulator) or an http(s) or soap+http(s) URL.
func checkEndpoint(endpoint string) error {
	if endpoint == "" {
		return nil
	}
	u, err := url.Parse(endpoint)
	if err != nil || u.Host == "" {
		return fmt.Errorf("endpoint %q is not a URL", redactURL(endpoint))
	}
	switch u.Scheme {
	case "http", "https", "soap+http", "soap+https":
		return nil
	}
	return fmt.Errorf("endpoint scheme %q: want http, https, soap+http or soap+https", u.Scheme)
}

func redactURL(s string) string {
	if p, ok := rawDSNPassword(s); ok && p != "" {
		return strings.Replace(s, p, "***", 1)
	}
	return s
}

// DSN returns the database DSN with the password inserted, for the driver
// only: never print it. A URL DSN with a user and no password gets
// DBPassword.
func (e Environment) DSN() string {
	if e.DBPassword == "" || !strings.Contains(e.DB, "://") {
		return e.DB
	}
	if _, has := rawDSNPassword(e.DB); has {
		return e.DB
	}
	u, err := url.Parse(e.DB)
	if err != nil || u.User == nil || u.User.Username() == "" {
		return e.DB
	}
	u.User = url.UserPassword(u.User.Username(), e.DBPassword)
	return u.String()
}
