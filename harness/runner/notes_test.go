package runner

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/contracts/catalog"
	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/render"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/transport"
)

// A bus that answers with a 12-hour tran_time gives the case a note, not a
// failure: the answer head is linted against the time it was received.
func TestAnswerHeadProblemsAreNotes(t *testing.T) {
	sent := time.Date(2026, 11, 28, 13, 30, 15, 0, envelope.Beijing)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		m, err := envelope.Parse(b)
		require.NoError(t, err)
		h := m.Head
		h.TranTime = "013015000" // a 12-hour "hhmmssSSS" formatter on the bus
		h.RtnCode, h.Code = "0", "000"
		_, _ = w.Write(envelope.BuildResponse(h, `<taxML><ok>1</ok></taxML>`))
	}))
	defer srv.Close()
	client, err := transport.New(transport.Options{Endpoint: srv.URL, Timeout: 2 * time.Second})
	require.NoError(t, err)
	svc := &catalog.Service{Code: "HXZG_DJ_00004", TranID: "SWZJ.HXZG.DJ.CXNSRXXBYDJXHORNSRSBH", Fields: []string{"djxh"}}
	r := &Runner{Templates: render.NewCache(), Now: func() time.Time { return sent.Add(time.Second).UTC() },
		Target: Target{Sender: client, ChannelID: "GT3CT.TEST", Builder: envelope.Builder{Now: func() time.Time { return sent }}}}
	res := r.Run(context.Background(), svc, catalog.Case{Name: "smoke", Expect: catalog.Expect{Class: Routed}}, map[string]string{"djxh": "1"})
	assert.Equal(t, result.Pass, res.Status, "%+v", res.Checks)
	assert.Equal(t, []string{"answer head: tran_time: 12-hour clock? 013015000 is 12 h off the clock (13:30:16)"}, res.Notes)
	for _, c := range res.Checks {
		assert.NotEqual(t, "head lint", c.Name, "head problems are notes, not a check")
	}
}
