package session

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/fixtures/sim"
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
			want: []string{"HX_ZS.ZS_YJSF", "YBTSE: want 3000.37, got 3000.38"}},
		{fault: "missing-payable", service: "HXZG_SB_00045", caseName: "file-and-void",
			want: []string{"HX_ZS.ZS_YJSF", "missing row"}},
		{fault: "wrong-period", service: "HXZG_SB_00045", caseName: "file-and-void",
			want: []string{"SKSSQZ: want 2025-06-30"}},
		{fault: "duplicate-row", service: "HXZG_SB_00045", caseName: "file-and-void",
			want: []string{"HX_SB.SB_SBXX", "duplicate key"}},
		{fault: "no-void", service: "HXZG_SB_00045", caseName: "file-and-void",
			want: []string{"ZFBZ_1: want Y, got N"}},
		{fault: "orphan-detail", service: "HXZG_SB_00045", caseName: "file-and-void",
			want: []string{"HX_SB.SB_SBXX[ZSXM_DM=10101].DJXH: want"}},
		{fault: "round-yuan", service: "HXZG_SB_00045", caseName: "file-and-void",
			want: []string{"HX_ZS.ZS_YJSF[ZSXM_DM=10101].YBTSE: want 3000.37, got 3000"}},
		{fault: "header-total", service: "HXZG_SB_00045", caseName: "file-and-void",
			want: []string{"HX_SB.SB_SBB", "YBTSE: want 3000.37, got 6000.74"}},
		{fault: "truncate-name", service: "HXZG_DJ_00073", caseName: "register",
			want: []string{"HX_DJ.DJ_NSRXX", "NSRMC: want"}},
	} {
		t.Run(tc.fault, func(t *testing.T) { run(t, tc) })
	}
}

// Each transport fault gives its class; only a missing answer is an error.
func TestTransportFaultsClassify(t *testing.T) {
	type testCase struct {
		fault  string
		class  result.Class
		status result.Status
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

// filingSaves are the filing save services: each one's own contract must
// catch every data bug of the simulator.
var filingSaves = []string{"HXZG_SB_00045", "HXZG_SB_00041", "HXZG_SB_01285", "HXZG_SB_00002",
	"HXZG_SB_X0173", "HXZG_SB_X0250", "HXZG_SB_X0198", "HXZG_SB_X0151"}

// Each data bug fails the file-and-void case of every filing save's own
// contract: no row bug passes the contract of the service that writes it.
func TestEveryDataBugFailsEveryFilingSaveContract(t *testing.T) {
	for _, service := range filingSaves {
		for _, fault := range sim.DataBugs() {
			t.Run(service+"/"+fault, func(t *testing.T) {
				t.Parallel()
				res := runCase(t, fault, service, "file-and-void")
				require.Equal(t, result.Fail, res.Status, "%s passes %s's contract", fault, service)
				require.NotEmpty(t, failedChecks(res))
			})
		}
	}
}
