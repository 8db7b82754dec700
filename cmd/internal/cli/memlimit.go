package cli

import "runtime/debug"

// heapLimit is the soft limit of the Go heap a nightly or a report keeps
// to unless GOMEMLIMIT says otherwise. Their live data is a few tens of
// MB even at 50× the catalog (results are read slim and written as
// streams); without a limit the collector lets the heap grow to twice the
// live data while the reports are built, which took a 50× nightly past
// 150 MB of resident memory. Above the limit the collector works harder
// (at most half the CPU, by Go's own cap), it never fails an allocation.
const heapLimit = 80 << 20

// boundHeap sets heapLimit as the soft memory limit when GOMEMLIMIT is not
// set in the environment.
func boundHeap(env *Env) {
	if env.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(heapLimit)
	}
}
