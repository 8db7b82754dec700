package session

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/fixtures/profile"
)

func taxpayers(t *testing.T, name string, n int) []profile.Taxpayer {
	t.Helper()
	tps, err := profile.Generate(name, n, 7)
	require.NoError(t, err)
	return tps
}

func djxhs(tps []profile.Taxpayer) []string {
	out := make([]string, len(tps))
	for i, t := range tps {
		out[i] = t.DJXH
	}
	return out
}

// Taxpayers are seeded in the order cases will take them: the shared one,
// then, case by case, the next of that case's profile.
func TestSeedOrderFollowsTheCases(t *testing.T) {
	shared := taxpayers(t, profile.XGM, 1)[0]
	ybr, xgm := taxpayers(t, profile.YBNSR, 2), taxpayers(t, profile.XGM, 3)[1:]
	free := map[string][]profile.Taxpayer{profile.YBNSR: ybr, profile.XGM: xgm}
	got := seedOrder(shared, free, []string{profile.XGM, profile.YBNSR, profile.XGM, profile.YBNSR})
	assert.Equal(t, djxhs([]profile.Taxpayer{shared, xgm[0], ybr[0], xgm[1], ybr[1]}), djxhs(got))
}

// A case waits for its own taxpayer only: it goes once that taxpayer's
// batch is in, while later batches are still being seeded; a failure is
// the reason every later taxpayer gives, and Wait returns it.
func TestSeedingInBackground(t *testing.T) {
	order := taxpayers(t, profile.XGM, 5)
	sd := newSeeding()
	release := make(chan struct{})
	failed := errors.New("ORA-03113: end-of-file on communication channel")
	var batches [][]string
	go sd.run(context.Background(), func(_ context.Context, tps []profile.Taxpayer) error {
		batches = append(batches, djxhs(tps))
		if len(batches) == 2 {
			<-release // the second batch waits
		}
		if len(batches) == 3 {
			return failed
		}
		return nil
	}, slices.Clone(order), 2)

	require.NoError(t, sd.ready(order[0].DJXH), "the first taxpayer comes alone, at once")
	waited := make(chan error, 1)
	go func() { waited <- sd.ready(order[2].DJXH) }()
	select {
	case err := <-waited:
		t.Fatalf("taxpayer 3 ready before its batch was seeded: %v", err)
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	require.NoError(t, <-waited)
	err := sd.ready(order[4].DJXH)
	require.ErrorIs(t, err, failed)
	assert.Contains(t, err.Error(), "taxpayer "+order[4].DJXH+" was not seeded")
	require.ErrorIs(t, sd.wait(), failed)
	assert.Equal(t, [][]string{djxhs(order[:1]), djxhs(order[1:3]), djxhs(order[3:5])}, batches)
}
