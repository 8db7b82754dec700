package transport

import (
	"context"
	"sync"
)

// Turns bound how many cases talk to the core at once (nightly
// --parallel): a case takes a turn when it sends its first message and
// keeps it until its last message is answered (ReleaseTurn), so its steps
// follow one another without queueing again, while the work before its
// first message (fixtures, the rows read before a write, building the
// request) and after its last answer (checking it, reading the rows it
// wrote, the result written) runs outside the bound. With 100 ms answers
// and 64 turns, that work had kept each of 64 workers off the wire for a
// few milliseconds per case.
type Turns struct{ ch chan struct{} }

// NewTurns returns n turns (at least one).
func NewTurns(n int) *Turns { return &Turns{ch: make(chan struct{}, max(n, 1))} }

// Held is how many turns cases hold now.
func (ts *Turns) Held() int { return len(ts.ch) }

// Turn is one case's claim on Turns: taken by the case's first Send (the
// context carries it: WithTurn), given back by Release.
type Turn struct {
	ts   *Turns
	mu   sync.Mutex
	held bool
}

// Case returns a turn for one case, not yet taken.
func (ts *Turns) Case() *Turn { return &Turn{ts: ts} }

// take waits for a free turn, unless the case holds one already.
func (t *Turn) take(ctx context.Context) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.held {
		return nil
	}
	select {
	case t.ts.ch <- struct{}{}:
		t.held = true
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Release gives the turn back when the case holds it.
func (t *Turn) Release() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.held {
		<-t.ts.ch
		t.held = false
	}
}

type turnKey struct{}

// WithTurn returns ctx carrying the case's turn: Send takes it first.
func WithTurn(ctx context.Context, t *Turn) context.Context {
	return context.WithValue(ctx, turnKey{}, t)
}

// ReleaseTurn gives back the turn ctx carries, if any, when its case has
// sent its last message and has the answer.
func ReleaseTurn(ctx context.Context) {
	if t, ok := ctx.Value(turnKey{}).(*Turn); ok {
		t.Release()
	}
}

// takeTurn takes the turn ctx carries, if any.
func takeTurn(ctx context.Context) error {
	if t, ok := ctx.Value(turnKey{}).(*Turn); ok {
		return t.take(ctx)
	}
	return nil
}
