package reports

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
	_ "modernc.org/sqlite"

	"github.com/gt3ct/gt3ct/harness/result"
)

// TestLevelsAgreeWithSQL is the differential test of level accounting: the
// summary's counts per level and status equal what SQL's GROUP BY says of
// the same results (the last line of a case key counting once), on 3,000
// lines drawn with a fixed seed, a third of them re-recorded keys.
func TestLevelsAgreeWithSQL(t *testing.T) {
	levels := []string{LevelVerified, LevelTemplated, LevelSchema, LevelRouted}
	statuses := []result.Status{result.Pass, result.Fail, result.Error, result.Skip}
	r := rand.New(rand.NewPCG(20261130, 2))
	db, err := sql.Open("sqlite", ":memory:")
	require.NoError(t, err)
	defer db.Close()
	db.SetMaxOpenConns(1)
	_, err = db.Exec("CREATE TABLE res (seq INTEGER, key TEXT, level TEXT, status TEXT)")
	require.NoError(t, err)
	var rs []result.Result
	for i := 0; i < 3000; i++ {
		svc := fmt.Sprintf("HXZG_SB_%05d", r.IntN(2000))
		lvl := levels[r.IntN(len(levels))]
		res := result.Result{Service: svc, Case: "basic", Module: "SB", Level: lvl, Status: statuses[r.IntN(len(statuses))]}
		if res.Status == result.Fail {
			res.Checks = []result.Check{{Kind: result.KindXPath, Name: "x", Status: result.Fail}}
		}
		rs = append(rs, res)
		_, err = db.Exec("INSERT INTO res VALUES (?, ?, ?, ?)", i, svc+"/basic", lvl, string(res.Status))
		require.NoError(t, err)
	}
	dir := filepath.Join(t.TempDir(), "run")
	writeRun(t, dir, &RunInfo{RunID: "levels", Env: "sim"}, rs)
	rep, err := Build(dir, "", fixedNow)
	require.NoError(t, err)

	want := map[string]Counts{}
	rows, err := db.Query(`SELECT level, status, count(*) FROM res r
		WHERE seq = (SELECT max(seq) FROM res WHERE key = r.key) GROUP BY level, status`)
	require.NoError(t, err)
	defer rows.Close()
	for rows.Next() {
		var lvl, st string
		var n int
		require.NoError(t, rows.Scan(&lvl, &st, &n))
		c := want[lvl]
		c.Total += n
		switch result.Status(st) {
		case result.Pass:
			c.Pass += n
		case result.Fail:
			c.Fail += n
		case result.Error:
			c.Error += n
		case result.Skip:
			c.Skip += n
		}
		want[lvl] = c
	}
	require.NoError(t, rows.Err())
	for _, l := range levels {
		require.Equal(t, want[l], rep.Summary.Levels[l], "level %s", l)
	}
}
