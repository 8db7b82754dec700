package check

import (
	"fmt"
	"strings"

	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/result"
)

// RunEnvelope checks the answer envelope against the head that was sent:
// tran_id and channel_id echoed, tran_seq matching, the answer class as
// expected (wantClass, default success) and a head that lints clean. A nil
// answer fails every check.
func RunEnvelope(sent envelope.Head, got *envelope.Message, wantClass result.Class) []result.Check {
	if wantClass == "" {
		wantClass = result.ClassSuccess
	}
	names := []string{"tran_id echoed", "channel_id echoed", "tran_seq matches", "class", "head lint"}
	if got == nil {
		out := make([]result.Check, len(names))
		for i, n := range names {
			out[i] = result.Check{Kind: result.KindEnvelope, Name: n, Status: result.Fail, Got: "no answer", Detail: "no answer envelope"}
		}
		return out
	}
	h := got.Head
	return []result.Check{
		same(names[0], "tran_id", sent.TranID, h.TranID),
		same(names[1], "channel_id", sent.ChannelID, h.ChannelID),
		same(names[2], "tran_seq", sent.TranSeq, h.TranSeq),
		classCheck(names[3], wantClass, got),
		lintCheck(names[4], got.Problems),
	}
}

func same(name, field, want, got string) result.Check {
	c := result.Check{Kind: result.KindEnvelope, Name: name, Status: result.Pass, Want: want, Got: got}
	if want != got {
		c.Status = result.Fail
		c.Detail = fmt.Sprintf("%s: want %s, got %s", field, quoteEmpty(want), quoteEmpty(got))
	}
	return c
}

func classCheck(name string, want result.Class, m *envelope.Message) result.Check {
	c := result.Check{Kind: result.KindEnvelope, Name: name, Status: result.Pass, Want: string(want), Got: string(m.Class)}
	if m.Class == want {
		return c
	}
	c.Status = result.Fail
	h := m.Head
	c.Detail = fmt.Sprintf("class: want %s, got %s (rtn_code %s, Code %s", want, quoteEmpty(string(m.Class)), quoteEmpty(h.RtnCode), quoteEmpty(h.Code))
	if r := strings.TrimSpace(h.Reason + " " + h.Message); r != "" {
		c.Detail += ": " + clipText(r, 200)
	}
	c.Detail += ")"
	return c
}

func lintCheck(name string, problems []string) result.Check {
	c := result.Check{Kind: result.KindEnvelope, Name: name, Status: result.Pass, Want: "no problems", Got: "no problems"}
	if len(problems) > 0 {
		c.Status = result.Fail
		c.Got = fmt.Sprintf("%d problems", len(problems))
		c.Detail = strings.Join(problems, "; ")
	}
	return c
}

// clipText shortens s to at most n runes, marking the cut.
func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
