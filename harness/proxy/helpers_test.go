package proxy

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts"
	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/fixtures/profile"
	"github.com/gt3ct/gt3ct/fixtures/seed"
	"github.com/gt3ct/gt3ct/fixtures/sim"
	"github.com/gt3ct/gt3ct/harness/check"
	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/render"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/session"
	"github.com/gt3ct/gt3ct/harness/target"
	"github.com/gt3ct/gt3ct/internal/coredb"
)

// loadCatalog loads the catalog compiled into the binary once per test run.
var loadCatalog = sync.OnceValues(func() (*catalog.Catalog, error) { return catalog.Load(contracts.FS()) })

func embeddedCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := loadCatalog()
	require.NoError(t, err)
	return c
}

// tapListener records every byte the server writes on its connections.
type tapListener struct {
	net.Listener
	mu    sync.Mutex
	conns []*tapConn
}

type tapConn struct {
	net.Conn
	mu  sync.Mutex
	out bytes.Buffer
}

func (c *tapConn) Write(p []byte) (int, error) {
	c.mu.Lock()
	c.out.Write(p)
	c.mu.Unlock()
	return c.Conn.Write(p)
}

func (l *tapListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	tc := &tapConn{Conn: c}
	l.mu.Lock()
	l.conns = append(l.conns, tc)
	l.mu.Unlock()
	return tc, nil
}

// written is everything written on every connection, in accept order.
func (l *tapListener) written() []byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	var b bytes.Buffer
	for _, c := range l.conns {
		c.mu.Lock()
		b.Write(c.out.Bytes())
		c.mu.Unlock()
	}
	return b.Bytes()
}

func (l *tapListener) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.conns)
}

// bus is the simulator behind a tapped listener; it keeps the headers and
// body of the last request it received.
type bus struct {
	URL    string
	DB     *coredb.DB
	tap    *tapListener
	mu     sync.Mutex
	header http.Header
	body   []byte
}

func newBus(t *testing.T, faults string) *bus {
	t.Helper()
	db, err := coredb.Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "core.db"))
	require.NoError(t, err)
	t.Cleanup(func() { db.Close() })
	s, err := sim.New(sim.Config{DB: db, Catalog: target.SimCatalog(embeddedCatalog(t)), Faults: faults, Seed: 1})
	require.NoError(t, err)
	b := &bus{DB: db}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		b.mu.Lock()
		b.header, b.body = r.Header.Clone(), body
		b.mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(body))
		s.Handler().ServeHTTP(w, r)
	}))
	b.tap = &tapListener{Listener: srv.Listener}
	srv.Listener = b.tap
	srv.Start()
	t.Cleanup(func() { s.Close(); srv.Close() })
	b.URL = srv.URL + "/"
	return b
}

func (b *bus) last() (http.Header, []byte) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.header, b.body
}

// taxpayer seeds one small-scale VAT taxpayer, registered an hour ago (so
// its rows are not taken for ones an exchange wrote), and returns its
// fields.
func (b *bus) taxpayer(t *testing.T) map[string]string {
	t.Helper()
	tps, err := profile.Generate("xgm", 1, 20261128)
	require.NoError(t, err)
	led := seed.NewLedger("proxy-test")
	led.Now = func() time.Time { return time.Now().Add(-time.Hour) }
	require.NoError(t, seed.Seed(context.Background(), b.DB, led, tps))
	return profile.Fields(tps[0])
}

// request renders a template of a contract into a request envelope.
func request(t *testing.T, code, file string, data map[string]string, edit func(string) string) []byte {
	t.Helper()
	svc, ok := embeddedCatalog(t).Lookup(code)
	require.True(t, ok, code)
	text, err := svc.Contract.ReadFile(file)
	require.NoError(t, err)
	vars := render.Merge(data, map[string]string{"skssqq": "2025-04-01", "skssqz": "2025-06-30", "jsyj": "100000.00", "ybtse": "3000.00"})
	body, err := render.Render(file, string(text), vars)
	require.NoError(t, err)
	if edit != nil {
		body = edit(body)
	}
	tranID := svc.TranID
	if file == "pre.xml" {
		pre, _ := embeddedCatalog(t).Lookup("HXZG_SB_00044")
		tranID = pre.TranID
	}
	wire, _ := envelope.Builder{}.Build(envelope.Request{TranID: tranID, ChannelID: "GX.DZSWJ.TEST",
		Expand: []envelope.Pair{{Name: "sjry", Value: "14501GT3CT1"}, {Name: "sjjg", Value: "14501000000"}}, Body: body})
	return wire
}

// front is a proxy under test in front of upstream, served by httptest.
type front struct {
	*Proxy
	URL     string
	Addr    string
	Dir     string
	Console *bytes.Buffer // read only after stop: the proxy serializes its writes
	srv     *httptest.Server
	tap     *tapListener
	once    sync.Once
}

func newFront(t *testing.T, upstream string, db *coredb.DB, tune func(*Config)) *front {
	t.Helper()
	f := &front{Dir: t.TempDir(), Console: &bytes.Buffer{}}
	cfg := Config{Upstream: upstream, Catalog: embeddedCatalog(t), XSD: session.ValidateXSD, Out: f.Dir,
		Console: f.Console, RunID: "proxy-test", Timeout: 3 * time.Second}
	if db != nil {
		cfg.DB = check.SQLQuerier{DB: db}
	}
	if tune != nil {
		tune(&cfg)
	}
	p, err := New(cfg)
	require.NoError(t, err)
	f.Proxy = p
	f.srv = httptest.NewUnstartedServer(p)
	f.tap = &tapListener{Listener: f.srv.Listener}
	f.srv.Listener = f.tap
	f.srv.Start()
	f.URL, f.Addr = f.srv.URL+"/", f.srv.Listener.Addr().String()
	t.Cleanup(func() { f.stop() })
	return f
}

// stop closes the server, then drains the checks.
func (f *front) stop() {
	f.once.Do(func() {
		f.srv.Close()
		f.Proxy.Close()
	})
}

// results stops the proxy and reads what it recorded.
func (f *front) results(t *testing.T) []result.Result {
	t.Helper()
	f.stop()
	data, err := os.ReadFile(filepath.Join(f.Dir, "results.jsonl"))
	require.NoError(t, err)
	var out []result.Result
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if line == "" {
			continue
		}
		var r result.Result
		require.NoError(t, json.Unmarshal([]byte(line), &r), line)
		out = append(out, r)
	}
	return out
}

// rawPost sends one HTTP/1.1 POST on a fresh connection and returns the
// response and the exact bytes that came back.
func rawPost(t *testing.T, addr string, header map[string]string, body []byte) (*http.Response, []byte, []byte) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	defer conn.Close()
	var req bytes.Buffer
	fmt.Fprintf(&req, "POST / HTTP/1.1\r\nHost: %s\r\nContent-Length: %d\r\n", addr, len(body))
	for k, v := range header {
		fmt.Fprintf(&req, "%s: %s\r\n", k, v)
	}
	req.WriteString("\r\n")
	req.Write(body)
	_, err = conn.Write(req.Bytes())
	require.NoError(t, err)
	var raw bytes.Buffer
	resp, err := http.ReadResponse(bufio.NewReader(io.TeeReader(conn, &raw)), nil)
	require.NoError(t, err)
	got, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp, got, raw.Bytes()
}

// checkNamed returns the check called name, failing the test when absent.
func checkNamed(t *testing.T, r result.Result, name string) result.Check {
	t.Helper()
	for _, c := range r.Checks {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no check %q in %+v", name, r.Checks)
	return result.Check{}
}

// sameAnswer asserts the caller got what the bus wrote (busRaw, the bytes
// on the bus's connection): status, every header field with its values
// (Date and Content-Length included) and the body, byte for byte. Only the
// order of the header lines may differ (Go's server sorts them; RFC 9110
// §5.3: the order of different field names carries no meaning).
func sameAnswer(t *testing.T, busRaw []byte, got *http.Response, gotBody []byte) {
	t.Helper()
	want, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(busRaw)), nil)
	require.NoError(t, err)
	wantBody, err := io.ReadAll(want.Body)
	require.NoError(t, err)
	assert.Equal(t, want.Status, got.Status)
	assert.Equal(t, want.Header, got.Header)
	assert.Equal(t, string(wantBody), string(gotBody))
}
