/* Thin C side of package libxml: one call per document, no Go callbacks. */
#ifndef GT3XML_H
#define GT3XML_H

#include <stddef.h>

/* gt3_wf is the verdict of gt3_check on one document. */
typedef struct {
	int wellformed;    /* 1: libxml2 accepts the document */
	int doctype;       /* 1: refused because it carries a DOCTYPE */
	int code, domain;  /* libxml2 error code and domain of the first error */
	int line, col;     /* where the first error is (0 when unknown) */
	long offset;       /* byte offset of the first error in the input, -1 unknown */
	char msg[320];     /* libxml2's message for the first error */
	char str1[96];     /* the error's first string argument (e.g. a tag name) */
	char encoding[64]; /* the encoder libxml2 decoded with, "" for UTF-8 */
} gt3_wf;

void gt3_init(void);
void *gt3_new_ctxt(void);
void gt3_free_ctxt(void *ctxt);
int gt3_check(void *ctxt, const char *buf, int len, int force_utf8, gt3_wf *out);
int gt3_decode(const char *buf, size_t len, const char *enc, char **out, size_t *outlen, size_t *bad);
void *gt3_schema_compile(const char *path, char **errs);
void gt3_schema_free(void *schema);
char *gt3_schema_validate(void *schema, const char *buf, int len, const char *url, int *status);

#endif
