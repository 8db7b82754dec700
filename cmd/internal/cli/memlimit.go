package cli

import "runtime/debug"

// heapLimit is the soft limit of the Go heap a nightly or a report keeps
// to unless GOMEMLIMIT says otherwise. Their live data is a few tens of
// MB even at 50× the catalog (results are read slim and written as
// streams); without a limit the collector lets the heap grow to twice the
// live data while the reports are built, which took a 50× nightly past
// 150 MB of resident memory. Above the limit the collector works harder
// (at most half the CPU, by Go's own cap), it never fails an allocation.
// At 80 MiB a 10× nightly peaked at 125 MB resident, at 64 MiB at 109–111
// MB with the same CPU (56 MiB: 102 MB, 5 % more CPU).
const heapLimit = 64 << 20

// gcPercent is the collector's growth target under heapLimit unless GOGC
// says otherwise: with the heap bounded by the limit, collecting each time
// the heap doubles its live data (GOGC=100, a few MB at a time) spent a
// quarter of a nightly's CPU in the collector; at 400 it collects about a
// third as often and the limit still caps the heap.
const gcPercent = 400

// processLimit is the soft limit of the Go heap of any command unless
// GOMEMLIMIT says otherwise (nightly and report lower it to heapLimit):
// under it the collector can run at gcPercent, so a command's start (every
// contract's YAML parsed) is not spent collecting a heap of a few MB, while
// a command holding a 100 MB answer still collects before its heap passes
// it.
const processLimit = 256 << 20

// TuneRuntime sets the collector of a gt3ct process: gcPercent unless GOGC
// is set, under processLimit unless GOMEMLIMIT is set. `catalog ls` took
// 32.6 ms at GOGC=100 and 25.7 ms at 400, half its CPU then collecting.
func TuneRuntime(getenv func(string) string) { collectUnder(getenv, processLimit) }

// boundHeap sets heapLimit as the soft memory limit when GOMEMLIMIT is not
// set in the environment, and then gcPercent when GOGC is not set either.
func boundHeap(env *Env) { collectUnder(env.Getenv, heapLimit) }

// collectUnder sets limit as the soft memory limit and gcPercent, each
// unless the environment sets it; with GOMEMLIMIT set it changes nothing.
func collectUnder(getenv func(string) string, limit int64) {
	if getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(limit)
	if getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
}
