package catalog

import "github.com/gt3ct/gt3ct/internal/suggest"

// Suggest lists the services a mistyped SERVICE argument was probably meant
// to be, best first, at most max: by code, tran_id and Chinese name (an
// exact or near code, a prefix, or part of a name: 增值税小规模).
func (c *Catalog) Suggest(input string, max int) []*Service {
	items := make([][]string, len(c.Services))
	for i, s := range c.Services {
		items[i] = []string{s.Code, s.TranID, s.Name}
	}
	var out []*Service
	for _, i := range suggest.Rank(input, items, max) {
		out = append(out, c.Services[i])
	}
	return out
}
