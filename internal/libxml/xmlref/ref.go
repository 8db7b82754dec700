// Package xmlref is the reference verdict the differential tests compare
// gt3ct's readers with: libxml2's xmlReadMemory, the DOM path `xmllint
// --noout` takes, kept apart from the streaming code path of package libxml
// on purpose. For tests only: it builds a whole tree.
package xmlref

/*
#cgo pkg-config: libxml-2.0
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <stdlib.h>
#include <string.h>

static void ref_quiet(void *data, xmlErrorPtr e) {}

static int ref_wellformed(const char *buf, int len, int force_utf8) {
	int opts = XML_PARSE_NONET;
	const char *enc = NULL;
	if (force_utf8) {
		opts |= XML_PARSE_IGNORE_ENC;
		enc = "UTF-8";
	}
	xmlSetStructuredErrorFunc(NULL, ref_quiet);
	xmlDocPtr doc = xmlReadMemory(buf, len, "ref.xml", enc, opts);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (doc == NULL)
		return 0;
	xmlFreeDoc(doc);
	return 1;
}

static int ref_has_dtd(const char *buf, int len) {
	xmlSetStructuredErrorFunc(NULL, ref_quiet);
	xmlDocPtr doc = xmlReadMemory(buf, len, "ref.xml", NULL, XML_PARSE_NONET | XML_PARSE_RECOVER);
	xmlSetStructuredErrorFunc(NULL, NULL);
	int has = doc != NULL && doc->intSubset != NULL;
	if (doc != NULL)
		xmlFreeDoc(doc);
	return has;
}

static xmlNodePtr ref_find(xmlNodePtr n, const char *local) {
	for (; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST local))
			return n;
		xmlNodePtr in = n->type == XML_ELEMENT_NODE ? ref_find(n->children, local) : NULL;
		if (in != NULL)
			return in;
	}
	return NULL;
}

static int ref_blank(const xmlChar *s) {
	for (; s != NULL && *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 0;
	return 1;
}

// ref_carried returns (malloc'd) the string value of the first element
// named local: its text and CDATA children joined, blank text before the
// first CDATA or non-blank text left out. *elements is set when it has
// element children. NULL when the document does not parse or has no such
// element.
static char *ref_carried(const char *buf, int len, const char *local, int *elements) {
	xmlSetStructuredErrorFunc(NULL, ref_quiet);
	xmlDocPtr doc = xmlReadMemory(buf, len, "ref.xml", NULL, XML_PARSE_NONET);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (doc == NULL)
		return NULL;
	xmlNodePtr el = ref_find(doc->children, local);
	xmlBufferPtr b = el == NULL ? NULL : xmlBufferCreate();
	int started = 0;
	*elements = 0;
	for (xmlNodePtr k = el == NULL ? NULL : el->children; k != NULL; k = k->next) {
		if (k->type == XML_ELEMENT_NODE)
			*elements = 1;
		if (k->type != XML_TEXT_NODE && k->type != XML_CDATA_SECTION_NODE)
			continue;
		if (!started && k->type == XML_TEXT_NODE && ref_blank(k->content))
			continue;
		started = 1;
		xmlBufferCat(b, k->content);
	}
	char *out = b == NULL ? NULL : strdup((const char *)xmlBufferContent(b));
	if (b != NULL)
		xmlBufferFree(b);
	xmlFreeDoc(doc);
	return out;
}
*/
import "C"

import "unsafe"

func init() { C.xmlInitParser() }

// WellFormed reports whether libxml2 reads data as a well-formed document
// (xmllint --noout exits 0). With asString the document is text carried
// inside another (a CDATA or escaped body): read as UTF-8 whatever its
// declaration says.
func WellFormed(data []byte, asString bool) bool {
	force := C.int(0)
	if asString {
		force = 1
	}
	return C.ref_wellformed(ptr(data), C.int(len(data)), force) != 0
}

// HasDOCTYPE reports whether libxml2 finds a DOCTYPE in data.
func HasDOCTYPE(data []byte) bool { return C.ref_has_dtd(ptr(data), C.int(len(data))) != 0 }

func ptr(data []byte) *C.char {
	if len(data) == 0 {
		return nil
	}
	return (*C.char)(unsafe.Pointer(&data[0]))
}

// Carried returns the string value of the first element named local (the
// envelope's <body>): its text and CDATA joined, leaving out blank text in
// front of the first piece, as a receiver reading the body as a string
// sees it; elements reports child elements (an inline body). ok is false
// when data is not well-formed or has no such element.
func Carried(data []byte, local string) (text string, elements, ok bool) {
	name := C.CString(local)
	defer C.free(unsafe.Pointer(name))
	var el C.int
	out := C.ref_carried(ptr(data), C.int(len(data)), name, &el)
	if out == nil {
		return "", false, false
	}
	defer C.free(unsafe.Pointer(out))
	return C.GoString(out), el != 0, true
}
