package reports

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gt3ct/gt3ct/internal/textwidth"
	"github.com/stretchr/testify/require"
)

// TestTextAlignsChineseNames: in the failed-case list, the first-failure
// column starts at the same display column whatever the width of the
// Chinese name before it.
func TestTextAlignsChineseNames(t *testing.T) {
	rep, err := Build(filepath.Join("testdata", "basic"), "", fixedNow)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, rep.Render(&buf, "text"))
	text := buf.String()
	_, list, ok := strings.Cut(text, "failed cases (3):\n")
	require.True(t, ok, text)
	markers := []string{"db sb_zzs", "envelope rtn_code", "dial tcp"}
	lines := strings.Split(strings.TrimRight(list, "\n"), "\n")
	require.Len(t, lines, len(markers))
	col := -1
	for i, line := range lines {
		at := strings.Index(line, markers[i])
		require.GreaterOrEqual(t, at, 0, line)
		w := textwidth.Width(line[:at])
		if col < 0 {
			col = w
		}
		require.Equal(t, col, w, "line %q", line)
	}
}
