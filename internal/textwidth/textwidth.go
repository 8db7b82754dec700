// Package textwidth measures and aligns text as a terminal shows it: a
// Chinese (East Asian wide or fullwidth) character takes two columns.
// It replaces go-runewidth, whose lookup tables cost ~10 ms at start-up.
package textwidth

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// RuneWidth is the number of columns r takes: 0 for control and combining
// marks, 2 for wide and fullwidth characters, else 1.
func RuneWidth(r rune) int {
	switch {
	case r < 0x20 || r == 0x7f:
		return 0
	case r < 0x1100:
		if r >= 0x300 && r <= 0x36f { // combining diacritical marks
			return 0
		}
		return 1
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// Width is the number of columns s takes.
func Width(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < 0x7f { // ASCII fast path
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		n += RuneWidth(r)
		i += size
	}
	return n
}

// Pad right-pads s with spaces to w columns (s unchanged when wider).
func Pad(s string, w int) string {
	if d := w - Width(s); d > 0 {
		return s + strings.Repeat(" ", d)
	}
	return s
}

// Truncate cuts s to at most w columns, ending it with tail when cut.
func Truncate(s string, w int, tail string) string {
	if Width(s) <= w {
		return s
	}
	limit := w - Width(tail)
	n := 0
	for i, r := range s {
		rw := RuneWidth(r)
		if n+rw > limit {
			return s[:i] + tail
		}
		n += rw
	}
	return s
}

// Table renders rows as columns aligned by display width with gap spaces
// between them; the last column is not padded. Every line ends in "\n",
// prefixed with indent.
func Table(rows [][]string, indent string, gap int) string {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], Width(c))
		}
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(indent)
		for i, c := range r {
			if i == len(r)-1 {
				b.WriteString(c)
				break
			}
			b.WriteString(Pad(c, widths[i]+gap))
		}
		b.WriteString("\n")
	}
	return b.String()
}
