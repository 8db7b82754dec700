package render

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// WellFormed reports whether doc is one well-formed XML document: every
// token decodes and the elements nest and close. Character sets other than
// UTF-8 are accepted as declared (the bytes are not converted).
func WellFormed(doc string) error {
	d := xml.NewDecoder(strings.NewReader(doc))
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

var reSyntaxLine = regexp.MustCompile(`^XML syntax error on line (\d+): (.*)$`)

// malformed names the template line of a well-formedness error and the
// keys inserted on that line, the likely culprits:
// "request.xml:7: rendered request is not well-formed XML (element <nsrmc> closed by </taxML>): value of nsrmc".
func malformed(name, text string, err error) error {
	msg, line := err.Error(), 0
	if m := reSyntaxLine.FindStringSubmatch(msg); m != nil {
		fmt.Sscanf(m[1], "%d", &line)
		msg = m[2]
	}
	place, keys := name, []string(nil)
	if line > 0 {
		place = fmt.Sprintf("%s:%d", name, line)
		if lines := strings.Split(text, "\n"); line <= len(lines) {
			keys = Keys(lines[line-1])
		}
	}
	what := ""
	if len(keys) > 0 {
		what = ": value of " + strings.Join(keys, ", ")
	}
	return errs.At("", errs.Input, place, "rendered request is not well-formed XML (%s)%s", msg, what)
}

var (
	reAction = regexp.MustCompile(`\{\{(.*?)\}\}`)
	reField  = regexp.MustCompile(`(?:^|[^\w.)\]])\.([A-Za-z_]\w*)`)
)

// Keys returns the names a template refers to as {{.name}} (also inside
// pipelines: {{add .ybtse "0.01"}}), in order of first use.
func Keys(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, a := range reAction.FindAllStringSubmatch(text, -1) {
		for _, f := range reField.FindAllStringSubmatch(a[1], -1) {
			if !seen[f[1]] {
				seen[f[1]] = true
				out = append(out, f[1])
			}
		}
	}
	return out
}
