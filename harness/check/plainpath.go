package check

import (
	"strings"

	"github.com/beevik/etree"
)

// plainPath is a path made only of element names and / or // steps
// (/taxML/ybtse, //pzxh, //djjgVO/djxh): most contract paths. It is
// evaluated directly, in the same order etree gives (breadth first), without
// etree's general path machinery, which costs several allocations per step.
type plainPath struct {
	segs []string // element names; "" is // (self and all descendants)
}

// parsePlain recognizes a plain path (prefixes already stripped). Paths
// with filters, wildcards, attributes, . or .., a trailing slash, or more
// than one // are not plain: etree evaluates those.
func parsePlain(path string) (plainPath, bool) {
	if path == "" || strings.HasSuffix(path, "/") {
		return plainPath{}, false
	}
	// "/a" and "a" both start at the document, which has no parent: the
	// leading slash changes nothing.
	segs := strings.Split(strings.TrimPrefix(path, "/"), "/")
	desc := 0
	for _, s := range segs {
		switch {
		case s == "":
			desc++
		case s == "." || s == ".." || !plainName(s):
			return plainPath{}, false
		}
	}
	if desc > 1 {
		return plainPath{}, false // // twice can reach a node twice: etree dedups
	}
	return plainPath{segs: segs}, true
}

func plainName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(isNameChar(c) || c == '-' || c == '.' || c >= 0x80) {
			return false
		}
	}
	return true
}

// find returns the elements the path selects from doc, in etree's order:
// the same first-in first-out walk over (element, step) pairs.
func (p plainPath) find(doc *etree.Document) []*etree.Element {
	type node struct {
		e *etree.Element
		i int
	}
	queue := []node{{&doc.Element, 0}}
	var out []*etree.Element
	for q := 0; q < len(queue); q++ {
		n := queue[q]
		last := n.i == len(p.segs)-1
		emit := func(c *etree.Element) {
			if last {
				out = append(out, c)
			} else {
				queue = append(queue, node{c, n.i + 1})
			}
		}
		if tag := p.segs[n.i]; tag != "" {
			for _, t := range n.e.Child {
				if c, ok := t.(*etree.Element); ok && c.Tag == tag {
					emit(c)
				}
			}
			continue
		}
		walkBreadthFirst(n.e, emit)
	}
	return out
}

// walkBreadthFirst calls f on e and then on its descendants, level by level.
func walkBreadthFirst(e *etree.Element, f func(*etree.Element)) {
	level := []*etree.Element{e}
	for i := 0; i < len(level); i++ {
		f(level[i])
		for _, t := range level[i].Child {
			if c, ok := t.(*etree.Element); ok {
				level = append(level, c)
			}
		}
	}
}
