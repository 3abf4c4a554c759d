/* The domain's own types: plans and their outline, tasks and the roles of
 * departments on them, users, progress records, close-off reviews, evidence
 * and the states derived from them. The store fills them and the CLI and the
 * UI show them; the functions here only name their values. */
#ifndef DUBAN_MODEL_H
#define DUBAN_MODEL_H

#include <stddef.h>

#include "src/status.h"

/* Evidence files are refused above the setting evidence.max_bytes, by default
 * 20 MB; the setting cannot exceed what one SQLite blob may hold. */
#define EVIDENCE_MAX_BYTES_DEFAULT (20LL * 1024 * 1024)
#define EVIDENCE_MAX_BYTES_CEILING (1000LL * 1000 * 1000)

struct dept_info {
	char *name;
	char *kind;
	int lead;          /* tasks it leads (not retired) */
	int participant;   /* tasks it takes part in */
	char **aliases;    /* other spellings, predecessors marked with a leading '^' */
	size_t naliases;
};

struct plan_info {
	char *key, *title, *kind, *source, *imported_at, *imported_by;
	char *docno, *issued;  /* its 文号 and date of issue, "" when unknown */
	int year, nchapters, nsections, ntasks;
};

/* A plan's chapters and sections, in document order. */
struct outline_chapter { int number; char *title; };
struct outline_section { int chapter, number; char *title; };

enum role { ROLE_LEAD, ROLE_PARTICIPANT };

struct task_dept {
	char *dept;      /* canonical name */
	char *written;   /* as the document wrote it */
	enum role role;  /* lead: the document's first, unless the office changed it */
	int position;    /* where the document names it, from 1 */
};

struct task_row {
	char *id;        /* "2024-105" */
	char *plan;      /* "2024" */
	char *label;     /* "105" */
	int seq, chapter, section;           /* section 0 when none */
	char *chapter_title, *section_title; /* section_title "" when none */
	char *text;
	char *match_key; /* text_match_key(text), stored at import: for search */
	int open;        /* its department list is open-ended (等, 会同有关部门) */
	char *lists;     /* each department list as written, one a line */
	struct task_dept *depts; size_t ndepts;  /* lead first, then document order */
};

const char *role_name(enum role r);      /* "lead" / "participant" */
const char *role_name_zh(enum role r);   /* "牵头" / "参与" */

enum user_role { UROLE_VIEWER, UROLE_LIAISON, UROLE_OFFICE };

struct actor {
	char *login;
	enum user_role role;
	char *dept;      /* liaison's department, NULL otherwise */
	int implicit;    /* 1: no users are defined, so the local user acts as office */
	int known;       /* 1: LOGIN is in the users table (or implicit) */
};

const char *user_role_name(enum user_role r);   /* "viewer" "liaison" "office" */
int user_role_parse(const char *s);              /* -1 if unknown */

struct user_info { char *login, *dept, *added_by, *added_at; enum user_role role; };

struct progress_rec {
	char *id;        /* 32 hex digits, random */
	char *task, *dept, *period, *note, *who, *at;  /* at: "2024-07-01T08:00:00.123Z" UTC */
	enum status status;
};

enum review_state { REVIEW_NONE, REVIEW_PENDING, REVIEW_APPROVED, REVIEW_RETURNED };
const char *review_state_name(enum review_state r); /* "", "pending review", "approved", "returned" */

/* What the office decides on a close-off. */
enum review_decision { DECIDE_APPROVE, DECIDE_RETURN, DECIDE_REOPEN };
const char *review_decision_name(enum review_decision d);   /* "approve" "return" "reopen" */
int review_decision_parse(const char *s);                     /* -1 if unknown */

/* A reporting period the office opened. */
struct period_info {
	char *period, *due, *opened_by, *opened_at, *closed_by, *closed_at;  /* closed_*: "" if open */
	int open;
};

enum evidence_kind { EV_FILE, EV_DOCNO, EV_URL };

struct evidence_info {
	char *id, *task, *dept, *title, *file_name, *sha256, *value, *progress, *who, *at;
	enum evidence_kind kind;
	long long size;
};

const char *evidence_kind_name(enum evidence_kind k);  /* "file" "docno" "url" */

/* A department on a task (src/state.h says how it is folded). */
struct dept_state {
	char *dept;
	enum role role;
	int has_record;          /* 0: silent, status is ST_NOT_STARTED */
	enum status status;      /* its current status record's ("" period if none) */
	char *period, *record_id;
	char *at, *who, *note;   /* of its newest record, a note alone included, "" if none */
	int nevidence;
	enum review_state closeoff;  /* the lead's close-off; REVIEW_NONE for participants */
	char *reason;            /* REVIEW_RETURNED: the office's reason, else "" */
	char *closeoff_record;   /* the record the close-off is about, "" if none */
};

struct task_state {
	char *task;
	enum status status;      /* the lead department's, ST_NOT_STARTED if silent */
	int silent;              /* the lead has no record */
	enum review_state review;
	char *review_reason;     /* for REVIEW_RETURNED */
	char *period, *updated;  /* of the lead's newest record, "" if none */
	struct dept_state *depts; size_t ndepts;  /* document order, lead first */
};

/* A light row per task for trees and roll-ups: the lead's status. */
struct status_row {
	char *task;              /* id */
	char *plan;
	int chapter, section, seq;
	enum status status;
	int silent;
	enum review_state review;
	int role;                /* with DEPT: its enum role on the task; else -1 */
	char *lead;              /* the lead department */
	/* store_queue_rows only: the reporting period of the task's plan
	 * ("" when it owes none), and whether the department (without one,
	 * the lead) has a status record for it */
	char period[8];
	int reported;
};

/* A task by its id, its plan and its place in the plan's document order. */
struct task_ref {
	char *task, *plan;
	int seq;
};

/* A department with tasks not reported for a reporting period past its due date. */
struct dept_overdue {
	char *dept;
	int tasks;           /* its tasks with no status record for their plan's period */
	char period[8];      /* the period of the earliest due date missed */
	char due[11];        /* that due date */
};

struct history_item {
	char *at, *who, *dept, *kind;   /* "progress", "note", "review", "evidence", "lead" */
	char *summary;                  /* one line, e.g. "2024Q3 in-progress: 已完成初稿" */
	char *detail;                   /* full note, reason or evidence description */
};

/* One task of a department's checklist. */
struct checklist_item {
	char *task;          /* "2024-105" */
	char *text;
	enum role role;      /* the department's role on the task */
	char *others;        /* the other departments, document order, joined by "、" */
	/* the department's state folded (src/state.h) from its records of
	 * periods up to UPTO and the office's reviews of them */
	int has_prev;        /* it has a status record of a period <= UPTO */
	enum status prev;    /* the status it shows (done when approved; ST_NOT_STARTED when none) */
	char *prev_period;   /* the current record's period, "" when none */
	char *prev_note;     /* the note of its newest record <= UPTO (a note alone too), "" if none */
	enum review_state closeoff;  /* the lead's close-off */
	char *reason;        /* REVIEW_RETURNED: the office's reason, else "" */
	int nevidence;       /* evidence the department attached to the task */
};

#endif
