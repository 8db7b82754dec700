package coredb

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"regexp"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"

	"github.com/gt3ct/gt3ct/internal/errs"
	"github.com/gt3ct/gt3ct/internal/pause"
)

// transientORA are the Oracle errors that mean the connection or the
// instance went away: end-of-file on channel, not connected, no listener,
// connect timeout, TNS packet errors, lost contact, starting up / shutting down.
var transientORA = map[string]bool{
	"03113": true, "03114": true, "03135": true, "12541": true, "12170": true,
	"12537": true, "12571": true, "12547": true, "01033": true, "01089": true, "01034": true,
}

var oraRE = regexp.MustCompile(`ORA-(\d{5})`)

// transientText are message fragments of connection failures that reach
// us without a typed error (through database/sql or a driver's own text).
var transientText = []string{
	"connection reset", "broken pipe", "connection refused", "unexpected eof",
	"conn closed", "bad connection", "database is locked", "database table is locked",
	"sqlite_busy", "terminating connection due to administrator command",
}

// IsTransient reports whether err is a database hiccup that may pass on
// retry: a lost or refused connection, a broken pipe, EOF on the wire,
// driver.ErrBadConn, the Oracle errors in transientORA, a PostgreSQL
// SQLSTATE of class 08 (connection) or 57P01–57P03 (shutdown, cannot
// connect now), a serialization failure or deadlock (40001, 40P01), or a
// busy or locked SQLite database. Errors already of kind errs.Transient are.
func IsTransient(err error) bool {
	if err == nil {
		return false
	}
	if errs.Is(err, errs.Transient) {
		return true
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	if errors.Is(err, driver.ErrBadConn) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.ECONNREFUSED) ||
		errors.Is(err, syscall.EPIPE) || errors.Is(err, syscall.ECONNABORTED) {
		return true
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		c := pe.Code
		return strings.HasPrefix(c, "08") || c == "57P01" || c == "57P02" || c == "57P03" || c == "40001" || c == "40P01"
	}
	var ne net.Error
	if errors.As(err, &ne) {
		return true
	}
	var se *sqlite.Error
	if errors.As(err, &se) && (se.Code()&0xff == 5 || se.Code()&0xff == 6) { // SQLITE_BUSY, SQLITE_LOCKED
		return true
	}
	msg := strings.ToLower(err.Error())
	if m := oraRE.FindStringSubmatch(err.Error()); m != nil {
		return transientORA[m[1]]
	}
	for _, t := range transientText {
		if strings.Contains(msg, t) {
			return true
		}
	}
	return false
}

// Unreachable reports whether a failure to connect means the database
// could not be reached, rather than that it refused what we asked: the
// IsTransient ones (refused, reset, DNS and other network errors) and a
// failed TLS handshake or certificate check. Such errors are the
// environment's (exit 1, with the address), never the harness's.
func Unreachable(err error) bool {
	if IsTransient(err) {
		return true
	}
	var cv *tls.CertificateVerificationError
	var ua x509.UnknownAuthorityError
	var he x509.HostnameError
	var ci x509.CertificateInvalidError
	var rh tls.RecordHeaderError
	if errors.As(err, &cv) || errors.As(err, &ua) || errors.As(err, &he) || errors.As(err, &ci) || errors.As(err, &rh) {
		return true
	}
	msg := strings.ToLower(err.Error())
	return strings.Contains(msg, "tls") || strings.Contains(msg, "x509:") || strings.Contains(msg, "no such host")
}

// lineErr is an error whose message is one line while the cause stays
// reachable with errors.Is/As.
type lineErr struct {
	msg string
	err error
}

// Error returns the one-line message.
func (e *lineErr) Error() string { return e.msg }

// Unwrap returns the cause.
func (e *lineErr) Unwrap() error { return e.err }

// OneLine renders err's message on one line of at most 300 bytes: the
// first line, joined with the following ones while a line ends in ":"
// (pgx's "failed to connect to …:" puts the reason on the next line), so
// Oracle's "Process ID: …" trailers go and reasons stay.
func OneLine(err error) string {
	lines := strings.Split(strings.ReplaceAll(strings.TrimSpace(err.Error()), "\r", ""), "\n")
	s := strings.TrimSpace(lines[0])
	for _, l := range lines[1:] {
		if !strings.HasSuffix(s, ":") {
			break
		}
		s += " " + strings.TrimSpace(l)
	}
	if len(s) > 300 {
		s = s[:300] + "…"
	}
	return s
}

// Classify wraps a database error for op with its kind: errs.Transient when
// IsTransient (message "connection lost: …"), errs.Input otherwise (the
// database refused the statement: bad SQL, missing table, constraint). The
// message is one line; the cause stays reachable. Errors that already have
// a kind, and nil, pass unchanged.
func Classify(op string, err error) error {
	if err == nil {
		return nil
	}
	var k *errs.Error
	if errors.As(err, &k) {
		return err
	}
	if IsTransient(err) {
		return &errs.Error{Op: op, Kind: errs.Transient, Err: &lineErr{"connection lost: " + describe(err), err}}
	}
	return &errs.Error{Op: op, Kind: errs.Input, Err: &lineErr{describe(err), err}}
}

// describe renders a driver error on one line, naming a PostgreSQL SQLSTATE.
func describe(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Message + " (SQLSTATE " + pe.Code + ")"
	}
	if errors.Is(err, driver.ErrBadConn) {
		return "bad connection"
	}
	return OneLine(err)
}

// Retry calls fn up to attempts times while it fails with a transient error
// (IsTransient), waiting 50ms, 100ms, 200ms … (at most 2s) in between. It
// returns nil, the first non-transient error, the last transient error, or
// the context's error when ctx ends while waiting.
func Retry(ctx context.Context, attempts int, fn func() error) error {
	wait := 50 * time.Millisecond
	var err error
	for i := 0; i < max(attempts, 1); i++ {
		if i > 0 {
			if err := pause.For(ctx, wait); err != nil {
				return err
			}
			wait = min(2*wait, 2*time.Second)
		}
		if err = fn(); err == nil || !IsTransient(err) {
			return err
		}
	}
	return err
}
