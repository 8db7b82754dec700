package catalog

import (
	"encoding/json"
	"fmt"
	"github.com/gt3ct/gt3ct/internal/textwidth"
	"io"
	"strings"
)

// WriteTable writes rows under a header in columns aligned by display width,
// so Chinese names (two columns per character) line up.
func WriteTable(w io.Writer, header []string, rows [][]string) error {
	_, err := io.WriteString(w, textwidth.Table(append([][]string{header}, rows...), "", 2))
	return err
}

// ListEntry is one element of `catalog ls --format json`.
type ListEntry struct {
	Code        string `json:"code"`
	TranID      string `json:"tran_id"`
	Name        string `json:"name"`
	Module      string `json:"module"`
	Level       string `json:"level"`
	Provisional bool   `json:"provisional"`
	Kind        string `json:"kind"`
	Writes      bool   `json:"writes"`
}

// WriteList prints services as a table or as the JSON array of the CLI contract.
func WriteList(w io.Writer, services []*Service, format string) error {
	if format == "json" {
		out := make([]ListEntry, 0, len(services))
		for _, s := range services {
			out = append(out, ListEntry{s.Code, s.TranID, s.Name, s.Module, s.Level, s.Provisional, s.Kind, s.Writes})
		}
		return writeJSON(w, out)
	}
	rows := make([][]string, 0, len(services))
	for _, s := range services {
		prov := ""
		if s.Provisional {
			prov = "*"
		}
		rows = append(rows, []string{s.Code + prov, s.TranID, s.Module, s.Kind, s.Level, s.Name})
	}
	return WriteTable(w, []string{"CODE", "TRAN_ID", "MODULE", "KIND", "LEVEL", "NAME"}, rows)
}

// WriteCoverage prints coverage as a table (one row per module and a total)
// or as the JSON object of the CLI contract.
func WriteCoverage(w io.Writer, c Coverage, modules []string, format string) error {
	if format == "json" {
		return writeJSON(w, c)
	}
	rows := make([][]string, 0, len(modules)+1)
	for _, m := range modules {
		n := c.Modules[m]
		rows = append(rows, countRow(m, n.Total, n.Listed, n.Routed, n.Schema, n.Templated, n.Verified))
	}
	l := c.Levels
	rows = append(rows, countRow("ALL", c.Total, l[LevelListed], l[LevelRouted], l[LevelSchema], l[LevelTemplated], l[LevelVerified]))
	return WriteTable(w, []string{"MODULE", "TOTAL", "LISTED", "ROUTED", "SCHEMA", "TEMPLATED", "VERIFIED"}, rows)
}

func countRow(name string, n ...int) []string {
	r := []string{name}
	for _, v := range n {
		r = append(r, fmt.Sprint(v))
	}
	return r
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// WriteShow prints one service: its catalog row, then its contract
// (contract.yaml and every request template) when it has one.
func WriteShow(w io.Writer, s *Service) error {
	fmt.Fprintf(w, "code:        %s\ntran_id:     %s\nname:        %s\nmodule:      %s\nkind:        %s\nwrites:      %v\nprovisional: %v\nlevel:       %s\nsmoke:       %s\nsource:      %s\n",
		s.Code, s.TranID, s.Name, s.Module, s.Kind, s.Writes, s.Provisional, s.Level, strings.Join(s.Fields, ", "), s.Source)
	ct := s.Contract
	if ct == nil {
		fmt.Fprintln(w, "\nno hand-written contract: only the smoke case is sent")
		return nil
	}
	files := []string{ContractFile}
	seen := map[string]bool{ContractFile: true}
	for _, c := range ct.Cases {
		names := []string{TemplateName(c.Request)}
		if len(c.Steps) > 0 {
			names = names[:0]
		}
		for _, st := range c.Steps {
			if st.Sends() {
				names = append(names, TemplateName(st.Request))
			}
		}
		for _, n := range names {
			if !seen[n] {
				seen[n] = true
				files = append(files, n)
			}
		}
	}
	var templates strings.Builder
	for _, f := range files {
		data, err := ct.ReadFile(f)
		if err != nil {
			return err
		}
		templates.Write(data)
		fmt.Fprintf(w, "\n--- %s\n%s", ct.Place(f, 0), strings.TrimRight(string(data), "\n")+"\n")
	}
	if ct.Generated != nil {
		writeBindings(w, ct, templates.String())
	}
	return nil
}
