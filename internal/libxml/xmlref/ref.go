// Package xmlref is the reference verdict the differential tests compare
// gt3ct's readers with: libxml2's xmlReadMemory, the DOM path `xmllint
// --noout` takes, kept apart from the streaming code path of package libxml
// on purpose. For tests only: it builds a whole tree.
package xmlref

/*
#cgo pkg-config: libxml-2.0
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

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
