/* Recording a status and a note. */
#include "src/note.h"
#include "src/record.h"
#include "src/util.h"
#include "store/store.h"
#include "src/banned.h"

int record_progress(struct store *s, const char *login, const struct record_req *r,
		    struct record_result *out, struct err *e)
{
	struct progress_in in;
	struct progress_result res;
	char *note = xstrdup(r->note ? r->note : "");
	int rc;

	memset(out, 0, sizeof *out);
	memset(&res, 0, sizeof res);
	if ((rc = note_prepare(note, strlen(note), r->note_only ? -1 : (int)r->status, e)))
		goto out;
	if (r->note_only && !*note) {
		rc = err_set(e, ERR_USAGE, "the note is empty");
		goto out;
	}
	memset(&in, 0, sizeof in);
	in.task = r->task;
	in.dept = r->dept;
	in.period = r->period;
	in.status = r->status;
	in.note = note;
	in.based_on = r->based_on;
	in.note_only = r->note_only;
	in.backfill = r->backfill;
	if ((rc = store_progress_append(s, login, &in, &res, e)))
		goto out;
	memcpy(out->id, res.id, sizeof out->id);
	snprintf(out->period, sizeof out->period, "%s", res.period);
	out->backfill = res.backfill;
	out->conflict = res.conflict;
	out->newer = res.newer;
	{
		/* what the record did to the lead's close-off (src/state.h) */
		struct task_state ts;
		struct err ignored = { 0, "" };
		if (store_task_state(s, r->task, &ts, &ignored) == 0) {
			const struct dept_state *lead = ts.ndepts && ts.depts[0].role == ROLE_LEAD ? &ts.depts[0] : NULL;
			if (lead && !strcmp(lead->dept, r->dept)) {
				out->close_off = lead->closeoff == REVIEW_PENDING && !strcmp(lead->closeoff_record, out->id);
				out->closed = lead->closeoff == REVIEW_APPROVED;
			}
			store_task_state_release(&ts);
		}
	}
out:
	free(note);
	return rc;
}

void record_result_release(struct record_result *out)
{
	store_progress_rec_release(&out->newer);
	memset(out, 0, sizeof *out);
}
