package sweep

import (
	"context"
	"sync"
	"time"

	"github.com/gt3ct/gt3ct/internal/pause"
)

// Limiter spaces requests so that no more than Rate start per second, across
// all workers. A zero or negative rate means no ceiling.
type Limiter struct {
	mu       sync.Mutex
	interval time.Duration
	next     time.Time
	now      func() time.Time
}

// NewLimiter makes a limiter for perSecond requests per second.
func NewLimiter(perSecond float64) *Limiter {
	l := &Limiter{now: time.Now}
	if perSecond > 0 {
		l.interval = time.Duration(float64(time.Second) / perSecond)
	}
	return l
}

// Wait blocks until the caller may start a request, or ctx ends.
func (l *Limiter) Wait(ctx context.Context) error {
	if l.interval == 0 {
		return ctx.Err()
	}
	l.mu.Lock()
	now := l.now()
	if l.next.Before(now) {
		l.next = now
	}
	at := l.next
	l.next = l.next.Add(l.interval)
	l.mu.Unlock()
	d := at.Sub(now)
	if d <= 0 {
		return ctx.Err()
	}
	return pause.For(ctx, d)
}
