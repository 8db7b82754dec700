package safety

import (
	"html"
	"strings"
)

// Record masks the PII values of one record (one Result, one replay) with
// a run's Masker: values by their known class (a column's, a field's), XML
// documents by walking their elements. It remembers every value it masked,
// so the record's free text (a check's detail, an error) has the same
// values replaced, as have the names the run's Masker learned. A Record is
// not safe for concurrent use; make one per record.
type Record struct {
	m     *Masker
	class func(name, value string) string // the class of an element's value; nil = FieldClass
	seen  map[string]string               // value -> masked value
	list  []string                        // the values of seen, in order (faster to range)
}

// Record starts masking one record.
func (m *Masker) Record() *Record { return &Record{m: m} }

// IdentifierRecord starts masking one record whose XML has every
// identifier masked too (IdentifierClass), except the values in keep (the
// stand-ins a caller put there on purpose).
func (m *Masker) IdentifierRecord(keep map[string]bool) *Record {
	return &Record{m: m, class: func(name, v string) string {
		if keep[strings.TrimSpace(v)] {
			return ""
		}
		return IdentifierClass(name, v)
	}}
}

// Value masks v as a value of class; "" class leaves it as is.
func (r *Record) Value(class, v string) string {
	t := strings.TrimSpace(v)
	if class == "" || t == "" || IsMasked(class, t) {
		return v
	}
	masked, ok := r.seen[t]
	if !ok {
		masked = r.m.cached(class, t)
		if r.seen == nil {
			r.seen = map[string]string{}
		}
		r.seen[t] = masked
		r.list = append(r.list, t)
	}
	if t == v {
		return masked
	}
	return strings.Replace(v, t, masked, 1)
}

// Text replaces, in free text, every value the record masked so far and
// every name the run's Masker learned.
func (r *Record) Text(s string) string {
	if s == "" {
		return s
	}
	for _, v := range r.list {
		if len(v) >= 2 && strings.Contains(s, v) {
			s = strings.ReplaceAll(s, v, r.seen[v])
		}
	}
	return r.m.maskLearned(s)
}

// XML masks an XML document by walking its elements: the text of every
// leaf element whose name FieldClass knows is masked; a CDATA section or
// an escaped text that holds XML (an envelope's business body) is walked
// too. Everything else is kept byte for byte; text that is not XML comes
// back unchanged. Free text is then handled as by Text.
func (r *Record) XML(doc string) string {
	if !strings.Contains(doc, "<") {
		return r.Text(doc)
	}
	return r.Text(r.walk(doc))
}

// walk is one pass over the tags of doc.
func (r *Record) walk(doc string) string {
	var b strings.Builder
	last, open, from := 0, "", 0 // open: the element whose text may be a leaf value, from where
	for i := 0; i < len(doc); {
		lt := strings.IndexByte(doc[i:], '<')
		if lt < 0 {
			break
		}
		lt += i
		rest := doc[lt:]
		switch {
		case strings.HasPrefix(rest, "<![CDATA["):
			end := strings.Index(rest, "]]>")
			if end < 0 {
				return r.flush(&b, doc, last)
			}
			inner := rest[9:end]
			if out := r.content(open, inner); out != inner {
				b.WriteString(doc[last : lt+9])
				b.WriteString(out)
				last = lt + end
			}
			i, from = lt+end+3, lt+end+3
			continue
		case strings.HasPrefix(rest, "<!--"), strings.HasPrefix(rest, "<?"), strings.HasPrefix(rest, "<!"):
			i, open = skipTo(doc, lt, rest), ""
			continue
		}
		gt := tagEnd(doc, lt)
		if gt < 0 {
			return r.flush(&b, doc, last)
		}
		name := localName(doc[lt+1 : gt])
		switch {
		case rest[1] == '/':
			if name == open {
				if text := doc[from:lt]; strings.TrimSpace(text) != "" {
					if out := r.escaped(open, text); out != text {
						b.WriteString(doc[last:from])
						b.WriteString(out)
						last = lt
					}
				}
			}
			open = ""
		case doc[gt-1] == '/':
			open = ""
		default:
			open, from = name, gt+1
		}
		i = gt + 1
	}
	return r.flush(&b, doc, last)
}

func (r *Record) flush(b *strings.Builder, doc string, last int) string {
	if last == 0 {
		return doc
	}
	b.WriteString(doc[last:])
	return b.String()
}

// content masks the raw content of element name: XML is walked, a field's
// value masked.
func (r *Record) content(name, raw string) string {
	if t := strings.TrimSpace(raw); strings.HasPrefix(t, "<") {
		return r.walk(raw)
	}
	if r.class != nil {
		return r.Value(r.class(name, raw), raw)
	}
	return r.Value(FieldClass(name), raw)
}

// escaped masks the escaped text of element name (entities decoded, then
// encoded again when changed).
func (r *Record) escaped(name, text string) string {
	if !strings.Contains(text, "&") {
		return r.content(name, text)
	}
	plain := html.UnescapeString(text)
	out := r.content(name, plain)
	if out == plain {
		return text
	}
	return xmlEscaper.Replace(out)
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// tagEnd returns the index of the '>' closing the tag at lt, skipping
// quoted attribute values; -1 when there is none.
func tagEnd(doc string, lt int) int {
	var quote byte
	for k := lt + 1; k < len(doc); k++ {
		c := doc[k]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return k
		}
	}
	return -1
}

// skipTo returns the index after a comment, processing instruction or
// declaration starting at lt.
func skipTo(doc string, lt int, rest string) int {
	end := ">"
	switch {
	case strings.HasPrefix(rest, "<!--"):
		end = "-->"
	case strings.HasPrefix(rest, "<?"):
		end = "?>"
	}
	k := strings.Index(rest, end)
	if k < 0 {
		return len(doc)
	}
	return lt + k + len(end)
}

// localName is the element name of a tag's inside ("/ns:name a='b'" →
// "name").
func localName(tag string) string {
	tag = strings.TrimPrefix(tag, "/")
	if k := strings.IndexAny(tag, " \t\r\n/"); k >= 0 {
		tag = tag[:k]
	}
	if k := strings.IndexByte(tag, ':'); k >= 0 {
		tag = tag[k+1:]
	}
	return tag
}

// cached is Mask with the run's earlier answers remembered: a taxpayer's
// values recur in many records, and a map lookup is cheaper than HMAC.
func (m *Masker) cached(class, v string) string {
	k := cacheKey{class, v}
	if masked, ok := m.cache.Load(k); ok {
		return masked.(string)
	}
	masked := m.Mask(class, v)
	m.cache.Store(k, masked)
	return masked
}

type cacheKey struct{ class, value string }
