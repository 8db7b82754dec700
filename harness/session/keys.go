package session

import (
	"context"
	"encoding/xml"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/fixtures/ident"
	"github.com/gt3ct/gt3ct/fixtures/seed"
)

// answered is the runner's Answered hook: it records in the run's ledger
// every key (seed.KeyColumns: SBUUID, PZXH, ZSUUID …) that the answer of a
// writing service carries, as an element or a saved value, so Close proves
// every row carrying it gone — a detail row written without DJXH included.
func (s *Session) answered(ctx context.Context, _ *catalog.Service, vars, saved map[string]string, body string) error {
	if s.Store == nil || s.Env.Readonly || !ident.IsTestDJXH(vars["djxh"]) {
		return nil // a real taxpayer's case (run --djxh): its rows are not the run's to prove gone
	}
	keys := KeysIn(body)
	for name, v := range saved {
		col := strings.ToUpper(name)
		if isKeyColumn(col) && v != "" {
			keys[col] = appendNew(keys[col], v)
		}
	}
	for _, col := range slices.Sorted(maps.Keys(keys)) {
		for _, v := range keys[col] {
			if err := s.Store.RecordKey(ctx, s.Ledger, vars["djxh"], col, v); err != nil {
				return err
			}
		}
	}
	if len(keys) > 0 {
		s.mu.Lock()
		s.seeded = true
		s.mu.Unlock()
	}
	return nil
}

// KeysIn finds the key values in an answer body: the text of every element
// whose local name is a key column (any case: <sbuuid>, <PZXH>), by column.
// A body that is not well-formed yields what was read before the error.
func KeysIn(body string) map[string][]string {
	out := map[string][]string{}
	d := xml.NewDecoder(strings.NewReader(body))
	d.Strict = false
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	var col string
	for {
		tok, err := d.Token()
		if err != nil {
			return out
		}
		switch t := tok.(type) {
		case xml.StartElement:
			col = strings.ToUpper(t.Name.Local)
		case xml.CharData:
			if v := strings.TrimSpace(string(t)); v != "" && isKeyColumn(col) {
				out[col] = appendNew(out[col], v)
			}
		case xml.EndElement:
			col = ""
		}
	}
}

func isKeyColumn(col string) bool {
	return slices.Contains(seed.KeyColumns(), col)
}

func appendNew(xs []string, v string) []string {
	for _, x := range xs {
		if x == v {
			return xs
		}
	}
	return append(xs, v)
}
