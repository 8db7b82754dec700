package xsd

// group matches the children against g (greedily, without backtracking,
// which suffices for the deterministic content models XSD requires) and
// returns the children left over.
func (v *validator) group(parent *node, g *Group, kids []*node) []*node {
	for i := 0; g.Max == Unbounded || i < g.Max; i++ {
		if i >= g.Min && (len(kids) == 0 || !v.starts(g, kids[0])) {
			break
		}
		before := len(kids)
		kids = v.once(parent, g, kids)
		if len(kids) == before {
			break
		}
	}
	return kids
}

// once matches one occurrence of g.
func (v *validator) once(parent *node, g *Group, kids []*node) []*node {
	switch g.Kind {
	case "choice":
		for _, p := range g.Items {
			if len(kids) > 0 && v.particleStarts(p, kids[0]) {
				return v.particle(parent, p, kids)
			}
		}
		if v.optional(g) {
			return kids
		}
		v.add(at(parent, kids), "want one of %s", v.firstNames(g))
		return kids
	case "all":
		return v.all(parent, g, kids)
	}
	for _, p := range g.Items {
		kids = v.particle(parent, p, kids)
	}
	return kids
}

func (v *validator) particle(parent *node, p Particle, kids []*node) []*node {
	if p.Group != nil {
		return v.group(parent, p.Group, kids)
	}
	d := v.s.decl(p.Element)
	n := 0
	for len(kids) > 0 && kids[0].Name == d.Name && (d.Max == Unbounded || n < d.Max) {
		v.element(kids[0], d)
		kids = kids[1:]
		n++
	}
	if n < d.Min {
		if len(kids) > 0 {
			v.add(kids[0], "found where <%s> is required", d.Name)
		} else {
			v.add(parent, "missing required element <%s>", d.Name)
		}
	}
	return kids
}

func (v *validator) all(parent *node, g *Group, kids []*node) []*node {
	seen := map[string]bool{}
	for len(kids) > 0 {
		var hit *Element
		for _, p := range g.Items {
			if p.Element != nil && v.s.decl(p.Element).Name == kids[0].Name && !seen[kids[0].Name] {
				hit = v.s.decl(p.Element)
			}
		}
		if hit == nil {
			break
		}
		seen[hit.Name] = true
		v.element(kids[0], hit)
		kids = kids[1:]
	}
	for _, p := range g.Items {
		if p.Element == nil {
			continue
		}
		if d := v.s.decl(p.Element); d.Min > 0 && !seen[d.Name] {
			v.add(parent, "missing required element <%s>", d.Name)
		}
	}
	return kids
}

// at is the node a problem is reported on: the next child, else the parent.
func at(parent *node, kids []*node) *node {
	if len(kids) > 0 {
		return kids[0]
	}
	return parent
}

// starts reports whether n can begin an occurrence of g.
func (v *validator) starts(g *Group, n *node) bool {
	for _, p := range g.Items {
		if v.particleStarts(p, n) {
			return true
		}
		if g.Kind == "sequence" && !v.particleOptional(p) {
			return false
		}
	}
	return false
}

func (v *validator) particleStarts(p Particle, n *node) bool {
	if p.Group != nil {
		return v.starts(p.Group, n)
	}
	return v.s.decl(p.Element).Name == n.Name
}

func (v *validator) particleOptional(p Particle) bool {
	if p.Group != nil {
		return v.optional(p.Group)
	}
	return p.Element.Min == 0
}

// optional reports whether g may match nothing.
func (v *validator) optional(g *Group) bool {
	if g.Min == 0 {
		return true
	}
	for _, p := range g.Items {
		opt := v.particleOptional(p)
		if g.Kind == "choice" && opt {
			return true
		}
		if g.Kind != "choice" && !opt {
			return false
		}
	}
	return g.Kind != "choice"
}

func (v *validator) firstNames(g *Group) string {
	var out string
	for i, p := range g.Items {
		if i > 0 {
			out += ", "
		}
		if p.Group != nil {
			out += "(" + v.firstNames(p.Group) + ")"
		} else {
			out += "<" + v.s.decl(p.Element).Name + ">"
		}
	}
	return out
}
