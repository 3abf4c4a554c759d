/* A plan from a file of any format duban reads: the format is found from the
 * bytes (src/doc.c); text goes to plan_parse as it is, a task table (a
 * spreadsheet, or a table in a document) to plan_table, any other document is
 * flattened into lines for plan_parse, and its metadata (标题, 文号, date)
 * then takes the place of what the text showed. */
#ifndef DUBAN_PLAN_READ_H
#define DUBAN_PLAN_READ_H

#include "src/doc.h"
#include "src/plan_parse.h"

/* Read the LEN bytes at BUF (from NAME, named in messages) into *PLAN.
 * ENC applies to text files. *FMT (if not NULL) gets the format found.
 * Returns 0 (release *PLAN with plan_doc_release), or a negative code with E
 * naming NAME and what to do; *PLAN is then empty. Refused besides what
 * plan_parse refuses: formats duban does not read (doc_sniff), damaged,
 * encrypted, scanned or oversized documents, a spreadsheet with no task
 * column. */
int plan_read(const char *buf, size_t len, const char *name, enum plan_encoding enc,
	      struct plan_doc *plan, enum doc_format *fmt, struct err *e);

#endif
