// Package libxml is gt3ct's thin cgo binding to libxml2 (pkg-config
// libxml-2.0): the judge of well-formedness for every answer the harness
// reads (Check) and the XML Schema validator (schema.go). libxml2 is set up
// once at start; every C call needs no Go callback, and the error handlers
// are set per call on the calling thread, so calls from many goroutines do
// not share state. Check first judges a cheaper copy of the document (see
// fast.go) and parses the document as it is only when that gives no verdict.
package libxml

/*
#cgo pkg-config: libxml-2.0
#include <stdlib.h>
#include "gt3xml.h"
*/
import "C"

func init() { C.gt3_init() }
