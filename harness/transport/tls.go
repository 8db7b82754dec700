package transport

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// TLSOptions are the client TLS settings of an https endpoint: an internal
// CA, a client certificate for mutual TLS, the name the server's
// certificate must carry.
type TLSOptions struct {
	CAFile     string // PEM bundle of the CA(s) that sign the bus's certificate (added to none: only these are trusted)
	CertFile   string // client certificate (PEM), with KeyFile
	KeyFile    string
	ServerName string // name to verify instead of the endpoint's host
}

// tlsConfig builds the crypto/tls configuration; an unreadable or invalid
// file is an Input error naming it.
func (o TLSOptions) tlsConfig() (*tls.Config, error) {
	if o == (TLSOptions{}) {
		return nil, nil
	}
	cfg := &tls.Config{ServerName: o.ServerName, MinVersion: tls.VersionTLS12}
	if o.CAFile != "" {
		pem, err := os.ReadFile(o.CAFile)
		if err != nil {
			return nil, errs.E("transport", errs.Input, "tls.ca_file: %v", err)
		}
		cfg.RootCAs = x509.NewCertPool()
		if !cfg.RootCAs.AppendCertsFromPEM(pem) {
			return nil, errs.E("transport", errs.Input, "tls.ca_file %s: no PEM certificate in it", o.CAFile)
		}
	}
	if o.CertFile != "" || o.KeyFile != "" {
		pair, err := tls.LoadX509KeyPair(o.CertFile, o.KeyFile)
		if err != nil {
			return nil, errs.E("transport", errs.Input, "tls.cert_file %s / tls.key_file %s: %v", o.CertFile, o.KeyFile, err)
		}
		cfg.Certificates = []tls.Certificate{pair}
	}
	return cfg, nil
}

// tlsProblem says in one phrase what failed in a TLS handshake and which
// tls: key fixes it; ok is false when err is not a TLS problem.
func tlsProblem(err error) (string, bool) {
	if err == nil {
		return "", false
	}
	var unknownCA x509.UnknownAuthorityError
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	var verify *tls.CertificateVerificationError
	var op *net.OpError
	switch {
	case errors.As(err, &unknownCA):
		return "the server's certificate is signed by an unknown authority (set tls.ca_file to the bus's CA)", true
	case errors.As(err, &hostname):
		return fmt.Sprintf("the server's certificate is not valid for %s (%s; set tls.server_name)", hostname.Host, firstErrLine(hostname)), true
	case errors.As(err, &invalid):
		return "the server's certificate is invalid: " + firstErrLine(invalid), true
	case errors.As(err, &verify):
		return "the server's certificate failed verification: " + firstErrLine(verify.Err), true
	case errors.As(err, &op) && op.Op == "remote error" && strings.Contains(op.Err.Error(), "tls:"):
		return "the server refused the TLS handshake (" + op.Err.Error() + "; check tls.cert_file and tls.key_file)", true
	case strings.Contains(err.Error(), "tls: "):
		return "TLS handshake failed: " + tlsTail(err.Error()), true
	}
	return "", false
}

func firstErrLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

// tlsTail is the part of an error message from "tls: " on.
func tlsTail(s string) string {
	if i := strings.Index(s, "tls: "); i >= 0 {
		return s[i:]
	}
	return s
}
