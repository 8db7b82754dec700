// Package render fills contract templates (request.xml, expected documents,
// expected database values) from one flat map of lower-case values: fixture
// fields, case variables, --set overrides and values saved from earlier
// steps. Templates are text/template with missingkey=error, so a misspelt
// placeholder is an error naming the file and line, never an empty value.
package render

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"strings"
	"sync"
	"text/template"
	"time"
)

// Cache parses each distinct template once and renders it many times. The
// key is the template name plus a hash of its text, so an edited file is
// parsed again. A Cache is safe for concurrent use.
type Cache struct {
	// Now is the clock behind today and now; nil means time.Now.
	Now func() time.Time
	// Rand is the source of uuid; nil means crypto/rand.
	Rand io.Reader

	mu sync.RWMutex
	m  map[cacheKey]*template.Template
}

type cacheKey struct {
	name string
	sum  [sha256.Size]byte
}

// NewCache returns an empty cache using the real clock and crypto/rand.
func NewCache() *Cache { return &Cache{} }

var defaultCache = NewCache()

// Render renders text (the contents of the file name) with data, using a
// shared package-wide cache. Errors read "name:line: message".
func Render(name, text string, data map[string]string) (string, error) {
	return defaultCache.Render(name, text, data)
}

// Render renders text (the contents of the file name) with data, values
// as they are: for SQL values, XPath and expected values. Errors read
// "name:line: message", e.g. "request.xml:12: unknown field {{.nsrmcc}}".
func (c *Cache) Render(name, text string, data map[string]string) (string, error) {
	return c.execute(name, text, data)
}

// RenderXML renders an XML template (a request body): every value is
// XML-escaped ("A&B<C>" → "A&amp;B&lt;C&gt;") unless the template inserts
// it with {{raw .x}} on purpose, and the result must be well-formed XML;
// if not, the error names the template line and the keys used on it.
func (c *Cache) RenderXML(name, text string, data map[string]string) (string, error) {
	xdata := make(map[string]xmlText, len(data))
	for k, v := range data {
		xdata[k] = xmlText(v)
	}
	out, err := c.execute(name, text, xdata)
	if err != nil {
		return "", err
	}
	if err := WellFormed(out); err != nil {
		return "", malformed(name, text, err)
	}
	return out, nil
}

func (c *Cache) execute(name, text string, data any) (string, error) {
	t, err := c.parse(name, text)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	if err := t.Execute(&b, data); err != nil {
		return "", wrapErr(name, err)
	}
	return b.String(), nil
}

// Len reports how many parsed templates the cache holds.
func (c *Cache) Len() int {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.m)
}

func (c *Cache) parse(name, text string) (*template.Template, error) {
	k := cacheKey{name: name, sum: sha256.Sum256([]byte(text))}
	c.mu.RLock()
	t, ok := c.m[k]
	c.mu.RUnlock()
	if ok {
		return t, nil
	}
	t, err := template.New(name).Option("missingkey=error").Funcs(c.funcs()).Parse(text)
	if err != nil {
		return nil, wrapErr(name, err)
	}
	c.mu.Lock()
	if c.m == nil {
		c.m = map[cacheKey]*template.Template{}
	}
	c.m[k] = t
	c.mu.Unlock()
	return t, nil
}

func (c *Cache) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// uuid returns 32 upper-case hex digits, the shape of SBUUID and tran_seq.
func (c *Cache) uuid() (string, error) {
	r := c.Rand
	if r == nil {
		r = rand.Reader
	}
	var b [16]byte
	if _, err := io.ReadFull(r, b[:]); err != nil {
		return "", err
	}
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // variant
	return strings.ToUpper(hex.EncodeToString(b[:])), nil
}

// Merge returns one map holding every layer's values; later layers win
// (fixture, then case vars, then --set, then saved values). Nil layers are
// skipped; the inputs are not modified.
func Merge(layers ...map[string]string) map[string]string {
	n := 0
	for _, l := range layers {
		n += len(l)
	}
	out := make(map[string]string, n)
	for _, l := range layers {
		for k, v := range l {
			out[k] = v
		}
	}
	return out
}
