package safety

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/errs"
)

var (
	prod = config.Environment{Name: "prod", Readonly: true, Mask: true}
	dev  = config.Environment{Name: "dev", Mask: true}
	save = Action{Kind: KindService, Service: "HXZG_SB_00045", Op: "save", Writes: true}
	read = Action{Kind: KindService, Service: "HXZG_DJ_00001", Op: "query"}
)

func TestGuard(t *testing.T) {
	type testCase struct {
		name string
		env  config.Environment
		act  Action
		want string // "" = allowed; else the exact message
	}
	run := func(t *testing.T, tc testCase) {
		err := Guard(tc.env, tc.act)
		if tc.want == "" {
			assert.NoError(t, err)
			return
		}
		require.Error(t, err)
		assert.Equal(t, errs.Refused, errs.KindOf(err))
		assert.Equal(t, 2, errs.ExitCode(err))
		assert.Equal(t, tc.want, err.Error())
		assert.NotContains(t, err.Error(), "\n", "one line")
	}
	for _, tc := range []testCase{
		{"readonly refuses a write", prod, save, `refused: environment "prod" is readonly: HXZG_SB_00045 (save) writes (rule: readonly envs refuse writing services; unlock with --unlock-writes and a typed confirmation)`},
		{"readonly allows a read", prod, read, ""},
		{"readonly refuses fixtures", prod, Action{Kind: KindFixtures, Service: "fixtures seed"}, `refused: environment "prod" is readonly: fixtures seed writes fixtures (rule: readonly envs refuse fixture commands; unlock with --unlock-writes and a typed confirmation)`},
		{"readonly refuses repro run", prod, Action{Kind: KindRepro, Service: "repro run"}, `refused: environment "prod" is readonly: repro run replays captured messages (rule: readonly envs refuse repro run; unlock with --unlock-writes and a typed confirmation)`},
		{"readonly refuses unknown kinds", prod, Action{Kind: "bulk"}, `refused: environment "prod" is readonly: bulk is not a known action (rule: readonly envs refuse what they cannot judge; unlock with --unlock-writes and a typed confirmation)`},
		{"writable env allows writes", dev, save, ""},
		{"writable env allows fixtures", dev, Action{Kind: KindFixtures}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestUnlock(t *testing.T) {
	type testCase struct {
		name  string
		typed string
		tty   bool
		want  string // "" = unlocked
	}
	run := func(t *testing.T, tc testCase) {
		var out bytes.Buffer
		err := Unlock(prod, strings.NewReader(tc.typed), &out, tc.tty)
		if tc.want == "" {
			assert.NoError(t, err)
			assert.Contains(t, out.String(), `Type its name`)
			return
		}
		require.Error(t, err)
		assert.Equal(t, errs.Refused, errs.KindOf(err))
		assert.Contains(t, err.Error(), tc.want)
	}
	for _, tc := range []testCase{
		{"typed the name", "prod\n", true, ""},
		{"typed the name without newline", "  prod ", true, ""},
		{"wrong name", "yes\n", true, "did not match"},
		{"nothing typed", "", true, "no confirmation"},
		{"no terminal", "prod\n", false, "needs a confirmation typed on a terminal"},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

// readAudit returns the entries of an audit file.
func readAudit(t *testing.T, path string) []Entry {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var out []Entry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var e Entry
		require.NoError(t, json.Unmarshal(sc.Bytes(), &e), "line %q", sc.Text())
		out = append(out, e)
	}
	return out
}

func TestAuthorizeAudits(t *testing.T) {
	type testCase struct {
		name    string
		env     config.Environment
		unlock  bool
		confirm func() error
		allowed bool
		event   string // "" = nothing audited
	}
	typed := func(s string, tty bool) func() error {
		return func() error { return Unlock(prod, strings.NewReader(s), &bytes.Buffer{}, tty) }
	}
	run := func(t *testing.T, tc testCase) {
		path := filepath.Join(t.TempDir(), "audit.jsonl")
		a, err := OpenAudit(path)
		require.NoError(t, err)
		a.Now = func() time.Time { return time.Date(2026, 11, 28, 9, 30, 15, 0, time.UTC) }
		err = Authorize(tc.env, save, tc.unlock, tc.confirm, a)
		require.NoError(t, a.Close())
		assert.Equal(t, tc.allowed, err == nil, "err: %v", err)
		lines := readAudit(t, path)
		if tc.event == "" {
			assert.Empty(t, lines)
			return
		}
		require.Len(t, lines, 1)
		assert.Equal(t, tc.event, lines[0].Event)
		assert.Equal(t, "prod", lines[0].Env)
		assert.Equal(t, "HXZG_SB_00045 (save)", lines[0].Service)
		assert.Equal(t, "2026-11-28T09:30:15.000Z", lines[0].At)
		assert.NotEmpty(t, lines[0].Who)
	}
	for _, tc := range []testCase{
		{name: "writable env, nothing to audit", env: dev, allowed: true},
		{name: "refused without the flag", env: prod, confirm: typed("prod\n", true), event: EventRefused},
		{name: "flag without a terminal", env: prod, unlock: true, confirm: typed("prod\n", false), event: EventUnlockDenied},
		{name: "flag and wrong name", env: prod, unlock: true, confirm: typed("prd\n", true), event: EventUnlockDenied},
		{name: "flag and typed name", env: prod, unlock: true, confirm: typed("prod\n", true), allowed: true, event: EventUnlocked},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestAuditConcurrentAppend(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "audit.jsonl")
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o700))
	require.NoError(t, os.WriteFile(path, []byte(`{"event":"sent","env":"old"}`+"\n"), 0o644))
	a, err := OpenAudit(path)
	require.NoError(t, err)
	const n = 200
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Go(func() {
			assert.NoError(t, a.Sent(dev, "HXZG_SB_00045", "SWZJ.HXZG.SB.BCZZSXGMSB", strings.Repeat("a", 32), true, "success"))
		})
	}
	wg.Wait()
	require.NoError(t, a.Close())
	lines := readAudit(t, path)
	require.Len(t, lines, n+1, "appended, earlier lines kept")
	assert.Equal(t, "old", lines[0].Env)
	assert.Equal(t, Entry{At: lines[1].At, Event: EventSent, Env: "dev", Service: "HXZG_SB_00045", TranID: "SWZJ.HXZG.SB.BCZZSXGMSB",
		TranSeq: strings.Repeat("a", 32), Who: lines[1].Who, Writes: true, Outcome: "success"}, lines[1])
	fi, err := os.Stat(path)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), fi.Mode().Perm())
}

func TestAuditRedactsOutcome(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.jsonl")
	a, err := OpenAudit(path)
	require.NoError(t, err)
	withSecret := dev
	withSecret.DBPassword = "audit-secret-123" // the env's own secret: the audit learns it from the event
	require.NoError(t, a.Sent(withSecret, "S", "", "", false, "transport: dial oracle://u:audit-secret-123@h failed"))
	require.NoError(t, a.Close())
	data, _ := os.ReadFile(path)
	assert.NotContains(t, string(data), "audit-secret-123")
}

func TestNilAuditIsQuiet(t *testing.T) {
	var a *Audit
	assert.NoError(t, a.Record(Entry{}))
	assert.NoError(t, a.Close())
}

func TestMaskEnabled(t *testing.T) {
	type testCase struct {
		name    string
		env     config.Environment
		noMask  bool
		mask    bool
		refused bool
	}
	unmaskedProd := prod
	unmaskedProd.Mask = false
	unmaskedDev := dev
	unmaskedDev.Mask = false
	run := func(t *testing.T, tc testCase) {
		mask, err := MaskEnabled(tc.env, tc.noMask)
		assert.Equal(t, tc.mask, mask)
		assert.Equal(t, tc.refused, errs.Is(err, errs.Refused), "err %v", err)
	}
	for _, tc := range []testCase{
		{"default masks", dev, false, true, false},
		{"--no-mask on dev", dev, true, false, false},
		{"--no-mask on prod refused", prod, true, true, true},
		{"mask: false on prod refused", unmaskedProd, false, true, true},
		{"mask: false on dev", unmaskedDev, false, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
	assert.Contains(t, CheckNoMask(prod).Error(), "--no-mask is not allowed")
}
