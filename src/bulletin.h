/* The office's quarter in figures: for a reporting period, per department,
 * the tasks it holds, which it reported on time (a status record for the
 * quarter made by the period's due date, end of that day local time), late
 * or not at all, and what its state is as of the quarter (behind, done and
 * approved, returned, evidence), with the same figures for the earlier
 * quarters of the year (the trend), and the tasks each department is to be
 * reminded of (催办: not reported, returned, behind). Computed here from one
 * query per plan with src/state.c's rule; src/bulletin_render.c and
 * src/remind.c write it out.
 *
 * The rules, which the README repeats:
 * - the plans counted are those whose quarters (src/status.h's plan range)
 *   include the period: an annual plan of its year, the five-year plan
 *   of its years;
 * - a department's state as of a quarter folds its records of that quarter
 *   and earlier, and the office's reviews of them;
 * - a task is due a report in a quarter unless its lead's close-off was
 *   approved as of the quarter before (the task is closed for every
 *   department on it);
 * - a quarter whose period was never opened has no due date: its reports
 *   count as reported, neither on time nor late. The period asked for must
 *   have been opened (bulletin_build refuses it otherwise). */
#ifndef DUBAN_BULLETIN_H
#define DUBAN_BULLETIN_H

#include <stddef.h>

#include "src/model.h"
#include "src/state.h"
#include "src/util.h"

struct store;

/* One department's figures for one quarter. */
struct bulletin_figures {
	int lead, participant;  /* tasks held, by role */
	int expected;           /* held, less the tasks closed off before the quarter */
	int reported;           /* of expected: with a status record for the quarter */
	int on_time, late;      /* of reported: the first made by the deadline, after it
				   (both 0 when the quarter has no due date) */
	int silent;             /* of expected: no status record for the quarter */
	int behind;             /* its state as of the quarter is behind */
	int approved, pending, returned;  /* tasks it leads, by their close-off */
	int done;               /* done: a lead's close-off pending or approved, a participant's done */
	int done_evidence;      /* of done: with evidence the department attached */
};

/* Why a department is reminded of a task (bits). */
enum { BULLETIN_SILENT = 1, BULLETIN_RETURNED = 2, BULLETIN_BEHIND = 4 };

struct bulletin_item {
	char *task, *text, *plan;
	int seq;
	enum role role;
	unsigned why;           /* BULLETIN_* */
	char *reason;           /* BULLETIN_RETURNED: the office's reason, else "" */
	char *period;           /* the quarter of its current record as of the period, "" none */
	enum shown shown;       /* its state as of the period */
};

struct bulletin_dept {
	char *dept;
	char **liaisons;        /* logins of its liaisons, by name */
	size_t nliaisons;
	struct bulletin_figures q[4];     /* the quarters of the year up to the period */
	struct bulletin_item *items;      /* the period's tasks to remind it of, document order */
	size_t nitems;
	int nsilent, nreturned, nbehind;  /* items by reason (an item may have several) */
};

struct bulletin_quarter {
	char period[8];         /* "2025Q3" */
	char *due;              /* its due date, "" when never opened */
	int open;               /* open now */
	char deadline[32];      /* the end of the due day as a UTC instant, "" without one */
};

struct bulletin {
	char period[8];         /* the period asked for */
	int year, nq;           /* its year; quarters Q1..its own: quarters[nq - 1] is it */
	struct bulletin_quarter quarters[4];
	char *made;             /* the date made, local */
	char *plans, *titles;   /* plan keys joined by ",", titles by "；" */
	struct bulletin_dept *depts;      /* every department on the plans' tasks, ranked */
	size_t ndepts;
	struct bulletin_figures total[4]; /* all departments */
	char *chain;            /* the tamper chain's head when it was made ("1234:9f3ab2c4d5e6f708") */
};

/* Compute the figures of PERIOD ("2025Q4") into OUT, the departments ranked
 * by bulletin_rank_cmp. -ERR_NOTFOUND when the period was never opened (the
 * message names the periods that were) or no plan reports on it; release
 * with bulletin_release (also after an error). */
int bulletin_build(struct store *s, const char *period, struct bulletin *out, struct err *e);
void bulletin_release(struct bulletin *b);

/* The order of the bulletin: on-time rate (on time / expected) highest
 * first, then fewer not reported, fewer late, fewer behind, fewer returned,
 * then the name; departments with nothing expected last. On the period's
 * figures. */
int bulletin_rank_cmp(const struct bulletin_dept *a, const struct bulletin_dept *b, int q);

/* The rate N / D in per mille, or -1 when D is 0. */
int bulletin_permille(int n, int d);
/* "87.5%" for a per-mille rate, "—" for -1, into BUF (>= 16). */
const char *bulletin_percent(int permille, char *buf, size_t n);

/* "2025年第四季度" for "2025Q4", into BUF (>= 32). */
const char *bulletin_quarter_zh(const char *period, char *buf, size_t n);

/* Keep only department DEPT in B (the others released); 0, or -ERR_NOTFOUND
 * when it is on none of the plans' tasks. */
int bulletin_keep_dept(struct bulletin *b, const char *dept, struct err *e);

/* The period the office is in: the newest open one, into OUT; -ERR_NOTFOUND
 * saying to give one when none is open. */
int bulletin_default_period(struct store *s, char out[8], struct err *e);

/* Who may see it: the bulletin is the office's. 0, or -ERR_DENIED saying
 * why. */
int bulletin_check_office(struct store *s, const char *login, struct err *e);
/* Who may see the reminders: the office, of any department (DEPT, or every
 * one when NULL); a liaison, only its own department's, which *OWN gets
 * (caller frees; NULL for the office). 0, or -ERR_DENIED saying why. */
int bulletin_check_remind(struct store *s, const char *login, const char *dept, char **own,
			  struct err *e);

#endif
