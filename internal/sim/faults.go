package sim

import (
	"encoding/binary"
	"hash/fnv"
	"sort"
	"strconv"
	"strings"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// Transport faults change what goes on the wire; data bugs answer success but
// write wrong rows.
var (
	transportFaults = []string{"routing", "refuse", "timeout", "http500", "reset", "malformed", "gbk"}
	dataBugs        = []string{"wrong-amount", "missing-payable", "truncate-name", "wrong-period", "duplicate-row", "no-void"}
)

// Faults returns every fault name --faults accepts.
func Faults() []string { return append(append([]string{}, transportFaults...), dataBugs...) }

// faultSet maps a fault name to its rate (0..1).
type faultSet map[string]float64

// parseFaults reads "name,name=rate,…"; a rate defaults to 1.
func parseFaults(s string) (faultSet, error) {
	out := faultSet{}
	known := map[string]bool{}
	for _, f := range Faults() {
		known[f] = true
	}
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		name, rateText, hasRate := strings.Cut(item, "=")
		name = strings.TrimSpace(name)
		if !known[name] {
			return nil, errs.E("sim", errs.Input, "--faults: unknown fault %q (known: %s)", name, strings.Join(Faults(), ", "))
		}
		rate := 1.0
		if hasRate {
			r, err := strconv.ParseFloat(strings.TrimSpace(rateText), 64)
			if err != nil || r < 0 || r > 1 {
				return nil, errs.E("sim", errs.Input, "--faults: %s: rate %q must be a number from 0 to 1", name, rateText)
			}
			rate = r
		}
		out[name] = rate
	}
	return out, nil
}

// hit reports whether fault name applies to the request with tran_seq seq: a
// hash of (seed, seq, name) mapped to [0,1) is compared with the rate, so the
// same seed picks the same requests on every run.
func (f faultSet) hit(seed int64, seq, name string) bool {
	rate := f[name]
	switch {
	case rate <= 0:
		return false
	case rate >= 1:
		return true
	}
	h := fnv.New64a()
	var sb [8]byte
	binary.BigEndian.PutUint64(sb[:], uint64(seed))
	h.Write(sb[:])
	h.Write([]byte(seq))
	h.Write([]byte{0})
	h.Write([]byte(name))
	return float64(h.Sum64()>>11)/float64(1<<53) < rate
}

// String renders the set in a stable order (for logs).
func (f faultSet) String() string {
	var parts []string
	for n, r := range f {
		parts = append(parts, n+"="+strconv.FormatFloat(r, 'g', -1, 64))
	}
	sort.Strings(parts)
	return strings.Join(parts, ",")
}

// bugs is the set of data bugs that apply to one request.
type bugs map[string]bool

func (f faultSet) bugsFor(seed int64, seq string) bugs {
	out := bugs{}
	for _, n := range dataBugs {
		if f.hit(seed, seq, n) {
			out[n] = true
		}
	}
	return out
}
