package written

import (
	"strings"
	"time"

	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/internal/coredb"
)

// stamps are the columns a core row records its entry and last change in.
var stamps = []string{"LRRQ", "XGRQ"}

// After is the snapshot of a call watched without reading the core before
// it (the proxy forwards first and reads after): its Written returns every
// row carrying an identifier of the call other than the taxpayer's own
// (SBUUID, PZXH, ZSUUID, … from the request and the answer), and every row
// found only by the taxpayer's DJXH that was entered or changed (LRRQ,
// XGRQ) at or after since, to the second, in the core's local time. A row
// the call changed without stamping it, found only by DJXH, is missed.
func After(q check.Querier, since time.Time) *Snapshot {
	return &Snapshot{q: q, rows: map[string]map[string]string{}, since: since.Truncate(time.Second)}
}

// older reports whether an After snapshot leaves row r out: it was found
// only by its owner column and neither stamp is at or after since.
func (s *Snapshot) older(g []probe, r map[string]string) bool {
	if s.since.IsZero() {
		return false
	}
	for _, p := range g {
		if p.column != p.table.Owner && strings.TrimSpace(r[p.column]) == p.value {
			return false
		}
	}
	from := s.since.Format(coredb.DateLayout)
	for _, c := range stamps {
		if v := strings.Replace(strings.TrimSpace(r[c]), "T", " ", 1); len(v) >= 10 && v >= from[:min(len(v), len(from))] {
			return false
		}
	}
	return true
}
