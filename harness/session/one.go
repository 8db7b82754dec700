package session

import (
	"context"
	"strings"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/fixtures/snapshot"
	"github.com/gt3ct/gt3ct/harness/render"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/sweep"
	"github.com/gt3ct/gt3ct/internal/errs"
	"github.com/gt3ct/gt3ct/internal/suggest"
)

// PickCase returns the job for one case of svc: the named case, else the
// first case of its contract, else its smoke case.
func PickCase(cat *catalog.Catalog, svc *catalog.Service, name string) (sweep.Job, error) {
	jobs := sweep.Plan(cat, sweep.Selection{Services: svc.Code}, DefaultProfile(svc))
	var names []string
	for _, j := range jobs {
		if j.Service != svc {
			continue
		}
		if name == "" || j.Case.Name == name {
			return j, nil
		}
		names = append(names, j.Case.Name)
	}
	return sweep.Job{}, errs.At("run", errs.Input, svc.Code, "no case %q%s (cases: %s)", name, suggest.Hint(name, names), strings.Join(names, ", "))
}

// DefaultProfile is the fixture profile a service's cases use when its
// contract names none: 一般纳税人 for the general-taxpayer VAT forms, else 小规模.
func DefaultProfile(svc *catalog.Service) string {
	if strings.Contains(svc.Name, "一般纳税人") || strings.Contains(svc.Name, "一般人") {
		return "ybnsr"
	}
	return SharedProfile
}

// Sets parses --set key=value overrides.
func Sets(kvs []string) (map[string]string, error) {
	out := map[string]string{}
	for _, kv := range kvs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return nil, errs.E("run", errs.Input, "--set %q: want key=value", kv)
		}
		out[strings.TrimSpace(k)] = v
	}
	return out, nil
}

// RunJob seeds what the job needs, runs it with the overrides on top of the
// fixture, and returns its result (request and answer kept).
func (s *Session) RunJob(ctx context.Context, j sweep.Job, sets map[string]string) (result.Result, error) {
	data, err := s.bindOne(ctx, j)
	if err != nil {
		return result.Result{}, err
	}
	s.Runner.KeepMessages = true
	return s.Runner.Run(ctx, j.Service, j.Case, render.Merge(data, sets)), nil
}

// bindOne seeds the data of one job: the case's captured fixture when it
// names one (a promoted reproduction), else a fresh taxpayer of its profile.
func (s *Session) bindOne(ctx context.Context, j sweep.Job) (map[string]string, error) {
	counts := map[string]int{}
	if j.Profile != "" && j.Case.Fixture == "" {
		counts[j.Profile] = 1
	}
	pool, err := s.SeedFixtures(ctx, counts)
	if err != nil {
		return nil, err
	}
	if j.Case.Fixture != "" {
		return s.bindFixture(j)
	}
	return pool.Take(j.Profile)
}

// BindExisting binds a case to a taxpayer that already exists in the
// environment's database (a test taxpayer the site keeps), instead of a
// fresh one: its identifiers are read (SELECT only) and nothing is seeded.
func (s *Session) BindExisting(ctx context.Context, djxh string) (map[string]string, error) {
	if s.Target.DB == nil {
		return nil, errs.E("run", errs.Input, "--djxh needs the environment's database (--db)")
	}
	snap, err := snapshot.Capture(ctx, s.Target.DB, djxh, nil)
	if err != nil {
		return nil, err
	}
	data := BindingMap(snap)
	if data["djxh"] == "" {
		return nil, errs.E("run", errs.Input, "no taxpayer with DJXH %s in %s", djxh, s.Target.DB.Source)
	}
	return data, nil
}

// RunExisting runs a job bound to an existing taxpayer (see BindExisting).
func (s *Session) RunExisting(ctx context.Context, j sweep.Job, djxh string, sets map[string]string) (result.Result, error) {
	data, err := s.BindExisting(ctx, djxh)
	if err != nil {
		return result.Result{}, err
	}
	s.Runner.KeepMessages = true
	return s.Runner.Run(ctx, j.Service, j.Case, render.Merge(data, sets)), nil
}
