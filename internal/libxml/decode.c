#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/encoding.h>
#include <libxml/tree.h>
#include "gt3xml.h"

/* gt3_decode_handler converts buf from enc to UTF-8 with the encoding
   handler libxml2 itself finds for enc: for a name iconv does not know,
   libxml2 built with ICU matches it loosely ("UT.F7" is UTF-7), and the
   message was read that way. Returns as gt3_decode; *bad is 0 when the
   handler fails (it does not say where). */
static int gt3_decode_handler(const char *buf, size_t len, const char *enc, char **out, size_t *outlen, size_t *bad) {
	xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(enc);
	if (h == NULL)
		return -1;
	xmlBufferPtr in = xmlBufferCreate(), o = xmlBufferCreate();
	int rc = -1;
	if (in != NULL && o != NULL && xmlBufferAdd(in, (const xmlChar *)buf, (int)len) == 0) {
		int n = len == 0 ? 0 : xmlCharEncInFunc(h, o, in);
		if (n < 0 || xmlBufferLength(in) > 0) {
			*bad = 0;
			rc = -2;
		} else {
			*outlen = (size_t)xmlBufferLength(o);
			*out = malloc(*outlen + 1);
			memcpy(*out, xmlBufferContent(o), *outlen);
			rc = 0;
		}
	}
	xmlBufferFree(in);
	xmlBufferFree(o);
	xmlCharEncCloseFunc(h);
	return rc;
}

/* gt3_decode converts buf from enc to UTF-8 with iconv, the converter
   libxml2 itself uses for encodings it has no built-in table for, else with
   libxml2's own handler for enc (see gt3_decode_handler). It returns
   0 and a malloc'd *out, -1 when enc is unknown, or -2 with *bad set to the
   offset of the first byte that is not valid in enc. */
int gt3_decode(const char *buf, size_t len, const char *enc, char **out, size_t *outlen, size_t *bad) {
	iconv_t cd = iconv_open("UTF-8", enc);
	if (cd == (iconv_t)-1)
		return gt3_decode_handler(buf, len, enc, out, outlen, bad);
	size_t cap = len * 4 + 16;
	char *dst = malloc(cap);
	char *in = (char *)buf, *o = dst;
	size_t inleft = len, outleft = cap;
	size_t n = iconv(cd, &in, &inleft, &o, &outleft);
	if (n == (size_t)-1 || iconv(cd, NULL, NULL, &o, &outleft) == (size_t)-1) {
		*bad = (size_t)(in - buf);
		iconv_close(cd);
		free(dst);
		return -2;
	}
	iconv_close(cd);
	*out = dst;
	*outlen = cap - outleft;
	return 0;
}
