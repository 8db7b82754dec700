package runner

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/gt3ct/gt3ct/harness/check"
)

func TestWithAnswerFields(t *testing.T) {
	type testCase struct {
		name            string
		request, answer string
		vars, want      map[string]string
	}
	run := func(t *testing.T, tc testCase) {
		got := withAnswerFields(tc.vars, tc.request, check.NewDoc(tc.answer))
		assert.Equal(t, tc.want, got)
	}
	for _, tc := range []testCase{
		{name: "answer over request, bound data over both",
			request: `<taxML><djxh>1</djxh><ybtse>5</ybtse><skssqq>2026-07-01</skssqq></taxML>`,
			answer:  `<taxML><pzxh>10014</pzxh><ybtse>6</ybtse><djxh>2</djxh></taxML>`,
			vars:    map[string]string{"djxh": "3"},
			want:    map[string]string{"djxh": "3", "ybtse": "6", "skssqq": "2026-07-01", "pzxh": "10014"}},
		{name: "answer not XML: request and vars only",
			request: `<taxML><djxh>1</djxh></taxML>`, answer: "rtn_code=2",
			vars: map[string]string{"x": "y"}, want: map[string]string{"djxh": "1", "x": "y"}},
		{name: "first leaf of a grid wins",
			request: "", answer: `<taxML><g><zsxmDm>10101</zsxmDm></g><g><zsxmDm>10109</zsxmDm></g></taxML>`,
			vars: nil, want: map[string]string{"zsxmDm": "10101"}},
		{name: "a GBK declaration does not stop the request being read",
			request: `<?xml version="1.0" encoding="GBK"?><taxML><djxh>1</djxh></taxML>`, answer: "",
			vars: nil, want: map[string]string{"djxh": "1"}},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}
