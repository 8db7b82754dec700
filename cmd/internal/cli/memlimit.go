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

// gcPercent is the collector's growth target under heapLimit unless GOGC
// says otherwise: with the heap bounded by the limit, collecting each time
// the heap doubles its live data (GOGC=100, a few MB at a time) spent a
// quarter of a nightly's CPU in the collector; at 400 it collects about a
// third as often and the limit still caps the heap.
const gcPercent = 400

// boundHeap sets heapLimit as the soft memory limit when GOMEMLIMIT is not
// set in the environment, and then gcPercent when GOGC is not set either.
func boundHeap(env *Env) {
	if env.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(heapLimit)
	if env.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
}
