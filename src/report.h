/* The annual monitoring evaluation (年度监测评估): completion of a year's
 * plan overall, by chapter and section and by department, the follow-up list
 * (督促检查: behind, silent, done without evidence, close-offs awaiting
 * review), the carry-over from the previous year's plan and the indicators
 * of the plans in force with their judgement; rendered as
 * Markdown, JSON and one self-contained HTML page with SVG charts. */
#ifndef DUBAN_REPORT_H
#define DUBAN_REPORT_H

#include <stddef.h>

#include "src/carryover.h"
#include "src/indicator.h"
#include "src/status.h"
#include "src/util.h"
#include "src/model.h"
#include "src/rollup.h"

struct store;

/* A task as its lead department reports it (src/state.h). silent: the lead
 * has recorded no status. */
struct report_task {
	char *task, *plan, *text, *lead;
	int chapter, section;
	enum status status;
	int silent;
	enum review_state review;
	char *reason;          /* REVIEW_RETURNED: the office's reason */
	char *period, *note;   /* of the lead's current record, "" if none */
	int nevidence;         /* the lead's evidence on the task */
};

struct report_group {
	char *plan;
	int chapter, section;  /* section 0: the chapter itself */
	char *title;
	struct rollup r;
};

/* Participants' roll-ups count each department's own newest record; a
 * participant's `done` counts as done (close-off review is the lead's). */
struct report_dept {
	char *dept;
	struct rollup lead, participant;
};

/* An indicator of a plan in force in the year, judged as of its end
 * (src/indicator.h's rule). */
struct report_indicator {
	struct indicator def;
	struct ind_value *values; size_t nvalues;   /* every value recorded, oldest first */
	const struct ind_value **cur; size_t ncur;  /* the value counted of each period up to the year */
	struct ind_verdict v;                       /* v.latest points into VALUES */
};

struct report {
	int year;
	char *plans, *titles;      /* keys joined by ",", titles by "；" */
	char *made;                /* date made */
	char *chain;               /* the chain's head when made (store_chain_head), to print */
	struct rollup overall;
	struct report_group *chapters; size_t nchapters;
	struct report_group *sections; size_t nsections;
	struct report_dept *depts; size_t ndepts;   /* by tasks led, then taken part in */
	struct report_task *tasks; size_t ntasks;   /* every task, document order */
	struct carry_link *carry; size_t ncarry;    /* into this year from the year before */
	/* the indicators of the plans in force in the year (PLAN: only its
	 * own), and the office's summary sentence of them */
	struct report_indicator *inds; size_t ninds;
	char *ind_summary;
	int carry_compared;        /* the year before has an annual plan: the carry-over was looked for */
};

/* Build the report of the plans of YEAR (PLAN: only that plan key). One
 * query per plan. -ERR_NOTFOUND when no plan has that year. */
int report_build(struct store *s, int year, const char *plan, struct report *out, struct err *e);
void report_release(struct report *r);

/* Figures of a roll-up as the reports show them: the eight parts add up to
 * total (not_started here excludes silent). */
struct report_parts { int done, pending, returned, ongoing, in_progress, behind, not_started, silent; };
void report_parts(const struct rollup *r, struct report_parts *p);

/* The follow-up predicates on a task. */
int report_is_behind(const struct report_task *t);
int report_is_silent(const struct report_task *t);
int report_any(const struct report_task *t);   /* every task: 1 */
int report_done_without_evidence(const struct report_task *t);
int report_pending_review(const struct report_task *t);

/* Append S to SB escaped for a Markdown table cell (control characters
 * shown, | \ * _ ` [ ] escaped, < as &lt;), or for HTML text and attributes;
 * the bulletin and the reminders write with these too. */
void report_md_escape(struct strbuf *sb, const char *s);
void report_html_escape(struct strbuf *sb, const char *s);

void report_md(const struct report *r, struct strbuf *sb);
void report_json(const struct report *r, struct strbuf *sb);
void report_html(const struct report *r, struct strbuf *sb);

#endif
