package transport

import (
	"context"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// predial holds TCP connections to the endpoint dialled ahead of the first
// requests (Client.Predial): a --parallel 64 sweep's first 64 messages each
// waited for a dial of their own while the client was busiest preparing
// cases, 9–18 ms between Send and the core reading the request (0.2–1 ms
// once connections are kept). Only bare TCP is dialled ahead: TLS, when the
// endpoint speaks it, is still negotiated on first use.
type predial struct {
	addr  string // host:port the transport dials for the endpoint
	dial  func(ctx context.Context, network, addr string) (net.Conn, error)
	now   func() time.Time
	mu    sync.Mutex
	ready []dialled
}

// dialled is a connection dialled ahead and when.
type dialled struct {
	conn net.Conn
	at   time.Time
}

// predialFresh is how long a connection dialled ahead may wait for its first
// request: a server closes idle connections after seconds at the soonest,
// and a request written to a connection the server closed may be lost
// (never re-sent when it writes), so an older one is closed and a fresh
// one dialled instead.
const predialFresh = time.Second

// Predial dials n connections to the endpoint in the background (at most
// KeepConns), for the first n requests to use instead of dialling their own;
// those not taken within predialFresh are closed. It does nothing when the
// requests go through a proxy. It returns at once.
func (c *Client) Predial(n int) {
	if c.pre == nil || n <= 0 {
		return
	}
	n = min(n, KeepConns)
	var wg sync.WaitGroup
	for w := range min(n, predialWorkers) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < n; i += predialWorkers {
				c.pre.add()
			}
		}()
	}
	go func() {
		wg.Wait()
		time.AfterFunc(predialFresh, c.pre.closeAll)
	}()
}

// predialWorkers is how many dials Predial runs at once.
const predialWorkers = 8

// newPredial returns the pre-dialler of a transport for endpoint u, or nil
// when its requests go through a proxy (the dialled address is the proxy's).
func newPredial(tr *http.Transport, u *url.URL) *predial {
	if tr.Proxy != nil {
		if p, err := tr.Proxy(&http.Request{URL: u}); err != nil || p != nil {
			return nil
		}
	}
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	p := &predial{addr: net.JoinHostPort(u.Hostname(), port), dial: tr.DialContext, now: time.Now}
	tr.DialContext = p.dialContext
	return p
}

// add dials one connection and keeps it; a failed dial is left for the
// request to meet (and report) on its own dial.
func (p *predial) add() {
	ctx, cancel := context.WithTimeout(context.Background(), predialFresh)
	defer cancel()
	conn, err := p.dial(ctx, "tcp", p.addr)
	if err != nil {
		return
	}
	p.mu.Lock()
	p.ready = append(p.ready, dialled{conn, p.now()})
	p.mu.Unlock()
}

// dialContext is the transport's dial: a fresh connection dialled ahead
// when one is kept for addr, else a dial of its own.
func (p *predial) dialContext(ctx context.Context, network, addr string) (net.Conn, error) {
	if addr == p.addr && network == "tcp" {
		if conn := p.take(); conn != nil {
			return conn, nil
		}
	}
	return p.dial(ctx, network, addr)
}

// take returns a kept connection dialled less than predialFresh ago, closing
// older ones, or nil.
func (p *predial) take() net.Conn {
	p.mu.Lock()
	defer p.mu.Unlock()
	for len(p.ready) > 0 {
		d := p.ready[len(p.ready)-1]
		p.ready = p.ready[:len(p.ready)-1]
		if p.now().Sub(d.at) < predialFresh {
			return d.conn
		}
		d.conn.Close()
	}
	return nil
}

// closeAll closes the connections no request took.
func (p *predial) closeAll() {
	p.mu.Lock()
	ready := p.ready
	p.ready = nil
	p.mu.Unlock()
	for _, d := range ready {
		d.conn.Close()
	}
}
