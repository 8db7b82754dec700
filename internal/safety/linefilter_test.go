package safety

import (
	"bytes"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Lines split across writes are filtered whole; a line over maxPending is
// passed on filtered; what comes out is what went in, filtered per line.
func TestLineFilterLines(t *testing.T) {
	upper := func(s string) string { return strings.ReplaceAll(s, "secret", "******") }
	long := strings.Repeat("x", maxPending+10)
	for _, tc := range []struct {
		name   string
		writes []string
		want   string
	}{
		{"whole lines", []string{"a secret\nb\n"}, "a ******\nb\n"},
		{"split secret", []string{"a sec", "ret\n"}, "a ******\n"},
		{"split after a line", []string{"x\na sec", "ret\n"}, "x\na ******\n"},
		{"unfinished last line", []string{"a\nsecret"}, "a\n******"},
		{"carriage returns", []string{"1 secret\r2\r"}, "1 ******\r2\r"},
		{"a line over the pending limit", []string{long, "\n"}, long + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			f := NewLineFilter(&out, upper)
			for _, w := range tc.writes {
				n, err := f.Write([]byte(w))
				require.NoError(t, err)
				require.Equal(t, len(w), n)
			}
			require.NoError(t, f.Flush())
			assert.Equal(t, tc.want, out.String())
		})
	}
}

// A big write with nothing held back is filtered where it is: one copy
// (the filter's string), not a copy into the pending buffer first; and the
// filter does not keep a huge line's buffer afterwards.
func TestLineFilterBigWriteOneCopy(t *testing.T) {
	line := []byte(strings.Repeat("税务数据 ", 400_000) + "\n") // 5.2 MB
	f := NewLineFilter(discard{}, func(s string) string { return s })
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	_, err := f.Write(line)
	require.NoError(t, err)
	runtime.ReadMemStats(&b)
	assert.Less(t, b.TotalAlloc-a.TotalAlloc, uint64(len(line))*3/2, "a %d-byte line", len(line))

	_, err = f.Write(append([]byte("x"), line...)) // held back "x", then a huge line
	require.NoError(t, err)
	assert.LessOrEqual(t, cap(f.pending), 4*maxPending, "a passed line's buffer is not kept")
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
