package envelope

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// DeclaredEncoding returns the encoding named in the XML declaration at the
// start of data, upper-case, or "" when there is no declaration or it names
// none. A UTF-8 byte order mark before the declaration is skipped.
func DeclaredEncoding(data []byte) string {
	data = bytes.TrimPrefix(data, bomUTF8)
	return strings.ToUpper(declEncoding(data))
}

// declEncoding finds encoding="…" in a leading <?xml …?> declaration.
func declEncoding(data []byte) string {
	decl, ok := xmlDecl(data)
	if !ok {
		return ""
	}
	start, end, ok := encodingSpan(decl)
	if !ok {
		return ""
	}
	return string(decl[start:end])
}

// encodingSpan returns where the value of the encoding pseudo-attribute is
// in a declaration.
func encodingSpan(decl []byte) (start, end int, ok bool) {
	const key = "encoding"
	for off := 0; ; {
		i := bytes.Index(decl[off:], []byte(key))
		if i < 0 {
			return 0, 0, false
		}
		i += off
		off = i + len(key)
		if !isSpace(decl[i-1]) {
			continue
		}
		j := skipSpace(decl, off)
		if j >= len(decl) || decl[j] != '=' {
			continue
		}
		j = skipSpace(decl, j+1)
		if j >= len(decl) || (decl[j] != '"' && decl[j] != '\'') {
			continue
		}
		n := bytes.IndexByte(decl[j+1:], decl[j])
		if n < 0 {
			return 0, 0, false
		}
		return j + 1, j + 1 + n, true
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	return i
}

// xmlDecl returns the text of a leading XML declaration, "<?xml" to "?>".
func xmlDecl(data []byte) ([]byte, bool) {
	data = bytes.TrimLeft(data, " \t\r\n")
	if !bytes.HasPrefix(data, []byte("<?xml")) || len(data) < 6 || !isSpace(data[5]) {
		return nil, false
	}
	end := bytes.Index(data, []byte("?>"))
	if end < 0 {
		return nil, false
	}
	return data[:end+2], true
}

func isSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\r' || b == '\n' }

// toUTF8 turns raw message bytes into UTF-8 text: it drops a byte order mark,
// honours the declared encoding, and returns the declared encoding in upper
// case ("UTF-8" when none is declared).
func toUTF8(data []byte) ([]byte, string, error) {
	switch {
	case bytes.HasPrefix(data, bomUTF8):
		data = data[len(bomUTF8):]
	case bytes.HasPrefix(data, bomUTF16LE), bytes.HasPrefix(data, bomUTF16BE):
		out, err := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder().Bytes(data)
		if err != nil {
			return nil, "", fmt.Errorf("not valid UTF-16: %v", err)
		}
		return out, "UTF-16", nil
	}
	label := declEncoding(data)
	if label == "" || strings.EqualFold(label, "UTF-8") || strings.EqualFold(label, "UTF8") {
		if !utf8.Valid(data) {
			return nil, "", fmt.Errorf("not valid UTF-8 at byte %d and no other encoding declared", invalidAt(data))
		}
		return data, "UTF-8", nil
	}
	enc, err := htmlindex.Get(label)
	if err != nil {
		return nil, "", fmt.Errorf("unsupported encoding %q in the XML declaration", label)
	}
	out, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return nil, "", fmt.Errorf("not valid %s: %v", label, err)
	}
	return out, strings.ToUpper(label), nil
}

func invalidAt(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// asUTF8Decl rewrites a leading declaration that names another encoding to
// say UTF-8: text that was decoded (or carried inside another document as a
// string) is UTF-8 now, whatever its declaration said when it was written.
func asUTF8Decl(text string) string {
	decl, ok := xmlDecl([]byte(text[:min(len(text), 512)]))
	if !ok {
		return text
	}
	start, end, ok := encodingSpan(decl)
	if !ok || strings.EqualFold(string(decl[start:end]), "UTF-8") {
		return text
	}
	at := strings.Index(text, string(decl)) // after leading space, if any
	return text[:at+start] + "UTF-8" + text[at+end:]
}

// identityCharset is an encoding/xml CharsetReader for text that is already
// UTF-8 whatever its declaration says.
func identityCharset(_ string, input io.Reader) (io.Reader, error) { return input, nil }
