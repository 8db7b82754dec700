package sweep

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/result"
)

func TestShardsPartitionTheCatalog(t *testing.T) {
	codes := make([]string, 1200)
	for i := range codes {
		codes[i] = fmt.Sprintf("HXZG_SB_%05d", i)
	}
	for _, n := range []int{1, 2, 3, 7} {
		seen := map[string]int{}
		for i := 1; i <= n; i++ {
			s := Shard{I: i, N: n}
			for _, c := range codes {
				if s.Has(c) {
					seen[c]++
				}
			}
		}
		require.Len(t, seen, len(codes), "every code in some shard (n=%d)", n)
		for c, k := range seen {
			require.Equal(t, 1, k, "%s in exactly one shard (n=%d)", c, n)
		}
	}
}

func TestParseShard(t *testing.T) {
	type testCase struct {
		in      string
		want    Shard
		wantErr bool
	}
	run := func(t *testing.T, tc testCase) {
		got, err := ParseShard(tc.in)
		if tc.wantErr {
			require.Error(t, err)
			return
		}
		require.NoError(t, err)
		assert.Equal(t, tc.want, got)
	}
	for _, tc := range []testCase{
		{in: "", want: Shard{}},
		{in: "1/3", want: Shard{1, 3}},
		{in: "3/3", want: Shard{3, 3}},
		{in: "0/3", wantErr: true},
		{in: "4/3", wantErr: true},
		{in: "a/b", wantErr: true},
		{in: "2", wantErr: true},
	} {
		t.Run(tc.in, func(t *testing.T) { run(t, tc) })
	}
}

func TestLimiterSpacesStarts(t *testing.T) {
	now := time.Unix(0, 0)
	l := NewLimiter(10)
	// Ten reservations at one instant are spread over 0.9 s of schedule.
	for i := 0; i < 10; i++ {
		r := l.lim.ReserveN(now, 1)
		require.True(t, r.OK())
		require.Equal(t, time.Duration(i)*100*time.Millisecond, r.DelayFrom(now))
	}
	require.NoError(t, NewLimiter(0).Wait(context.Background()), "no ceiling never blocks")
}

func TestLimiterCancelledWaitGivesTheSlotBack(t *testing.T) {
	l := NewLimiter(0.001) // one start per 1000 s: the second start must wait
	require.NoError(t, l.Wait(context.Background()), "the first start is free")
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel) // cancelled while it waits
	err := l.Wait(ctx)
	require.ErrorIs(t, err, context.Canceled)
	// The cancelled wait's reservation was returned: the next slot is one
	// interval after the first start, not two.
	r := l.lim.Reserve()
	defer r.Cancel()
	require.LessOrEqual(t, r.Delay(), 1000*time.Second)
	require.Greater(t, r.Delay(), 990*time.Second)
}

func TestRecordedFindsLostWritesAndSkipsTornLine(t *testing.T) {
	dir := t.TempDir()
	j, err := OpenJournal(dir, ResultsFile)
	require.NoError(t, err)
	require.NoError(t, j.Append(result.Result{Service: "HXZG_SB_00045", Case: "basic", Status: "pass"}))
	require.NoError(t, j.Close())
	f, err := os.OpenFile(filepath.Join(dir, ResultsFile), os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, _ = f.WriteString(`{"service":"HXZG_SB_00041","ca`) // killed mid-write
	require.NoError(t, f.Close())
	in, err := OpenJournal(dir, InflightFile)
	require.NoError(t, err)
	require.NoError(t, in.Append(Inflight{Key: "HXZG_SB_00045/basic", Service: "HXZG_SB_00045"}))
	require.NoError(t, in.Append(Inflight{Key: "HXZG_SB_00041/basic", Service: "HXZG_SB_00041"}))
	require.NoError(t, in.Close())

	done, lost, err := Recorded(dir)
	require.NoError(t, err)
	assert.Contains(t, done, "HXZG_SB_00045/basic")
	assert.Len(t, done, 1)
	assert.Contains(t, lost, "HXZG_SB_00041/basic", "sent but never recorded")
	assert.NotContains(t, lost, "HXZG_SB_00045/basic", "recorded writes are not lost")
}

func TestPublicAddressDropsUserAndPassword(t *testing.T) {
	tests := []struct{ in, want string }{
		{"postgres://gt3:s3cret@db.example:5432/hxzg?sslmode=disable", "postgres://db.example:5432/hxzg?sslmode=disable"},
		{"oracle://hx_user:pw@10.0.0.5:1521/HXZG", "oracle://10.0.0.5:1521/HXZG"},
		{"hx_user/pw@10.0.0.5:1521/HXZG", "10.0.0.5:1521/HXZG"},
		{"host=db port=5432 user=gt3 password=s3cret dbname=hxzg", "host=db port=5432 dbname=hxzg"},
		{"https://svc:token@bus.example/hxzg", "https://bus.example/hxzg"},
		{"sqlite:.gt3ct/sim/core.db", "sqlite:.gt3ct/sim/core.db"},
		{"", ""},
	}
	for _, tc := range tests {
		if got := PublicAddress(tc.in); got != tc.want {
			t.Errorf("PublicAddress(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
