package cli_test

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNightlyInterrupted stops a nightly the way a person or a CI runner
// does: one SIGINT/SIGTERM stops sending, lets the answers in flight come
// back, writes every report marked partial and exits 1; a second signal
// stops at once, leaving results.jsonl fit for --resume.
func TestNightlyInterrupted(t *testing.T) {
	if testing.Short() {
		t.Skip("end-to-end: builds the binary and runs nightlies (-short)")
	}
	bin := buildGT3CT(t)
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) { testOneSignal(t, bin, sig) })
	}
	t.Run("second signal", func(t *testing.T) { testSecondSignal(t, bin) })
}

func testOneSignal(t *testing.T, bin string, sig syscall.Signal) {
	dir := t.TempDir()
	results := filepath.Join(dir, "run", "results.jsonl")
	p := startGT3CT(t, bin, dir, "nightly", "--module", "SB", "--out", "run", "--sim-log", "sim.jsonl",
		"--sim-latency", "300ms", "--parallel", "4", "--seed", signalSeed)
	waitForLines(t, results, 8, p.exited)
	require.NoError(t, p.cmd.Process.Signal(sig))
	took, waitErr := waitExit(t, p)
	assert.Less(t, took, 12*time.Second, "stops within the 10 s grace")
	assert.Equal(t, 1, exitCode(t, waitErr, p.errOut.String()), "an interrupted nightly exits 1: %s", p.out.String())
	assert.Contains(t, p.errOut.String(), "interrupted after")
	for _, f := range []string{"summary.json", "junit.xml", "report.html"} {
		require.FileExists(t, filepath.Join(dir, "run", f))
	}
	var sum struct {
		Partial bool `json:"partial"`
		Total   int  `json:"total"`
	}
	b, err := os.ReadFile(filepath.Join(dir, "run", "summary.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &sum))
	assert.True(t, sum.Partial, "summary.json of an interrupted run is partial")

	rs := readResults(t, results)
	assert.Equal(t, len(rs), sum.Total)
	recorded := map[string]bool{}
	for _, r := range rs {
		for _, s := range tranSeqs(r) {
			recorded[s] = true
		}
	}
	sent := readSimLog(t, filepath.Join(dir, "sim.jsonl"))
	for _, q := range sent {
		assert.True(t, recorded[q.TranSeq], "request %s %s was answered but its case is not in results.jsonl", q.TranID, q.TranSeq)
	}
	t.Logf("%s: %d cases recorded, %d requests sent", sig, len(rs), len(sent))
	resumeToEnd(t, bin, dir)
}

// testSecondSignal: a second SIGINT while the first waits for slow answers
// ends the process at once.
func testSecondSignal(t *testing.T, bin string) {
	dir := t.TempDir()
	results := filepath.Join(dir, "run", "results.jsonl")
	p := startGT3CT(t, bin, dir, "nightly", "--module", "SB", "--out", "run", "--sim-latency", "4s", "--parallel", "4", "--seed", signalSeed)
	waitForLines(t, results, 4, p.exited)
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGINT))
	time.Sleep(200 * time.Millisecond)
	require.NoError(t, p.cmd.Process.Signal(syscall.SIGINT))
	took, waitErr := waitExit(t, p)
	assert.Less(t, took, 2*time.Second, "the second signal stops at once (answers take 4 s)")
	var ee *exec.ExitError
	require.True(t, errors.As(waitErr, &ee), "killed: %v", waitErr)
	readResults(t, results) // every line whole
	resumeToEnd(t, bin, dir)
}

// waitExit waits for p to end after a signal: how long it took and its
// Wait error.
func waitExit(t *testing.T, p *proc) (time.Duration, error) {
	t.Helper()
	start := time.Now()
	select {
	case err := <-p.exited:
		return time.Since(start), err
	case <-time.After(30 * time.Second):
		t.Fatal("nightly still running 30 s after the signal")
		return 0, nil
	}
}

// resumeToEnd resumes the run in dir/run and checks it ends complete: exit
// 0, each case once, summary no longer partial.
func resumeToEnd(t *testing.T, bin, dir string) {
	t.Helper()
	code, out, errOut := gt3ct(t, bin, dir, "nightly", "--resume", "run", "--module", "SB", "--seed", signalSeed+"9")
	rs := readResults(t, filepath.Join(dir, "run", "results.jsonl"))
	require.Equal(t, verdict(rs), code, "resume: %s\n%s", out, tail(errOut))
	seen := map[string]bool{}
	for _, r := range rs {
		require.False(t, seen[r.Key()], "%s recorded twice", r.Key())
		seen[r.Key()] = true
	}
	var sum struct {
		Partial bool `json:"partial"`
	}
	b, err := os.ReadFile(filepath.Join(dir, "run", "summary.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &sum))
	assert.False(t, sum.Partial, "resumed to the end: not partial")
}

// signalSeed is the fixture seed of the interrupted runs.
const signalSeed = "20260701"
