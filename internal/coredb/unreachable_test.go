package coredb

import (
	"context"
	"crypto/tls"
	"io"
	"net"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// fakePostgres listens on loopback and answers PostgreSQL's SSLRequest with
// answer ('N': no TLS; 'S': TLS with a self-signed certificate the client
// does not trust). It returns host:port.
func fakePostgres(t *testing.T, answer byte) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	t.Cleanup(func() { ln.Close() })
	srv := httptest.NewUnstartedServer(nil)
	srv.StartTLS() // only for its certificate
	t.Cleanup(srv.Close)
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer conn.Close()
				if _, err := io.ReadFull(conn, make([]byte, 8)); err != nil {
					return
				}
				conn.Write([]byte{answer})
				if answer == 'S' {
					_ = tls.Server(conn, srv.TLS.Clone()).Handshake()
				}
			}()
		}
	}()
	return ln.Addr().String()
}

// An unreachable database (refused, unknown host, TLS refused or not
// trusted) is exit 1 naming the address, never 3 (harness bug) nor 2.
func TestUnreachableIsExit1(t *testing.T) {
	type testCase struct {
		name, dsn, reason string
	}
	noTLS, badCert := fakePostgres(t, 'N'), fakePostgres(t, 'S')
	for _, tc := range []testCase{
		{"refused", "postgres://u@127.0.0.1:1/db?sslmode=disable&connect_timeout=2", "connection refused"},
		{"unknown host", "postgres://u@gt3ct-nosuch.invalid:5432/db?sslmode=disable&connect_timeout=2", "gt3ct-nosuch.invalid"},
		{"server refuses TLS", "postgres://u@" + noTLS + "/db?sslmode=require&connect_timeout=2", "TLS"},
		{"certificate not trusted", "postgres://u@" + badCert + "/db?sslmode=verify-full&connect_timeout=2", "x509"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := OpenWith(context.Background(), tc.dsn, OpenOptions{Password: secret})
			require.Error(t, err)
			assert.Equal(t, 1, errs.ExitCode(err), "%v", err)
			assert.Contains(t, err.Error(), "db: connect "+Redact(tc.dsn))
			assert.Contains(t, err.Error(), tc.reason)
			assert.NotContains(t, err.Error(), secret)
		})
	}
}
