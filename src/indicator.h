/* Indicators (指标): a plan's measured targets (每万人口高价值发明专利拥有量,
 * 12 by 2025), the values departments report for them, and THE rule that
 * judges an indicator from its baseline, targets and values
 * (indicator_judge), which the command line, the terminal UI, the checklist
 * and the annual report all call. Pure functions: no store, no I/O. */
#ifndef DUBAN_INDICATOR_H
#define DUBAN_INDICATOR_H

#include <stddef.h>

#include "src/err.h"
#include "src/util.h"

/* Which way is better. */
enum ind_direction { IND_HIGHER, IND_LOWER };
/* 预期性 (expected: a direction to work towards) or 约束性 (binding). */
enum ind_kind { IND_EXPECTED, IND_BINDING };

/* The judgement of an indicator (indicator_judge has the rule). */
enum ind_judgement {
	J_ACHIEVED,   /* 已实现, 已提前实现 before the target year */
	J_AHEAD,      /* 快于预期: above the straight line by more than the tolerance */
	J_ON_TRACK,   /* 符合预期: within the tolerance of the line */
	J_BEHIND,     /* 滞后: below the line by more than the tolerance, or the
			 target year has come and the target is not met */
	J_NO_DATA,    /* 未报送: no value reported (up to the year judged) */
	J_UNKNOWN,    /* 无法判断: a value, but no target, or no baseline to draw
			 the line from */
	J_COUNT
};

/* On track means within this share of the way from the baseline to the
 * target of the straight line: 0.05 is five percentage points of the way. */
#define IND_TOLERANCE 0.05

struct ind_target {
	int year;
	char *value;          /* canonical decimal ("12", "3500.5") */
};

struct indicator {
	char *id;             /* "FYP14-I4": the plan key, "-I" and its number */
	char *plan;
	int seq;              /* its number in the plan, from 1 */
	char *name, *unit;    /* "知识产权使用费年进出口总额", "亿元" */
	char *note;           /* the definition note, "" for none */
	enum ind_direction direction;
	enum ind_kind kind;
	int baseline_year;    /* 0: not known */
	char *baseline;       /* canonical decimal, "" when not known */
	struct ind_target *targets; size_t ntargets;   /* by year */
	char **depts; size_t ndepts;                   /* the reporting departments */
	char *defined_by, *defined_at;
};

/* One reported value. Values are appended, never changed: a correction is a
 * new value for the same period, and the newest (by AT) counts. */
struct ind_value {
	char *id, *indicator;
	char *period;         /* "2024" (the year) or "2024Q3" (up to that quarter) */
	char *value;          /* canonical decimal */
	char *typed;          /* as it was typed: "3,194.4亿元" */
	char *dept;           /* the reporting department, "" when the office recorded it */
	char *note;
	char *source_kind;    /* "docno", "url", or "" for none */
	char *source;         /* the document number (文号) or the link */
	char *who, *at;       /* at: "2024-07-01T08:00:00.123Z" UTC */
};

const char *ind_direction_name(enum ind_direction d);     /* "higher" "lower" */
const char *ind_direction_name_zh(enum ind_direction d);  /* "越高越好" "越低越好" */
const char *ind_kind_name(enum ind_kind k);                /* "expected" "binding" */
const char *ind_kind_name_zh(enum ind_kind k);             /* "预期性" "约束性" */
/* Parse a direction (higher, lower, 越高越好, 越低越好, 正向, 逆向, 越大越好,
 * 越小越好) or a kind (expected, binding, 预期性, 约束性); -1 if S is none. */
int ind_direction_parse(const char *s);
int ind_kind_parse(const char *s);

/* "achieved" "ahead" "on-track" "behind" "no-data" "unknown", and in
 * Chinese 已实现 (已提前实现 when EARLY) 快于预期 符合预期 滞后 未报送 无法判断. */
const char *ind_judgement_name(enum ind_judgement j);
const char *ind_judgement_name_zh(enum ind_judgement j, int early);

/* ---- what users type ---- */

/* A value as a user types it: "3194.4", "3,194.4", "３１９４．４",
 * "80.05分", "85.2％", "-1.5". Full-width forms are folded (NFKC), thousands
 * separators must group by three, and a unit written after the number must
 * be UNIT. On success 0 and CANON (caller frees) the canonical decimal:
 * no separators, no unit, no '+', the decimals as typed ("3194.4").
 * -ERR_INPUT with a message naming TYPED and what to do otherwise: not a
 * number, a misplaced separator, another unit, more than 18 digits. */
int ind_value_parse(const char *typed, const char *unit, char **canon, struct err *e);

/* A canonical decimal as a double, read without the C library's locale
 * (a ',' decimal point would misread "3194.4"). 0 and *V, or -1 when S is
 * not one. */
int ind_number(const char *s, double *v);

/* V written with at most DECIMALS decimals and no trailing zeros ("3500",
 * "12.7"), independent of the locale, into BUF (>= 40 bytes). */
void ind_format(double v, int decimals, char *buf, size_t n);

/* A value's period as typed: "2024", "2024年", "2024Q3", full-width digits
 * too. On success 0 and OUT (8 bytes) the canonical form ("2024",
 * "2024Q3"); -1 otherwise. */
int ind_period_parse(const char *typed, char out[8]);
/* 1 if P is a canonical period ("2024" or "2024Q3", years 2000-2099). */
int ind_period_valid(const char *p);
/* The year of period P. */
int ind_period_year(const char *p);
/* When period P ends, in years: "2024" and "2024Q4" are 2024.0 (the end of
 * 2024), "2025Q2" is 2024.5. A baseline or target year Y is Y.0. */
double ind_period_time(const char *p);

/* ---- the rule ---- */

struct ind_verdict {
	enum ind_judgement j;
	int early;                     /* J_ACHIEVED before its target year */
	const struct ind_value *latest;/* the value judged (in the caller's array), or NULL */
	double actual;                 /* LATEST's value */
	int has_target, target_year;   /* the target judged against */
	double target;
	int has_start, start_year;     /* where its straight line starts: the baseline,
					  or the previous target for a later one */
	double start;
	int paced;                     /* 1: judged against the line (ahead, on track,
					  behind by pace): PROGRESS and TIME are set */
	double progress;               /* share of the way from START to TARGET done */
	double time;                   /* share of the time from START_YEAR to TARGET_YEAR gone */
	double expected;               /* the line's value at LATEST's period */
	char why[512];                 /* the reason in one Chinese sentence */
};

/* Judge indicator IND from its N values V (any order) as of the end of year
 * UPTO (0: every value). The rule, the same everywhere:
 *  1. The value judged is the one of the latest period up to UPTO; among
 *     values of one period the newest record (a correction) counts. None:
 *     未报送 (no data).
 *  2. The target is the first whose year is not before that period (the
 *     last target once all have passed). No target: 无法判断 (unknown).
 *  3. A value that meets the target (>= for higher-is-better, <= for
 *     lower-is-better) is 已实现 (achieved), 已提前实现 before the target
 *     year. Not met by the target year (or later): 滞后 (behind).
 *  4. Otherwise the value is held to the straight line from the start (the
 *     baseline; for a later target, the target before it) to the target:
 *     progress p = (value - start) / (target - start), time t = (period's
 *     end - start year) / (target year - start year). p - t above
 *     IND_TOLERANCE is 快于预期 (ahead), below -IND_TOLERANCE 滞后
 *     (behind), else 符合预期 (on track). No start: 无法判断; a start that
 *     already met the target: 滞后 (the value has fallen below it).
 * OUT->latest points into V. */
void indicator_judge(const struct indicator *ind, const struct ind_value *v, size_t n, int upto,
		     struct ind_verdict *out);

/* The summary sentence of the N indicators INDS judged VD, in the office's
 * form: "8项预期性指标中，甲、乙和丙3项指标已提前实现，丁1项指标进展快于
 * 预期，…。" Appended to SB; categories with no indicator are left out. */
void indicator_summary(const struct indicator *inds, const struct ind_verdict *vd, size_t n,
		       struct strbuf *sb);

/* The rule in a paragraph (Chinese), for the report and the help. */
extern const char indicator_rule_zh[];

/* ---- lists ---- */

/* The indicator of the N in V that TYPED names: its id ("FYP14-I4", any
 * case, full-width allowed; "I4" or "4" in PLAN when PLAN is not NULL), or
 * its name (simplified or traditional, spaces ignored; within PLAN when
 * given). 0 and *IDX; -ERR_NOTFOUND with up to three "did you mean"
 * suggestions; -ERR_CONFLICT when the name is in several plans (naming
 * their ids). */
int indicator_find(const struct indicator *v, size_t n, const char *typed, const char *plan,
		   size_t *idx, struct err *e);

/* 1 if DEPT reports IND. */
int indicator_reported_by(const struct indicator *ind, const char *dept);

/* The target of IND for YEAR or the first after it, else the last; NULL
 * when it has none. */
const struct ind_target *indicator_target_for(const struct indicator *ind, int year);

/* The value the rule reads for each period: V's values up to UPTO (0: all)
 * with every superseded one (an older record of the same period) left out,
 * by period. Returns their number; *OUT (caller frees the array, not the
 * values) points into V. */
size_t indicator_current_values(const struct ind_value *v, size_t n, int upto,
				const struct ind_value ***out);

void indicator_release(struct indicator *ind);
void indicator_list_free(struct indicator *v, size_t n);
void ind_value_release(struct ind_value *v);
void ind_values_free(struct ind_value *v, size_t n);

#endif
