package transport_test

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/result"
	"github.com/gt3ct/gt3ct/harness/transport"
	"github.com/gt3ct/gt3ct/internal/errs"
)

const saveID = "SWZJ.HXZG.SB.BCZZSXGMSB"

func request(t *testing.T) []byte {
	t.Helper()
	data, _ := envelope.Builder{}.Build(envelope.Request{TranID: saveID, ChannelID: "GX.TEST", Body: "<taxML/>"})
	return data
}

// answer parses a request envelope and builds the success answer for it.
func answer(t *testing.T, req []byte) []byte {
	m, err := envelope.Parse(req)
	if err != nil {
		t.Errorf("server got an unparseable request: %v", err)
		return nil
	}
	h := m.Head
	h.RtnCode, h.Code = "0", "000"
	return envelope.BuildResponse(h, `<taxML><mc>增值税</mc></taxML>`)
}

// behaviours of the test server, per request
func ok(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if r.Header.Get("RESOURCE-ID") != "R1" {
			t.Errorf("RESOURCE-ID header %q", r.Header.Get("RESOURCE-ID"))
		}
		_, _ = w.Write(answer(t, body))
	}
}

func status(code int) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "3600") // must not make the client wait an hour
		http.Error(w, "bus says no", code)
	}
}

func reset(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.ReadAll(r.Body)
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Errorf("hijack: %v", err)
			return
		}
		if tcp, ok := conn.(*net.TCPConn); ok {
			_ = tcp.SetLinger(0) // RST, not FIN
		}
		_ = conn.Close()
	}
}

func hang(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body) // so the server notices when the client hangs up
	select {
	case <-r.Context().Done():
	case <-time.After(5 * time.Second):
	}
}

func TestSend(t *testing.T) {
	type testCase struct {
		name      string
		handler   func(t *testing.T) http.HandlerFunc
		writes    bool
		wantHits  int32  // requests the server saw
		wantErr   string // fragment of the error; "" for success
		wantLost  bool   // errors.Is(err, ErrAnswerLost)
		wantState int
	}
	run := func(t *testing.T, tc testCase) {
		var hits atomic.Int32
		h := tc.handler(t)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hits.Add(1)
			h(w, r)
		}))
		defer srv.Close()
		c, err := transport.New(transport.Options{Endpoint: srv.URL + "/gt3", Timeout: 300 * time.Millisecond,
			Headers: map[string]string{"RESOURCE-ID": "R1"}, WaitMin: time.Millisecond, WaitMax: 5 * time.Millisecond})
		require.NoError(t, err)
		ans, err := c.Send(context.Background(), request(t), tc.writes)
		assert.Equal(t, tc.wantHits, hits.Load(), "requests the server saw")
		require.NotNil(t, ans)
		assert.Equal(t, int(tc.wantHits), ans.Attempts)
		assert.Equal(t, tc.wantState, ans.Status)
		if tc.wantErr == "" {
			require.NoError(t, err)
			m, err := envelope.Parse(ans.Body)
			require.NoError(t, err)
			assert.Equal(t, result.ClassSuccess, m.Class)
			assert.Positive(t, ans.Latency)
			return
		}
		require.Error(t, err)
		assert.Contains(t, err.Error(), tc.wantErr)
		assert.True(t, errs.Is(err, errs.Transient), "kind %v", errs.KindOf(err))
		assert.Equal(t, tc.wantLost, errors.Is(err, transport.ErrAnswerLost))
	}
	lost := "answer lost after the request was sent; not re-sent because " + saveID + " writes"
	always := func(h http.HandlerFunc) func(*testing.T) http.HandlerFunc {
		return func(*testing.T) http.HandlerFunc { return h }
	}
	for _, tc := range []testCase{
		{name: "success read", handler: ok, wantHits: 1, wantState: 200},
		{name: "success write", handler: ok, writes: true, wantHits: 1, wantState: 200},
		{name: "500 is not retried", handler: always(status(500)), wantHits: 1, wantErr: "HTTP 500 Internal Server Error: bus says no", wantState: 500},
		{name: "503 read retried", handler: always(status(503)), wantHits: 3, wantErr: "HTTP 503", wantState: 503},
		{name: "503 write not resent", handler: always(status(503)), writes: true, wantHits: 1, wantErr: "HTTP 503", wantState: 503},
		{name: "reset read retried", handler: reset, wantHits: 3, wantErr: "(3 attempt(s))"},
		{name: "reset write not resent", handler: reset, writes: true, wantHits: 1, wantErr: lost, wantLost: true},
		{name: "timeout read retried", handler: always(hang), wantHits: 3, wantErr: "Client.Timeout exceeded"},
		{name: "timeout write not resent", handler: always(hang), writes: true, wantHits: 1, wantErr: lost, wantLost: true},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestSendRefusedPortRetriesEvenWrites(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	require.NoError(t, ln.Close())
	c, err := transport.New(transport.Options{Endpoint: "http://" + addr + "/gt3", Retries: 3, WaitMin: time.Millisecond, WaitMax: 2 * time.Millisecond})
	require.NoError(t, err)
	ans, err := c.Send(context.Background(), request(t), true)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "connection refused")
	assert.Equal(t, 4, ans.Attempts, "a request that never left is safe to send again, even a write")
	assert.False(t, errors.Is(err, transport.ErrAnswerLost))
	assert.True(t, errs.Is(err, errs.Transient))
}

func soapServer(t *testing.T, hits *atomic.Int32, fault bool) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		assert.Equal(t, "text/xml; charset=utf-8", r.Header.Get("Content-Type"))
		assert.Equal(t, `""`, r.Header.Get("SOAPAction"))
		body, _ := io.ReadAll(r.Body)
		inner, soap, err := envelope.UnwrapSOAP(body)
		assert.NoError(t, err)
		assert.True(t, soap, "the request was SOAP")
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		if fault {
			w.WriteHeader(500)
			_, _ = io.WriteString(w, `<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>java.lang.NullPointerException</faultstring></soap:Fault></soap:Body></soap:Envelope>`)
			return
		}
		_, _ = w.Write(envelope.WrapSOAP(answer(t, inner)))
	}))
}

func TestSendSOAP(t *testing.T) {
	var hits atomic.Int32
	srv := soapServer(t, &hits, false)
	defer srv.Close()
	c, err := transport.New(transport.Options{Endpoint: "soap+" + srv.URL + "/Gt3AipWebService"})
	require.NoError(t, err)
	assert.True(t, c.SOAP())
	req := request(t)
	ans, err := c.Send(context.Background(), req, false)
	require.NoError(t, err)
	m, err := envelope.Parse(ans.Body)
	require.NoError(t, err)
	assert.False(t, m.SOAP, "the answer body is unwrapped")
	assert.Equal(t, result.ClassSuccess, m.Class)
	sent, _ := envelope.Parse(req)
	assert.Equal(t, sent.Head.TranSeq, m.Head.TranSeq, "the answer echoes the request's head")
	assert.Contains(t, m.Body, "增值税")
}

func TestSendSOAPFault(t *testing.T) {
	var hits atomic.Int32
	srv := soapServer(t, &hits, true)
	defer srv.Close()
	c, err := transport.New(transport.Options{Endpoint: "soap+" + srv.URL, WaitMin: time.Millisecond})
	require.NoError(t, err)
	ans, err := c.Send(context.Background(), request(t), false)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "SOAP Fault: soap:Server: java.lang.NullPointerException")
	assert.Equal(t, 500, ans.Status)
	assert.Equal(t, int32(1), hits.Load())
}

func TestSendGBKAnswerKeptRaw(t *testing.T) {
	var gbk []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		utf := strings.Replace(string(answer(t, body)), `encoding="UTF-8"`, `encoding="GBK"`, 1)
		out, err := simplifiedchinese.GBK.NewEncoder().String(utf)
		assert.NoError(t, err)
		gbk = []byte(out)
		_, _ = w.Write(gbk)
	}))
	defer srv.Close()
	c, err := transport.New(transport.Options{Endpoint: srv.URL})
	require.NoError(t, err)
	ans, err := c.Send(context.Background(), request(t), false)
	require.NoError(t, err)
	assert.Equal(t, gbk, ans.Body, "the transport returns the bytes as they came")
	m, err := envelope.Parse(ans.Body)
	require.NoError(t, err)
	assert.Equal(t, "GBK", m.Encoding)
	assert.Contains(t, m.Body, "增值税")
}

func TestNewRejectsBadEndpoints(t *testing.T) {
	for _, ep := range []string{"", "ftp://x/y", "soap+ftp://x", "http://", "://nope", "t3://host:7001"} {
		_, err := transport.New(transport.Options{Endpoint: ep})
		require.Error(t, err, ep)
		assert.True(t, errs.Is(err, errs.Input), ep)
	}
	_, err := transport.New(transport.Options{Endpoint: "http://user:secret@h/x?"})
	require.NoError(t, err)
	_, err = transport.New(transport.Options{Endpoint: "ftp://user:secret@h/x"})
	assert.NotContains(t, err.Error(), "secret")
}

func TestSendCancelled(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(hang))
	defer srv.Close()
	c, err := transport.New(transport.Options{Endpoint: srv.URL, Timeout: 5 * time.Second})
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	ans, err := c.Send(ctx, request(t), false)
	require.Error(t, err)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, 1, ans.Attempts, "a cancelled call is not retried")
}

func TestSendNoRetries(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		status(503)(w, r)
	}))
	defer srv.Close()
	c, err := transport.New(transport.Options{Endpoint: srv.URL, Retries: -1})
	require.NoError(t, err)
	ans, err := c.Send(context.Background(), request(t), false)
	require.Error(t, err)
	assert.Equal(t, 1, ans.Attempts)
	assert.Equal(t, int32(1), hits.Load())
}
