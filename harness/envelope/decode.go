package envelope

import (
	"bytes"
	"strings"

	"github.com/gt3ct/gt3ct/internal/libxml"
)

var bomUTF8 = []byte{0xEF, 0xBB, 0xBF}

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

// toUTF8 has libxml2 judge the raw message (see judge) and returns it as
// UTF-8 text without a byte order mark, decoded as libxml2 decoded it, with
// the encoding it was in: the declared one in upper case, else "UTF-16" for a
// UTF-16 message, else "UTF-8".
func toUTF8(data []byte) ([]byte, string, error) {
	encoder, err := judge(data, false)
	if err != nil {
		return nil, "", err
	}
	text := bytes.TrimPrefix(data, bomUTF8)
	if encoder != "" && !strings.EqualFold(encoder, "UTF-8") {
		if text, err = libxml.Decode(data, encoder); err != nil {
			return nil, "", err
		}
		text = bytes.TrimPrefix(text, bomUTF8)
	}
	if label := declEncoding(text); label != "" {
		return text, strings.ToUpper(label), nil
	}
	if strings.HasPrefix(strings.ToUpper(encoder), "UTF-16") {
		return text, "UTF-16", nil
	}
	return text, "UTF-8", nil
}

// judge returns nil when libxml2 finds doc well-formed (and it carries no
// DOCTYPE), else its reason as a *libxml.SyntaxError. asString says doc is
// text carried inside another document: UTF-8 whatever it declares.
func judge(doc []byte, asString bool) (encoder string, err error) {
	encoder, serr := libxml.Check(doc, asString)
	if serr != nil {
		return encoder, serr
	}
	return encoder, nil
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
