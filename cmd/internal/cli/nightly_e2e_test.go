package cli_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/result"
)

// TestNightlyEndToEnd builds the gt3ct binary once and runs `gt3ct nightly`
// as a separate process, the way CI and people do: a clean full run gives
// the reference case set and request log, then the subtests kill runs
// midway (the process with SIGKILL, or PostgreSQL's backends) and check
// what is left.
func TestNightlyEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end: builds the binary and runs the whole nightly (-short)")
	}
	bin := buildGT3CT(t)
	full := cleanRun(t, bin)
	t.Run("resume after SIGKILL", func(t *testing.T) { testResumeAfterKill(t, bin, full) })
	t.Run("PostgreSQL backends terminated", func(t *testing.T) { testPGBackendsKilled(t, bin, full) })
}

// fullRun is what an uninterrupted nightly against the embedded simulator
// produced: its case keys and the write requests the simulator received.
type fullRun struct {
	keys   map[string]bool
	writes int
	green  bool // every case passed, so every step was sent
}

// cleanSeed is the fixture seed of the clean run.
const cleanSeed = "20260701"

func cleanRun(t *testing.T, bin string) fullRun {
	dir := t.TempDir()
	// A fixed fixture seed draws the same taxpayers every time: the clean
	// run over the embedded simulator is green, exit 0.
	code, out, errOut := gt3ct(t, bin, dir, "nightly", "--out", "run", "--sim-log", "sim.jsonl", "--seed", cleanSeed)
	require.Equal(t, 0, code, "clean nightly: %s\n%s", out, tail(errOut))
	f := fullRun{keys: map[string]bool{}, green: code == 0}
	for _, r := range readResults(t, filepath.Join(dir, "run", "results.jsonl")) {
		require.False(t, f.keys[r.Key()], "clean run recorded %s twice", r.Key())
		f.keys[r.Key()] = true
		if r.Status != result.Pass {
			t.Logf("clean run: %s %s: %s", r.Key(), r.Status, firstFailed(r))
		}
	}
	f.writes = countWrites(readSimLog(t, filepath.Join(dir, "sim.jsonl")))
	var info struct{ Audit string }
	b, err := os.ReadFile(filepath.Join(dir, "run", "run.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &info))
	require.Equal(t, filepath.Join(os.Getenv("XDG_STATE_HOME"), "gt3ct", "audit.jsonl"), info.Audit, "run.json names the per-user audit file")
	require.FileExists(t, info.Audit)
	require.NoDirExists(t, filepath.Join(dir, ".gt3ct", "audit.jsonl"), "no audit file in the working folder")
	require.Greater(t, len(f.keys), 500, "the catalog has hundreds of cases")
	require.Greater(t, f.writes, 0, "some services write")
	return f
}

// testResumeAfterKill kills a slowed-down nightly with SIGKILL once 200
// results are on disk, tears the last line like a write cut short, resumes
// it, and checks that every case has one result and no write was sent twice.
func testResumeAfterKill(t *testing.T, bin string, full fullRun) {
	dir := t.TempDir()
	results := filepath.Join(dir, "run", "results.jsonl")
	p := startGT3CT(t, bin, dir, "nightly", "--out", "run", "--sim-log", "l1.jsonl", "--sim-latency", "10ms", "--parallel", "4")
	waitForLines(t, results, 200, p.exited)
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGKILL))
	<-p.exited
	appendTorn(t, results)

	done1 := completeLines(t, results)
	lost1 := lostWrites(t, filepath.Join(dir, "run", "inflight.jsonl"), done1)
	require.Less(t, len(done1), len(full.keys), "the kill must land before the run finished")
	t.Logf("killed after %d of %d cases; %d write(s) in flight", len(done1), len(full.keys), len(lost1))

	code, out, errOut := gt3ct(t, bin, dir, "nightly", "--resume", "run", "--sim-log", "l2.jsonl", "--sim-latency", "0")
	require.Contains(t, []int{0, 1}, code, "resume: %s\n%s", out, tail(errOut))

	all := readResults(t, results) // fails on the torn line unless resume trimmed it
	wantCode := verdict(all)       // 1 with the lost writes (reported as errors) or any failure
	assert.Equal(t, wantCode, code, "resume's exit code: %s", out)
	byKey := map[string]result.Result{}
	for _, r := range all {
		_, dup := byKey[r.Key()]
		require.False(t, dup, "%s recorded twice", r.Key())
		byKey[r.Key()] = r
	}
	assert.Equal(t, sortedKeys(full.keys), sortedKeys(keysOf(byKey)), "resumed run has exactly the cases of a full run")
	checkLostReported(t, byKey, lost1)
	checkRun2Requests(t, readSimLog(t, filepath.Join(dir, "l2.jsonl")), all, done1, lost1)

	w1, w2 := countWrites(readSimLog(t, filepath.Join(dir, "l1.jsonl"))), countWrites(readSimLog(t, filepath.Join(dir, "l2.jsonl")))
	t.Logf("write requests: killed run %d + resumed run %d; full run %d (green %v)", w1, w2, full.writes, full.green)
	if full.green { // a failed step skips the later ones: only a green run's count is the ceiling
		assert.LessOrEqual(t, w1+w2, full.writes, "write requests of the killed and the resumed run together exceed a full run's")
	}

	code, out, errOut = gt3ct(t, bin, dir, "report", "run")
	assert.Equal(t, wantCode, code, "report after resume: %s\n%s", out, tail(errOut))
	var sum struct {
		Total int `json:"total"`
	}
	b, err := os.ReadFile(filepath.Join(dir, "run", "summary.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &sum))
	assert.Equal(t, len(full.keys), sum.Total, "summary.json of the resumed run counts every case once")
}

// checkLostReported: the writes the killed run sent without recording an
// answer are reported as errors saying they were not re-sent, and nothing
// else is.
func checkLostReported(t *testing.T, byKey map[string]result.Result, lost1 map[string]bool) {
	t.Helper()
	for k := range lost1 {
		r, ok := byKey[k]
		if assert.True(t, ok, "lost write %s has no result", k) {
			assert.Equal(t, result.Error, r.Status, k)
			assert.True(t, r.Writes, "%s: only writing cases are held back", k)
			assert.Contains(t, r.Error, "not re-sent", k)
		}
	}
	for k, r := range byKey {
		if strings.Contains(r.Error, "not re-sent") {
			assert.True(t, lost1[k], "%s reported as not re-sent but the killed run did not send it", k)
		}
	}
}

// checkRun2Requests: every request the simulator received during the resumed
// run belongs to a case the resumed run executed, never to one the killed
// run finished or left in flight.
func checkRun2Requests(t *testing.T, log2 []simRequest, all []result.Result, done1, lost1 map[string]bool) {
	t.Helper()
	owner := map[string]string{} // tran_seq → case key, for cases executed by run 2
	for _, r := range all {
		if done1[r.Key()] || lost1[r.Key()] {
			continue
		}
		for _, seq := range tranSeqs(r) {
			owner[seq] = r.Key()
		}
	}
	require.NotEmpty(t, log2, "the resumed run sent requests")
	for _, q := range log2 {
		assert.Contains(t, owner, q.TranSeq, "resumed run sent %s (%s, writes=%v) for a case it did not run", q.TranSeq, q.TranID, q.Writes)
	}
}

// verdict is the exit code a run with these results must end with.
func verdict(rs []result.Result) int {
	for _, r := range rs {
		if r.Status == result.Fail || r.Status == result.Error {
			return 1
		}
	}
	return 0
}

func tranSeqs(r result.Result) []string {
	out := []string{}
	if r.TranSeq != "" {
		out = append(out, r.TranSeq)
	}
	for _, s := range r.Steps {
		if s.TranSeq != "" {
			out = append(out, s.TranSeq)
		}
	}
	return out
}

// buildGT3CT builds ./cmd/gt3ct of this module into a temporary directory.
func buildGT3CT(t *testing.T) string {
	t.Helper()
	root := moduleRoot(t)
	goBin := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(goBin); err != nil {
		goBin = "go"
	}
	bin := filepath.Join(t.TempDir(), "gt3ct")
	cmd := exec.Command(goBin, "build", "-o", bin, "./cmd/gt3ct")
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "go build: %s", out)
	return bin
}

func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		require.NotEqual(t, dir, parent, "no go.mod above the test directory")
		dir = parent
	}
}

// gt3ct runs the binary in dir and returns its exit code and output.
func gt3ct(t *testing.T, bin, dir string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, &out, &errOut
	code := exitCode(t, cmd.Run(), errOut.String())
	return code, out.String(), errOut.String()
}

// exitCode turns the error of a finished process into its exit code; a
// process killed by a signal (a crash) fails the test.
func exitCode(t *testing.T, waitErr error, stderr string) int {
	t.Helper()
	var ee *exec.ExitError
	if errors.As(waitErr, &ee) {
		if !ee.Exited() {
			t.Fatalf("gt3ct did not exit normally (%v): crashed\nstderr: %s", ee, tail(stderr))
		}
		return ee.ExitCode()
	}
	require.NoError(t, waitErr)
	return 0
}

// proc is a gt3ct process started in the background.
type proc struct {
	cmd         *exec.Cmd
	exited      chan error // yields Wait's result once
	out, errOut bytes.Buffer
}

// startGT3CT starts the binary in dir. The process is killed if the test
// ends first.
func startGT3CT(t *testing.T, bin, dir string, args ...string) *proc {
	t.Helper()
	p := &proc{cmd: exec.Command(bin, args...), exited: make(chan error, 1)}
	p.cmd.Dir, p.cmd.Stdout, p.cmd.Stderr = dir, &p.out, &p.errOut
	require.NoError(t, p.cmd.Start())
	go func() { p.exited <- p.cmd.Wait() }()
	t.Cleanup(func() { _ = p.cmd.Process.Kill() }) // an error once it has exited
	return p
}

// waitForLines polls path until it has n lines; the process must not exit
// first (then the kill would not land mid-run).
func waitForLines(t *testing.T, path string, n int, exited <-chan error) {
	t.Helper()
	deadline := time.After(2 * time.Minute)
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-exited:
			t.Fatalf("nightly exited (%v) before %s had %d lines", err, path, n)
		case <-deadline:
			t.Fatalf("%s did not reach %d lines in 2 minutes", path, n)
		case <-tick.C:
			if countLines(path) >= n {
				return
			}
		}
	}
}

func countLines(path string) int {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	return bytes.Count(b, []byte{'\n'})
}

// appendTorn appends half a result line without its newline, as a write cut
// short by the kill leaves it.
func appendTorn(t *testing.T, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	require.NoError(t, err)
	_, err = f.WriteString(`{"run_id":"torn","service":"HXZG_DJ_00001","case":"ba`)
	require.NoError(t, err)
	require.NoError(t, f.Close())
}

// completeLines returns the case keys of the newline-terminated lines of a
// results file.
func completeLines(t *testing.T, path string) map[string]bool {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	keys := map[string]bool{}
	lines := strings.Split(string(b), "\n")
	for _, l := range lines[:len(lines)-1] {
		var r result.Result
		require.NoError(t, json.Unmarshal([]byte(l), &r), "killed run's line %q", l)
		keys[r.Key()] = true
	}
	return keys
}

// lostWrites are the keys in inflight.jsonl without a recorded result.
func lostWrites(t *testing.T, path string, done map[string]bool) map[string]bool {
	t.Helper()
	lost := map[string]bool{}
	for _, l := range jsonLines(t, path) {
		var in struct {
			Key string `json:"key"`
		}
		require.NoError(t, json.Unmarshal(l, &in), "%s: %s", path, l)
		if !done[in.Key] {
			lost[in.Key] = true
		}
	}
	return lost
}

// readResults parses every line of a results file: each must be JSON.
func readResults(t *testing.T, path string) []result.Result {
	t.Helper()
	var out []result.Result
	for i, l := range jsonLines(t, path) {
		var r result.Result
		require.NoError(t, json.Unmarshal(l, &r), "%s line %d: %.200s", path, i+1, l)
		out = append(out, r)
	}
	return out
}

// simRequest is one line of the simulator's request log.
type simRequest struct {
	TranID  string `json:"tran_id"`
	TranSeq string `json:"tran_seq"`
	Writes  bool   `json:"writes"`
}

func readSimLog(t *testing.T, path string) []simRequest {
	t.Helper()
	var out []simRequest
	for i, l := range jsonLines(t, path) {
		var q simRequest
		require.NoError(t, json.Unmarshal(l, &q), "%s line %d", path, i+1)
		out = append(out, q)
	}
	return out
}

func countWrites(log []simRequest) int {
	n := 0
	for _, q := range log {
		if q.Writes {
			n++
		}
	}
	return n
}

// jsonLines splits a file into its lines; a missing file has none.
func jsonLines(t *testing.T, path string) [][]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	}
	require.NoError(t, err)
	if len(b) == 0 {
		return nil
	}
	return bytes.Split(bytes.TrimSuffix(b, []byte{'\n'}), []byte{'\n'})
}

func keysOf(m map[string]result.Result) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func tail(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-15):], "\n")
}
