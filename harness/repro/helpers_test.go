package repro

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/fixtures/ident"
	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/render"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/session"
	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/safety"
)

var ctx = context.Background()

const (
	service  = "HXZG_SB_00045"
	identity = "s3cret-identity-token"
)

// repoCatalog loads the repository's contracts folder.
func repoCatalog(t *testing.T) *catalog.Catalog {
	cat, err := catalog.LoadDir(filepath.Join("..", "..", "contracts"))
	require.NoError(t, err)
	return cat
}

// simEnv is a writable environment: the embedded simulator over a fresh
// SQLite file.
func simEnv(t *testing.T, name string) config.Environment {
	dir := filepath.Join(t.TempDir(), name)
	return config.Environment{Name: "sim", DB: "sqlite:" + filepath.Join(dir, "core.db"), ChannelID: "GT3CT.SIM", Mask: true,
		Audit: filepath.Join(dir, "audit.jsonl")}
}

// production runs a filing save on a simulator with fault over a SQLite
// file, for one taxpayer seeded two days earlier, the way a taxpayer's bad
// filing would sit in production. It returns the database DSN, the
// taxpayer's fields and the logged request (wrapped in SOAP).
func production(t *testing.T, cat *catalog.Catalog, fault string) (string, map[string]string, []byte) {
	env := simEnv(t, "prod")
	s, err := session.Open(ctx, session.Options{Env: env, Catalog: cat, Faults: fault, KeepFixtures: true,
		AuditPath: filepath.Join(t.TempDir(), "audit.jsonl")})
	require.NoError(t, err)
	s.Ledger.Now = func() time.Time { return time.Now().Add(-48 * time.Hour) }
	pool, err := s.SeedFixtures(ctx, map[string]int{"xgm": 1})
	require.NoError(t, err)
	tp, err := pool.Take("xgm")
	require.NoError(t, err)
	svc, _ := cat.Lookup(service)
	wire, _ := envelope.Builder{}.Build(envelope.Request{TranID: svc.TranID, ChannelID: "GX.DZSWJ.TEST",
		Expand: []envelope.Pair{{Name: "identityType", Value: identity}, {Name: "sjjg", Value: "14501000000"}},
		Body:   filingBody(t, svc, tp)})
	ans, err := s.Target.Client.Send(ctx, wire, true)
	require.NoError(t, err)
	msg, err := envelope.Parse(ans.Body)
	require.NoError(t, err)
	require.Equal(t, result.ClassSuccess, msg.Class, msg.Head.Reason)
	_, err = s.Close(ctx)
	require.NoError(t, err)
	return env.DB, tp, envelope.WrapSOAP(wire)
}

// filingBody is the contract's save request for the taxpayer, with the
// taxpayer's name, legal representative, ID number and phone added (PII
// the capture must mask).
func filingBody(t *testing.T, svc *catalog.Service, tp map[string]string) string {
	text, err := svc.Contract.ReadFile("request.xml")
	require.NoError(t, err)
	vars := render.Merge(tp, map[string]string{"skssqq": "2025-04-01", "skssqz": "2025-06-30", "jsyj": "100000.00", "ybtse": "3000.00"})
	body, err := render.Render("request.xml", string(text), vars)
	require.NoError(t, err)
	pii := "<sbbVO><nsrmc>" + tp["nsrmc"] + "</nsrmc><bsrxm>" + tp["fddbrxm"] + "</bsrxm><sfzjhm>" + tp["fddbrsfzjhm"] +
		"</sfzjhm><lxdh>" + tp["fddbryddh"] + "</lxdh>"
	return strings.Replace(body, "<sbbVO>", pii, 1)
}

// fileHashes fingerprints every file under dir (path -> sha256).
func fileHashes(t *testing.T, dir string) map[string]string {
	out := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		h := sha256.Sum256(b)
		out[p] = hex.EncodeToString(h[:])
		return nil
	}))
	return out
}

// dbDir is the folder of a sqlite: DSN's files.
func dbDir(dsn string) string { return filepath.Dir(strings.TrimPrefix(dsn, "sqlite:")) }

// added returns the value of col in the rows the replay added to table.
func added(rp *Replay, table, col string) []string {
	var out []string
	for _, d := range rp.Diff {
		if d.Table != table {
			continue
		}
		for _, r := range d.Added {
			out = append(out, deref(r.Values[col]))
		}
	}
	return out
}

// requireNoLeaks scans every file of dir with safety.ScanForLeaks (secrets
// are the taxpayer's real values). The scanner reads tax-office codes
// (11 digits starting 145…, e.g. 14501030000) as mobile numbers; a finding
// is dismissed only when every 11-digit run on its line is such a code.
func requireNoLeaks(t *testing.T, dir string, secrets []string) {
	var real []string
	for _, f := range safety.ScanForLeaks(dir, secrets) {
		if !strings.HasSuffix(f, ": unmasked mobile number") || !onlyOfficeCodes(t, dir, f) {
			real = append(real, f)
		}
	}
	require.Empty(t, real, "unmasked PII in %s", dir)
}

var elevenDigits = regexp.MustCompile(`\b\d{11}\b`)

func onlyOfficeCodes(t *testing.T, dir, finding string) bool {
	parts := strings.SplitN(finding, ":", 3)
	n, err := strconv.Atoi(parts[1])
	require.NoError(t, err)
	b, err := os.ReadFile(filepath.Join(dir, parts[0]))
	require.NoError(t, err)
	line := strings.Split(string(b), "\n")[n-1]
	for _, run := range elevenDigits.FindAllString(line, -1) {
		if ident.ValidateSWJG(run) != nil || !strings.HasSuffix(run, "00") {
			return false
		}
	}
	return true
}
