package session

import (
	"context"
	"strings"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/fixtures/snapshot"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/runner"
	"github.com/gt3ct/gt3ct/harness/sweep"
	"github.com/gt3ct/gt3ct/internal/errs"
	"github.com/gt3ct/gt3ct/internal/suggest"
)

// PickCase returns the job for one case of svc: the named case, else the
// first case of its contract, else its smoke case. A service whose contract
// did not load is an input error naming file:line (never its smoke case).
func PickCase(cat *catalog.Catalog, svc *catalog.Service, name string) (sweep.Job, error) {
	if svc.LoadErr != nil {
		return sweep.Job{}, errs.At("run", errs.Input, svc.Code, "%s", runner.BrokenReason(svc))
	}
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

// Sets parses --set key=value overrides for `run`; see ParseSets.
func Sets(kvs []string) (map[string]string, error) { return runner.ParseSets("run", kvs) }

// ParseSets parses --set key=value overrides; cmd ("render", "run") labels
// a malformed one.
func ParseSets(cmd string, kvs []string) (map[string]string, error) {
	return runner.ParseSets(cmd, kvs)
}

// CheckSets refuses --set keys job's case does not know: the fixture's keys
// (every key of `fixtures gen --format json`), its vars, the names its steps
// save and every {{.x}} of its templates and checks (runner.KnownKeys).
func CheckSets(cmd string, j sweep.Job, sets map[string]string) error {
	if len(sets) == 0 {
		return nil
	}
	return runner.CheckSets(cmd, j.Service, j.Case, FixtureKeys(), sets)
}

// RunJob seeds what the job needs, runs it with the overrides winning over
// the case's vars and the fixture, and returns its result (request and
// answer kept).
func (s *Session) RunJob(ctx context.Context, j sweep.Job, sets map[string]string) (result.Result, error) {
	data, err := s.bindOne(ctx, j)
	if err != nil {
		return result.Result{}, err
	}
	return s.runBound(ctx, j, data, sets)
}

// runBound renders every request of the job first: one that cannot be
// rendered or is not well-formed XML is an input error and nothing is
// sent; else the job runs with its messages kept.
func (s *Session) runBound(ctx context.Context, j sweep.Job, data, sets map[string]string) (result.Result, error) {
	if _, err := s.Runner.PreviewWith(j.Service, j.Case, data, sets); err != nil {
		return result.Result{}, errs.E("run", errs.Input, "%s/%s: %w", j.Service.Code, j.Case.Name, err)
	}
	s.Runner.KeepMessages = true
	return s.Runner.RunWith(ctx, j.Service, j.Case, data, sets), nil
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
	return s.runBound(ctx, j, data, sets)
}
