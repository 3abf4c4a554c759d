/* The readers behind doc_read, one module per format. Each fills DOC (blocks
 * and notes; metadata is doc.c's) from the LEN bytes at BUF read from NAME,
 * and returns 0 or -ERR_INPUT with E naming NAME and what to do. Only doc.c
 * calls them. */
#ifndef DUBAN_DOC_READERS_H
#define DUBAN_DOC_READERS_H

#include "src/doc.h"

int doc_html_read(const char *buf, size_t len, const char *name, struct doc *doc, struct err *e);
int doc_docx_read(const char *buf, size_t len, const char *name, struct doc *doc, struct err *e);
int doc_pdf_read(const char *buf, size_t len, const char *name, struct doc *doc, struct err *e);
/* Spreadsheets: every row of the first sheet that has any (the others are
 * named in a note), hidden columns left out; CSV through src/csvread.c. */
int doc_xlsx_read(const char *buf, size_t len, const char *name, struct doc *doc, struct err *e);
int doc_csv_read(const char *buf, size_t len, const char *name, struct doc *doc, struct err *e);

#endif
