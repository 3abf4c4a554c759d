/* Queries behind the office's reminders (催办) and bulletin (情况通报): the
 * departments on a plan's tasks and, separately, their status records and
 * the reviews of them, one query each per plan (never per task), for
 * src/bulletin.c to fold with src/state.c's rule. Same conventions as
 * store.h: 0 or a negative enum err_code with E filled; what is handed back
 * belongs to the caller (free with the matching *_free). */
#ifndef DUBAN_STORE_BULLETIN_H
#define DUBAN_STORE_BULLETIN_H

#include <stddef.h>

#include "store/store.h"

/* A department on a task of the plan. */
struct bulletin_pair {
	char *task;          /* id */
	char *text;
	int seq;
	char *dept;
	enum role role;      /* the lead is the office's choice when it changed it */
	int nevidence;       /* evidence the department attached to the task */
};

/* Every (task, department) of PLAN's tasks (not retired), ordered by task id,
 * the lead first within a task, then the document's order. One query. Free
 * with store_bulletin_pairs_free. */
int store_bulletin_pairs(struct store *s, const char *plan, struct bulletin_pair **out, size_t *n,
			 struct err *e);
void store_bulletin_pairs_free(struct bulletin_pair *v, size_t n);

/* One event of a department's history on a task: a status record (a note
 * alone is not one) or the office's review of one. */
struct bulletin_event {
	char *task, *dept;
	int kind;            /* 0 a status record; 1 approve, 2 return, 3 reopen */
	char *at;            /* when it was made, UTC "2025-12-01T08:00:00.123Z" */
	char *record;        /* the record's id (a review: the record it decides on) */
	char *period;        /* the record's quarter (a review: its record's) */
	enum status status;  /* a record's */
	char *reason;        /* a return's or reopening's */
};

/* The status records of PLAN's tasks whose quarter is UPTO ("2025Q4") or
 * earlier, and the reviews of them, ordered by task id, department, then the
 * order they were made (src/state.h: records before reviews of the same
 * millisecond, records of one millisecond in the order written). One query.
 * Free with store_bulletin_events_free. */
int store_bulletin_events(struct store *s, const char *plan, const char *upto,
			  struct bulletin_event **out, size_t *n, struct err *e);
void store_bulletin_events_free(struct bulletin_event *v, size_t n);

#endif
