package sweep

import (
	"context"

	"golang.org/x/time/rate"
)

// Limiter spaces requests so that no more than a given number start per
// second, across all workers; a wait that is cancelled gives its slot back.
// A zero or negative rate means no ceiling.
type Limiter struct {
	lim *rate.Limiter // nil: no ceiling
}

// NewLimiter makes a limiter for perSecond requests per second (burst 1:
// starts are spaced evenly, never bunched).
func NewLimiter(perSecond float64) *Limiter {
	if perSecond <= 0 {
		return &Limiter{}
	}
	return &Limiter{lim: rate.NewLimiter(rate.Limit(perSecond), 1)}
}

// Wait blocks until the caller may start a request, or ctx ends.
func (l *Limiter) Wait(ctx context.Context) error {
	if l.lim == nil {
		return ctx.Err()
	}
	return l.lim.Wait(ctx)
}
