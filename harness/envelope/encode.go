package envelope

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// Encoding returns the encoder of a request encoding ("", "UTF-8", "GBK",
// "GB18030", any case); nil means UTF-8, ok false an unknown name.
func Encoding(name string) (encoding.Encoding, bool) {
	switch strings.ToUpper(strings.ReplaceAll(name, "-", "")) {
	case "", "UTF8":
		return nil, true
	case "GBK", "CP936":
		return simplifiedchinese.GBK, true
	case "GB18030":
		return simplifiedchinese.GB18030, true
	}
	return nil, false
}

// EncodeAs returns doc, UTF-8 text with a leading XML declaration, in the
// encoding named (GBK, GB18030), its declaration saying so. A character the
// encoding lacks becomes a character reference (&#x…;), closing and
// reopening a CDATA section around it, so nothing is lost. UTF-8 (or "")
// returns doc unchanged. Only the leading declaration is rewritten: a
// document inside (a SOAP-wrapped envelope) keeps its own.
func EncodeAs(doc []byte, name string) ([]byte, error) {
	enc, ok := Encoding(name)
	if !ok {
		return nil, fmt.Errorf("encoding %q: want UTF-8, GBK or GB18030", name)
	}
	if enc == nil {
		return doc, nil
	}
	return encodeText(string(relabel(doc, 0, strings.ToUpper(name))), enc), nil
}

// encodeRequest is EncodeAs for a request envelope: the CDATA body's own
// declaration names the encoding too, as the wire carries it.
func encodeRequest(env []byte, name string) ([]byte, error) {
	if enc, ok := Encoding(name); ok && enc != nil {
		if i := bytes.Index(env, []byte("<![CDATA[")); i >= 0 {
			env = relabel(env, i+len("<![CDATA["), strings.ToUpper(name))
		}
	}
	return EncodeAs(env, name)
}

// relabel rewrites the encoding of the XML declaration starting at doc[from:].
func relabel(doc []byte, from int, label string) []byte {
	decl, ok := xmlDecl(doc[from:])
	if !ok {
		return doc
	}
	start, end, ok := encodingSpan(decl)
	if !ok {
		return doc
	}
	at := from + bytes.Index(doc[from:], decl)
	return append(append(append([]byte{}, doc[:at+start]...), label...), doc[at+end:]...)
}

// encodeText encodes s rune by rune, ASCII passing as is.
func encodeText(s string, enc encoding.Encoding) []byte {
	e := enc.NewEncoder()
	var out bytes.Buffer
	out.Grow(len(s))
	inCDATA := false
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], "<![CDATA["):
			inCDATA = true
		case inCDATA && strings.HasPrefix(s[i:], "]]>"):
			inCDATA = false
		}
		if s[i] < utf8.RuneSelf {
			out.WriteByte(s[i])
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		b, err := e.String(s[i : i+n])
		switch {
		case err == nil:
			out.WriteString(b)
		case inCDATA:
			fmt.Fprintf(&out, "]]>&#x%X;<![CDATA[", r)
		default:
			fmt.Fprintf(&out, "&#x%X;", r)
		}
		i += n
	}
	return out.Bytes()
}
