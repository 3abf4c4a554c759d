/* The state of a department on a task, and of the task: the one rule every
 * view follows (tree, detail, show, status, checklists, the report, the
 * bulletin). Records and reviews are appended and never changed; the state
 * is folded from them:
 * - the current record is the newest status record by period, then by time,
 *   so a record backfilled for an earlier quarter never shadows a later one;
 *   a note alone (a record marked note-only) changes neither status nor
 *   close-off;
 * - the lead department's close-off (销号) follows its status records in the
 *   order they were made, counting only those that became current: `done`
 *   asks for a close-off (pending); the office approves or returns it with a
 *   reason; any other status withdraws a request; an approved close-off stays
 *   closed whatever is recorded after it, until the office reopens it with a
 *   reason, which counts as a return;
 * - the task shows its lead's state, `done` whenever its close-off is
 *   approved. */
#ifndef DUBAN_STATE_H
#define DUBAN_STATE_H

#include <stddef.h>

#include "src/model.h"

enum state_event_kind { SE_RECORD, SE_APPROVE, SE_RETURN, SE_REOPEN };

struct state_event {
	enum state_event_kind kind;
	const char *at;        /* when it was made: UTC "2024-07-01T08:00:00.123Z" */
	const char *record;    /* SE_RECORD: its id; a review: the record it decides on */
	const char *period;    /* SE_RECORD: the quarter reported, "2024Q3" */
	enum status status;    /* SE_RECORD */
	const char *reason;    /* SE_RETURN, SE_REOPEN: why */
};

/* What the fold finds. Strings point into the events (valid while they are). */
struct state_current {
	const char *record;            /* the current status record; NULL: none (silent) */
	const char *period, *at;       /* its quarter, and when it was made */
	enum status status;
	enum review_state closeoff;    /* the lead's close-off; REVIEW_NONE otherwise */
	const char *closeoff_record;   /* the record the close-off is about */
	const char *reason;            /* REVIEW_RETURNED: the office's reason */
};

/* Fold the N events of one department on one task, sorted by AT (ties in
 * the order given), into OUT. LEAD: the department leads the task, so its
 * records ask for close-offs and the reviews count; for a participant the
 * reviews are ignored. */
void state_fold(const struct state_event *ev, size_t n, int lead, struct state_current *out);

/* The status a task shows for its lead's state C: done when the close-off
 * is approved, else the current record's (not-started when silent). */
enum status state_shown(const struct state_current *c);

/* What a task (or a department) shows, for every face to word the same way:
 * its status, with a lead's `done` split by its close-off. */
enum shown {
	SHOWN_SILENT,       /* nothing recorded */
	SHOWN_NOT_STARTED,
	SHOWN_IN_PROGRESS,
	SHOWN_BEHIND,
	SHOWN_ONGOING,
	SHOWN_DONE,         /* done: a close-off approved, or a participant's done */
	SHOWN_PENDING,      /* done, the close-off awaiting review */
	SHOWN_RETURNED,     /* the close-off returned (or reopened): the lead reports again */
	SHOWN_COUNT
};

/* The shown state of status ST (as store rows give it: done when approved),
 * SILENT and REVIEW, the lead's close-off. */
enum shown state_shown_of(enum status st, int silent, enum review_state review);
/* "silent" "not-started" "in-progress" "behind" "ongoing" "done" "pending review" "returned" */
const char *shown_name(enum shown s);
/* 未报送 未启动 推进中 滞后 持续推进 已完成 待审核 退回 */
const char *shown_name_zh(enum shown s);
/* One letter for narrow places (the UI's tree): N (silent too) P B O D W R. */
char shown_letter(enum shown s);

/* 1 when the office may take DECISION ("approve", "return", "reopen") on a
 * close-off in state CLOSEOFF; else 0 with E saying why (for task TASK). */
int state_review_allowed(enum review_state closeoff, const char *decision, const char *task,
			 struct err *e);

#endif
