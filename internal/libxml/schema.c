#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include "gt3xml.h"

/* gt3_out collects problems as lines "LINE\tPATH\tMESSAGE\n". */
typedef struct {
	char *buf;
	size_t len, cap;
} gt3_out;

static void gt3_put(gt3_out *o, const char *s) {
	size_t n = strlen(s);
	if (o->len + n + 1 > o->cap) {
		o->cap = (o->len + n + 1) * 2 + 256;
		o->buf = realloc(o->buf, o->cap);
	}
	for (size_t i = 0; i < n; i++)
		o->buf[o->len++] = (s[i] == '\t' || s[i] == '\n' || s[i] == '\r') ? ' ' : s[i];
	o->buf[o->len] = 0;
}

static void gt3_sep(gt3_out *o, char c) {
	char s[2] = {c, 0};
	if (o->len + 2 > o->cap) {
		o->cap = o->len * 2 + 256;
		o->buf = realloc(o->buf, o->cap);
	}
	o->buf[o->len++] = s[0];
	o->buf[o->len] = 0;
}

/* gt3_path writes the path of node: /taxML/sbxxGrid/sbxxGridlb[2]/zsxmDm. */
static void gt3_path(gt3_out *o, xmlNodePtr n) {
	char num[32];
	if (n == NULL || (n->type != XML_ELEMENT_NODE && n->type != XML_ATTRIBUTE_NODE))
		return;
	gt3_path(o, n->parent);
	gt3_put(o, n->type == XML_ATTRIBUTE_NODE ? "/@" : "/");
	gt3_put(o, (const char *)n->name);
	if (n->type != XML_ELEMENT_NODE)
		return;
	int at = 1, more = 0;
	for (xmlNodePtr s = n->prev; s != NULL; s = s->prev)
		at += s->type == XML_ELEMENT_NODE && xmlStrEqual(s->name, n->name);
	for (xmlNodePtr s = n->next; s != NULL && !more; s = s->next)
		more = s->type == XML_ELEMENT_NODE && xmlStrEqual(s->name, n->name);
	if (at > 1 || more) {
		snprintf(num, sizeof num, "[%d]", at);
		gt3_put(o, num);
	}
}

/* gt3_collect records errors (not warnings) of the schema parser, the
   instance parser and the validator. */
static void gt3_collect(void *data, xmlErrorPtr e) {
	gt3_out *o = data;
	char line[32];
	if (e->level < XML_ERR_ERROR)
		return;
	snprintf(line, sizeof line, "%d", e->line);
	gt3_put(o, line);
	gt3_sep(o, '\t');
	if (e->domain == XML_FROM_SCHEMASV)
		gt3_path(o, e->node);
	gt3_sep(o, '\t');
	gt3_put(o, e->message != NULL ? e->message : "error");
	gt3_sep(o, '\n');
}

/* gt3_schema_compile compiles the schema file at path (includes and imports
   resolved relative to it, no network). NULL and *errs when it does not. */
void *gt3_schema_compile(const char *path, char **errs) {
	gt3_out o = {0};
	xmlSetStructuredErrorFunc(&o, gt3_collect);
	xmlSchemaParserCtxtPtr p = xmlSchemaNewParserCtxt(path);
	xmlSchemaPtr s = NULL;
	if (p != NULL) {
		xmlSchemaSetParserStructuredErrors(p, gt3_collect, &o);
		s = xmlSchemaParse(p);
		xmlSchemaFreeParserCtxt(p);
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	*errs = o.buf;
	return s;
}

void gt3_schema_free(void *s) { xmlSchemaFree(s); }

/* gt3_schema_validate validates the document in buf (any encoding libxml2
   reads) against schema. *status: 0 valid, 1 invalid, 2 not well-formed.
   Returns the problems (malloc'd, or NULL). */
char *gt3_schema_validate(void *schema, const char *buf, int len, const char *url, int *status) {
	gt3_out o = {0};
	xmlSetStructuredErrorFunc(&o, gt3_collect);
	xmlDocPtr doc = xmlReadMemory(buf, len, url, NULL, XML_PARSE_NONET);
	*status = 2;
	if (doc != NULL) {
		xmlSchemaValidCtxtPtr v = xmlSchemaNewValidCtxt(schema);
		xmlSchemaSetValidStructuredErrors(v, gt3_collect, &o);
		*status = xmlSchemaValidateDoc(v, doc) == 0 ? 0 : 1;
		xmlSchemaFreeValidCtxt(v);
		xmlFreeDoc(doc);
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	return o.buf;
}
