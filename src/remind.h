/* The reminders (催办单) the office sends each department that has tasks to
 * chase in a reporting period (not reported, close-off returned, behind:
 * src/bulletin.h computes them): Markdown, one HTML page per department for
 * printing on A4, a CSV line per department for a mail merge, and JSON. */
#ifndef DUBAN_REMIND_H
#define DUBAN_REMIND_H

#include <stddef.h>

#include "src/bulletin.h"
#include "src/util.h"

/* The departments of B to remind, as indices into B->depts: those with
 * tasks to chase, most first, then by name; with EVERY, all of B's (for one
 * department asked for by name). *ORDER is the caller's to free; returns
 * their number. */
size_t remind_order(const struct bulletin *b, int every, size_t **order);

/* The N departments ORDER of B, each a 催办单: Markdown (separated by a
 * rule), one HTML document (a page each), the mail-merge CSV (a header and
 * a line each: department, liaison logins, counts; a UTF-8 BOM when BOM),
 * JSON. Appended to SB. */
void remind_md(const struct bulletin *b, const size_t *order, size_t n, struct strbuf *sb);
void remind_html(const struct bulletin *b, const size_t *order, size_t n, struct strbuf *sb);
void remind_csv(const struct bulletin *b, const size_t *order, size_t n, int bom, struct strbuf *sb);
void remind_json(const struct bulletin *b, const size_t *order, size_t n, struct strbuf *sb);

#endif
