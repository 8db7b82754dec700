package cli

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/reports"
)

func TestWriteSummary(t *testing.T) {
	sum := func(fail, errs int, newF, fixed, still, flaky []string) *reports.Summary {
		s := &reports.Summary{RunID: "nightly-1", NewFailures: newF, Fixed: fixed, StillFailing: still, Flaky: flaky, BaselineRunID: "nightly-0"}
		s.Pass, s.Fail, s.Error, s.Skip = 10, fail, errs, 1
		s.Total = 11 + fail + errs
		s.DurationS = 0.4 // a part of the run: never what is shown
		return s
	}
	type testCase struct {
		name string
		view summaryView
		want string
	}
	for _, tc := range []testCase{
		{"no baseline, green", summaryView{Sum: sum(0, 0, nil, nil, nil, nil), Target: "sim (embedded simulator, sqlite:.gt3ct/sim/core.db)", Out: "out/n", Wall: 83*time.Second + 420*time.Millisecond},
			"nightly PASS: nightly-1\n  target    sim (embedded simulator, sqlite:.gt3ct/sim/core.db)\n  cases     11: 10 pass, 0 fail, 0 error, 1 skip\n" +
				"  wall time 1m23.4s\n  reports   out/n/report.html (summary.json, junit.xml, results.jsonl beside it)\n"},
		{"no baseline, failures", summaryView{Sum: sum(2, 1, nil, nil, nil, nil), Target: "t", Out: "o", Wall: time.Second},
			"nightly FAIL (2 failed, 1 errors): nightly-1\n  target    t\n  cases     14: 10 pass, 2 fail, 1 error, 1 skip\n  wall time 1s\n  reports   o/report.html (summary.json, junit.xml, results.jsonl beside it)\n"},
		{"baseline, 0 new: still failing shown", summaryView{Sum: sum(2, 0, []string{}, []string{"a"}, []string{"b", "c"}, []string{"c"}), Target: "t", Baseline: "out/prev", Out: "o", Wall: time.Second},
			"nightly PASS (no new failures, 2 still failing): nightly-1\n  target    t\n  cases     13: 10 pass, 2 fail, 0 error, 1 skip\n" +
				"  baseline  out/prev (nightly-0): 0 new failures, 1 fixed, 2 still failing, 1 flaky\n  wall time 1s\n  reports   o/report.html (summary.json, junit.xml, results.jsonl beside it)\n"},
		{"baseline, new failures", summaryView{Sum: sum(1, 0, []string{"x"}, nil, nil, nil), Target: "t", Baseline: "b", Out: "o", Wall: time.Second},
			"nightly FAIL (1 new failures): nightly-1\n  target    t\n  cases     12: 10 pass, 1 fail, 0 error, 1 skip\n" +
				"  baseline  b (nightly-0): 1 new failures, 0 fixed, 0 still failing, 0 flaky\n  wall time 1s\n  reports   o/report.html (summary.json, junit.xml, results.jsonl beside it)\n"},
		{"interrupted", summaryView{Sum: sum(0, 0, nil, nil, nil, nil), Target: "t", Out: "o", Wall: time.Second, Interrupted: true},
			"nightly INTERRUPTED (partial reports, 11 cases recorded): nightly-1\n  target    t\n  cases     11: 10 pass, 0 fail, 0 error, 1 skip\n  wall time 1s\n  reports   o/report.html (summary.json, junit.xml, results.jsonl beside it)\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			writeSummary(&b, tc.view)
			assert.Equal(t, tc.want, b.String())
		})
	}
}

// "on sim" only when the run really went to the embedded simulator.
func TestDescribeTarget(t *testing.T) {
	sim := config.Sim()
	withDB, withEndpoint := sim, sim
	withDB.DB = "postgres://hx:pw@db-preprod:5432/hxzg"
	withEndpoint.Endpoint = "http://esb-preprod:7001/gt3"
	preprod := config.Environment{Name: "preprod", Endpoint: "http://esb:7001/gt3", DB: "oracle://hx@db:1521/HXZG"}
	type testCase struct {
		name string
		env  config.Environment
		want string
	}
	for _, tc := range []testCase{
		{"the built-in sim", sim, "sim (embedded simulator, sqlite:.gt3ct/sim/core.db)"},
		{"sim with --db elsewhere", withDB, "sim (endpoint embedded simulator, db postgres://hx:xxxxx@db-preprod:5432/hxzg)"},
		{"sim with --endpoint elsewhere", withEndpoint, "sim (endpoint http://esb-preprod:7001/gt3, db sqlite:.gt3ct/sim/core.db)"},
		{"a configured env", preprod, "preprod (endpoint http://esb:7001/gt3, db oracle://hx@db:1521/HXZG)"},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, describeTarget(tc.env)) })
	}
}
