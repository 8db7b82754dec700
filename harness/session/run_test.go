package session

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/result"
)

func TestRunFilingSavePassesWithDatabaseChecks(t *testing.T) {
	res := runCase(t, "", "HXZG_SB_00045", "")
	require.Equal(t, result.Pass, res.Status, "%+v", failedChecks(res))
	db := 0
	for _, c := range res.Checks {
		if c.Kind == result.KindDB {
			db++
		}
	}
	assert.GreaterOrEqual(t, db, 3, "the filing chain is cross-checked in the core tables")
	assert.NotEmpty(t, res.Rows, "rows read are kept for the report")
	assert.Equal(t, result.ClassSuccess, res.Class)
}

// Every data bug of the simulator answers success but writes wrong rows; the
// contract checks must name the table, column, want and got.
func TestDataBugsFailNamingTableAndColumn(t *testing.T) {
	type testCase struct {
		fault, service, caseName string
		want                     []string
	}
	run := func(t *testing.T, tc testCase) {
		res := runCase(t, tc.fault, tc.service, tc.caseName)
		require.Equal(t, result.Fail, res.Status)
		var details []string
		for _, c := range failedChecks(res) {
			details = append(details, c.Detail)
		}
		joined := strings.Join(details, "\n")
		for _, w := range tc.want {
			assert.Contains(t, joined, w)
		}
	}
	for _, tc := range []testCase{
		{fault: "wrong-amount", service: "HXZG_SB_00045", caseName: "file-and-void",
			want: []string{"HX_ZS.ZS_YJSF", "YBTSE: want 3000.00, got 3000.01"}},
		{fault: "missing-payable", service: "HXZG_SB_00045", caseName: "file-and-void",
			want: []string{"HX_ZS.ZS_YJSF", "missing row"}},
		{fault: "wrong-period", service: "HXZG_SB_00045", caseName: "file-and-void",
			want: []string{"SKSSQZ: want 2025-06-30"}},
		{fault: "duplicate-row", service: "HXZG_SB_00045", caseName: "file-and-void",
			want: []string{"HX_SB.SB_SBXX", "duplicate key"}},
		{fault: "no-void", service: "HXZG_SB_00045", caseName: "file-and-void",
			want: []string{"ZFBZ_1: want Y, got N"}},
		{fault: "truncate-name", service: "HXZG_DJ_00073", caseName: "register",
			want: []string{"HX_DJ.DJ_NSRXX", "NSRMC: want"}},
	} {
		t.Run(tc.fault, func(t *testing.T) { run(t, tc) })
	}
}

// Each transport fault gives its class; only a missing answer is an error.
func TestTransportFaultsClassify(t *testing.T) {
	type testCase struct {
		fault, class, status string
	}
	run := func(t *testing.T, tc testCase) {
		res := runCase(t, tc.fault, "HXZG_DJ_00004", "basic")
		assert.Equal(t, tc.class, res.Class)
		assert.Equal(t, tc.status, res.Status, "%s %+v", res.Error, failedChecks(res))
	}
	for _, tc := range []testCase{
		{fault: "", class: result.ClassSuccess, status: result.Pass},
		{fault: "gbk", class: result.ClassSuccess, status: result.Pass},
		{fault: "refuse", class: result.ClassBusiness, status: result.Fail},
		{fault: "routing", class: result.ClassRouting, status: result.Fail},
		{fault: "malformed", class: result.ClassMalformed, status: result.Fail},
		{fault: "http500", class: result.ClassTransport, status: result.Error},
		{fault: "reset", class: result.ClassTransport, status: result.Error},
		{fault: "timeout", class: result.ClassTransport, status: result.Error},
	} {
		t.Run(tc.fault, func(t *testing.T) { run(t, tc) })
	}
}

func TestRunUnknownCaseNamesTheCases(t *testing.T) {
	s := open(t, simEnv(t.TempDir()), "", nil)
	svc, _ := s.Catalog.Lookup("HXZG_SB_00045")
	_, err := PickCase(s.Catalog, svc, "nope")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "file-and-void")
}
