package pause

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestFor(t *testing.T) {
	type testCase struct {
		name    string
		d       time.Duration
		cancel  bool
		wantErr error
	}
	run := func(t *testing.T, tc testCase) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		if tc.cancel {
			cancel()
		}
		require.ErrorIs(t, For(ctx, tc.d), tc.wantErr)
	}
	for _, tc := range []testCase{
		{name: "waits the duration", d: time.Millisecond},
		{name: "ended context wins over a long wait", d: time.Hour, cancel: true, wantErr: context.Canceled},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}
