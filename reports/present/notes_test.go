package present

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/result"
)

// TestTextShowsNotes: answer head-lint notes are shown, one line each, and
// do not change the verdict.
func TestTextShowsNotes(t *testing.T) {
	for _, tc := range []struct {
		notes []string
		want  string
	}{
		{nil, ""},
		{[]string{"answer tran_time: 12-hour clock? 023015123 is 12 h off the clock (14:30:15)"},
			"\nnote: answer tran_time: 12-hour clock? 023015123 is 12 h off the clock (14:30:15)\n"},
		{[]string{"a", "b"}, "\nnote: a\nnote: b\n"},
	} {
		var b bytes.Buffer
		r := result.Result{Service: "HXZG_SB_00045", Case: "basic", Status: result.Pass, Notes: tc.notes}
		require.NoError(t, Text(&b, r, Options{}))
		if tc.want == "" {
			assert.NotContains(t, b.String(), "note:")
		} else {
			assert.Contains(t, b.String(), tc.want)
		}
		assert.Contains(t, b.String(), "PASS HXZG_SB_00045/basic")
	}
}
