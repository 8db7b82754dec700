package reconcile

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Text writes the report for people: a header, the matched rows, the rows
// only one side has, each difference (key, column, both values) and a
// one-line verdict.
func Text(w io.Writer, r *Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "reconcile %s  DJXH %s  period %s..%s  key %s\n", r.Spec, r.DJXH, r.From, r.To, strings.Join(r.Key, ","))
	section(&b, "matched", r.Matched)
	section(&b, "only the caller has", r.OnlyCaller)
	section(&b, "only the core has", r.OnlyCore)
	if len(r.Differences) > 0 {
		fmt.Fprintf(&b, "differences (%d):\n", len(r.Differences))
		for _, d := range r.Differences {
			fmt.Fprintf(&b, "  [%s] %s (caller %s): caller %s, core %s\n", d.Key, d.Column, d.CallerColumn, d.Caller, d.Core)
		}
	}
	for _, d := range r.Duplicates {
		fmt.Fprintf(&b, "duplicate key: %s\n", d)
	}
	if r.Clean() {
		fmt.Fprintf(&b, "CLEAN: %d rows match\n", len(r.Matched))
	} else {
		fmt.Fprintf(&b, "DIFFERENT: %d matched, %d only caller, %d only core, %d differing values, %d duplicate keys\n",
			len(r.Matched), len(r.OnlyCaller), len(r.OnlyCore), len(r.Differences), len(r.Duplicates))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// KeyOf renders a row's key as the differences name it:
// ZSXM_DM=10101,SKSSQQ=2025-04-01.
func (r *Report) KeyOf(row Row) string {
	parts := make([]string, len(r.Key))
	for i, k := range r.Key {
		parts[i] = k + "=" + row[k]
	}
	return strings.Join(parts, ",")
}

// section writes a titled list of rows, columns in name order.
func section(b *strings.Builder, title string, rows []Row) {
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(b, "%s (%d):\n", title, len(rows))
	for _, r := range rows {
		cols := make([]string, 0, len(r))
		for c := range r {
			cols = append(cols, c)
		}
		sort.Strings(cols)
		parts := make([]string, len(cols))
		for i, c := range cols {
			parts[i] = c + "=" + r[c]
		}
		fmt.Fprintf(b, "  %s\n", strings.Join(parts, " "))
	}
}

// JSON writes the report as one indented JSON object with "clean" added.
func JSON(w io.Writer, r *Report) error {
	out := struct {
		*Report
		Clean bool `json:"clean"`
	}{r, r.Clean()}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
