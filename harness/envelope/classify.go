package envelope

import (
	"strconv"
	"strings"

	"github.com/gt3ct/gt3ct/harness/result"
)

// Classify returns the class of an answer (gt3-protocol.md §1), one of the
// result.Class* constants; "" for a request. The rules, in order:
//
//   - rtn_code 0 with Code 000, 0000 or empty: success; rtn_code 0 with any
//     other Code: business (the core answered but not with success).
//   - "RJVM" in Code, Message, Reason or body (the core EJB restarted and the
//     bus did not): routing.
//   - rtn_code 9, Code 001 or 002: timeout (the core timed out). rtn_code 9,
//     Code 003–012: routing (a provincial gateway's own access errors: the
//     call never reached the core). rtn_code 9 with any other Code: timeout.
//   - rtn_code 1 (Code 003, 005) and 8 (Code 004): routing (interface
//     exception in the bus, not a business answer).
//   - rtn_code 2 whose Reason or Message mentions
//     javax.naming.CommunicationException or "Could not establish a
//     connection": routing; other rtn_code 2 and all rtn_code 3: business.
//   - a response without rtn_code, or with any other rtn_code: malformed.
func Classify(m *Message) result.Class {
	switch {
	case m == nil:
		return result.ClassMalformed
	case m.Kind != KindResponse:
		return ""
	}
	h := m.Head
	rtn := strings.TrimSpace(h.RtnCode)
	code := strings.TrimSpace(h.Code)
	if rtn == "0" {
		if code == "" || code == "000" || code == "0000" {
			return result.ClassSuccess
		}
		return result.ClassBusiness
	}
	if mentions(m, "RJVM") {
		return result.ClassRouting
	}
	switch rtn {
	case "9":
		if n, err := strconv.Atoi(code); err == nil && n >= 3 && n <= 12 {
			return result.ClassRouting
		}
		return result.ClassTimeout
	case "1", "8":
		return result.ClassRouting
	case "2":
		if unreachable(h) {
			return result.ClassRouting
		}
		return result.ClassBusiness
	case "3":
		return result.ClassBusiness
	}
	return result.ClassMalformed
}

// unreachable reports whether the return text says the bus could not reach
// the core EJB.
func unreachable(h Head) bool {
	text := h.Reason + "\n" + h.Message
	return strings.Contains(text, "javax.naming.CommunicationException") ||
		strings.Contains(strings.ToLower(text), "could not establish a connection")
}

func mentions(m *Message, s string) bool {
	h := m.Head
	return strings.Contains(h.Code, s) || strings.Contains(h.Message, s) ||
		strings.Contains(h.Reason, s) || strings.Contains(m.Body, s)
}
