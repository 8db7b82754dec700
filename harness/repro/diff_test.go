package repro

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/fixtures/snapshot"
)

func sp(s string) *string { return &s }

func TestDiff(t *testing.T) {
	cols := []string{"ZSUUID", "YZPZXH", "DJXH", "ZSXM_DM", "YBTSE", "JKBZ", "ZFBZ_1", "LRRQ", "XGRQ"}
	row := func(uuid, ybtse, zfbz, xgrq string) []*string {
		return []*string{sp(uuid), sp("10145010300000000001"), sp("10114501039900000001"), sp("10101"), sp(ybtse), sp("N"), sp(zfbz), sp("2026-01-01 00:00:00"), sp(xgrq)}
	}
	snap := func(rows ...[]*string) *snapshot.Snapshot {
		return &snapshot.Snapshot{DJXH: "10114501039900000001", Tables: []snapshot.TableRows{{Table: "HX_ZS.ZS_YJSF", Columns: cols, Rows: rows}}}
	}
	const a, b = "0000000000000000000000000000000A", "0000000000000000000000000000000B"
	type testCase struct {
		name                   string
		before, after          *snapshot.Snapshot
		added, changed, remove int
		differences            int
	}
	run := func(t *testing.T, tc testCase) {
		d := Diff(tc.before, tc.after)
		if tc.added+tc.changed+tc.remove == 0 {
			require.Empty(t, d)
			return
		}
		require.Len(t, d, 1)
		require.Equal(t, []int{tc.added, tc.changed, tc.remove, tc.differences},
			[]int{len(d[0].Added), len(d[0].Changed), len(d[0].Removed), d[0].Differences})
		require.Contains(t, d[0].Volatile, "ZSUUID")
		require.NotContains(t, d[0].Volatile, "DJXH")
	}
	for _, tc := range []testCase{
		{name: "same", before: snap(row(a, "3000", "N", "x")), after: snap(row(a, "3000", "N", "x"))},
		{name: "added", before: snap(), after: snap(row(a, "3000", "N", "x")), added: 1, differences: 1},
		{name: "removed", before: snap(row(a, "3000", "N", "x")), after: snap(), remove: 1, differences: 1},
		{name: "voided", before: snap(row(a, "3000", "N", "x")), after: snap(row(a, "3000", "Y", "y")), changed: 1, differences: 1},
		{name: "only volatile changed", before: snap(row(a, "3000", "N", "x")), after: snap(row(a, "3000", "N", "y")), changed: 1},
		{name: "two added", before: snap(row(a, "1", "N", "x")), after: snap(row(a, "1", "N", "x"), row(b, "2", "N", "x")), added: 1, differences: 1},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

// TestDiffOrderIgnoresGeneratedKeys: added rows sort by their stable
// values, so fresh UUIDs do not reorder them between runs.
func TestDiffOrderIgnoresGeneratedKeys(t *testing.T) {
	cols := []string{"ZSUUID", "DJXH", "YBTSE"}
	mk := func(k1, k2 string) *snapshot.Snapshot {
		return &snapshot.Snapshot{Tables: []snapshot.TableRows{{Table: "HX_ZS.ZS_YJSF", Columns: cols,
			Rows: [][]*string{{sp(k1), sp("1"), sp("200")}, {sp(k2), sp("1"), sp("100")}}}}}
	}
	empty := &snapshot.Snapshot{Tables: []snapshot.TableRows{{Table: "HX_ZS.ZS_YJSF", Columns: cols}}}
	for _, keys := range [][2]string{{"A", "B"}, {"Z", "C"}} {
		d := Diff(empty, mk(keys[0], keys[1]))
		require.Equal(t, "100", *d[0].Added[0].Values["YBTSE"])
		require.Equal(t, "200", *d[0].Added[1].Values["YBTSE"])
	}
}
