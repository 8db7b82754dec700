package repro

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// promotedCase is the YAML of a promoted case (a subset of catalog.Case,
// without empty keys).
type promotedCase struct {
	Name    string         `yaml:"name"`
	Fixture string         `yaml:"fixture"`
	Request string         `yaml:"request"`
	Expect  promotedExpect `yaml:"expect"`
	DB      []promotedDB   `yaml:"db,omitempty"`
}

type promotedExpect struct {
	Class string `yaml:"class"`
}

type promotedDB struct {
	Name string              `yaml:"name"`
	SQL  string              `yaml:"sql"`
	Rows []map[string]string `yaml:"rows"`
}

// appendCase adds c to the service's contract.yaml, creating the file when
// the service has none. When "cases" is the file's last key (the usual
// layout) the case is appended as text, so comments and formatting stay as
// they are; otherwise the YAML tree is edited and written back. The result
// must load (catalog.ParseContract), else the file is restored.
func appendCase(contracts string, svc *catalog.Service, c promotedCase) error {
	path := filepath.Join(contracts, catalog.ServicesDir, svc.Code, catalog.ContractFile)
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return errs.E("repro promote", errs.Input, "read %s: %v", path, err)
	}
	var text []byte
	if os.IsNotExist(err) {
		text, err = newContract(svc, c)
	} else {
		text, err = withCase(path, old, c)
	}
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, text, 0o644); err != nil {
		return errs.E("repro promote", errs.Input, "write %s: %v", path, err)
	}
	dir := filepath.ToSlash(filepath.Join(catalog.ServicesDir, svc.Code))
	if _, err := catalog.ParseContract(os.DirFS(contracts), filepath.ToSlash(contracts), dir); err != nil {
		restore(path, old)
		return errs.E("repro promote", errs.Internal, "the promoted case does not load, %s left as it was: %v", path, err)
	}
	return nil
}

func restore(path string, old []byte) {
	if old == nil {
		os.Remove(path)
		return
	}
	os.WriteFile(path, old, 0o644)
}

func newContract(svc *catalog.Service, c promotedCase) ([]byte, error) {
	item, err := caseItem(c, 2)
	if err != nil {
		return nil, err
	}
	head := "# " + svc.Name + ": created by gt3ct repro promote\ncode: " + svc.Code + "\ncases:\n"
	return []byte(head + item), nil
}

// withCase returns old with c appended to its cases.
func withCase(path string, old []byte, c promotedCase) ([]byte, error) {
	var root yaml.Node
	if err := yaml.Unmarshal(old, &root); err != nil || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
		return nil, errs.At("repro promote", errs.Input, path, "not a contract mapping: %v", err)
	}
	m := root.Content[0]
	n := len(m.Content)
	for i := 0; i+1 < n; i += 2 {
		if m.Content[i].Value != "cases" {
			continue
		}
		seq := m.Content[i+1]
		if seq.Kind != yaml.SequenceNode {
			return nil, errs.At("repro promote", errs.Input, path, "cases is not a list")
		}
		if i+2 == n && seq.Style&yaml.FlowStyle == 0 && len(seq.Content) > 0 {
			item, err := caseItem(c, seq.Content[0].Column-3)
			if err != nil {
				return nil, err
			}
			text := string(old)
			if !strings.HasSuffix(text, "\n") {
				text += "\n"
			}
			return []byte(text + item), nil
		}
		return editTree(&root, seq, c)
	}
	return nil, errs.At("repro promote", errs.Input, path, "no cases list")
}

// editTree appends c to the parsed sequence and encodes the whole tree.
func editTree(root, seq *yaml.Node, c promotedCase) ([]byte, error) {
	var n yaml.Node
	if err := n.Encode(c); err != nil {
		return nil, errs.E("repro promote", errs.Internal, "%v", err)
	}
	seq.Content = append(seq.Content, &n)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, errs.E("repro promote", errs.Internal, "%v", err)
	}
	return buf.Bytes(), enc.Close()
}

// caseItem renders c as one item of a block sequence indented by indent
// spaces.
func caseItem(c promotedCase, indent int) (string, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode([]promotedCase{c}); err != nil {
		return "", errs.E("repro promote", errs.Internal, "%v", err)
	}
	enc.Close()
	if indent < 0 {
		indent = 0
	}
	pad := strings.Repeat(" ", indent)
	var out strings.Builder
	for _, line := range strings.SplitAfter(buf.String(), "\n") {
		if line != "" {
			out.WriteString(pad + line)
		}
	}
	return out.String(), nil
}
