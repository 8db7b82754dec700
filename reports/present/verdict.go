package present

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/gt3ct/gt3ct/harness/result"
)

// maxReason is the longest failure reason, in characters, in a verdict.
const maxReason = 160

// Verdict is the one-line outcome of r:
//
//	PASS HXZG_SB_00045/basic: 7 checks passed in 12.3 ms
//	FAIL HXZG_SB_00045/basic: 2 of 7 checks failed (db: HX_ZS.ZS_YJSF.YBTSE: want 1234.56, got 1234.57)
//	ERROR HXZG_SB_00045/basic: dial tcp 127.0.0.1:7001: connection refused
//
// A result whose Status is not set yet is judged as Settle would.
func Verdict(r result.Result) string {
	key := r.Key()
	n, failed := len(r.Checks), countFailed(r.Checks)
	switch status(r) {
	case result.Pass:
		return fmt.Sprintf("PASS %s: %s passed in %s", key, checksWord(n), ms(r.LatencyMS))
	case result.Skip:
		return fmt.Sprintf("SKIP %s: %s", key, orText(firstLine(r.Error), "skipped"))
	case result.Error:
		return fmt.Sprintf("ERROR %s: %s", key, orText(firstLine(r.Error), "no result"))
	}
	if failed == 0 {
		return fmt.Sprintf("FAIL %s: %s", key, orText(firstLine(r.Error), "failed"))
	}
	return fmt.Sprintf("FAIL %s: %d of %s failed (%s)", key, failed, checksWord(n), firstFailure(r.Checks))
}

// paintVerdict is the verdict, green when it passed and red otherwise.
func (p *printer) paintVerdict(r result.Result) string {
	v := Verdict(r)
	switch status(r) {
	case result.Pass:
		return p.paint(green, v)
	case result.Skip:
		return v
	}
	return p.paint(red, v)
}

// status is r.Status, or what Settle makes of r when it is empty.
func status(r result.Result) result.Status {
	if r.Status == "" {
		r.Settle()
	}
	return r.Status
}

// firstFailure names the first failed check: its kind and the first line of
// its detail, or its name with want and got when it has no detail.
func firstFailure(cs []result.Check) string {
	for _, c := range cs {
		if c.Status == result.Pass || c.Status == result.Skip {
			continue
		}
		reason := firstPart(c.Detail)
		if reason == "" {
			reason = fmt.Sprintf("%s: want %s, got %s", c.Name, orText(c.Want, `""`), orText(c.Got, `""`))
		}
		return string(c.Kind) + ": " + clip(sanitize(reason), maxReason)
	}
	return ""
}

// firstPart is the first line of a detail, up to the first "; " that joins
// several mismatches.
func firstPart(s string) string {
	s = firstLine(s)
	if i := strings.Index(s, "; "); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return strings.TrimSpace(s[:i])
	}
	return s
}

func checksWord(n int) string {
	if n == 1 {
		return "1 check"
	}
	return fmt.Sprintf("%d checks", n)
}

func orText(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// clip shortens s to n characters, marking the cut with "…".
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
