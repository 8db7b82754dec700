#include <string.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/dict.h>
#include <libxml/xmlerror.h>
#include "gt3xml.h"

/* A context whose dictionary holds more names than this is freed rather
   than reused, so a long run over varied input does not keep growing. */
#define GT3_DICT_MAX 4096

static xmlSAXHandler gt3_sax;

static void gt3_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
		      int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
		      const xmlChar **attributes) {}
static void gt3_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri) {}

/* gt3_doctype refuses a DOCTYPE: no DTD, so no entity can be declared. */
static void gt3_doctype(void *ctx, const xmlChar *name, const xmlChar *eid, const xmlChar *sid) {
	xmlParserCtxtPtr ctxt = ctx;
	gt3_wf *r = ctxt->_private;
	r->doctype = 1;
	r->line = xmlSAX2GetLineNumber(ctx);
	r->col = xmlSAX2GetColumnNumber(ctx);
	xmlStopParser(ctxt);
}

/* gt3_init initialises libxml2 and the SAX handler gt3_check uses: it builds
   nothing and refuses a DOCTYPE. The element callbacks do nothing but make
   libxml2 parse as SAX2, with namespaces, as xmllint does. */
void gt3_init(void) {
	xmlInitParser();
	gt3_sax.initialized = XML_SAX2_MAGIC;
	gt3_sax.startElementNs = gt3_start;
	gt3_sax.endElementNs = gt3_end;
	gt3_sax.internalSubset = gt3_doctype;
}

static void gt3_copy(char *dst, size_t n, const char *src) {
	if (src == NULL) { dst[0] = 0; return; }
	strncpy(dst, src, n - 1);
	dst[n - 1] = 0;
}

/* gt3_capture keeps the first error that counts against well-formedness:
   warnings and namespace errors do not (xmllint accepts such documents). */
static void gt3_capture(void *data, xmlErrorPtr e) {
	gt3_wf *r = data;
	if (r->code != 0 || e->level < XML_ERR_ERROR || e->domain == XML_FROM_NAMESPACE)
		return;
	r->code = e->code;
	r->domain = e->domain;
	r->line = e->line;
	r->col = e->int2;
	gt3_copy(r->msg, sizeof r->msg, e->message);
	gt3_copy(r->str1, sizeof r->str1, e->str1);
	if (e->ctxt != NULL && e->domain == XML_FROM_PARSER)
		r->offset = xmlByteConsumed((xmlParserCtxtPtr)e->ctxt);
}

/* gt3_new_ctxt returns a parser context for gt3_check. */
void *gt3_new_ctxt(void) {
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (ctxt != NULL)
		memcpy(ctxt->sax, &gt3_sax, sizeof gt3_sax);
	return ctxt;
}

void gt3_free_ctxt(void *ctxt) { xmlFreeParserCtxt(ctxt); }

static void gt3_encoder(xmlParserCtxtPtr ctxt, gt3_wf *out) {
	if (ctxt->input != NULL && ctxt->input->buf != NULL && ctxt->input->buf->encoder != NULL)
		gt3_copy(out->encoding, sizeof out->encoding, ctxt->input->buf->encoder->name);
}

/* gt3_check parses buf with ctxt (from gt3_new_ctxt), building nothing, and
   reports whether it is well-formed. With force_utf8 the declared encoding
   is ignored. It returns 1 when ctxt may be used again, 0 when the caller
   must free it. */
int gt3_check(void *vctxt, const char *buf, int len, int force_utf8, gt3_wf *out) {
	xmlParserCtxtPtr ctxt = vctxt;
	memset(out, 0, sizeof *out);
	out->offset = -1;
	ctxt->_private = out;
	xmlSetStructuredErrorFunc(out, gt3_capture);
	ctxt->options = 0; /* options stick to a context: IGNORE_ENC must not */
	xmlCtxtReadMemory(ctxt, len > 0 ? buf : "", len, NULL, NULL,
			  XML_PARSE_NONET | XML_PARSE_HUGE | (force_utf8 ? XML_PARSE_IGNORE_ENC : 0));
	xmlSetStructuredErrorFunc(NULL, NULL);
	out->wellformed = ctxt->wellFormed && !out->doctype;
	gt3_encoder(ctxt, out);
	ctxt->_private = NULL;
	return ctxt->dict == NULL || xmlDictSize(ctxt->dict) < GT3_DICT_MAX;
}
