package session

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"github.com/gt3ct/gt3ct/fixtures/profile"
	"github.com/gt3ct/gt3ct/internal/errs"
)

// Pool hands out seeded taxpayers: each contract case gets a fresh one of
// its profile; smoke cases share one (they write nothing real).
type Pool struct {
	mu     sync.Mutex
	free   map[string][]profile.Taxpayer
	shared map[string]string
	Seeded bool // false when the environment has no database: taxpayers are generated only
}

// SharedProfile is the profile of the taxpayer smoke cases share.
const SharedProfile = profile.XGM

// SeedFixtures generates counts[profile] fresh taxpayers per profile plus the
// shared one, and seeds them all (one transaction per taxpayer) under the
// session's ledger, so Close removes exactly these rows.
func (s *Session) SeedFixtures(ctx context.Context, counts map[string]int) (*Pool, error) {
	p := &Pool{free: map[string][]profile.Taxpayer{}}
	seedBase := s.opts.Seed
	if seedBase == 0 {
		seedBase = s.opts.Now().UnixNano()
	}
	counts = withShared(counts)
	var all []profile.Taxpayer
	for _, name := range sortedKeys(counts) {
		tps, err := profile.Generate(name, counts[name], seedBase)
		if err != nil {
			return nil, err
		}
		p.free[name] = tps
		all = append(all, tps...)
	}
	shared := p.free[SharedProfile][0]
	p.free[SharedProfile] = p.free[SharedProfile][1:]
	p.shared = profile.Fields(shared)
	if s.Store == nil || s.Env.Readonly {
		return p, nil
	}
	if err := s.Store.Seed(ctx, s.Ledger, all); err != nil {
		return nil, errs.E("fixtures", errs.KindOf(err), "seed %d taxpayers: %w", len(all), err)
	}
	s.seeded, p.Seeded = true, true
	return p, nil
}

// Take returns the fields of a fresh taxpayer of the profile, or the shared
// taxpayer when profile is "".
func (p *Pool) Take(name string) (map[string]string, error) {
	if name == "" {
		return p.shared, nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	free := p.free[name]
	if len(free) == 0 {
		return nil, fmt.Errorf("no fresh %s taxpayer left (profiles seeded: %v)", name, sortedKeys(countsOf(p.free)))
	}
	tp := free[0]
	free[0] = profile.Taxpayer{} // the taken taxpayer is no longer held by the pool's array
	p.free[name] = free[1:]
	return profile.Fields(tp), nil
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

func sortedKeys(m map[string]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
