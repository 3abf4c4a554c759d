/* Recording progress, the one path by which a status and a note reach the
 * store from either face: the note is prepared (src/note.h), the period
 * defaults to the reporting period, and the store applies the role rules. */
#ifndef DUBAN_RECORD_H
#define DUBAN_RECORD_H

#include "src/err.h"
#include "src/model.h"

struct store;

struct record_req {
	const char *task;      /* "2024-105" */
	const char *dept;      /* canonical */
	const char *period;    /* "2024Q3"; NULL: the reporting period (store_period_pick) */
	enum status status;    /* ignored for a note alone */
	const char *note;      /* as typed or read; NULL: none */
	const char *based_on;  /* the record the user saw, "" for none, NULL for no check */
	int note_only;         /* a note alone: it changes no status and no close-off */
	int backfill;          /* office: PERIOD need not be open */
};

struct record_result {
	char id[33];           /* the new record */
	char period[16];       /* the period it was recorded for */
	int backfill;          /* 1: recorded as the office's backfill */
	int close_off;         /* 1: a lead department's done, now awaiting review */
	int closed;            /* 1: the task's close-off is approved: the record changed no status */
	int conflict;          /* 1: someone recorded since BASED_ON; both are kept */
	struct progress_rec newer; /* with conflict: that record (may be empty) */
	int nevidence;         /* record_report: the items of evidence stored with it */
};

/* Record R for LOGIN in one transaction. Refused without writing: a note that
 * is not UTF-8 text, behind without a note, an empty note alone, and whatever
 * the store refuses (role rules, unknown task or department, a period that is
 * not open or not the plan's). OUT is filled on success; release it with
 * record_result_release. */
int record_progress(struct store *s, const char *login, const struct record_req *r,
		    struct record_result *out, struct err *e);
void record_result_release(struct record_result *out);

struct evidence_add;
/* One report, the report form's: R and the NEV items of evidence EV (their
 * task and department are R's; NULL when NEV is 0) stored in one
 * transaction (store_report_save), each item documenting the new record.
 * The note is prepared as record_progress does, and every file is read
 * first: a missing file, a directory or one over the limit refuses the
 * whole report, nothing written. OUT as record_progress fills it. */
int record_report(struct store *s, const char *login, const struct record_req *r,
		  const struct evidence_add *ev, size_t nev, struct record_result *out, struct err *e);

#endif
