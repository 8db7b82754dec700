// Package pause waits for a duration unless a context ends first.
package pause

import (
	"context"
	"time"
)

// For waits d and returns nil, or returns ctx.Err() as soon as ctx ends.
func For(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
