package repro

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/internal/config"
	"github.com/gt3ct/gt3ct/internal/errs"
	"github.com/gt3ct/gt3ct/internal/safety"
)

// Other parties' USCCs an invoice-style request carries (the buyer's twice).
const (
	buyerUSCC  = "91110108MA01ABCD1X"
	sellerUSCC = "91450100MA5L7XKE13"
)

// withParties adds a buyer's and a seller's USCC to the logged request.
func withParties(t *testing.T, logged []byte) []byte {
	parties := "<gmfnsrsbh>" + buyerUSCC + "</gmfnsrsbh><xsfnsrsbh>" + sellerUSCC + "</xsfnsrsbh><gmfshxydm>" + buyerUSCC + "</gmfshxydm>"
	out := strings.Replace(string(logged), "<sbbVO>", "<sbbVO>"+parties, 1)
	require.NotEqual(t, string(logged), out, "the logged request has an <sbbVO> to add to")
	return []byte(out)
}

func bundleMasker(t *testing.T, bundle string) *safety.Masker {
	info, err := os.Stat(filepath.Join(bundle, KeyFile))
	require.NoError(t, err)
	require.Equal(t, os.FileMode(0o600), info.Mode().Perm(), "the key is private to the user")
	key, err := readKey(bundle)
	require.NoError(t, err)
	require.Len(t, key, 32)
	return safety.NewMasker(key)
}

// TestCaptureMasksEveryPartyWithTheBundleKey: the buyer's and seller's
// USCCs are masked in message.xml, the same value to the same stand-in; the
// bundle still replays; and a replay masks with the bundle's key, so a
// value shows as the same stand-in in the bundle and in the replay.
func TestCaptureMasksEveryPartyWithTheBundleKey(t *testing.T) {
	cat := repoCatalog(t)
	prodDB, tp, logged := production(t, cat, "")
	bundle := filepath.Join(t.TempDir(), "bundle")
	prod := config.Environment{Name: "prod", DB: prodDB, Readonly: true}
	_, _, err := Capture(ctx, CaptureOptions{Env: prod, DJXH: tp["djxh"], Message: withParties(t, logged), Out: bundle, Catalog: cat})
	require.NoError(t, err)
	m := bundleMasker(t, bundle)
	msg := readFile(t, filepath.Join(bundle, MessageFile))
	require.NotContains(t, msg, buyerUSCC)
	require.NotContains(t, msg, sellerUSCC)
	buyer, seller := m.Mask(safety.ClassID, buyerUSCC), m.Mask(safety.ClassID, sellerUSCC)
	require.Equal(t, 2, strings.Count(msg, buyer), "the buyer's USCC masks the same in both fields:\n%s", msg)
	require.Equal(t, 1, strings.Count(msg, seller))
	require.Contains(t, readFile(t, filepath.Join(bundle, RowsFile)), m.Mask(safety.ClassName, tp["nsrmc"]), "rows.json is masked with the kept key")

	clean, err := Run(ctx, bundle, RunOptions{Env: simEnv(t, "clean"), Catalog: cat})
	require.NoError(t, err)
	require.Equal(t, result.Pass, clean.Status, "the taxpayer's own stand-ins still re-key: %+v", clean.Checks)

	// A replay against a copy of production may answer with real values:
	// they are masked with the bundle's key, as in the bundle.
	name := tp["nsrmc"]
	rp := &Replay{Bundle: bundle, RanAt: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC),
		Answer: Answer{Body: "<fpxx><gmfnsrsbh>" + buyerUSCC + "</gmfnsrsbh><nsrmc>" + name + "</nsrmc></fpxx>"},
		Diff:   []TableDiff{{Table: "HX_DJ.DJ_NSRXX", Added: []Row{{Key: "k", Values: map[string]*string{"NSRMC": &name}}}}}}
	path, err := rp.Save()
	require.NoError(t, err)
	saved := readFile(t, path)
	require.NotContains(t, saved, buyerUSCC)
	inMessage := regexp.MustCompile(`<gmfnsrsbh>([^<]*)</gmfnsrsbh>`).FindStringSubmatch(msg)[1]
	require.Contains(t, saved, `u003cgmfnsrsbh\u003e`+inMessage+`\u003c`, "the buyer's stand-in in the replay is the one in message.xml")
	require.Equal(t, 2, strings.Count(saved, m.Mask(safety.ClassName, name)), "answer field and diff row, as in rows.json")
}

// TestCaptureOut: an existing bundle is replaced only with Force; a folder
// that is no bundle is never replaced; a capture without a message says in
// its README that it cannot be replayed.
func TestCaptureOut(t *testing.T) {
	cat := repoCatalog(t)
	prodDB, tp, _ := production(t, cat, "")
	prod := config.Environment{Name: "prod", DB: prodDB, Readonly: true}
	bundle := filepath.Join(t.TempDir(), "bundle")
	capture := func(force bool) error {
		_, _, err := Capture(ctx, CaptureOptions{Env: prod, DJXH: tp["djxh"], Out: bundle, Catalog: cat, Force: force})
		return err
	}
	require.NoError(t, capture(false))
	require.Contains(t, readFile(t, filepath.Join(bundle, ReadmeFile)), NoMessageNote)
	first := readFile(t, filepath.Join(bundle, KeyFile))
	require.NoError(t, os.WriteFile(filepath.Join(bundle, "stale.txt"), []byte("x"), 0o600))

	err := capture(false)
	require.Equal(t, 2, errs.ExitCode(err), "%v", err)
	require.ErrorContains(t, err, "already holds a case bundle: --force replaces it")
	require.FileExists(t, filepath.Join(bundle, "stale.txt"), "a refused capture leaves the bundle alone")

	require.NoError(t, capture(true))
	require.NoFileExists(t, filepath.Join(bundle, "stale.txt"), "--force replaces the folder")
	require.NotEqual(t, first, readFile(t, filepath.Join(bundle, KeyFile)), "a fresh key")

	other := filepath.Join(t.TempDir(), "notes")
	require.NoError(t, os.MkdirAll(other, 0o700))
	require.NoError(t, os.WriteFile(filepath.Join(other, "mine.txt"), []byte("x"), 0o600))
	_, _, err = Capture(ctx, CaptureOptions{Env: prod, DJXH: tp["djxh"], Out: other, Catalog: cat, Force: true})
	require.Equal(t, 2, errs.ExitCode(err), "%v", err)
	require.ErrorContains(t, err, "is not a case bundle")
	require.FileExists(t, filepath.Join(other, "mine.txt"))
}

func readFile(t *testing.T, path string) string {
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}
