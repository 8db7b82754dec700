package repro

import (
	"encoding/json"
	"os"
	"sort"

	"github.com/gt3ct/gt3ct/fixtures/snapshot"
	"github.com/gt3ct/gt3ct/internal/coredb"
	"github.com/gt3ct/gt3ct/internal/errs"
	"github.com/gt3ct/gt3ct/internal/safety"
)

// Comparison says whether a replay wrote the rows the captured environment
// held after the request (its entered-at-or-after rows), column by column
// except the volatile ones: Same means the bug (or the fix) reproduced
// exactly.
type Comparison struct {
	Rows    int      `json:"rows"`
	Same    bool     `json:"same"`
	Missing []string `json:"missing,omitempty"` // captured, but not written by the replay
	Extra   []string `json:"extra,omitempty"`   // written by the replay, not captured
}

// compareCaptured compares the captured rows left out of the seed with the
// rows the replay added; nil when every captured row was seeded.
func compareCaptured(b *Bundle, state *snapshot.Snapshot, diff []TableDiff) *Comparison {
	seeded := map[string]int{}
	for _, tr := range state.Tables {
		for _, r := range tr.Rows {
			seeded[rowSig(tr, r)]++
		}
	}
	captured := map[string]int{}
	n := 0
	for _, tr := range b.Rows.Tables {
		for _, r := range tr.Rows {
			if k := rowSig(tr, r); seeded[k] > 0 {
				seeded[k]--
			} else {
				captured[k]++
				n++
			}
		}
	}
	if n == 0 {
		return nil
	}
	written := map[string]int{}
	for _, d := range diff {
		t, _ := coredb.Find(d.Table)
		for _, r := range d.Added {
			written[d.Table+": "+Signature(t, r.Values)]++
		}
	}
	c := &Comparison{Rows: n, Missing: minus(captured, written), Extra: minus(written, captured)}
	c.Same = len(c.Missing) == 0 && len(c.Extra) == 0
	return c
}

func rowSig(tr snapshot.TableRows, r []*string) string {
	t, _ := coredb.Find(tr.Table)
	vals := make(map[string]*string, len(r))
	for j, c := range tr.Columns {
		vals[c] = r[j]
	}
	return tr.Table + ": " + Signature(t, vals)
}

// minus lists the entries of a not matched in b, sorted.
func minus(a, b map[string]int) []string {
	var out []string
	for k, n := range a {
		for i := b[k]; i < n; i++ {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// writeMasked writes the replay as JSON, its PII masked by value with the
// bundle's key (KeyFile; a fresh one when the bundle has none) and secrets
// redacted.
func writeMasked(path string, rp *Replay) error {
	key, err := readKey(rp.Bundle)
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(rp.masked(safety.NewMasker(key)), "", "  ")
	if err != nil {
		return errs.E("repro", errs.Internal, "%s: %w", path, err)
	}
	text := rp.redactor().Redact(string(b))
	if err := os.WriteFile(path, []byte(text+"\n"), 0o600); err != nil {
		return errs.E("repro", errs.Input, "write %s: %v", path, err)
	}
	return nil
}

func mkdir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return errs.E("repro", errs.Input, "create %s: %v", dir, err)
	}
	return nil
}
