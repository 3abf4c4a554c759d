/* Indicators (指标) in the store: the office's definitions and the values
 * departments append for them, each write held to the role rules in its
 * transaction (the office defines; the office or the liaison of a reporting
 * department records). Same conventions as store.h: 0 or a negative enum
 * err_code with E filled; what is handed back belongs to the caller. */
#ifndef DUBAN_STORE_INDICATOR_H
#define DUBAN_STORE_INDICATOR_H

#include <stddef.h>

#include "src/indicator.h"
#include "store/store.h"

/* A definition as given. Values are as typed (ind_value_parse reads them
 * against the unit); what is NULL or unset is kept for an indicator that
 * exists and defaulted for a new one. */
struct ind_def {
	const char *plan;           /* plan key */
	const char *name;
	const char *unit;           /* NULL: keep (a new indicator needs one; "" is none) */
	int direction;              /* enum ind_direction; -1 keep (new: higher) */
	int kind;                   /* enum ind_kind; -1 keep (new: expected) */
	int set_baseline;           /* 1: set the baseline to the two below */
	int baseline_year;          /* 0: not known */
	const char *baseline;       /* as typed; NULL or "": not known */
	int set_targets;            /* 1: the targets become these */
	const struct ind_target *targets; size_t ntargets;  /* values as typed */
	int set_depts;              /* 1: the reporting departments become these */
	char *const *depts; size_t ndepts;                  /* canonical names */
	const char *note;           /* NULL: keep */
};

enum ind_def_outcome { IND_DEF_NEW, IND_DEF_CHANGED, IND_DEF_UNCHANGED };

/* Define the indicator D->name of plan D->plan, or change the one the plan
 * has by that name (simplified or traditional), in one transaction; office
 * only. ID (48 bytes) gets its id, *OUTCOME what happened. Refused: an
 * unknown plan or department, an empty name or unit of a new indicator, a
 * value that is not a number in the unit, a target year not after the
 * baseline year or given twice, a changed unit once values are recorded. */
int store_indicator_define(struct store *s, const char *login, const struct ind_def *d, char id[48],
			   enum ind_def_outcome *outcome, struct err *e);

/* The N definitions D in one transaction, all or none: every one is checked;
 * if any is refused nothing is written, ROW_ERRS[i] (an array of N, may be
 * NULL) says why for each (code 0 for the good ones), *NBAD counts them and
 * the return is the first refusal's code. DRY_RUN checks and writes
 * nothing. IDS and OUTCOMES (arrays of N, may be NULL) as above. */
int store_indicator_define_many(struct store *s, const char *login, const struct ind_def *d, size_t n,
				int dry_run, char (*ids)[48], enum ind_def_outcome *outcomes,
				struct err *row_errs, size_t *nbad, struct err *e);

/* Indicators of PLAN (NULL: all) that DEPT (NULL: any) reports, with their
 * targets and departments, plans newest first, then in plan order. Free
 * with indicator_list_free. */
int store_indicator_list(struct store *s, const char *plan, const char *dept,
			 struct indicator **out, size_t *n, struct err *e);

/* Values of indicator ID (NULL: every indicator of PLAN, or all when PLAN is
 * NULL too), by indicator, then in the order they were recorded, each with
 * its first source. Free with ind_values_free. */
int store_indicator_values(struct store *s, const char *id, const char *plan,
			   struct ind_value **out, size_t *n, struct err *e);

/* A value as given: every field as typed. */
struct ind_value_in {
	const char *indicator;  /* id */
	const char *period;     /* "2024", "2024年", "2024Q3" */
	const char *value;      /* "3,194.4", "80.05分" */
	const char *dept;       /* canonical; NULL: the liaison's own (none for the office) */
	const char *source;     /* a 文号 or an http(s):// link; NULL or "": none */
	const char *note;       /* NULL: none */
	int once;               /* a value equal to the period's latest is not recorded again */
};

struct ind_record_result {
	char id[33];            /* the new value */
	char period[8];         /* canonical */
	char value[48];         /* canonical */
	char previous[48];      /* the value this one corrects, "" if the period had none */
	char dept[128];         /* the department it was recorded for, "" for none */
	int same;               /* with ONCE: the period's latest value is this one; nothing new */
};

/* Append the value IN in one transaction. Refused: an unknown indicator; a
 * viewer or a stranger; a liaison of a department that does not report the
 * indicator (or recording for another department); a department named by
 * the office that does not report it; a period that is not a year or a
 * quarter, that has not begun, or that is not after the baseline year; a
 * value that is not a number or is in another unit; a link that is not
 * http(s); text that is not UTF-8. Nothing is written then. */
int store_indicator_record(struct store *s, const char *login, const struct ind_value_in *in,
			   struct ind_record_result *r, struct err *e);

/* The N values IN in one transaction, all or none, as
 * store_indicator_define_many (R: an array of N, may be NULL). */
int store_indicator_record_many(struct store *s, const char *login, const struct ind_value_in *in,
				size_t n, int dry_run, struct ind_record_result *r,
				struct err *row_errs, size_t *nbad, struct err *e);

#endif
