package envelope

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Lint returns the head problems of m, one per string, each starting with the
// field it is about ("tran_seq: length 31, want 32").
func Lint(m *Message) []string {
	if m == nil {
		return []string{"message: nil"}
	}
	h := m.Head
	var p []string
	add := func(format string, args ...any) { p = append(p, fmt.Sprintf(format, args...)) }
	lintTranID(h.TranID, add)
	if h.ChannelID == "" {
		add("channel_id: empty or missing")
	}
	lintTranSeq(h.TranSeq, add)
	lintTranDate(h.TranDate, add)
	lintTranTime(h.TranTime, add)
	lintExpand(h.Expand, add)
	if m.Kind == KindResponse {
		lintReturn(h, add)
	}
	return p
}

// Beijing is the zone of head times: tran_date and tran_time are Beijing
// time, UTC+08:00, wherever the harness runs.
var Beijing = time.FixedZone("UTC+08:00", 8*60*60)

// LintAt is Lint plus the checks that need the time the message was sent or
// received: a tran_date more than a day away from at, and a tran_time that
// is 12 hours off the clock (a 12-hour "hhmmssSSS" formatter). The head is
// read as Beijing time; at may be in any zone (it is an instant).
func LintAt(m *Message, at time.Time) []string {
	p := Lint(m)
	if m == nil {
		return p
	}
	at = at.In(Beijing)
	t, err := time.ParseInLocation("20060102150405", m.Head.TranDate+m.Head.TranTime[:min(6, len(m.Head.TranTime))], Beijing)
	if err != nil || len(m.Head.TranTime) != 9 {
		return p
	}
	off := at.Sub(t)
	switch {
	case absDur(absDur(off)-12*time.Hour) < 15*time.Minute:
		p = append(p, fmt.Sprintf("tran_time: 12-hour clock? %s is 12 h off the clock (%s)", m.Head.TranTime, at.Format("15:04:05")))
	case absDur(off) > 24*time.Hour:
		p = append(p, fmt.Sprintf("tran_date: %s is more than a day from the clock (%s)", m.Head.TranDate, at.Format("2006-01-02")))
	}
	return p
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

type addFunc func(format string, args ...any)

func lintTranID(id string, add addFunc) {
	switch {
	case id == "":
		add("tran_id: empty or missing")
	case strings.ContainsAny(id, " \t\r\n"):
		add("tran_id: %q contains white space", id)
	case strings.Count(id, ".") < 2 || strings.Contains(id, ".."):
		add("tran_id: %q is not dotted like SWZJ.HXZG.SB.NAME", id)
	}
}

func lintTranSeq(seq string, add addFunc) {
	n := utf8.RuneCountInString(seq)
	switch {
	case seq == "":
		add("tran_seq: empty or missing, want 32 characters")
	case n != 32:
		add("tran_seq: length %d, want 32", n)
	case strings.ContainsAny(seq, " \t\r\n"):
		add("tran_seq: contains white space")
	}
}

func lintTranDate(s string, add addFunc) {
	switch {
	case s == "":
		add("tran_date: empty or missing, want yyyyMMdd (the bus rejects an empty date)")
	case len(s) != 8 || !digits(s):
		add("tran_date: %q is not yyyyMMdd (8 digits)", s)
	default:
		if _, err := time.Parse("20060102", s); err != nil {
			add("tran_date: %s is not a calendar date", s)
		}
	}
}

func lintTranTime(s string, add addFunc) {
	switch {
	case s == "":
		add("tran_time: empty or missing, want HHmmssSSS")
	case len(s) != 9 || !digits(s):
		add("tran_time: %q is not HHmmssSSS (9 digits)", s)
	case s[:2] > "23":
		add("tran_time: hour %s is not on a 24-hour clock", s[:2])
	case s[2:4] > "59" || s[4:6] > "59":
		add("tran_time: %s is not a time of day", s)
	}
}

func lintExpand(ex []Pair, add addFunc) {
	seen := map[string]bool{}
	for _, p := range ex {
		switch {
		case p.Name == "":
			add("expand: an entry without a name")
			continue
		case seen[p.Name]:
			add("expand: %s appears twice", p.Name)
		}
		seen[p.Name] = true
		switch p.Name {
		case "sjry":
			if n := utf8.RuneCountInString(p.Value); n != 11 {
				add("expand sjry: length %d, want 11 (staff code)", n)
			}
		case "sjjg":
			if len(p.Value) != 11 || !digits(p.Value) {
				add("expand sjjg: %q is not an 11-digit tax authority code", p.Value)
			}
		}
	}
}

func lintReturn(h Head, add addFunc) {
	switch {
	case h.RtnCode == "":
		add("rtn_code: empty or missing in a response")
	case !digits(h.RtnCode):
		add("rtn_code: %q is not a number", h.RtnCode)
	}
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
