// Package result holds the one value that travels through the harness
// pipeline: a Result per case, with its checks, as written to results.jsonl.
package result

import "time"

// Status is the outcome of a case or check.
type Status string

// The statuses.
const (
	Pass  Status = "pass"
	Fail  Status = "fail"
	Error Status = "error"
	Skip  Status = "skip"
)

// Class is the class of an answer (see gt3-protocol.md §1).
type Class string

// Answer classes (see gt3-protocol.md §1).
const (
	ClassSuccess   Class = "success"
	ClassBusiness  Class = "business"
	ClassTimeout   Class = "timeout"
	ClassRouting   Class = "routing"
	ClassMalformed Class = "malformed"
	ClassTransport Class = "transport"
)

// Kind is what a check looks at.
type Kind string

// The check kinds.
const (
	KindEnvelope Kind = "envelope"
	KindXPath    Kind = "xpath"
	KindXSD      Kind = "xsd"
	KindDB       Kind = "db"
	KindRequest  Kind = "request" // the caller's request against the contract (proxy)
	KindSpec     Kind = "spec"    // the GT3 data specification on the rows a call wrote
	// KindReconcile compares the caller's database with the core (a
	// reconcile step): one check per difference, one passing check when clean.
	KindReconcile Kind = "reconcile"
)

// Blame: whose side a failing result (or exchange seen by the proxy) is on.
const (
	BlameCaller  = "caller"  // the request broke the contract
	BlameCore    = "core"    // a valid request got a malformed answer or wrong rows
	BlameUnknown = "unknown" // neither can be told (transport, infrastructure, checks that could not run)
)

// Sources of a Result other than gt3ct's own sending.
const SourceProxy = "proxy" // an exchange gt3ct forwarded for another caller (gt3ct proxy)

// Check is one assertion and its outcome.
type Check struct {
	Kind   Kind   `json:"kind"`
	Name   string `json:"name"`
	Status Status `json:"status"`
	Want   string `json:"want"`
	Got    string `json:"got"`
	Detail string `json:"detail"`
	// Blame is who the failing check points at when it can tell
	// (BlameCaller: the value came from the request); see Result.Blame.
	Blame string `json:"blame,omitempty"`
}

// Result is the outcome of one case of one service. Its JSON form is the
// line format of results.jsonl and the output of `run --format json`.
type Result struct {
	RunID     string    `json:"run_id"`
	Service   string    `json:"service"`
	TranID    string    `json:"tran_id"`
	Case      string    `json:"case"`
	TranSeq   string    `json:"tran_seq"`
	Status    Status    `json:"status"`
	Class     Class     `json:"class"`
	LatencyMS float64   `json:"latency_ms"`
	Checks    []Check   `json:"checks"`
	Error     string    `json:"error"`
	StartedAt time.Time `json:"started_at"`

	// Written holds the rows the case's writing steps left in the core, by
	// table (HX_SB.SB_SBB), the union over the steps.
	Written Written `json:"written,omitempty"`
	// BlameReason says why Blame (below) names the side it does; both are
	// set by Settle for every failing result (blame.go).
	BlameReason string `json:"blame_reason,omitempty"`

	// Fields beyond the contract: what a report needs to show a failure.
	Module   string  `json:"module,omitempty"`
	Name     string  `json:"name,omitempty"`
	Level    string  `json:"level,omitempty"`
	Writes   bool    `json:"writes,omitempty"`
	Request  string  `json:"request,omitempty"`
	Response string  `json:"response,omitempty"`
	Rows     []Table `json:"rows,omitempty"`
	Steps    []Step  `json:"steps,omitempty"`
	// Notes are observations that are never a failure: answer head-lint
	// problems (a 12-hour tran_time, a stale tran_date) found by run and
	// nightly against the time each answer was received.
	Notes  []string `json:"notes,omitempty"`
	Source string   `json:"source,omitempty"` // SourceProxy for exchanges seen by the proxy; "" when gt3ct sent
	Blame  string   `json:"blame,omitempty"`  // for a failing result: Blame* (Settle, blame.go)
}

// Table is a set of rows read from the core database for a check.
type Table struct {
	Check   string              `json:"check"`
	Columns []string            `json:"columns"`
	Rows    []map[string]string `json:"rows"`
}

// Step records one message of a multi-step case.
type Step struct {
	Service   string  `json:"service"`
	TranSeq   string  `json:"tran_seq"`
	Class     Class   `json:"class"`
	LatencyMS float64 `json:"latency_ms"`
	Written   Written `json:"written,omitempty"`
}

// Key identifies a case across runs: service and case name.
func (r Result) Key() string { return r.Service + "/" + r.Case }

// Failed reports whether any check failed.
func (r Result) Failed() bool {
	for _, c := range r.Checks {
		if c.Status == Fail {
			return true
		}
	}
	return false
}

// Settle sets Status from the checks and the error: error when the harness
// could not complete the case, fail when a check failed, else pass.
func (r *Result) Settle() {
	if r.Checks == nil {
		r.Checks = []Check{} // the JSON contract has an array, never null
	}
	switch {
	case r.Status == Skip:
	case r.Error != "" && len(r.Checks) == 0:
		r.Status = Error
	case r.Failed() || r.Error != "":
		r.Status = Fail
	default:
		r.Status = Pass
	}
	r.Blame, r.BlameReason = blameOf(*r)
}
