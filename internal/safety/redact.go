// Package safety keeps gt3ct safe to run next to production: secrets are
// redacted from every output, taxpayer PII is masked in everything written
// to disk, read-only environments refuse writes, and every message sent is
// recorded in an append-only audit file.
package safety

import (
	"encoding/base64"
	"io"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// Hidden is what a redacted secret is replaced with.
const Hidden = "***"

// minEncoded is the shortest encoded fragment of a secret that is redacted:
// shorter base64 fragments would match ordinary text.
const minEncoded = 6

// Redactor replaces secret values (and their URL-encoded and base64 forms)
// with ***. It is safe for concurrent use; secrets may be added at any time.
type Redactor struct {
	mu      sync.RWMutex
	secrets map[string]bool
	rep     *strings.Replacer
}

// NewRedactor returns a Redactor for the given secrets.
func NewRedactor(secrets ...string) *Redactor {
	r := &Redactor{secrets: map[string]bool{}}
	r.Add(secrets...)
	return r
}

// Add registers more secrets; empty strings are ignored.
func (r *Redactor) Add(secrets ...string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	changed := false
	for _, s := range secrets {
		if s != "" && !r.secrets[s] {
			r.secrets[s], changed = true, true
		}
	}
	if changed {
		r.rebuild()
	}
}

// rebuild makes the replacer from every form of every secret, longest first
// so that a longer form wins over a shorter one at the same place.
func (r *Redactor) rebuild() {
	forms := map[string]bool{}
	for s := range r.secrets {
		for _, f := range Forms(s) {
			forms[f] = true
		}
	}
	list := make([]string, 0, len(forms))
	for f := range forms {
		list = append(list, f)
	}
	sort.Slice(list, func(i, j int) bool {
		if len(list[i]) != len(list[j]) {
			return len(list[i]) > len(list[j])
		}
		return list[i] < list[j]
	})
	args := make([]string, 0, 2*len(list))
	for _, f := range list {
		args = append(args, f, Hidden)
	}
	r.rep = strings.NewReplacer(args...)
}

// Forms lists the ways a secret can appear in output: as is, URL-encoded
// (query and path), and base64 (standard and URL alphabets) at each of the
// three alignments it can have inside a longer encoded string, such as
// "Basic " + base64("user:" + secret).
func Forms(s string) []string {
	forms := []string{s, url.QueryEscape(s), url.PathEscape(s)}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
		for k := 0; k < 3; k++ {
			if f := alignedBase64(enc, s, k); len(f) >= minEncoded {
				forms = append(forms, f)
			}
		}
	}
	return forms
}

// alignedBase64 returns the part of the base64 encoding of s, preceded by k
// bytes, that depends only on s.
func alignedBase64(enc *base64.Encoding, s string, k int) string {
	buf := append(make([]byte, k), s...)
	e := strings.TrimRight(enc.EncodeToString(buf), "=")
	start := []int{0, 2, 3}[k]
	end := len(buf) * 8 / 6 // characters made only of whole data bits
	if end <= start {
		return ""
	}
	return e[start:end]
}

var (
	dsnUserinfo = regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.-]*://[^\s/:@'"]*):([^\s/@'"]+)@`)
	kvSecret    = regexp.MustCompile(`(?i)\b((?:db_)?password|passwd|pwd)=([^\s&;'",}<]+)`)
	jsonSecret  = regexp.MustCompile(`(?i)("(?:db_?)?password"\s*:\s*")([^"]+)"`)
	identityXML = regexp.MustCompile(`(?i)(<name>\s*identityType\s*</name>\s*<value>)([^<]*)(</value>)`)
)

// Redact returns s with every registered secret, and any password written
// in a DSN (user:pass@, password=…), replaced by ***.
func (r *Redactor) Redact(s string) string {
	r.mu.RLock()
	rep := r.rep
	r.mu.RUnlock()
	if rep != nil {
		s = rep.Replace(s)
	}
	// The regexps are slow: run each only when its literal part is there.
	if strings.Contains(s, "://") && strings.Contains(s, "@") {
		s = dsnUserinfo.ReplaceAllString(s, "$1:"+Hidden+"@")
	}
	if anyOf(s, "assw", "ASSW", "wd=", "WD=", "Wd=") {
		s = kvSecret.ReplaceAllString(s, "${1}="+Hidden)
		s = jsonSecret.ReplaceAllString(s, "${1}"+Hidden+`"`)
	}
	if anyOf(s, "dentity", "DENTITY") {
		s = identityXML.ReplaceAllString(s, "${1}"+Hidden+"${3}")
	}
	return s
}

// anyOf reports whether s contains any of subs.
func anyOf(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// Writer returns a writer that redacts everything written through it before
// passing it on to w. It holds back an unfinished line until its newline
// (so a secret split across writes is still caught); call Flush or Close
// at the end.
func (r *Redactor) Writer(w io.Writer) *LineFilter {
	return NewLineFilter(w, r.Redact)
}
