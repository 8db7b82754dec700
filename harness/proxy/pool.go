package proxy

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gt3ct/gt3ct/harness/result"
)

// exchange is one forwarded request and answer, as the checks see them.
type exchange struct {
	at          time.Time     // when the request arrived
	latency     time.Duration // request arrived → answer forwarded
	method      string
	body        *teeBody // the request as forwarded
	req, ans    *capture
	reqEncoding string
	ansEncoding string
	status      int    // HTTP status of the bus's answer (0: none)
	upstreamErr string // the bus gave no answer: the 502 text the caller got
	ansComplete bool   // the whole answer came from the bus and reached the caller
	cut         string // why the answer is incomplete
}

// size is the memory an exchange holds while it waits.
func (ex *exchange) size() int64 {
	_, n1, _ := ex.req.bytes()
	_, n2, _ := ex.ans.bytes()
	return min(n1, ex.req.max) + min(n2, ex.ans.max)
}

// pool runs checks on a fixed number of workers. A full queue (or too many
// bytes waiting) never blocks the exchange: the exchange goes to the light
// lane that only records "check dropped: queue full", and when that lane is
// full too it is counted and reported at Close.
type pool struct {
	p      *Proxy
	jobs   chan *exchange
	light  chan *exchange
	wg     sync.WaitGroup
	mu     sync.RWMutex // guards closed against sends
	closed bool
	held   atomic.Int64
	budget int64
	lost   atomic.Int64
}

func startPool(p *Proxy, workers, queue int, budget int64) *pool {
	pl := &pool{p: p, jobs: make(chan *exchange, queue), light: make(chan *exchange, queue), budget: budget}
	for i := 0; i < workers; i++ {
		pl.wg.Add(1)
		go pl.work()
	}
	pl.wg.Add(1)
	go pl.recordDropped()
	return pl
}

// submit queues an exchange for its checks without ever waiting.
func (p *Proxy) submit(ex *exchange) {
	pl := p.pool
	pl.mu.RLock()
	defer pl.mu.RUnlock()
	if pl.closed {
		pl.lost.Add(1)
		return
	}
	n := ex.size()
	if pl.held.Add(n) <= pl.budget {
		select {
		case pl.jobs <- ex:
			return
		default:
		}
	}
	pl.held.Add(-n)
	ex.req.mu.Lock()
	ex.req.buf = append([]byte(nil), ex.req.buf[:min(len(ex.req.buf), 64<<10)]...) // the head is enough
	ex.req.mu.Unlock()
	ex.ans = &capture{}
	select {
	case pl.light <- ex:
	default:
		pl.lost.Add(1)
	}
}

func (pl *pool) work() {
	defer pl.wg.Done()
	for ex := range pl.jobs {
		pl.held.Add(-ex.size())
		pl.p.finish(ex)
	}
}

func (pl *pool) recordDropped() {
	defer pl.wg.Done()
	for ex := range pl.light {
		pl.p.finishDropped(ex)
	}
}

// close stops taking exchanges, waits for the queued ones and returns how
// many could not be recorded.
func (pl *pool) close() int64 {
	pl.mu.Lock()
	pl.closed = true
	close(pl.jobs)
	close(pl.light)
	pl.mu.Unlock()
	pl.wg.Wait()
	return pl.lost.Load()
}

// finish checks and records one exchange; a panic anywhere is recorded as
// an error of that exchange and the worker carries on.
func (p *Proxy) finish(ex *exchange) {
	res := p.judgeSafely(ex)
	p.record(res, ex)
}

// finishDropped records an exchange whose checks did not run.
func (p *Proxy) finishDropped(ex *exchange) {
	res := p.base(ex)
	p.identify(&res, ex)
	res.Error = "check dropped: queue full"
	settleError(&res)
	p.record(res, ex)
}

// recordLost records the exchanges that could be neither checked nor
// recorded one by one.
func (p *Proxy) recordLost(n int64) {
	res := result.Result{RunID: p.cfg.RunID, Service: "unknown", Case: "proxy", Source: result.SourceProxy,
		StartedAt: p.cfg.Now(), Error: fmt.Sprintf("%d exchanges not recorded: check queue full", n)}
	settleError(&res)
	p.record(res, nil)
}

// settleError settles a result whose checks could not run (or not all of
// them) as an error; its blame is Settle's (blame.go).
func settleError(res *result.Result) {
	res.Settle()
	res.Status = result.Error
}
