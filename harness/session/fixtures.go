package session

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"

	"github.com/gt3ct/gt3ct/fixtures/profile"
	"github.com/gt3ct/gt3ct/fixtures/seed"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// Pool hands out seeded taxpayers: each contract case gets a fresh one of
// its profile; smoke cases share one (they write nothing real).
type Pool struct {
	mu     sync.Mutex
	free   map[string][]profile.Taxpayer
	shared map[string]string
	Seeded bool // false when the environment has no database: taxpayers are generated only

	sharedDJXH string
	seeding    *seeding // nil: nothing is being seeded in the background
	total      int      // taxpayers being seeded
}

// SharedProfile is the profile of the taxpayer smoke cases share.
const SharedProfile = profile.XGM

// SeedFixtures generates counts[profile] fresh taxpayers per profile plus the
// shared one, and seeds them all (seed.SeedBatch taxpayers per transaction) under the
// session's ledger, so Close removes exactly these rows. It returns once
// every taxpayer is in (StartFixtures does not wait).
func (s *Session) SeedFixtures(ctx context.Context, counts map[string]int) (*Pool, error) {
	var wants []string
	for _, name := range slices.Sorted(maps.Keys(counts)) {
		for range counts[name] {
			wants = append(wants, name)
		}
	}
	p, err := s.StartFixtures(ctx, wants)
	if err != nil {
		return nil, err
	}
	if err := p.Wait(); err != nil {
		return nil, err
	}
	return p, nil
}

// StartFixtures is SeedFixtures that returns as soon as the taxpayers are
// generated and seeds them in the background, in the order of wants (the
// profile of each case that takes a fresh taxpayer, in the order cases
// start): Take waits for the taxpayer it hands out, Wait for all of them.
func (s *Session) StartFixtures(ctx context.Context, wants []string) (*Pool, error) {
	p := &Pool{free: map[string][]profile.Taxpayer{}}
	counts := map[string]int{}
	for _, w := range wants {
		counts[w]++
	}
	seedBase := s.opts.Seed
	if seedBase == 0 {
		seedBase = s.opts.Now().UnixNano()
	}
	counts = withShared(counts)
	for _, name := range slices.Sorted(maps.Keys(counts)) {
		tps, err := profile.Generate(name, counts[name], seedBase)
		if err != nil {
			return nil, err
		}
		p.free[name] = tps
	}
	shared := p.free[SharedProfile][0]
	p.free[SharedProfile] = p.free[SharedProfile][1:]
	p.shared, p.sharedDJXH = profile.Fields(shared), shared.DJXH
	if s.Store == nil || s.Env.Readonly {
		return p, nil
	}
	order := seedOrder(shared, p.free, wants)
	s.mu.Lock()
	s.seeded, p.Seeded = true, true // Close cleans by the ledger: whatever got in
	s.mu.Unlock()
	p.seeding = newSeeding()
	go p.seeding.run(ctx, func(ctx context.Context, tps []profile.Taxpayer) error {
		return s.Store.Seed(ctx, s.Ledger, tps)
	}, order, seed.SeedBatch)
	p.total = len(order)
	return p, nil
}

// Wait waits until every taxpayer of the pool is seeded and returns the
// error that stopped seeding, if any.
func (p *Pool) Wait() error {
	if p.seeding == nil {
		return nil
	}
	if err := p.seeding.wait(); err != nil {
		return errs.E("fixtures", errs.KindOf(err), "seed %d taxpayers: %w", p.total, err)
	}
	return nil
}

// Take returns the fields of a fresh taxpayer of the profile, or the shared
// taxpayer when profile is "".
func (p *Pool) Take(name string) (map[string]string, error) {
	if name == "" {
		if err := p.ready(p.sharedDJXH); err != nil {
			return nil, err
		}
		return p.shared, nil
	}
	p.mu.Lock()
	free := p.free[name]
	if len(free) == 0 {
		p.mu.Unlock()
		return nil, fmt.Errorf("no fresh %s taxpayer left (profiles seeded: %v)", name, slices.Sorted(maps.Keys(countsOf(p.free))))
	}
	tp := free[0]
	free[0] = profile.Taxpayer{} // the taken taxpayer is no longer held by the pool's array
	p.free[name] = free[1:]
	p.mu.Unlock()
	if err := p.ready(tp.DJXH); err != nil {
		return nil, err
	}
	return profile.Fields(tp), nil
}

// ready waits until the taxpayer is seeded (at once when seeding was not
// started in the background).
func (p *Pool) ready(djxh string) error {
	if p.seeding == nil {
		return nil
	}
	return p.seeding.ready(djxh)
}

func withShared(counts map[string]int) map[string]int {
	out := map[string]int{SharedProfile: 1}
	for k, v := range counts {
		out[k] += v
	}
	return out
}

func countsOf(m map[string][]profile.Taxpayer) map[string]int {
	out := map[string]int{}
	for k, v := range m {
		out[k] = len(v)
	}
	return out
}
