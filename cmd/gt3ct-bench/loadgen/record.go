// Package loadgen measures gt3ct against raw load tools. It records the
// envelopes a nightly sends, writes them as vegeta targets and a Postman
// collection, and replays them through gt3ct's own hot path (send, parse,
// classify, envelope and XPath checks) to compare throughput.
package loadgen

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"

	"github.com/gt3ct/gt3ct/harness/runner"
	"github.com/gt3ct/gt3ct/harness/transport"
)

// OKCode is the head fragment of an answer that succeeded; recorded
// requests are the read-only ones whose answer carried it.
const OKCode = "<rtn_code>0</rtn_code>"

// Recorder is a runner.Sender that forwards to Inner and saves the request
// envelope of each read-only message whose answer succeeded, up to Max, as
// Dir/req-NNNN.xml. Such messages can be replayed any number of times.
type Recorder struct {
	Inner runner.Sender
	Dir   string
	Max   int

	mu  sync.Mutex
	n   int
	err error
}

// Send forwards the envelope and records it when it is replayable.
func (r *Recorder) Send(ctx context.Context, env []byte, writes bool) (*transport.Answer, error) {
	ans, err := r.Inner.Send(ctx, env, writes)
	if err == nil && !writes && ans != nil && bytes.Contains(ans.Body, []byte(OKCode)) {
		r.save(env)
	}
	return ans, err
}

func (r *Recorder) save(env []byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.n >= r.Max || r.err != nil {
		return
	}
	name := filepath.Join(r.Dir, fmt.Sprintf("req-%04d.xml", r.n+1))
	if err := os.WriteFile(name, env, 0o644); err != nil {
		r.err = err
		return
	}
	r.n++
}

// Count is how many requests were recorded, and the first write error.
func (r *Recorder) Count() (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.n, r.err
}

// Files lists the recorded request files of dir in order.
func Files(dir string) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(dir, "req-*.xml"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("bench: no req-*.xml in %s (run `gt3ct bench record` first)", dir)
	}
	return files, nil
}

// Load reads the recorded request envelopes of dir.
func Load(dir string) ([][]byte, error) {
	files, err := Files(dir)
	if err != nil {
		return nil, err
	}
	out := make([][]byte, 0, len(files))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}
