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
// fields (FieldClass) that are not masked. The reports never quote what leaked.
// Secrets shorter than 3 bytes are ignored (they would match everywhere).
func ScanForLeaks(dir string, secrets []string) []string {
	forms := secretForms(secrets)
	var out []string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			out = append(out, fmt.Sprintf("%s: cannot read: %v", path, err))
			return nil
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(dir, path)
			out = append(out, scanFile(path, rel, forms)...)
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// secretForm is one encoded form of the secret numbered idx (0-based).
type secretForm struct {
	text string
	idx  int
}

// secretForms lists the encoded forms of the secrets of 3 bytes or more.
func secretForms(secrets []string) []secretForm {
	var forms []secretForm
	for i, s := range secrets {
		if len(s) < 3 {
			continue
		}
		for _, f := range Forms(s) {
			forms = append(forms, secretForm{f, i})
		}
	}
	return forms
}

// scanFile reports the lines of the file at path (shown as rel) holding a
// secret form or unmasked PII.
func scanFile(path, rel string, forms []secretForm) []string {
	var out []string
	prev := ""
	scanLines(path, func(n int, line string) {
		defer func() { prev = tail(line) }()
		for _, f := range forms {
			if strings.Contains(line, f.text) {
				out = append(out, fmt.Sprintf("%s:%d: secret #%d", rel, n, f.idx+1))
				break
			}
		}
		for _, what := range piiInContext(prev, line) {
			out = append(out, fmt.Sprintf("%s:%d: %s", rel, n, what))
		}
	})
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

// tail is the end of a line kept as context for the next one: a pretty-printed
// <name>sjjg</name> on one line names the code field of the <value> on the next.
func tail(line string) string {
	if len(line) > contextBytes {
		return line[len(line)-contextBytes:]
	}
	return line
}

// piiInContext is piiIn for line, with the end of the previous line as the
// context that tells a code field (a tax office code) from a mobile number.
func piiInContext(prev, line string) []string {
	if prev == "" {
		return piiIn(line)
	}
	return piiInFrom(prev+"\n"+line, len(prev)+1)
}

// piiIn lists the kinds of unmasked PII in one line.
func piiIn(line string) []string { return piiInFrom(line, 0) }

// piiInFrom lists the unmasked PII of s[from:], reading s[:from] as context.
func piiInFrom(s string, from int) []string {
	line := s[from:]
	var found []string
	seen := map[string]bool{}
	add := func(what string) {
		if !seen[what] {
			seen[what] = true
			found = append(found, what)
		}
	}
	replaceRuns(s, func(s string, i, j int) string {
		if i < from {
			return s[i:j]
		}
		switch run := s[i:j]; {
		case len(run) == 18 && ValidID(run) && !IsMasked(ClassID, run):
			add("unmasked ID number")
		case isMobile(run) && !IsMasked(ClassPhone, run) && !codeFieldBefore(s, i):
			add("unmasked mobile number")
		}
		return s[i:j]
	})
	if !hasPIIField(line) {
		return found
	}
	for syntax := range syntaxes {
		for _, f := range findFields(line, syntax) {
			class := FieldClass(f.key)
			if class != ClassName && class != ClassAddress {
				continue // IDs and mobiles are caught by pattern above
			}
			v := strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(line[f.vs:f.ve], "<![CDATA["), "]]>"))
			if v != "" && v != Hidden && !IsMasked(class, v) {
				add("unmasked " + class + " in field " + f.key)
			}
		}
	}
	return found
}
