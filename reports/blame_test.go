package reports

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/result"
)

// blameRun is a run with a failure of each side, an error from before
// results were blamed, a passing case with notes and a skip.
func blameRun() *Run {
	r := func(svc string, st result.Status, blame string, notes ...string) result.Result {
		return result.Result{RunID: "n1", Service: svc, Case: "basic", Status: st, Blame: blame, Notes: notes,
			Error: map[bool]string{true: "timeout"}[st == result.Error], Module: svc[5:7]}
	}
	return &Run{Results: []result.Result{
		r("HXZG_SB_00001", result.Fail, result.BlameCaller),
		r("HXZG_SB_00002", result.Fail, result.BlameCore, "answer head: a"),
		r("HXZG_SB_00003", result.Fail, result.BlameCore),
		r("HXZG_ZS_00004", result.Error, ""),
		r("HXZG_ZS_00005", result.Error, result.BlameUnknown),
		r("HXZG_DJ_00006", result.Pass, "", "answer head: b", "answer head: c"),
		r("HXZG_DJ_00007", result.Skip, ""),
	}}
}

// TestSummaryCountsBlameAndNotes: summary.json counts the failing and
// erroring results by blame (one without a blame is unknown; passes and
// skips are not counted) and every note of every result.
func TestSummaryCountsBlameAndNotes(t *testing.T) {
	s := summaryOf(blameRun(), false)
	assert.Equal(t, BlameCounts{Caller: 1, Core: 2, Unknown: 2}, s.Blame)
	assert.Equal(t, 3, s.Notes)
	var back map[string]any
	require.NoError(t, json.Unmarshal(s.JSON(), &back))
	assert.Equal(t, map[string]any{"caller": 1.0, "core": 2.0, "unknown": 2.0}, back["blame"])
	assert.Equal(t, 3.0, back["notes"])
}

// TestReportsShowBlameAndNotes: the brief and the text show the blame
// groups and the notes count, JUnit puts the blame in each failure message
// and the notes in system-out, the HTML has the blame table, a blame filter
// and the notes count.
func TestReportsShowBlameAndNotes(t *testing.T) {
	run := blameRun()
	s := summaryOf(run, false)
	var brief, text, junit, html bytes.Buffer
	require.NoError(t, WriteBrief(&brief, s, "out"))
	require.NoError(t, WriteText(&text, run, s))
	require.NoError(t, WriteJUnit(&junit, run, s))
	require.NoError(t, WriteHTML(&html, run, s))
	for _, out := range []string{brief.String(), text.String()} {
		assert.Contains(t, out, "failing by blame: caller 1 · core 2 · unknown 2\n")
		assert.Contains(t, out, "notes: 3 ")
	}
	groups := text.String()[strings.Index(text.String(), "failed cases"):]
	assert.Regexp(t, `blame caller \(1\).*\n  FAIL  HXZG_SB_00001/basic`, groups)
	assert.Regexp(t, `blame core \(2\).*\n  FAIL  HXZG_SB_00002/basic.*\n  FAIL  HXZG_SB_00003/basic`, groups)
	assert.Regexp(t, `blame unknown \(2\).*\n  ERROR HXZG_ZS_00004/basic.*\n  ERROR HXZG_ZS_00005/basic`, groups)
	assert.Contains(t, junit.String(), `<failure message="[blame caller] `)
	assert.Contains(t, junit.String(), `<error message="[blame unknown] timeout"`)
	assert.Contains(t, junit.String(), "&#xA;note: answer head: b&#xA;note: answer head: c</system-out>")
	assert.Contains(t, html.String(), `<td class="n" id="blame-core">2</td>`)
	assert.Contains(t, html.String(), `<select id="fb" aria-label="blame">`)
	assert.Contains(t, html.String(), `<b id="notes">3</b>`)
	assert.Contains(t, html.String(), `<li>note: answer head: a</li>`)
}
