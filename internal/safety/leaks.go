package safety

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ScanForLeaks walks dir and reports every file:line where a secret (or one
// of its encoded forms), a given name, or unmasked PII appears: ID numbers
// with a valid check digit, mobiles, and names and addresses in the PII
// fields (FieldClasses) that are not masked. The reports never quote what leaked.
// Secrets shorter than 3 bytes are ignored (they would match everywhere).
func ScanForLeaks(dir string, secrets []string) []string {
	type form struct {
		text string
		idx  int
	}
	var forms []form
	for i, s := range secrets {
		if len(s) < 3 {
			continue
		}
		for _, f := range Forms(s) {
			forms = append(forms, form{f, i})
		}
	}
	var out []string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			out = append(out, fmt.Sprintf("%s: cannot read: %v", path, err))
			return nil
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, path)
		scanLines(path, func(n int, line string) {
			for _, f := range forms {
				if strings.Contains(line, f.text) {
					out = append(out, fmt.Sprintf("%s:%d: secret #%d", rel, n, f.idx+1))
					break
				}
			}
			for _, what := range piiIn(line) {
				out = append(out, fmt.Sprintf("%s:%d: %s", rel, n, what))
			}
		})
		return nil
	})
	sort.Strings(out)
	return out
}

// scanLines calls f with every line of the file at path (1-based).
func scanLines(path string, f func(int, string)) {
	fh, err := os.Open(path)
	if err != nil {
		return
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 0, 64*1024), 64*1024*1024)
	for n := 1; sc.Scan(); n++ {
		f(n, sc.Text())
	}
}

// piiIn lists the kinds of unmasked PII in one line.
func piiIn(line string) []string {
	var found []string
	seen := map[string]bool{}
	add := func(what string) {
		if !seen[what] {
			seen[what] = true
			found = append(found, what)
		}
	}
	replaceRuns(line, func(run string) string {
		switch {
		case len(run) == 18 && ValidID(run) && !IsMasked(ClassID, run):
			add("unmasked ID number")
		case isMobile(run) && !IsMasked(ClassPhone, run):
			add("unmasked mobile number")
		}
		return run
	})
	for _, re := range fieldRegexps() {
		replaceGroup(re, line, func(k, v string) string {
			class := FieldClasses[strings.ToLower(k)]
			if class != ClassName && class != ClassAddress {
				return v // IDs and mobiles are caught by pattern above
			}
			v = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(v, "<![CDATA["), "]]>"))
			if v != "" && v != Hidden && !IsMasked(class, v) {
				add("unmasked " + class + " in field " + k)
			}
			return v
		})
	}
	return found
}
