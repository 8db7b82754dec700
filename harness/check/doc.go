package check

import (
	"regexp"
	"strings"
	"sync"

	"github.com/beevik/etree"
)

// Doc is an answer body parsed at most once: the XPath assertions
// (RunXPathDoc), the values saved for later steps (ExtractDoc) and the
// runner's answer fields (Leaves) all read the same tree. The tree is built
// on first use, so a step with nothing to check never parses its body.
// A Doc is safe for concurrent use; nothing may modify the tree or the map
// it hands out.
type Doc struct {
	body string

	parseOnce sync.Once
	tree      *etree.Document
	err       error

	leavesOnce sync.Once
	leaves     map[string]string
}

// NewDoc wraps an answer body (UTF-8 text, as envelope.Message.Body) for
// checks; it does not parse it yet.
func NewDoc(body string) *Doc { return &Doc{body: body} }

// Body is the text the Doc was made from.
func (d *Doc) Body() string { return d.body }

// Tree parses the body on first call (see ParseXML) and returns the same
// document, or the same error, every time after.
func (d *Doc) Tree() (*etree.Document, error) {
	d.parseOnce.Do(func() { d.tree, d.err = ParseXML(d.body) })
	return d.tree, d.err
}

// Leaves returns the trimmed text of every leaf element by local name, the
// first occurrence in document order winning; empty when the body is not
// XML. Callers must not modify the map.
func (d *Doc) Leaves() map[string]string {
	d.leavesOnce.Do(func() {
		d.leaves = map[string]string{}
		if tree, err := d.Tree(); err == nil {
			collectLeaves(tree.Root(), d.leaves)
		}
	})
	return d.leaves
}

// LeafValues returns the leaves of an XML document (see Doc.Leaves).
func LeafValues(tree *etree.Document) map[string]string {
	out := map[string]string{}
	if tree != nil {
		collectLeaves(tree.Root(), out)
	}
	return out
}

func collectLeaves(e *etree.Element, out map[string]string) {
	if e == nil {
		return
	}
	kids := e.ChildElements()
	if len(kids) == 0 {
		if _, ok := out[e.Tag]; !ok {
			out[e.Tag] = strings.TrimSpace(e.Text())
		}
		return
	}
	for _, k := range kids {
		collectLeaves(k, out)
	}
}

type compiledRegexp struct {
	re  *regexp.Regexp
	err error
}

var regexps sync.Map // pattern -> compiledRegexp

// CompileRegexp compiles a contract's regular expression once per process;
// later calls with the same pattern return the same *regexp.Regexp (safe
// for concurrent use) or the same error.
func CompileRegexp(pattern string) (*regexp.Regexp, error) {
	if c, ok := regexps.Load(pattern); ok {
		return c.(compiledRegexp).re, c.(compiledRegexp).err
	}
	re, err := regexp.Compile(pattern)
	regexps.Store(pattern, compiledRegexp{re, err})
	return re, err
}
