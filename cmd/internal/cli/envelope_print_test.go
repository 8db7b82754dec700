package cli

import (
	"bytes"
	"encoding/json"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/gt3ct/gt3ct/harness/envelope"
)

// bigTestBody is a body over bigBody: rows with Chinese, markup-like text
// and characters JSON escapes.
func bigTestBody() string {
	row := `<r><mc>测试某某&amp;公司</mc><v>1.5</v><t>"a\b"	</t></r>` + "\n"
	body := "<taxML><rows>" + strings.Repeat(row, bigBody/len(row)+1) + "</rows></taxML>"
	return body
}

// tailWriter keeps the length and the last bytes written, allocating
// nothing per write: what printing allocates is printing's own.
type tailWriter struct {
	n    int
	tail []byte
}

func (w *tailWriter) Write(p []byte) (int, error) {
	w.n += len(p)
	w.tail = append(w.tail, p[max(0, len(p)-64):]...)
	w.tail = w.tail[:copy(w.tail, w.tail[max(0, len(w.tail)-64):])]
	return len(p), nil
}

// allocated is how many bytes fn allocates.
func allocated(fn func()) uint64 {
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	fn()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

// A body over bigBody is printed as it came (no tree, no indented copies)
// and without a copy of it: a 100 MB answer took 520 MB to print as text.
func TestBigBodyPrintedAsItCame(t *testing.T) {
	body := bigTestBody()
	m := &envelope.Message{Kind: envelope.KindResponse, Class: "success", Body: body}
	w := &tailWriter{tail: make([]byte, 0, 128)}
	n := allocated(func() { printEnvelope(w, m) })
	assert.Less(t, n, uint64(len(body)/4), "printing a %d-byte body allocated %d bytes", len(body), n)
	assert.True(t, bytes.HasSuffix(w.tail, []byte("</rows></taxML>\n")), "ends with the body as it came: %q", w.tail)

	var out bytes.Buffer
	printEnvelope(&out, m)
	require.True(t, strings.HasSuffix(out.String(), "body:\n  "+body+"\n"))

	small := "<taxML><a>1</a></taxML>"
	require.Equal(t, "  <taxML>\n    <a>1</a>\n  </taxML>", indentEnvelopeBody(small))
}

// Over bigBody the JSON form is streamed: the same bytes encoding/json
// writes on one line, without an encoded copy of the body in memory.
func TestBigBodyJSONStreamed(t *testing.T) {
	m := &envelope.Message{Kind: envelope.KindResponse, Class: "success", Body: bigTestBody(),
		Problems: []string{`a "body":"" in a value`}}
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	require.NoError(t, enc.Encode(envelopeToJSON(m)))
	var got bytes.Buffer
	require.NoError(t, writeEnvelopeJSON(&got, envelopeToJSON(m)))
	require.True(t, bytes.Equal(want.Bytes(), got.Bytes()), "streamed JSON differs from encoding/json's")

	w := &tailWriter{tail: make([]byte, 0, 128)}
	n := allocated(func() { require.NoError(t, writeEnvelopeJSON(w, envelopeToJSON(m))) })
	assert.Less(t, n, uint64(len(m.Body)/4), "writing a %d-byte body as JSON allocated %d bytes", len(m.Body), n)
}

// writeJSONString in small chunks writes what encoding/json writes inside
// the quotes: no character cut, invalid UTF-8 replaced the same way.
func TestWriteJSONStringChunks(t *testing.T) {
	for _, s := range []string{"", "a", "税务<>&", "\x00\x1f\"\\\n\t", "a\xffb\xe4\xb8", "\u2028\u2029é", strings.Repeat("测", 50)} {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		require.NoError(t, enc.Encode(s))
		for _, chunk := range []int{1, 2, 3, 7} {
			var got bytes.Buffer
			require.NoError(t, writeJSONString(&got, s, chunk))
			assert.Equal(t, strings.TrimSuffix(want.String(), "\n"), `"`+got.String()+`"`, "%q in chunks of %d", s, chunk)
		}
	}
}
