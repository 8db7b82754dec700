package reports

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// shardID is which shard of which run a directory holds.
type shardID struct {
	dir, runID string
	i, n       int // 1/1 for an unsharded run
}

// checkShards lists what keeps runs from being every shard of one run,
// once: a shard without run.json or run id, shards of different runs or
// shard counts, a shard given twice, a shard missing. Empty when they fit.
func checkShards(runs []*Run) []string {
	var ids []shardID
	var problems []string
	for _, r := range runs {
		id, err := identify(r)
		if err != "" {
			problems = append(problems, err)
			continue
		}
		ids = append(ids, id)
	}
	if len(ids) == 0 {
		return problems
	}
	first := ids[0]
	held := map[int]string{}
	for _, id := range ids {
		switch {
		case id.runID != first.runID:
			problems = append(problems, fmt.Sprintf("%s is run %s, %s is run %s: shards of different runs", first.dir, first.runID, id.dir, id.runID))
		case id.n != first.n:
			problems = append(problems, fmt.Sprintf("%s is shard %d/%d, %s is shard %d/%d: different shard counts", first.dir, first.i, first.n, id.dir, id.i, id.n))
		case held[id.i] != "":
			problems = append(problems, fmt.Sprintf("shard %d/%d given twice: %s and %s", id.i, id.n, held[id.i], id.dir))
		default:
			held[id.i] = id.dir
		}
	}
	return append(problems, missingShards(held, first)...)
}

// missingShards names each shard of first's run that held lacks.
func missingShards(held map[int]string, first shardID) []string {
	var out []string
	for i := 1; i <= first.n; i++ {
		if held[i] == "" {
			out = append(out, fmt.Sprintf("shard %d/%d of run %s missing", i, first.n, first.runID))
		}
	}
	return out
}

// identify reads a run's identity from its run.json: run id and shard (the
// "shard" field, else --shard in its args, else 1/1).
func identify(r *Run) (shardID, string) {
	if r.Info == nil || r.Info.RunID == "" {
		return shardID{}, fmt.Sprintf("%s: no run.json with a run id: cannot tell which run or shard it holds", r.Dir)
	}
	id := shardID{dir: r.Dir, runID: r.Info.RunID, i: 1, n: 1}
	spec := r.Info.Shard
	if spec == "" {
		spec = shardArg(r.Info.Args)
	}
	if spec == "" {
		return id, ""
	}
	a, b, ok := strings.Cut(spec, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return shardID{}, fmt.Sprintf("%s: run.json shard %q is not I/N", r.Dir, spec)
	}
	id.i, id.n = i, n
	return id, ""
}

// shardArg is the value of --shard in a nightly's args (run.json written
// before it had a "shard" field).
func shardArg(args []string) string {
	for k, a := range args {
		if v, ok := strings.CutPrefix(strings.TrimLeft(a, "-"), "shard="); ok && strings.HasPrefix(a, "-") {
			return v
		}
		if (a == "--shard" || a == "-shard") && k+1 < len(args) {
			return args[k+1]
		}
	}
	return ""
}

// shardError is one Input error line listing every problem.
func shardError(problems []string) error {
	sort.Strings(problems)
	return errs.E("report merge", errs.Input, "%s (use --partial to merge what is there)", strings.Join(problems, "; "))
}
