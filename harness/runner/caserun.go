package runner

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/transport"
)

// caseRun is what the steps of one case share: the service whose contract
// holds the case, the --set overrides, and which step saves each value.
type caseRun struct {
	svc     *catalog.Service
	sets    map[string]string
	savedBy map[string]string // value name → "step 2 (HXZG_SB_00045)"
	sends   int               // messages the case has still to send
}

// sent counts a message sent and answered (or failed): after the case's
// last one its turn goes back (transport.ReleaseTurn), so the next case
// talks to the core while this one's answer is checked.
func (cr *caseRun) sent(ctx context.Context) {
	if cr.sends--; cr.sends <= 0 {
		transport.ReleaseTurn(ctx)
	}
}

func newCaseRun(svc *catalog.Service, steps []catalog.Step, sets map[string]string) *caseRun {
	cr := &caseRun{svc: svc, sets: sets, savedBy: map[string]string{}}
	for i, st := range steps {
		if st.Sends() {
			cr.sends++
		}
		code := svc.Code
		if st.Service != "" {
			code = st.Service
		}
		names := make([]string, 0, len(st.Save))
		for n := range st.Save {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			if _, ok := cr.savedBy[n]; !ok {
				cr.savedBy[n] = fmt.Sprintf("step %d (%s)", i+1, code)
			}
		}
	}
	return cr
}

// explain turns a template error about a value a step should have saved,
// and did not, into the reason the check could not run.
func (cr *caseRun) explain(err error, vars map[string]string) error {
	names := make([]string, 0, len(cr.savedBy))
	for n := range cr.savedBy {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if _, ok := vars[n]; !ok && strings.Contains(err.Error(), "{{."+n+"}}") {
			return errors.New("not run: " + n + " was never saved by " + cr.savedBy[n])
		}
	}
	return err
}

// labelStep prefixes the check names and notes of step i (0-based) of a
// case of several steps: "2 HXZG_SB_00045: tran_id echoed".
func labelStep(s *stepOutcome, i int) {
	name := s.rec.Service
	if s.label != "" {
		name = s.label
	}
	label := fmt.Sprintf("%d %s: ", i+1, name)
	for k := range s.checks {
		s.checks[k].Name = label + s.checks[k].Name
	}
	for k := range s.notes {
		s.notes[k] = label + s.notes[k]
	}
}

// headNotes lints the answer head against the time it was received: its
// problems are notes, never a failure.
func headNotes(m *envelope.Message, received time.Time) []string {
	var out []string
	for _, p := range envelope.LintAt(m, received) {
		out = append(out, "answer head: "+p)
	}
	return out
}

// withoutHeadLint drops the envelope check that fails on head problems:
// the runner records them as notes instead (headNotes).
func withoutHeadLint(checks []result.Check) []result.Check {
	out := checks[:0]
	for _, c := range checks {
		if c.Kind != result.KindEnvelope || c.Name != "head lint" {
			out = append(out, c)
		}
	}
	return out
}
