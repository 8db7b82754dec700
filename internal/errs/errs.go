// Package errs gives gt3ct's errors a kind that callers can switch on and that
// the command line maps to an exit code in one place.
package errs

import (
	"errors"
	"fmt"
	"strings"
)

// Kind says what sort of failure an error is.
type Kind int

// The kinds of error. The zero value is Internal: an error nobody classified is
// treated as a bug in the harness.
const (
	Internal  Kind = iota // the harness itself broke (exit 3)
	Finding               // a check failed or a regression was found (exit 1)
	Input                 // the user's input is wrong: usage, config, file (exit 2)
	Refused               // a safety rule refused the action (exit 2)
	Transient             // the bus or database is unreachable or dropped us: the environment, not a bug (exit 1)
)

// String names the kind.
func (k Kind) String() string {
	switch k {
	case Finding:
		return "finding"
	case Input:
		return "input"
	case Refused:
		return "refused"
	case Transient:
		return "transient"
	}
	return "internal"
}

// Error is an error with an operation, a kind and an optional place (file:line,
// service code) that is printed in front of the message.
type Error struct {
	Op    string // what was being done, e.g. "catalog import"
	Kind  Kind
	Place string // where: "contracts/HXZG_SB_00045/request.xml:12" or a service code
	Err   error
}

// Error renders "op: place: message".
func (e *Error) Error() string {
	var parts []string
	if e.Op != "" {
		parts = append(parts, e.Op)
	}
	if e.Place != "" {
		parts = append(parts, e.Place)
	}
	if e.Err != nil {
		parts = append(parts, e.Err.Error())
	}
	return strings.Join(parts, ": ")
}

// Unwrap returns the wrapped error.
func (e *Error) Unwrap() error { return e.Err }

// E builds an *Error of the given kind for op. The message is formatted from
// format and args; a %w verb keeps the cause reachable with errors.Is/As.
func E(op string, kind Kind, format string, args ...any) *Error {
	return &Error{Op: op, Kind: kind, Err: fmt.Errorf(format, args...)}
}

// At is E with a place (file:line or service) in front of the message.
func At(op string, kind Kind, place, format string, args ...any) *Error {
	return &Error{Op: op, Kind: kind, Place: place, Err: fmt.Errorf(format, args...)}
}

// KindOf reports the kind of err: the kind of the outermost *Error in its chain,
// or Internal for an error nobody classified.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// Is reports whether err is of kind k.
func Is(err error, k Kind) bool { return err != nil && KindOf(err) == k }

// ExitCode maps an error to the exit codes of the command-line contract:
// nil 0, Finding 1, Transient 1 (an unreachable bus or database is the
// environment's failure, found and reported, not the harness's), Input and
// Refused 2, everything else 3.
func ExitCode(err error) int {
	if err == nil {
		return 0
	}
	switch KindOf(err) {
	case Finding, Transient:
		return 1
	case Input, Refused:
		return 2
	}
	return 3
}

// First returns the first non-nil error of list, or nil. Every argument is
// evaluated by the caller, so steps that must all run (close, wait) can be
// listed in order of which failure matters most.
func First(list ...error) error {
	for _, e := range list {
		if e != nil {
			return e
		}
	}
	return nil
}
