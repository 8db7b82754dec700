package result

import (
	"fmt"
	"strings"
)

// blameOf is the one place that decides who is at fault for a failing or
// erroring result, from its checks, class and error: a check that points at
// the caller (a value sent in the request, a request that breaks its
// schema, its contract or its envelope: kind request, or an xsd or
// envelope check named "request …") wins; then no answer at all or a refusal is unknown; any other
// failing check (answer, head echo, rows, data specification) is the core's.
// A passing or skipped result blames nobody.
func blameOf(r Result) (who, reason string) {
	if r.Status != Fail && r.Status != Error {
		return "", ""
	}
	var core, unknown *Check
	for i := range r.Checks {
		c := &r.Checks[i]
		if c.Status != Fail {
			continue
		}
		switch {
		case c.Blame == BlameCaller || aboutRequest(c):
			return BlameCaller, describe(c)
		case c.Blame == BlameUnknown || isClassCheck(c):
			unknown = first(unknown, c)
		default:
			core = first(core, c)
		}
	}
	switch {
	case noAnswer(r.Class):
		return BlameUnknown, fmt.Sprintf("no usable answer (class %s): %s", r.Class, firstText(r.Error, "see checks"))
	case core != nil:
		return BlameCore, describe(core)
	case unknown != nil:
		return BlameUnknown, describe(unknown) + " (the request passed every check, so either side may be at fault)"
	case r.Error != "":
		return BlameUnknown, r.Error
	}
	return BlameUnknown, "no check says why"
}

// aboutRequest reports whether c checks the request itself: the caller's
// contract expectations (kind request, the proxy's), or the request's
// schema or envelope (its head lint, whether it is readable at all).
func aboutRequest(c *Check) bool {
	switch c.Kind {
	case KindRequest:
		return true
	case KindXSD, KindEnvelope:
		return strings.HasPrefix(c.Name, "request ")
	}
	return false
}

// isClassCheck reports whether c is the envelope's answer-class check (a
// refusal where success was expected, or the reverse), told by its value
// rather than its name, or the note that later steps were not sent.
func isClassCheck(c *Check) bool {
	if c.Kind != KindEnvelope {
		return false
	}
	switch Class(c.Got) {
	case ClassSuccess, ClassBusiness, ClassTimeout, ClassRouting, ClassMalformed, ClassTransport:
		return true
	}
	return strings.HasPrefix(c.Got, "not sent")
}

func noAnswer(class Class) bool {
	return class == ClassTransport || class == ClassTimeout || class == ClassRouting || class == ClassMalformed
}

func describe(c *Check) string {
	s := string(c.Kind) + " " + c.Name
	if c.Want != "" || c.Got != "" {
		s += fmt.Sprintf(": want %s, got %s", c.Want, c.Got)
	}
	return s
}

func first(have, c *Check) *Check {
	if have != nil {
		return have
	}
	return c
}

func firstText(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
