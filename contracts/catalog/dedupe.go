package catalog

import "strings"

// dedupeByTranID merges services that turn out to be one: when an import
// gives a service with a real code the tran_id that a provisional-code entry
// already carries (a public tran_id whose Chinese name was unknown), the
// provisional entry is folded into the real one. It returns the remaining
// services and the provisional codes folded, old -> kept.
func dedupeByTranID(services []*Service) ([]*Service, map[string]string) {
	real := map[string]*Service{}
	for _, s := range services {
		if !IsProvisionalCode(s.Code) && !IsProvisionalTranID(s.TranID) {
			real[s.TranID] = s
		}
	}
	folded := map[string]string{}
	out := services[:0]
	for _, s := range services {
		keep, ok := real[s.TranID]
		if ok && keep != s && IsProvisionalCode(s.Code) {
			keep.Source = joinSources(keep.Source, s.Source)
			folded[s.Code] = keep.Code
			continue
		}
		out = append(out, s)
	}
	return out, folded
}

func joinSources(a, b string) string {
	for _, part := range strings.Split(b, "; ") {
		if part != "" && !strings.Contains(a, part) {
			a += "; " + part
		}
	}
	return a
}
