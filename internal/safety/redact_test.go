package safety

import (
	"bytes"
	"encoding/base64"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	dbPass   = "Pa55:w/rd+&é!"
	identity = "GX-CHANNEL-TOKEN-9f3a"
)

func TestRedact(t *testing.T) {
	type testCase struct {
		name string
		in   string
		keep []string // text that must survive
	}
	r := NewRedactor(dbPass, identity, "")
	run := func(t *testing.T, tc testCase) {
		got := r.Redact(tc.in)
		for _, s := range []string{dbPass, identity} {
			for _, f := range Forms(s) {
				assert.NotContains(t, got, f, "form of a secret survived in %q", got)
			}
		}
		assert.Contains(t, got, Hidden)
		for _, k := range tc.keep {
			assert.Contains(t, got, k)
		}
	}
	b64 := base64.StdEncoding.EncodeToString
	for _, tc := range []testCase{
		{name: "plain", in: "connect failed with password " + dbPass + " today", keep: []string{"connect failed", "today"}},
		{name: "query escaped", in: "GET /x?pw=" + url.QueryEscape(dbPass) + "&a=1", keep: []string{"&a=1"}},
		{name: "path escaped", in: "oracle://hx:" + url.PathEscape(dbPass) + "@db:1521/HXZG", keep: []string{"@db:1521/HXZG"}},
		{name: "base64 alone", in: "token " + b64([]byte(identity)), keep: []string{"token "}},
		{name: "base64 basic auth offset 1", in: "Authorization: Basic " + b64([]byte("u:"+dbPass))},
		{name: "base64 offset 2", in: "Basic " + b64([]byte("ab:"+identity))},
		{name: "base64 url alphabet", in: base64.URLEncoding.EncodeToString([]byte("x" + dbPass))},
		{name: "identity in envelope", in: "<expand><name>identityType</name><value>" + identity + "</value></expand>", keep: []string{"<name>identityType</name>"}},
		{name: "dsn with unknown password", in: "open postgres://hx:other-pw@db/core failed", keep: []string{"postgres://hx:", "@db/core failed"}},
		{name: "password= pair", in: "host=db user=hx password=unknownpw sslmode=off", keep: []string{"sslmode=off"}},
		{name: "json password", in: `{"password": "unknownpw", "user": "hx"}`, keep: []string{`"user": "hx"`}},
	} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
	assert.NotContains(t, r.Redact("open postgres://hx:other-pw@db/core"), "other-pw")
	assert.NotContains(t, r.Redact("password=unknownpw"), "unknownpw")
	assert.Equal(t, "nothing secret here", r.Redact("nothing secret here"))
}

func TestRedactorAddLater(t *testing.T) {
	r := NewRedactor()
	assert.Equal(t, "x "+dbPass, r.Redact("x "+dbPass))
	r.Add(dbPass)
	assert.Equal(t, "x "+Hidden, r.Redact("x "+dbPass))
}

func TestWriterSplitAcrossWrites(t *testing.T) {
	type testCase struct {
		name  string
		chunk int // bytes per Write
	}
	text := "line one\nthe password is " + dbPass + " and identity " + identity + "\nunfinished " + dbPass
	run := func(t *testing.T, tc testCase) {
		var out bytes.Buffer
		r := NewRedactor(dbPass, identity)
		w := r.Writer(&out)
		for i := 0; i < len(text); i += tc.chunk {
			n, err := w.Write([]byte(text[i:min(i+tc.chunk, len(text))]))
			require.NoError(t, err)
			assert.Equal(t, min(tc.chunk, len(text)-i), n)
		}
		assert.NotContains(t, out.String(), "unfinished", "an unfinished line waits for Flush")
		require.NoError(t, w.Flush())
		got := out.String()
		assert.NotContains(t, got, dbPass)
		assert.NotContains(t, got, identity)
		assert.Equal(t, 3, strings.Count(got, Hidden), got)
		assert.True(t, strings.HasPrefix(got, "line one\nthe password is ***"), got)
	}
	for _, tc := range []testCase{{"byte by byte", 1}, {"3 bytes", 3}, {"7 bytes", 7}, {"all at once", 1 << 20}} {
		t.Run(tc.name, func(t *testing.T) { run(t, tc) })
	}
}

func TestWriterLongLineWithoutNewline(t *testing.T) {
	var out bytes.Buffer
	w := NewRedactor(dbPass).Writer(&out)
	_, err := w.Write(bytes.Repeat([]byte("a"), maxPending+10))
	require.NoError(t, err)
	assert.Equal(t, maxPending+10, out.Len(), "a huge unfinished line is passed on, not held forever")
}

func BenchmarkRedact(b *testing.B) {
	r := NewRedactor(dbPass, identity)
	line := strings.Repeat(`{"service":"HXZG_SB_00045","status":"pass","latency_ms":12.5} `, 20)
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		r.Redact(line)
	}
}
