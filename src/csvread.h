/* Reading CSV files that come back from Excel or WPS: the encoding is found
 * (UTF-8 with or without BOM, or GB18030, which Excel's plain "CSV" writes on a
 * Chinese Windows) and the text split into RFC 4180 records, remembering the
 * line each record starts on so errors can name it. */
#ifndef DUBAN_CSVREAD_H
#define DUBAN_CSVREAD_H

#include <stddef.h>

#include "src/err.h"

struct csv_row {
	size_t line;      /* line of the file the record starts on, from 1 */
	char **fields;    /* UTF-8, quotes removed, embedded line breaks as '\n' */
	size_t nfields;
};

struct csv_doc {
	struct csv_row *rows;
	size_t nrows;
	const char *encoding;  /* static: "UTF-8 with BOM", "UTF-8" or "GB18030" */
};

/* Decode BUF (LEN bytes) to UTF-8: a UTF-8 BOM is dropped, valid UTF-8 taken
 * as it is, otherwise GB18030 is tried. UTF-16 (Excel's "Unicode text"), NUL
 * bytes and bytes that are neither are refused (-ERR_INPUT naming NAME and
 * what to do). *OUT is newly allocated (caller frees); *ENC as above. */
int csv_decode(const char *buf, size_t len, const char *name, char **out, const char **enc,
	       struct err *e);

/* Decode and split BUF into records separated by commas. A quoted field may
 * hold commas, doubled quotes and line breaks (CRLF and CR become '\n'); an
 * unclosed quote is refused naming the line it opened on. Release with
 * csv_doc_release. */
int csv_parse(const char *buf, size_t len, const char *name, struct csv_doc *out, struct err *e);
void csv_doc_release(struct csv_doc *d);

/* Field I of ROW, or "" when the row is shorter. */
const char *csv_field(const struct csv_row *row, size_t i);

/* A row of a table that cannot be taken, and why: what an import of a
 * filled-in table (a checklist, an indicator table) refuses, by line. */
struct row_problem {
	size_t line;
	char *msg;
};
/* Append to the array *V (N rows, CAP room) the problem of LINE. */
void row_problem_add(struct row_problem **v, size_t *n, size_t *cap, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
void row_problems_free(struct row_problem *v, size_t n);

#endif
