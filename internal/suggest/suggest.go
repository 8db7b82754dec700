// Package suggest finds what a mistyped name was probably meant to be: the
// names that start with it, contain it, or are a few edits away from it.
package suggest

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Rank returns the indexes of the items nearest to input, best first, at
// most max of them (all when max <= 0). Each item goes by one or more names
// (a service: its code, tran_id and Chinese name) and counts with its best
// one. Only the best tier is kept: equal names (ignoring case); else names
// starting with or containing input (an input of two characters or more);
// else those the fewest edits away (at most maxEdits). Ties keep the
// order of items.
func Rank(input string, items [][]string, max int) []int {
	type hit struct{ i, score int }
	var hits []hit
	for i, names := range items {
		best := -1
		for _, n := range names {
			if s := Score(input, n); s >= 0 && (best < 0 || s < best) {
				best = s
			}
		}
		if best >= 0 {
			hits = append(hits, hit{i, best})
		}
	}
	sort.SliceStable(hits, func(a, b int) bool { return hits[a].score < hits[b].score })
	var out []int
	for _, h := range hits {
		if (max > 0 && len(out) == max) || tier(h.score) != tier(hits[0].score) {
			break
		}
		out = append(out, h.i)
	}
	return out
}

// tier groups scores: prefix and substring matches are one tier.
func tier(score int) int {
	if score == 2 {
		return 1
	}
	return score
}

// Names returns the names nearest to input (see Rank).
func Names(input string, names []string, max int) []string {
	items := make([][]string, len(names))
	for i, n := range names {
		items[i] = []string{n}
	}
	var out []string
	for _, i := range Rank(input, items, max) {
		out = append(out, names[i])
	}
	return out
}

// Hint is " (did you mean X?)" or " (did you mean X or Y?)" for the best
// three of names, or "" when none is near.
func Hint(input string, names []string) string {
	return Phrase(Names(input, names, 3))
}

// Phrase words a list of suggestions: "" for none, " (did you mean A?)",
// " (did you mean A, B or C?)".
func Phrase(list []string) string {
	switch len(list) {
	case 0:
		return ""
	case 1:
		return " (did you mean " + list[0] + "?)"
	}
	return " (did you mean " + strings.Join(list[:len(list)-1], ", ") + " or " + list[len(list)-1] + "?)"
}

// Score ranks name as a suggestion for input: 0 equal ignoring case, 1
// starts with input, 2 contains input, 3+d within d edits (d at most
// maxEdits), -1 not near.
func Score(input, name string) int {
	in, n := strings.ToLower(input), strings.ToLower(name)
	switch {
	case in == "" || n == "":
		return -1
	case in == n:
		return 0
	case utf8.RuneCountInString(in) < 2:
	case strings.HasPrefix(n, in):
		return 1
	case strings.Contains(n, in):
		return 2
	}
	if d := distance(in, n); d <= maxEdits(in) {
		return 3 + d
	}
	return -1
}

// maxEdits is how many edits still count as a typo of input: one per four
// characters, at least one.
func maxEdits(input string) int {
	return max(1, utf8.RuneCountInString(input)/4)
}

// distance is the optimal string alignment distance between a and b, in
// runes: insertions, deletions, substitutions and swaps of two neighbours
// (nigthly → nightly is one edit).
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
