#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include "gt3xml.h"

/* gt3_decode converts buf from enc to UTF-8 with iconv, the converter
   libxml2 itself uses for encodings it has no built-in table for. It returns
   0 and a malloc'd *out, -1 when enc is unknown, or -2 with *bad set to the
   offset of the first byte that is not valid in enc. */
int gt3_decode(const char *buf, size_t len, const char *enc, char **out, size_t *outlen, size_t *bad) {
	iconv_t cd = iconv_open("UTF-8", enc);
	if (cd == (iconv_t)-1)
		return -1;
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
