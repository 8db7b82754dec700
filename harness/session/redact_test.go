package session

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/sweep"
	"github.com/gt3ct/gt3ct/internal/safety"
)

// TestNightlyUsesTheGivenRedactorAndMasksValues: the session writes through
// the redactor it was given (no process-wide one), and the results it
// writes carry the rows' PII masked by column.
func TestNightlyUsesTheGivenRedactorAndMasksValues(t *testing.T) {
	const secret = "hunter2-only-in-this-redactor"
	s, err := Open(context.Background(), Options{Env: simEnv(t.TempDir()), Catalog: embeddedCatalog(t),
		Seed: 7, Redactor: safety.NewRedactor(secret), Now: time.Now})
	require.NoError(t, err)
	out := filepath.Join(t.TempDir(), "run")
	_, err = s.Nightly(context.Background(), NightlyOptions{Selection: sweep.Selection{Services: "HXZG_DJ_00004"},
		Parallel: 1, Out: out, Mask: true, Args: []string{"--db", "x?password=" + secret}})
	require.NoError(t, err)
	_, err = s.Close(context.Background())
	require.NoError(t, err)
	info, err := os.ReadFile(filepath.Join(out, sweep.RunFile))
	require.NoError(t, err)
	assert.NotContains(t, string(info), secret)
	var names []string
	for _, r := range readResults(t, out) {
		for _, tb := range r.Rows {
			for _, row := range tb.Rows {
				if v, ok := row["NSRMC"]; ok {
					names = append(names, v)
				}
			}
		}
	}
	require.NotEmpty(t, names, "the cases read NSRMC")
	for _, n := range names {
		assert.True(t, strings.HasPrefix(n, safety.MaskedName), n)
	}
}
