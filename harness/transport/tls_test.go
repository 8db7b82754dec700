package transport_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/transport"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// pki is a test CA with a server certificate (127.0.0.1, esb.internal) and
// a client certificate, written as PEM files.
type pki struct {
	dir                       string
	caFile, certFile, keyFile string
	pool                      *x509.CertPool
	server                    tls.Certificate
	caCert                    *x509.Certificate
	caKey                     *ecdsa.PrivateKey
}

func newPKI(t *testing.T) *pki {
	p := &pki{dir: t.TempDir(), pool: x509.NewCertPool()}
	p.caKey, _ = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "gt3ct test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), IsCA: true,
		BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &p.caKey.PublicKey, p.caKey)
	require.NoError(t, err)
	p.caCert, _ = x509.ParseCertificate(der)
	p.pool.AddCert(p.caCert)
	p.caFile = p.write(t, "ca.pem", "CERTIFICATE", der)
	p.server = p.leaf(t, 2, x509.ExtKeyUsageServerAuth, "")
	client := p.leaf(t, 3, x509.ExtKeyUsageClientAuth, "client")
	p.certFile = p.write(t, "client.pem", "CERTIFICATE", client.Certificate[0])
	kd, _ := x509.MarshalECPrivateKey(client.PrivateKey.(*ecdsa.PrivateKey))
	p.keyFile = p.write(t, "client.key", "EC PRIVATE KEY", kd)
	return p
}

// leaf issues a certificate signed by the CA; a server one (prefix "")
// is valid for 127.0.0.1 and esb.internal.
func (p *pki) leaf(t *testing.T, serial int64, usage x509.ExtKeyUsage, prefix string) tls.Certificate {
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: prefix + "esb.internal"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		ExtKeyUsage: []x509.ExtKeyUsage{usage}, KeyUsage: x509.KeyUsageDigitalSignature}
	if prefix == "" {
		tmpl.DNSNames, tmpl.IPAddresses = []string{"esb.internal"}, []net.IP{net.ParseIP("127.0.0.1")}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, p.caCert, &key.PublicKey, p.caKey)
	require.NoError(t, err)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
}

func (p *pki) write(t *testing.T, name, typ string, der []byte) string {
	path := filepath.Join(p.dir, name)
	require.NoError(t, os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600))
	return path
}

// mtlsServer demands a client certificate signed by the test CA and
// answers like the bus; it counts the requests that reached the handler.
func mtlsServer(t *testing.T, p *pki, hits *atomic.Int32) *httptest.Server {
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		body, _ := io.ReadAll(r.Body)
		if r.Header.Get("RESOURCE-ID") != "R1" {
			t.Errorf("RESOURCE-ID header %q", r.Header.Get("RESOURCE-ID"))
		}
		if len(r.TLS.PeerCertificates) == 0 || r.TLS.PeerCertificates[0].Subject.CommonName != "clientesb.internal" {
			t.Errorf("no client certificate")
		}
		_, _ = w.Write(answer(t, body))
	}))
	srv.TLS = &tls.Config{Certificates: []tls.Certificate{p.server}, ClientAuth: tls.RequireAndVerifyClientCert, ClientCAs: p.pool}
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

func TestMutualTLS(t *testing.T) {
	p := newPKI(t)
	var hits atomic.Int32
	srv := mtlsServer(t, p, &hits)
	full := transport.TLSOptions{CAFile: p.caFile, CertFile: p.certFile, KeyFile: p.keyFile}
	type testCase struct {
		name   string
		tls    transport.TLSOptions
		writes bool
		want   []string // substrings of the one-line error; none: success
	}
	run := func(t *testing.T, tc testCase) {
		hits.Store(0)
		c, err := transport.New(transport.Options{Endpoint: srv.URL + "/gt3", TLS: tc.tls, Headers: map[string]string{"RESOURCE-ID": "R1"},
			Timeout: 5 * time.Second, WaitMin: time.Millisecond, WaitMax: 2 * time.Millisecond})
		require.NoError(t, err)
		ans, err := c.Send(context.Background(), request(t), tc.writes)
		if len(tc.want) == 0 {
			require.NoError(t, err)
			assert.Equal(t, 200, ans.Status)
			assert.Equal(t, int32(1), hits.Load())
			return
		}
		require.Error(t, err)
		assert.Equal(t, errs.Finding, errs.KindOf(err), "a certificate problem is an unreachable bus (exit 1): %v", err)
		assert.NotContains(t, err.Error(), "\n")
		for _, w := range append(tc.want, srv.URL+"/gt3", "1 attempt(s), not retried") {
			assert.Contains(t, err.Error(), w)
		}
		assert.Equal(t, 1, ans.Attempts, "never retried")
		assert.Zero(t, hits.Load())
	}
	noClient := full
	noClient.CertFile, noClient.KeyFile = "", ""
	otherName := full
	otherName.ServerName = "other.internal"
	named := full
	named.ServerName = "esb.internal"
	for _, tc := range []testCase{
		{name: "ca and client certificate", tls: full},
		{name: "server name given", tls: named, writes: true},
		{name: "no ca", tls: transport.TLSOptions{CertFile: p.certFile, KeyFile: p.keyFile}, want: []string{"unknown authority", "tls.ca_file"}},
		{name: "no client certificate", tls: noClient, want: []string{"refused the TLS handshake", "tls.cert_file"}},
		{name: "no client certificate on a write", tls: noClient, writes: true, want: []string{"refused the TLS handshake"}},
		{name: "wrong server name", tls: otherName, want: []string{"not valid for other.internal", "tls.server_name"}},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestTLSFilesAreInput(t *testing.T) {
	p := newPKI(t)
	for _, o := range []transport.TLSOptions{
		{CAFile: filepath.Join(p.dir, "missing.pem")},
		{CAFile: p.keyFile},
		{CAFile: p.caFile, CertFile: p.certFile, KeyFile: p.caFile},
	} {
		_, err := transport.New(transport.Options{Endpoint: "https://127.0.0.1:1/gt3", TLS: o})
		require.Error(t, err)
		assert.Equal(t, errs.Input, errs.KindOf(err), "%v", err)
		assert.Contains(t, err.Error(), "tls.")
	}
}
