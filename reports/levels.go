package reports

import (
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/sweep"
)

// Verdicts of a summary.
const (
	VerdictPass = "pass"
	VerdictFail = "fail"
)

// Contract levels a result is counted at in summary.json "levels", highest
// first. Routed results are the smoke cases: any routed answer passes them.
const (
	LevelVerified  = "verified"
	LevelTemplated = "templated"
	LevelSchema    = "schema"
	LevelRouted    = "routed"
	// LevelUnknown counts results that carry no level and are not smoke
	// cases (results.jsonl from before results had a level).
	LevelUnknown = "unknown"
)

// ResultLevels are the levels summary.json always lists, highest first.
var ResultLevels = []string{LevelVerified, LevelTemplated, LevelSchema, LevelRouted}

// LevelOf is the level a result counts at: its service's level, "listed"
// counted as routed; a result without a level is routed when it is a smoke
// case, else unknown.
func LevelOf(r *result.Result) string {
	switch r.Level {
	case LevelVerified, LevelTemplated, LevelSchema, LevelRouted:
		return r.Level
	case "listed":
		return LevelRouted
	case "":
		if repeatSuffix.ReplaceAllString(r.Case, "") == sweep.SmokeCase {
			return LevelRouted
		}
	}
	return LevelUnknown
}

// emptyLevels has a zero line for each of ResultLevels.
func emptyLevels() map[string]Counts {
	m := make(map[string]Counts, len(ResultLevels))
	for _, l := range ResultLevels {
		m[l] = Counts{}
	}
	return m
}

// LevelNames lists the summary's levels: ResultLevels, then unknown when
// some result has no level.
func (s *Summary) LevelNames() []string {
	if s.Levels[LevelUnknown].Total > 0 {
		return append(append([]string{}, ResultLevels...), LevelUnknown)
	}
	return ResultLevels
}

// Checked is every result above the routed (smoke) level: the cases whose
// checks can fail on content. Smoke is the routed line.
func (s *Summary) Checked() Counts {
	var c Counts
	for _, l := range []string{LevelVerified, LevelTemplated, LevelSchema, LevelUnknown} {
		c = c.plus(s.Levels[l])
	}
	return c
}

func (c Counts) plus(o Counts) Counts {
	return Counts{Total: c.Total + o.Total, Pass: c.Pass + o.Pass, Fail: c.Fail + o.Fail, Error: c.Error + o.Error, Skip: c.Skip + o.Skip}
}
