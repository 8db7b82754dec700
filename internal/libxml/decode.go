package libxml

/*
#include <stdlib.h>
#include "gt3xml.h"
*/
import "C"

import (
	"fmt"
	"unsafe"
)

// Decode converts data from the named encoding (one libxml2 reported as
// its encoder, see Check) to UTF-8 with iconv, as libxml2 does.
func Decode(data []byte, encoding string) ([]byte, error) {
	out, at, err := decode(data, encoding)
	if err != nil {
		return nil, err
	}
	if at >= 0 {
		return nil, fmt.Errorf("not valid %s at byte %d", encoding, at)
	}
	return out, nil
}

// decode returns the UTF-8 text, or the offset of the first byte that is not
// valid in encoding (-1 when all are).
func decode(data []byte, encoding string) ([]byte, int64, error) {
	name := C.CString(encoding)
	defer C.free(unsafe.Pointer(name))
	var p *C.char
	if len(data) > 0 {
		p = (*C.char)(unsafe.Pointer(&data[0]))
	}
	var out *C.char
	var n, bad C.size_t
	switch C.gt3_decode(p, C.size_t(len(data)), name, &out, &n, &bad) {
	case -1:
		return nil, -1, fmt.Errorf("unsupported encoding %q", encoding)
	case -2:
		return nil, int64(bad), nil
	}
	defer C.free(unsafe.Pointer(out))
	return C.GoBytes(unsafe.Pointer(out), C.int(n)), -1, nil
}
