/* Folding records and reviews into the current state. */
#include "src/state.h"
#include "src/util.h"
#include "src/banned.h"

/* 1 when record A (period, at), which comes after B in the events, takes
 * B's place: a later period, or the same period made at the same time or
 * later. */
static int newer(const char *pa, const char *ata, const char *pb, const char *atb)
{
	int c = strcmp(pa, pb);
	return c ? c > 0 : strcmp(ata, atb) >= 0;
}

void state_fold(const struct state_event *ev, size_t n, int lead, struct state_current *out)
{
	memset(out, 0, sizeof *out);
	out->status = ST_NOT_STARTED;
	out->closeoff = REVIEW_NONE;
	for (size_t i = 0; i < n; i++) {
		const struct state_event *x = &ev[i];
		if (x->kind == SE_RECORD) {
			/* only a record that becomes current moves the close-off:
			 * one backfilled for an earlier quarter does not */
			if (out->record && !newer(x->period, x->at, out->period, out->at))
				continue;
			out->record = x->record;
			out->period = x->period;
			out->at = x->at;
			out->status = x->status;
			if (!lead || out->closeoff == REVIEW_APPROVED)
				continue;
			if (x->status == ST_DONE) {
				out->closeoff = REVIEW_PENDING;
				out->closeoff_record = x->record;
				out->reason = NULL;
			} else {
				out->closeoff = REVIEW_NONE;
				out->closeoff_record = NULL;
				out->reason = NULL;
			}
			continue;
		}
		if (!lead || !out->closeoff_record || strcmp(x->record, out->closeoff_record))
			continue;
		switch (x->kind) {
		case SE_APPROVE:
			if (out->closeoff == REVIEW_PENDING)
				out->closeoff = REVIEW_APPROVED;
			break;
		case SE_RETURN:
			if (out->closeoff == REVIEW_PENDING) {
				out->closeoff = REVIEW_RETURNED;
				out->reason = x->reason;
			}
			break;
		case SE_REOPEN:
			if (out->closeoff == REVIEW_APPROVED) {
				out->closeoff = REVIEW_RETURNED;
				out->reason = x->reason;
			}
			break;
		default:
			break;
		}
	}
}

enum status state_shown(const struct state_current *c)
{
	if (c->closeoff == REVIEW_APPROVED)
		return ST_DONE;
	return c->record ? c->status : ST_NOT_STARTED;
}

int state_review_allowed(enum review_state closeoff, const char *decision, const char *task,
			 struct err *e)
{
	int reopen = !strcmp(decision, "reopen");
	if (reopen && closeoff == REVIEW_APPROVED)
		return 1;
	if (!reopen && closeoff == REVIEW_PENDING)
		return 1;
	switch (closeoff) {
	case REVIEW_NONE:
		err_set(e, ERR_CONFLICT, "task %s has no close-off to %s: its lead department has not "
			"recorded it done", task, reopen ? "reopen" : "review");
		break;
	case REVIEW_PENDING:
		err_set(e, ERR_CONFLICT, "the close-off of task %s is pending review, not approved: "
			"approve or return it", task);
		break;
	case REVIEW_APPROVED:
		err_set(e, ERR_CONFLICT, "the close-off of task %s is already approved; to take it back, "
			"reopen it with a reason", task);
		break;
	case REVIEW_RETURNED:
		err_set(e, ERR_CONFLICT, "the close-off of task %s was returned; the lead department "
			"must record it done again before it can be %s", task,
			reopen ? "reopened" : "reviewed");
		break;
	}
	return 0;
}

enum shown state_shown_of(enum status st, int silent, enum review_state review)
{
	if (silent)
		return SHOWN_SILENT;
	if (review == REVIEW_RETURNED)
		return SHOWN_RETURNED;
	if (review == REVIEW_PENDING)
		return SHOWN_PENDING;
	switch (st) {
	case ST_IN_PROGRESS: return SHOWN_IN_PROGRESS;
	case ST_BEHIND: return SHOWN_BEHIND;
	case ST_ONGOING: return SHOWN_ONGOING;
	case ST_DONE: return SHOWN_DONE;
	default: return SHOWN_NOT_STARTED;
	}
}

static const char *const shown_names[SHOWN_COUNT] = {
	"silent", "not-started", "in-progress", "behind", "ongoing", "done", "pending review", "returned"
};
static const char *const shown_names_zh[SHOWN_COUNT] = {
	"未报送", "未启动", "推进中", "滞后", "持续推进", "已完成", "待审核", "退回"
};

const char *shown_name(enum shown s)
{
	return (unsigned)s < SHOWN_COUNT ? shown_names[s] : "?";
}

const char *shown_name_zh(enum shown s)
{
	return (unsigned)s < SHOWN_COUNT ? shown_names_zh[s] : "?";
}

char shown_letter(enum shown s)
{
	return (unsigned)s < SHOWN_COUNT ? "NNPBODWR"[s] : '?';
}
