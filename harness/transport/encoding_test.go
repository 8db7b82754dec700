package transport_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/envelope"
	"github.com/gt3ct/gt3ct/harness/transport"
)

// TestSOAPInSiteEncoding: a GBK envelope sent over SOAP goes out in GBK,
// wrapper included (declaration and Content-Type say so), with the
// configured SOAPAction header winning over the default.
func TestSOAPInSiteEncoding(t *testing.T) {
	var got []byte
	var ctype, action string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, _ = io.ReadAll(r.Body)
		ctype, action = r.Header.Get("Content-Type"), r.Header.Get("SOAPAction")
		inner, _, err := envelope.UnwrapSOAP(got)
		require.NoError(t, err)
		_, _ = w.Write(envelope.WrapSOAP(answer(t, inner)))
	}))
	defer srv.Close()
	c, err := transport.New(transport.Options{Endpoint: "soap+" + srv.URL, Headers: map[string]string{"SOAPAction": `"urn:gt3#send"`}})
	require.NoError(t, err)
	env, _ := envelope.Builder{Encoding: "GBK"}.Build(envelope.Request{TranID: saveID, ChannelID: "GX", Body: "<taxML><mc>增值税</mc></taxML>"})
	_, err = c.Send(context.Background(), env, false)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(got), `<?xml version="1.0" encoding="GBK"?>`), "%.60s", got)
	assert.False(t, utf8.Valid(got))
	assert.Equal(t, "text/xml; charset=gbk", ctype)
	assert.Equal(t, `"urn:gt3#send"`, action)
	inner, _, err := envelope.UnwrapSOAP(got)
	require.NoError(t, err)
	m, err := envelope.Parse(inner)
	require.NoError(t, err)
	assert.Contains(t, m.Body, "<mc>增值税</mc>")
}
