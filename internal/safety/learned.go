package safety

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Learn remembers a name or address so that MaskText masks it wherever it
// appears, not only inside known fields.
func (m *Masker) Learn(class, value string) {
	if utf8.RuneCountInString(value) < learnMinRunes || IsMasked(class, value) {
		return
	}
	masked := m.Mask(class, value)
	m.mu.Lock()
	if m.learned[value] != masked {
		m.learned[value], m.rep = masked, nil
	}
	m.mu.Unlock()
}

// learnedReplacer replaces learned values, longest first. firsts holds the
// first rune of every value: a text with none of them holds no value, and
// checking that is cheaper than running the replacer.
type learnedReplacer struct {
	rep    *strings.Replacer
	ascii  [utf8.RuneSelf]bool
	firsts map[rune]bool
}

func newLearnedReplacer(learned map[string]string) *learnedReplacer {
	keys := make([]string, 0, len(learned))
	lr := &learnedReplacer{firsts: map[rune]bool{}}
	for k := range learned {
		keys = append(keys, k)
		if r, _ := utf8.DecodeRuneInString(k); r < utf8.RuneSelf {
			lr.ascii[r] = true
		} else {
			lr.firsts[r] = true
		}
	}
	sort.Slice(keys, func(i, j int) bool { return len(keys[i]) > len(keys[j]) })
	pairs := make([]string, 0, 2*len(keys))
	for _, k := range keys {
		pairs = append(pairs, k, learned[k])
	}
	lr.rep = strings.NewReplacer(pairs...)
	return lr
}

// mayHold reports whether s may hold a learned value.
func (lr *learnedReplacer) mayHold(s string) bool {
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if lr.ascii[c] {
				return true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if lr.firsts[r] {
			return true
		}
		i += n
	}
	return false
}

// maskLearned replaces every learned value, longest first.
func (m *Masker) maskLearned(s string) string {
	m.mu.Lock()
	if m.rep == nil && len(m.learned) > 0 {
		m.rep = newLearnedReplacer(m.learned)
	}
	lr := m.rep
	m.mu.Unlock()
	if lr == nil || !lr.mayHold(s) {
		return s
	}
	return lr.rep.Replace(s)
}
