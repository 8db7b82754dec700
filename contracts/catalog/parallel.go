package catalog

import (
	"io/fs"
	"path"
	"runtime"
	"strings"
	"sync"
)

// parsed is the outcome of ParseContract for one services/<code> folder.
type parsed struct {
	code string
	ct   *Contract
	err  error
}

// parseAll parses every services/<code>/contract.yaml of fsys on all CPUs
// (contract YAML is most of a cold start) and returns them in folder order,
// so problems are reported in the same order on every run.
func parseAll(fsys fs.FS, origin string) []parsed {
	dirs, _ := fs.ReadDir(fsys, ServicesDir) // no services folder: no contracts
	var out []parsed
	for _, d := range dirs {
		if d.IsDir() && !strings.HasPrefix(d.Name(), ".") {
			out = append(out, parsed{code: d.Name()})
		}
	}
	inParallel(len(out), func(j int) {
		out[j].ct, out[j].err = ParseContract(fsys, origin, path.Join(ServicesDir, out[j].code))
	})
	return out
}

// inParallel runs fn(0) … fn(n-1) on all CPUs, each index once, and
// returns when all are done.
func inParallel(n int, fn func(int)) {
	var next sync.Mutex
	i := 0
	take := func() int {
		next.Lock()
		defer next.Unlock()
		i++
		return i - 1
	}
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := take(); j < n; j = take() {
				fn(j)
			}
		}()
	}
	wg.Wait()
}
