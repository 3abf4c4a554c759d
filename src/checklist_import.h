/* Taking a filled-in checklist back (src/checklist_read.c reads it): each
 * row held to its task (the id and the 任务内容 must agree, a task once per
 * department), its evidence recognised (src/evidence.c), and everything
 * written by store_progress_append_many in one transaction or not at all,
 * so that the same file imported twice records nothing the second time.
 * The outcome comes back row by row for either face to show. */
#ifndef DUBAN_CHECKLIST_IMPORT_H
#define DUBAN_CHECKLIST_IMPORT_H

#include <stddef.h>

#include "src/err.h"

struct store;

struct checklist_import_opts {
	const char *login;    /* who imports */
	const char *dept;     /* canonical: refuse a checklist of another department (in a
				 workbook of several, take only this one's sheet); NULL: any */
	const char *period;   /* refuse a checklist of another quarter; NULL: any */
	int dry_run;          /* check and report everything, write nothing */
	int backfill;         /* the office records for a period that is not open */
};

/* One line of the report: a row's outcome, an evidence item of it, or why a
 * row is refused. Text as read from the file: escape it before a terminal. */
struct checklist_report_line {
	char *where;          /* "FILE:LINE" for a CSV, "FILE[SHEET]:ROW" for a workbook */
	char *text;
	int refused;          /* 1: why the row cannot be taken */
	int code;             /* with REFUSED: its enum err_code */
};

struct checklist_import_result {
	struct checklist_report_line *lines;   /* in the file's order */
	size_t nlines;
	size_t ndepts;        /* checklists (departments) taken */
	size_t nrecords;      /* records appended (or, in a dry run, that would be) */
	size_t nnotes;        /* of them, notes alone (a row with no status) */
	size_t nsame;         /* rows the department had recorded already */
	size_t nevidence;     /* evidence attached */
	size_t nev_same;      /* evidence attached before */
	size_t nkept;         /* evidence cells' pieces that are neither a 文号 nor a link,
				 kept as lines of the note */
	size_t nclosed;       /* rows on tasks whose approved close-off stays closed */
	size_t ninds, ninds_same;   /* indicator values recorded, and recorded before */
	size_t nskipped;      /* rows left empty */
	size_t nrefused;      /* rows that cannot be taken */
	size_t nfilled;       /* rows with something filled in */
	char *summary;        /* one sentence saying what was done (or would be) */
};

/* Import the checklist BUF (LEN bytes) named NAME as O says. Returns 0 when
 * it was taken (or, in a dry run, could be), with R's lines and counts.
 * When the file cannot be read or is another department's or quarter's, a
 * negative code with E saying why. When rows cannot be taken, nothing is
 * written: a negative code (the first refusal's), R's lines say which and
 * why (with REFUSED set), and E says how many. Release R with
 * checklist_import_result_release. */
int checklist_import(struct store *s, const char *buf, size_t len, const char *name,
		     const struct checklist_import_opts *o, struct checklist_import_result *r,
		     struct err *e);
void checklist_import_result_release(struct checklist_import_result *r);

#endif
