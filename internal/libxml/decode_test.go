package libxml

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A declared encoding iconv does not know by that name is decoded the way
// libxml2 read the message: with libxml2's own handler, which (built with
// ICU) matches "UT.F7" to UTF-7. The fuzzer found the message libxml2 read
// and Decode called an unsupported encoding.
func TestDecodeAsLibxml2Read(t *testing.T) {
	for _, tc := range []struct{ name, declared string }{
		{"iconv's name", "UTF-7"},
		{"a name only libxml2's handler matches", "UT.F7"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := []byte(`<?xml version="1.0" encoding="` + tc.declared + `"?><service>+ZeVi9w-</service>`)
			enc, err := Check(doc, false)
			require.Nil(t, err)
			out, derr := Decode(doc, enc)
			require.NoError(t, derr)
			assert.Contains(t, string(out), "<service>日拷</service>")
		})
	}
	_, err := Decode([]byte("<a/>"), "NO-SUCH-ENCODING")
	assert.ErrorContains(t, err, `unsupported encoding "NO-SUCH-ENCODING"`)
}
