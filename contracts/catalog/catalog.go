package catalog

import (
	"path"
	"sort"
	"strings"
)

// Catalog is the loaded catalog: every listed service with its contract.
type Catalog struct {
	Services []*Service
	// Problems are per-file errors (a broken contract.yaml, a contract for an
	// unknown service); the rest of the catalog loaded regardless.
	Problems []error

	index map[string]*Service // upper-cased code and tran_id
}

func (c *Catalog) reindex() {
	c.index = make(map[string]*Service, 2*len(c.Services))
	for _, s := range c.Services {
		c.index[strings.ToUpper(s.Code)] = s
		c.index[strings.ToUpper(s.TranID)] = s
	}
}

// Lookup finds a service by code or tran_id, ignoring case.
func (c *Catalog) Lookup(codeOrTranID string) (*Service, bool) {
	if c.index == nil {
		c.reindex()
	}
	s, ok := c.index[strings.ToUpper(strings.TrimSpace(codeOrTranID))]
	return s, ok
}

// Select returns the services of module (all when empty) whose code or
// tran_id matches glob (path.Match syntax, case-insensitive; all when empty).
func (c *Catalog) Select(module, glob string) []*Service {
	var out []*Service
	glob = strings.ToUpper(glob)
	for _, s := range c.Services {
		if module != "" && !strings.EqualFold(s.Module, module) {
			continue
		}
		if glob != "" && !globMatch(glob, strings.ToUpper(s.Code)) && !globMatch(glob, strings.ToUpper(s.TranID)) {
			continue
		}
		out = append(out, s)
	}
	return out
}

func globMatch(glob, s string) bool {
	ok, err := path.Match(glob, s)
	return err == nil && ok
}

// Counts are the number of services at or above each level.
type Counts struct {
	Total     int `json:"total"`
	Listed    int `json:"listed"`
	Routed    int `json:"routed"`
	Schema    int `json:"schema"`
	Templated int `json:"templated"`
	Verified  int `json:"verified"`
}

// Coverage is the catalog coverage in the shape of `catalog coverage --format json`.
type Coverage struct {
	Total   int               `json:"total"`
	Levels  map[string]int    `json:"levels"`
	Modules map[string]Counts `json:"modules"`
}

// Coverage counts services per level, overall and per module; levels are
// cumulative (a verified service also counts as templated, routed, listed).
func (c *Catalog) Coverage() Coverage {
	cov := Coverage{Levels: map[string]int{}, Modules: map[string]Counts{}}
	for _, l := range Levels {
		cov.Levels[l] = 0
	}
	for _, s := range c.Services {
		rank := LevelRank(s.Level)
		m := cov.Modules[s.Module]
		m.Total++
		cov.Total++
		for i, l := range Levels {
			if rank >= i {
				cov.Levels[l]++
				m.add(l)
			}
		}
		cov.Modules[s.Module] = m
	}
	return cov
}

func (n *Counts) add(level string) {
	switch level {
	case LevelListed:
		n.Listed++
	case LevelRouted:
		n.Routed++
	case LevelSchema:
		n.Schema++
	case LevelTemplated:
		n.Templated++
	case LevelVerified:
		n.Verified++
	}
}

// LevelRank is the index of level in Levels, -1 when unknown.
func LevelRank(level string) int {
	for i, l := range Levels {
		if l == level {
			return i
		}
	}
	return -1
}

// Modules returns the modules present, sorted.
func (c *Catalog) Modules() []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range c.Services {
		if !seen[s.Module] {
			seen[s.Module] = true
			out = append(out, s.Module)
		}
	}
	sort.Strings(out)
	return out
}

// levelOf computes a service's level: every listed service has a smoke case
// (routed); a generated contract with a request schema is schema; a
// hand-written contract with a case that has a request template and
// expectations is templated; one that also cross-checks the database is verified.
func levelOf(s *Service) string {
	ct := s.Contract
	if ct == nil {
		return LevelRouted
	}
	if ct.Generated != nil {
		if ct.XSD.Request != "" {
			return LevelSchema
		}
		return LevelRouted
	}
	templated, verified := false, false
	for _, c := range ct.Cases {
		if len(c.Steps) > 0 {
			for _, st := range c.Steps {
				templated = templated || expects(st.Expect)
				verified = verified || len(st.DB) > 0
			}
			continue
		}
		templated = templated || expects(c.Expect)
		verified = verified || len(c.DB) > 0
	}
	switch {
	case templated && verified:
		return LevelVerified
	case templated:
		return LevelTemplated
	}
	return LevelRouted
}

func expects(e Expect) bool { return e.Class != "" || len(e.XPath) > 0 || e.Compare != nil }
