package sweep

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/transport"
)

// sendingRunner sends one message per case through a real client.
type sendingRunner struct{ c *transport.Client }

func (r sendingRunner) Run(ctx context.Context, svc *catalog.Service, c catalog.Case, _ map[string]string) result.Result {
	res := result.Result{Service: svc.Code, Case: c.Name, Status: result.Pass}
	if _, err := r.c.Send(ctx, []byte(`<service><head><tran_id>T</tran_id></head><body/></service>`), false); err != nil {
		res.Status, res.Error = result.Error, err.Error()
	}
	return res
}

// countingBinder counts the jobs bound so far.
type countingBinder struct{ n atomic.Int32 }

func (b *countingBinder) Bind(Job) (map[string]string, error) {
	b.n.Add(1)
	return map[string]string{}, nil
}

// While --parallel cases talk to the core, as many more are prepared (their
// fixtures bound) so each starts the moment a turn frees: the old engine
// ran exactly --parallel workers, each preparing its next case only after
// its last answer.
func TestEnginePreparesWhileCasesTalk(t *testing.T) {
	release := make(chan struct{})
	var releaseOnce sync.Once
	var talking atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		talking.Add(1)
		<-release
		_, _ = w.Write([]byte(`<service><head><rtn_code>0</rtn_code></head><body/></service>`))
	}))
	defer srv.Close()
	defer releaseOnce.Do(func() { close(release) }) // before the server closes, also when the test fails
	c, err := transport.New(transport.Options{Endpoint: srv.URL})
	require.NoError(t, err)
	results, err := OpenJournal(t.TempDir(), ResultsFile)
	require.NoError(t, err)
	defer results.Close()
	binder := &countingBinder{}
	e := &Engine{Runner: sendingRunner{c}, Binder: binder, Parallel: 2, Limiter: NewLimiter(0), Results: results,
		Progress: NewProgress(nil, false)}
	var jobs []Job
	for _, code := range []string{"A", "B", "C", "D", "E", "F", "G", "H"} {
		jobs = append(jobs, Job{Service: &catalog.Service{Code: code}, Case: catalog.Case{Name: "smoke"}})
	}
	var st *Stats
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); st, err = e.Run(context.Background(), jobs, nil, nil) }()
	require.Eventually(t, func() bool { return binder.n.Load() == 4 && talking.Load() == 2 }, 5*time.Second, time.Millisecond,
		"two cases talking and two more prepared")
	time.Sleep(20 * time.Millisecond) // nothing more starts while both turns are held
	assert.Equal(t, int32(2), talking.Load(), "cases talking at once")
	assert.Equal(t, int32(4), binder.n.Load(), "two talking, two prepared")
	releaseOnce.Do(func() { close(release) })
	wg.Wait()
	require.NoError(t, err)
	assert.Equal(t, int64(len(jobs)), st.Pass.Load())
}
