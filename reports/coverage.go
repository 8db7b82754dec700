package reports

import (
	"sort"
)

// Levels are the catalog coverage levels in ascending order (cumulative:
// listed ⊇ routed ⊇ schema ⊇ templated ⊇ verified), as in `catalog coverage`.
var Levels = []string{"listed", "routed", "schema", "templated", "verified"}

// Coverage is the `catalog coverage --format json` shape, as run.json
// carries it under "catalog".
type Coverage struct {
	Total   int                       `json:"total"`
	Levels  map[string]int            `json:"levels"`
	Modules map[string]ModuleCoverage `json:"modules"`
}

// ModuleCoverage is one module's line of the coverage.
type ModuleCoverage struct {
	Total     int `json:"total"`
	Listed    int `json:"listed"`
	Routed    int `json:"routed"`
	Schema    int `json:"schema"`
	Templated int `json:"templated"`
	Verified  int `json:"verified"`
}

// Count returns the module's count at a level name.
func (m ModuleCoverage) Count(level string) int {
	switch level {
	case "listed":
		return m.Listed
	case "routed":
		return m.Routed
	case "schema": // cumulative: a coverage from before the schema level has none
		return max(m.Schema, m.Templated)
	case "templated":
		return m.Templated
	case "verified":
		return m.Verified
	}
	return 0
}

// LevelRow is one level of a coverage table: its count and share of the total.
type LevelRow struct {
	Level   string
	Count   int
	Percent float64
}

// ModuleRow is one module of a coverage table.
type ModuleRow struct {
	Module string
	Total  int
	Levels []LevelRow
}

// LevelRows lists the catalog-wide levels in order.
func (c *Coverage) LevelRows() []LevelRow {
	rows := make([]LevelRow, 0, len(Levels))
	for _, l := range Levels {
		n := c.Levels[l]
		if l == "schema" { // cumulative: a coverage from before the schema level has none
			n = max(n, c.Levels["templated"])
		}
		rows = append(rows, levelRow(l, n, c.Total))
	}
	return rows
}

// ModuleRows lists the modules in name order, each with its levels.
func (c *Coverage) ModuleRows() []ModuleRow {
	names := make([]string, 0, len(c.Modules))
	for m := range c.Modules {
		names = append(names, m)
	}
	sort.Strings(names)
	rows := make([]ModuleRow, 0, len(names))
	for _, m := range names {
		mc := c.Modules[m]
		row := ModuleRow{Module: m, Total: mc.Total}
		for _, l := range Levels {
			row.Levels = append(row.Levels, levelRow(l, mc.Count(l), mc.Total))
		}
		rows = append(rows, row)
	}
	return rows
}

func levelRow(level string, n, total int) LevelRow {
	return LevelRow{Level: level, Count: n, Percent: percent(n, total)}
}

// percent is n/total in percent, 0 when total is 0.
func percent(n, total int) float64 {
	if total == 0 {
		return 0
	}
	return float64(n) * 100 / float64(total)
}
