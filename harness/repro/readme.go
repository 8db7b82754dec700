package repro

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/gt3ct/gt3ct/internal/errs"
)

// writeReadme writes the bundle's README.md: what was captured, when, from
// where, and how to replay and promote it.
func writeReadme(dir string, m *Meta) error {
	var b strings.Builder
	title := "taxpayer rows only (no request message)"
	if m.Service != "" {
		title = m.Service + " " + m.Name
	}
	fmt.Fprintf(&b, "# Case bundle: %s\n\n", title)
	fmt.Fprintf(&b, "Captured %s from environment `%s` with SELECT statements only.\n\n", m.CapturedAt.Format(time.RFC3339), m.Env)
	fmt.Fprintf(&b, "- Taxpayer: DJXH %s, a stand-in: every identifier (DJXH, UUIDs, PZXHs, USCCs) was replaced consistently, so joins hold.\n", m.DJXH)
	b.WriteString("- Personal data (names, ID numbers, phones, bank accounts, addresses) and every other party's identifier in the request (buyer's and seller's USCCs, any *nsrsbh/*shxydm/*sfzjhm) are masked with one key for the whole bundle: the same value masks the same in rows.json and message.xml.\n")
	if m.Message != nil {
		fmt.Fprintf(&b, "- Request (%s): %s, tran_seq %s, sent %s; the channel credential is not kept.\n", MessageFile, m.TranID, m.Message.TranSeq, orDash(m.Message.SentAt()))
	}
	if m.Message == nil {
		fmt.Fprintf(&b, "- %s.\n", NoMessageNote)
	}
	fmt.Fprintf(&b, "- Masking key (%s, private to you): replays mask their output with it, so a stand-in means the same value there as here. It lets whoever holds the bundle test a guess of a value against its stand-in: treat the bundle as confidential, or remove %s before sharing it (replays then use a fresh key).\n", KeyFile, KeyFile)
	fmt.Fprintf(&b, "- Rows (%s):\n\n", RowsFile)
	b.WriteString("| table | rows |\n|---|---|\n")
	for _, t := range m.Tables {
		fmt.Fprintf(&b, "| %s | %d |\n", t, m.Rows[t])
	}
	b.WriteString(replayHelp(dir))
	if err := os.WriteFile(filepath.Join(dir, ReadmeFile), []byte(b.String()), 0o600); err != nil {
		return errs.E("repro", errs.Input, "write README: %v", err)
	}
	return nil
}

func replayHelp(dir string) string {
	return fmt.Sprintf(`
## Replay

    gt3ct repro run %[1]s                         # embedded simulator, fresh test identifiers
    gt3ct repro run %[1]s --faults wrong-amount   # a simulator with a known data bug
    gt3ct repro run %[1]s --env preprod           # any writable environment (readonly ones refuse)

The replay seeds the rows that existed before the request (rows whose LRRQ is
earlier than the request's tran_date/tran_time; --seed all seeds every row),
snapshots the taxpayer, sends the request again under fresh identifiers,
snapshots again and shows the row diff, the answer and the service's contract
checks. It cleans up after itself. Each replay is saved under %[2]s/.

## Promote

    gt3ct repro promote %[1]s [--name NAME] [--contracts DIR]

adds a case to the service's contract (request template, fixture and the rows a
clean replay writes), so the nightly keeps checking it.
`, dir, ReplaysDir)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
