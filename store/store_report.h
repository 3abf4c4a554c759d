/* Queries behind the quarterly checklists and the annual evaluation, and the
 * checklist import's many-records write. Same conventions as store.h: 0 or a
 * negative enum err_code with E filled; strings handed back belong to the
 * caller (free with the matching *_free). */
#ifndef DUBAN_STORE_REPORT_H
#define DUBAN_STORE_REPORT_H

#include <stddef.h>

#include "store/store.h"
#include "store/store_indicator.h"

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

/* A filled-in row of a checklist for store_progress_append_many: a record
 * (a status report, or with REC.note_only a note alone), or none, and the
 * evidence the row names. The OUT fields are written by the call. */
struct progress_many_ev {
	struct evidence_in in;   /* a 文号 or a link (a file is refused); in.progress is
				    ignored: the evidence documents the row's record */
	int same;                /* out: the department attached this (kind and value) to the
				    task before: not attached again */
	char id[33];             /* out: the evidence written, or the one found */
};

enum progress_many_outcome {
	PM_NEW,      /* the record is appended */
	PM_SAME,     /* the department has this very record for the period (same status or note
			alone, same note): nothing new is recorded */
	PM_NONE      /* the row records nothing, only evidence */
};

struct progress_many_row {
	struct progress_in rec;
	int no_record;                 /* evidence alone: no record; it documents none */
	struct progress_many_ev *ev;   /* NEV items */
	size_t nev;
	/* out */
	enum progress_many_outcome outcome;
	char id[33];                   /* the record appended, or the same one found ("" for none) */
	char period[8];                /* the period it goes to */
	int backfill;                  /* recorded as a backfill (the period was not open) */
	int closed;                    /* the lead's close-off of the task was approved before
					  and stays approved: a record changes nothing shown */
};

/* Many rows at once: the checklist import's all-or-nothing write. */
struct progress_many {
	struct progress_many_row *rows;
	size_t nrows;
	const struct ind_value_in *inds;      /* indicator values, recorded with ONCE */
	size_t ninds;
	struct ind_record_result *ind_out;    /* NINDS results, or NULL */
	struct err *row_errs, *ind_errs;      /* NROWS and NINDS refusals (code 0: taken), or NULL */
	size_t nbad;                          /* out: rows and values refused */
	int dry_run;                          /* check everything, write nothing */
};

/* Append M's rows and indicator values in ONE transaction, each held to
 * exactly the rules of store_progress_append, store_evidence_add and
 * store_indicator_record (valid period and status, UTF-8 text, task not
 * retired, department on the task, LOGIN the office or the department's
 * liaison, the period open unless the office backfills). A row the
 * department already recorded (PM_SAME), evidence it already attached and
 * a value equal to the period's latest are not written again, so the same
 * file taken twice changes nothing the second time. Every row is checked;
 * if any is refused nothing is written, M's error arrays hold each refusal,
 * M->nbad their number, and the return is the first refusal's code with E
 * saying how many were refused. DRY_RUN checks and reports everything and
 * writes nothing. */
int store_progress_append_many(struct store *s, const char *login, struct progress_many *m,
			       struct err *e);

#endif
