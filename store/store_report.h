/* Queries behind the quarterly checklists and the annual evaluation, and the
 * checklist import's many-records write. Same conventions as store.h: 0 or a
 * negative enum err_code with E filled; strings handed back belong to the
 * caller (free with the matching *_free). */
#ifndef DUBAN_STORE_REPORT_H
#define DUBAN_STORE_REPORT_H

#include <stddef.h>

#include "store/store.h"

/* The tasks of PLAN (not retired) that DEPT leads or takes part in, in
 * document order, each with the newest record of DEPT whose period is <= UPTO
 * ("2024Q2"). One query. Free with store_checklist_items_free. */
int store_checklist_items(struct store *s, const char *plan, const char *dept, const char *upto,
			  struct checklist_item **out, size_t *n, struct err *e);
void store_checklist_items_free(struct checklist_item *v, size_t n);

/* The departments on PLAN's tasks (not retired), by the number of tasks they
 * lead, then take part in, then name. Free with store_strv_free. */
int store_plan_depts(struct store *s, const char *plan, char ***out, size_t *n, struct err *e);

/* One (task, department) pair of PLAN for the annual evaluation. */
struct report_row {
	char *task;               /* id */
	int chapter, section, seq;
	char *text;
	char *dept;
	enum role role;
	int has_record;           /* the department has a status record on the task */
	enum status status;       /* its state's (src/state.h): the lead's shows done when approved */
	enum review_state review; /* the lead's close-off */
	char *reason;             /* why it was returned, "" otherwise */
	char *period, *note;      /* of the current record, "" if none */
	int nevidence;            /* evidence the department attached to the task */
};

/* Every (task, department) pair of PLAN in document order (lead first within
 * a task), with each department's state. One query. Free with
 * store_report_rows_free. */
int store_report_rows(struct store *s, const char *plan, struct report_row **out, size_t *n,
		      struct err *e);
void store_report_rows_free(struct report_row *v, size_t n);

/* Append the N progress records IN in ONE transaction, each held to exactly
 * the rules of store_progress_append (valid period and status, UTF-8 note,
 * task not retired, department on the task, LOGIN the office or the
 * department's liaison). Every record is checked; if any is refused nothing
 * is written, ROW_ERRS[i] (an array of N, may be NULL) holds each refused
 * record's reason (code 0 for the good ones), *NBAD their number, and the
 * return is the first refusal's code with E saying how many were refused.
 * DRY_RUN checks everything and writes nothing. IDS (may be NULL) gets the
 * new record ids (N arrays of 33). */
int store_progress_append_many(struct store *s, const char *login, const struct progress_in *in,
			       size_t n, int dry_run, char (*ids)[33], struct err *row_errs,
			       size_t *nbad, struct err *e);

#endif
