/* The SQLite store: the only module that includes <sqlite3.h>. Opens and
 * migrates the database, and holds every query. Functions return 0 or a
 * negative enum err_code and fill a struct err; none of them prints.
 * Strings handed back are owned by the caller unless a comment says otherwise. */
#ifndef DUBAN_STORE_H
#define DUBAN_STORE_H

#include <stddef.h>

#include "src/dept.h"
#include "src/err.h"
#include "src/model.h"

struct store;

/* The application_id written into every duban database ("DUBA"). */
#define STORE_APPLICATION_ID 0x44554241
/* The schema version this build writes; older databases are migrated up. */
#define STORE_SCHEMA_VERSION 9

enum store_flags {
	STORE_CREATE = 1,    /* create the file (mode 0660) when missing */
	STORE_READONLY = 2   /* open for reading only */
};

/* Open the database at PATH, check it is duban's (application_id), migrate it
 * to STORE_SCHEMA_VERSION in one transaction, and set foreign_keys, WAL and a
 * busy timeout. On success *OUT is a handle to close with store_close. Refuses
 * a file that is not SQLite, another program's database, or a newer schema.
 * A database the user may read but not write (the file or its folder not
 * writable for them, a read-only mount) is opened for reading only, without
 * STORE_READONLY: through SQLite's read-only mode, or, where not even the
 * shared-memory file of its WAL can be made and no other process is
 * writing, as an immutable file. Every write then fails in store_begin,
 * saying that the database is read-only for the user and why. */
int store_open(const char *path, int flags, struct store **out, struct err *e);
/* NULL when S can be written; else why not ("its folder is not writable by
 * you"), for a face to say so before the user tries. */
const char *store_readonly(const struct store *s);
void store_close(struct store *s);
/* 1 if store_open created the file (so the caller imports the bundled plans). */
int store_created(const struct store *s);
const char *store_path(const struct store *s);
int store_schema_version(struct store *s);
/* A number that changes when another connection commits a write (SQLite's
 * data_version; this connection's own writes leave it), -1 on error. */
int store_data_version(struct store *s);

/* Transactions. Every write happens between store_begin (BEGIN IMMEDIATE, which
 * waits up to the busy timeout for other writers) and store_commit; on any
 * error the caller calls store_rollback, which is safe to call anyway. */
int store_begin(struct store *s, struct err *e);
int store_commit(struct store *s, struct err *e);
void store_rollback(struct store *s);

/* ---- departments ---- */

/* Insert the departments and aliases of T that the store does not have yet
 * (inside a transaction). Existing rows are left as they are. */
int store_dept_seed(struct store *s, const struct dept_table *t, struct err *e);

/* Find the department whose alias has match key KEY. Returns 0 and sets *DEPT
 * (caller frees) and, if KIND is not NULL, the alias kind; -ERR_NOTFOUND if
 * none. */
int store_dept_lookup(struct store *s, const char *key, char **dept, enum dept_alias_kind *kind,
		      struct err *e);

/* Resolve a name WRITTEN in a document (match key KEY): the known department,
 * or a new "local" department called NEW_NAME (inside a transaction; the
 * written form is recorded as an alias). *CREATED tells which. */
int store_dept_resolve(struct store *s, const char *written, const char *key, const char *new_name,
		       char **dept, int *created, struct err *e);

/* All departments ordered by the number of tasks, then name. WITH_ALIASES
 * fills aliases. Free with store_dept_list_free. */
int store_dept_list(struct store *s, int with_aliases, struct dept_info **out, size_t *n,
		    struct err *e);
void store_dept_list_free(struct dept_info *v, size_t n);
/* The names of the departments of KIND ("central", "pseudo" or "local"),
 * one query, no counting. Free with store_strv_free. */
int store_dept_names(struct store *s, const char *kind, char ***out, size_t *n, struct err *e);

/* Up to MAX department names closest to QUERY's match key (substring match
 * first, then edit distance), for "did you mean". Caller frees with
 * store_strv_free. */
int store_dept_suggest(struct store *s, const char *key, size_t max, char ***out, size_t *n,
		       struct err *e);
void store_strv_free(char **v, size_t n);

/* ---- plans ---- */

struct store_chapter_in { int number; const char *title; };
struct store_section_in { int chapter; int number; const char *title; };
struct store_task_in {
	const char *id;        /* the task's id when it is known ("2024-7" kept by a corrected
				* text), NULL for KEY-LABEL */
	const char *label;     /* "105", "13.1" */
	int seq;               /* order in the document, from 1 */
	int chapter;           /* chapter number */
	int section;           /* section number, 0 for none */
	const char *text;
	const char *match_key; /* text_match_key(text) */
	size_t ndepts;
	char **depts;          /* canonical department names, lead first */
	char **written;        /* as the document wrote them */
	int open;              /* the list is open-ended (等, 会同有关部门) */
	const char *lists;     /* each list as written, one a line */
};
struct store_plan_in {
	const char *key, *title, *kind; /* kind: "annual", "five-year" or "task-division" */
	const char *docno, *issued;     /* 文号 and 成文日期 (YYYY-MM-DD), "" when unknown */
	int year;
	const char *source_name, *source_sha256, *who;
	const struct store_chapter_in *chapters; size_t nchapters;
	const struct store_section_in *sections; size_t nsections;
	const struct store_task_in *tasks; size_t ntasks;
};

enum store_plan_outcome { PLAN_STORED_NEW, PLAN_STORED_UPDATED, PLAN_STORED_UNCHANGED };
struct store_plan_result {
	enum store_plan_outcome outcome;
	int tasks_added, tasks_changed, tasks_retired;
};

/* Write plan IN inside the caller's transaction. A new key creates the plan; a
 * key already held by a plan with the same source SHA-256 changes nothing; a
 * key held by a plan with the same title (or REPLACE set) updates chapters,
 * sections and task text in place, keeping task ids, adds new tasks and
 * retires (never deletes) tasks the new text no longer has. A key held by a
 * plan with another title is refused (-ERR_CONFLICT) unless REPLACE. */
int store_plan_write(struct store *s, const struct store_plan_in *in, int replace,
		     struct store_plan_result *r, struct err *e);

/* What matching a corrected text needs of a plan's stored tasks. */
struct store_task_brief {
	char *id, *label, *match_key, *text;
	int retired;
	int records;             /* progress records, reviews and evidence on it */
	char **depts;            /* canonical names, document order */
	size_t ndepts;
};
/* Every task of PLAN (retired ones too) in document order. Free with
 * store_task_briefs_free. */
int store_plan_task_briefs(struct store *s, const char *plan, struct store_task_brief **out,
			   size_t *n, struct err *e);
void store_task_briefs_free(struct store_task_brief *v, size_t n);

int store_plan_list(struct store *s, struct plan_info **out, size_t *n, struct err *e);
/* -ERR_NOTFOUND when KEY is no plan. */
int store_plan_get(struct store *s, const char *key, struct plan_info *out, struct err *e);
void store_plan_info_release(struct plan_info *p);
void store_plan_list_free(struct plan_info *v, size_t n);


/* The chapters and sections of PLAN in order, for a tree. Free with
 * store_plan_outline_free. */
int store_plan_outline(struct store *s, const char *plan, struct outline_chapter **ch, size_t *nch,
		       struct outline_section **sec, size_t *nsec, struct err *e);
void store_plan_outline_free(struct outline_chapter *ch, size_t nch, struct outline_section *sec,
			     size_t nsec);

/* ---- tasks ---- */


struct task_filter {
	const char *plan;      /* plan key or NULL */
	const char *dept;      /* canonical department or NULL */
	int role;              /* -1 any, else enum role (with dept) */
};

/* Tasks matching F in plan and document order. Free with store_task_rows_free. */
int store_task_query(struct store *s, const struct task_filter *f, struct task_row **out,
		     size_t *n, struct err *e);
/* One task by id ("2024-105"); -ERR_NOTFOUND if none. */
int store_task_get(struct store *s, const char *id, struct task_row *out, struct err *e);
void store_task_row_release(struct task_row *t);
void store_task_rows_free(struct task_row *v, size_t n);


/* ---- users and roles ----
 * Every write below takes the acting LOGIN (the operating-system user) and
 * checks the role rules itself, inside its transaction, so every entry point
 * (CLI, UI, checklist import) is held to them. A refusal is -ERR_DENIED with a
 * message naming the rule; nothing is written. */



/* Who LOGIN is in this database. With no users defined: office, implicit.
 * A login not in a non-empty users table is an unknown viewer. */
int store_actor_get(struct store *s, const char *login, struct actor *out, struct err *e);
void store_actor_release(struct actor *a);

/* Office only. DEPT is required for a liaison (canonical name). Adding an
 * existing login changes its role and department. */
int store_user_add(struct store *s, const char *actor, const char *login, enum user_role role,
		   const char *dept, struct err *e);
int store_user_remove(struct store *s, const char *actor, const char *login, struct err *e);
int store_user_list(struct store *s, struct user_info **out, size_t *n, struct err *e);
void store_user_list_free(struct user_info *v, size_t n);

/* ---- progress records ---- */

void store_progress_rec_release(struct progress_rec *r);

struct progress_in {
	const char *task;      /* "2024-105" */
	const char *dept;      /* canonical name */
	const char *period;    /* "2024Q3"; NULL: the reporting period (store_period_pick) */
	enum status status;    /* with NOTE_ONLY: ignored, the current status is kept */
	const char *note;      /* UTF-8, may be "" */
	const char *based_on;  /* id of the newest record the user saw for (task, dept),
				  "" if they saw none, NULL for no check */
	int note_only;         /* a note without a status report: changes no state */
	int backfill;          /* office: PERIOD need not be open (the history says so) */
};

struct progress_result {
	char id[33];           /* the new record */
	char period[8];        /* the period it was recorded for */
	int backfill;          /* 1: recorded as a backfill (the period was not open) */
	int conflict;          /* 1: the newest record was not BASED_ON; both are kept */
	struct progress_rec newer; /* with conflict: the record that came in between */
};

/* Append a progress record, in its own transaction. Refused: unknown task,
 * a department not on the task, a liaison of another department, a viewer or
 * unknown user, an invalid period or status, a note that is not UTF-8. */
int store_progress_append(struct store *s, const char *login, const struct progress_in *in,
			  struct progress_result *r, struct err *e);

/* The newest record of (TASK, DEPT); -ERR_NOTFOUND when there is none. */
int store_progress_latest(struct store *s, const char *task, const char *dept,
			  struct progress_rec *out, struct err *e);

/* Ids of the tasks of PLAN (NULL: all) whose text, any spelling of one of
 * their departments, or any progress note (not only the newest) contains KEY
 * (a text_match_key, so simplified finds traditional), in document order
 * (plans newest first), with each task's plan in *PLANS (may be NULL). One
 * query: task texts and department spellings by scan, notes through the
 * trigram index when store_task_search_indexed(KEY), else by scan. Free both
 * arrays with store_strv_free. */
int store_task_search(struct store *s, const char *plan, const char *key, char ***task_ids,
		      char ***plans, size_t *n, struct err *e);
/* 1 when the index answers a search for KEY, so that one query over every
 * plan costs about as much as one over a single plan. */
int store_task_search_indexed(const char *key);

/* ---- close-off review (销号) ---- */


/* Office only: approve or return (REASON required) the close-off the lead
 * department of TASK asked for, or reopen (REASON required) an approved one
 * (src/state.h has the rule). RECORD, when not NULL, is the record the office
 * looked at: if the close-off is now about another record, nothing is done
 * (-ERR_CONFLICT, naming both). Refused when the close-off is not in a state
 * that DECISION applies to, with the reason. */
int store_review(struct store *s, const char *login, const char *task, enum review_decision decision,
		 const char *record, const char *reason, struct err *e);

/* ---- reporting periods and leads (office) ---- */

/* Open PERIOD for reports, due on DUE ("2026-01-10"). Office only. Refused:
 * an invalid period or date, a quarter that has not begun, a due date in the
 * past, a period already open or closed. */
int store_period_open(struct store *s, const char *login, const char *period, const char *due,
		      struct err *e);
/* Close PERIOD (office only); refused when it is not open. */
int store_period_close(struct store *s, const char *login, const char *period, struct err *e);
/* Every period opened, newest first. */
int store_period_list(struct store *s, struct period_info **out, size_t *n, struct err *e);
void store_period_list_free(struct period_info *v, size_t n);
/* The period a record of TASK goes to when none is named: the newest open
 * period among the quarters TASK's plan reports on; while no period was ever
 * opened, the current quarter (the plan's last one when it has ended).
 * -ERR_CONFLICT saying why when there is none. OUT: 8 bytes. */
int store_period_pick(struct store *s, const char *task, char out[8], struct err *e);
/* The same for the tasks of plan PLAN; -ERR_NOTFOUND when there is no such plan. */
int store_period_pick_plan(struct store *s, const char *plan, char out[8], struct err *e);

/* Make DEPT (one of TASK's departments) its lead, with REASON; office only.
 * The document's order is kept (positions), the change is kept in the
 * history, and the task's state becomes DEPT's. */
int store_task_lead(struct store *s, const char *login, const char *task, const char *dept,
		    const char *reason, struct err *e);

/* ---- evidence (佐证材料) ---- */


struct evidence_in {
	const char *task, *dept;
	enum evidence_kind kind;
	const char *title;         /* required */
	const char *file_name;     /* EV_FILE: the name as given (a name only, no path) */
	const void *data; size_t size; /* EV_FILE */
	const char *value;         /* EV_DOCNO: 文号; EV_URL: the link */
	const char *progress;      /* optional progress record id */
};


/* Attach evidence, in its own transaction, with the same role rules as
 * progress. Files over the limit (setting evidence.max_bytes, default 20 MB)
 * are refused; the same bytes are stored once. *ID_OUT gets the new id. */
int store_evidence_add(struct store *s, const char *login, const struct evidence_in *in,
		       char id_out[33], struct err *e);
/* Evidence of TASK (NULL: all) and DEPT (NULL: all), oldest first. */
int store_evidence_list(struct store *s, const char *task, const char *dept,
			struct evidence_info **out, size_t *n, struct err *e);
/* One item and, for a file, its bytes (*DATA, caller frees). */
int store_evidence_get(struct store *s, const char *id, struct evidence_info *out, void **data,
		       size_t *size, struct err *e);
void store_evidence_info_release(struct evidence_info *v);
void store_evidence_list_free(struct evidence_info *v, size_t n);

/* Settings (office only to change): "evidence.max_bytes". */
/* The evidence size limit in bytes: the setting, else the default, never
 * above EVIDENCE_MAX_BYTES_CEILING. */
long long store_evidence_limit(struct store *s);
long long store_setting_int(struct store *s, const char *key, long long dflt);
int store_setting_set(struct store *s, const char *login, const char *key, const char *value,
		      struct err *e);

/* ---- status ---- */


/* Current state of one task. */
int store_task_state(struct store *s, const char *task, struct task_state *out, struct err *e);
void store_task_state_release(struct task_state *t);

/* Lead status of every task of PLAN (NULL: all plans) that DEPT (NULL: any)
 * leads or takes part in, in document order: a light row per task for trees
 * and roll-ups. One query, by index. */
int store_status_rows(struct store *s, const char *plan, const char *dept,
		      struct status_row **out, size_t *n, struct err *e);
void store_status_row_release(struct status_row *r);
void store_status_rows_free(struct status_row *v, size_t n);

/* ---- what is owed and what waits (store_liaison.c) ---- */

/* The reporting period the tasks of PLAN owe a report for, into PERIOD (8
 * bytes), and its due date into DUE (11 bytes): store_period_pick_plan's
 * period; "" for both when the plan owes none (no period of its quarters is
 * open; or, while the office has opened none, the current quarter is not
 * one of its quarters); DUE "" while no period was ever opened. */
int store_report_period(struct store *s, const char *plan, char period[8], char due[11], struct err *e);

/* Status rows in store_status_rows' order. With DEPT: the tasks DEPT is on
 * with DEPT's OWN state (status, silent and review are its own, its
 * close-off only where it leads; role is its role), not the lead's;
 * without: every task and its lead's state (role -1). PLAN NULL: all plans.
 * Each row's PERIOD is its plan's store_report_period and REPORTED whether
 * the department (without DEPT, the lead) has a status record for it (a
 * note alone is no report). Free with store_status_rows_free. */
int store_queue_rows(struct store *s, const char *plan, const char *dept, struct status_row **out,
		      size_t *n, struct err *e);
/* The departments with a status record on TASK for PERIOD, by name. Free
 * with store_strv_free. */
int store_task_reported(struct store *s, const char *task, const char *period, char ***depts,
			size_t *n, struct err *e);
/* The tasks whose lead's close-off awaits review, in the tree's order
 * (plans newest first, then document order). Free with
 * store_task_refs_free. */
int store_review_queue(struct store *s, struct task_ref **out, size_t *n, struct err *e);
void store_task_refs_free(struct task_ref *v, size_t n);
/* How many close-offs await review, into *N: store_review_queue's length
 * (and a retired task's, which the queue leaves out, if any has one). */
int store_review_count(struct store *s, int *n, struct err *e);
/* The departments with tasks not reported for their plan's reporting
 * period when that period's due date is before TODAY ("2026-01-10"), the
 * most tasks first. Free with store_overdue_free. */
int store_overdue(struct store *s, const char *today, struct dept_overdue **out, size_t *n, struct err *e);
void store_overdue_free(struct dept_overdue *v, size_t n);

/* One report: the status record IN and the NEV items of evidence EV (their
 * task, department and record are IN's and the new record's), in one
 * transaction, held to the rules of store_progress_append and
 * store_evidence_add; when any part is refused nothing is written. R as
 * store_progress_append fills it; EV_IDS gets the evidence ids (room for
 * NEV; may be NULL when NEV is 0). */
int store_report_save(struct store *s, const char *login, const struct progress_in *in,
		      const struct evidence_in *ev, size_t nev, struct progress_result *r, char (*ev_ids)[33],
		      struct err *e);

/* ---- history ---- */

/* Every record, review and attachment of TASK in time order. */
int store_history(struct store *s, const char *task, struct history_item **out, size_t *n,
		  struct err *e);
void store_history_free(struct history_item *v, size_t n);

#endif
