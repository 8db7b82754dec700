package sweep

import (
	"iter"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/runner"
)

// Job is one case of one service to run.
type Job struct {
	Service *catalog.Service
	Case    catalog.Case
	Profile string // fixture profile; "" for smoke cases, which share one taxpayer
	Skip    string // when set, the case is recorded as skipped for this reason and not sent
	// Error, when set, records the case as an error for this reason without
	// sending it: the service's contract did not load (Service.LoadErr).
	Error string
	// Writer is the service through which the job writes (its own service
	// or one of its steps'), nil when it writes nothing: a writing job is
	// journalled in flight before it is sent, so --resume never re-sends it.
	Writer *catalog.Service
}

// Key identifies the job's result ("SERVICE/case").
func (j Job) Key() string { return j.Service.Code + "/" + j.Case.Name }

// SmokeCase is the case of a routed-only service: a minimal envelope whose
// answer must show the service is routed (success or a business refusal).
const SmokeCase = "smoke"

// BrokenCase is the one case recorded for a service whose contract did not
// load: an error naming file:line, never a fallback to the smoke case.
const BrokenCase = "contract"

// Selection says which services a run covers.
type Selection struct {
	Module   string // e.g. SB; "" for all
	Services string // glob over code or tran_id, comma-separated globs allowed
	Shard    Shard
	Repeat   int // run every case this many times (bench: a 10× catalog); 0 or 1 = once
}

// Plan lists the jobs for the selected services, in catalog order. A
// service whose contract did not load gets one job that is an error with
// the reason (file:line); each job knows the service it writes through.
// It is PlanJobs with every copy of a --repeat made.
func Plan(cat *catalog.Catalog, sel Selection, defaultProfile string) []Job {
	return slices.Collect(PlanJobs(cat, sel, defaultProfile).All())
}

// Jobs is a plan: the jobs of one pass over the selection, run Repeat
// times as distinct cases. The copies are made as they are handed out, so
// a 50× nightly holds one pass of jobs, not fifty.
type Jobs struct {
	Once   []Job
	Repeat int // 0 or 1: once
}

// PlanJobs is Plan without making the copies of a --repeat.
func PlanJobs(cat *catalog.Catalog, sel Selection, defaultProfile string) Jobs {
	var jobs []Job
	for _, svc := range cat.Services {
		if sel.matches(svc) {
			jobs = append(jobs, serviceJobs(svc, defaultProfile)...)
		}
	}
	for i := range jobs {
		if w := WritingService(cat, jobs[i]); w.Writes {
			jobs[i].Writer = w
		}
	}
	return Jobs{Once: jobs, Repeat: sel.Repeat}
}

// Len is how many jobs All hands out.
func (p Jobs) Len() int { return len(p.Once) * max(p.Repeat, 1) }

// All hands out every job: the pass, then each copy k = 2…Repeat of it,
// whose case names get a "#k" suffix so each has its own result key
// ("SERVICE/basic#2").
func (p Jobs) All() iter.Seq[Job] {
	return func(yield func(Job) bool) {
		for k := 1; k <= max(p.Repeat, 1); k++ {
			for _, j := range p.Once {
				if k > 1 {
					j.Case.Name = j.Case.Name + "#" + strconv.Itoa(k)
				}
				if !yield(j) {
					return
				}
			}
		}
	}
}

func serviceJobs(svc *catalog.Service, defaultProfile string) []Job {
	switch {
	case svc.LoadErr != nil:
		return []Job{{Service: svc, Case: catalog.Case{Name: BrokenCase}, Error: runner.BrokenReason(svc)}}
	case svc.Contract == nil || len(svc.Contract.Cases) == 0:
		return []Job{{Service: svc, Case: catalog.Case{Name: SmokeCase, Expect: catalog.Expect{Class: runner.Routed}}}}
	}
	var jobs []Job
	for _, c := range svc.Contract.Cases {
		p := c.Profile
		if p == "" {
			p = svc.Contract.Profile
		}
		if p == "" {
			p = defaultProfile
		}
		jobs = append(jobs, Job{Service: svc, Case: c, Profile: p})
	}
	return jobs
}

func (sel Selection) matches(svc *catalog.Service) bool {
	if sel.Module != "" && !strings.EqualFold(sel.Module, svc.Module) {
		return false
	}
	if !sel.Shard.Has(svc.Code) {
		return false
	}
	if sel.Services == "" {
		return true
	}
	for _, g := range strings.Split(sel.Services, ",") {
		g = strings.TrimSpace(g)
		for _, name := range []string{svc.Code, svc.TranID} {
			if ok, _ := path.Match(g, name); ok {
				return true
			}
		}
	}
	return false
}

// WritingService is the service the read-only guard judges a job by: its own
// service when that writes, else the first of its steps' services that
// writes (a query case may file a return first), else its own service. A
// case of reconcile steps only sends nothing: it is judged by its service
// marked as not writing.
func WritingService(cat *catalog.Catalog, j Job) *catalog.Service {
	if j.Case.SendsNothing() {
		reads := *j.Service
		reads.Writes = false
		return &reads
	}
	if j.Service.Writes {
		return j.Service
	}
	for _, st := range j.Case.Steps {
		if s, ok := cat.Lookup(st.Service); ok && s.Writes {
			return s
		}
	}
	return j.Service
}

// SkipWrites marks every job that would send a writing service (itself or in
// any step) as skipped with reason: on a readonly environment nothing that
// writes is ever sent.
func SkipWrites(cat *catalog.Catalog, jobs []Job, reason string) {
	for i := range jobs {
		if w := WritingService(cat, jobs[i]); w.Writes && jobs[i].Error == "" {
			jobs[i].Skip = reason + " (" + w.Code + " writes)"
		}
	}
}

// ProfileSequence is the profile of every job that takes a fresh taxpayer,
// in job order: the order a sweep asks the pool for them.
func ProfileSequence(jobs iter.Seq[Job]) []string {
	var out []string
	for j := range jobs {
		if j.Profile != "" && j.Skip == "" && j.Error == "" {
			out = append(out, j.Profile)
		}
	}
	return out
}

// LongestFirst orders jobs by how many messages each sends, most first,
// keeping catalog order among equals: a chain of five steps started last
// would keep every other worker idle while it runs (with 100 ms answers and
// 64 workers, half a second on a sweep of under two).
func LongestFirst(jobs []Job) {
	slices.SortStableFunc(jobs, func(a, b Job) int { return messages(b) - messages(a) })
}

// ReadyFirst moves n jobs that need no fresh taxpayer (smoke cases share
// one, seeded first) to the front, keeping the order otherwise: n workers
// start at once while the taxpayers of the jobs after them are seeded,
// instead of all waiting for theirs (a 64-worker sweep with 100 ms answers
// idled its first 70 ms). Jobs that write nothing go first: a writing job
// reads its tables before it sends and marks itself in flight, and 54
// writing smoke cases in the first 64 spread its first messages over 40 ms.
// A chain moved back by n jobs still starts within the first round.
func ReadyFirst(jobs []Job, n int) {
	front := readyFront(jobs, n)
	moved := make([]bool, len(jobs))
	out := make([]Job, 0, len(jobs))
	for _, i := range front {
		out = append(out, jobs[i])
		moved[i] = true
	}
	for i, j := range jobs {
		if !moved[i] {
			out = append(out, j)
		}
	}
	copy(jobs, out)
}

// readyFront is the indexes of the jobs ReadyFirst moves to the front: up
// to n ready jobs that write nothing, then ready writing ones up to n in all.
func readyFront(jobs []Job, n int) []int {
	var reads, writes []int
	for i, j := range jobs {
		switch {
		case j.Profile != "" || j.Case.Fixture != "":
		case j.Writer == nil && len(reads) < n:
			reads = append(reads, i)
		case j.Writer != nil && len(writes) < n:
			writes = append(writes, i)
		}
	}
	return append(reads, writes[:min(max(n-len(reads), 0), len(writes))]...)
}

// messages is how many messages a job sends.
func messages(j Job) int { return max(len(j.Case.Steps), 1) }
