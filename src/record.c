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
	if ((rc = note_prepare(note, strlen(note), (int)r->status, e)))
		goto out;
	if (r->period)
		snprintf(out->period, sizeof out->period, "%s", r->period);
	else
		period_current(out->period, sizeof out->period);
	memset(&in, 0, sizeof in);
	in.task = r->task;
	in.dept = r->dept;
	in.period = out->period;
	in.status = r->status;
	in.note = note;
	in.based_on = r->based_on;
	if ((rc = store_progress_append(s, login, &in, &res, e)))
		goto out;
	memcpy(out->id, res.id, sizeof out->id);
	out->conflict = res.conflict;
	out->newer = res.newer;
	if (r->status == ST_DONE) {
		struct task_state ts;
		struct err ignored = { 0, "" };
		if (store_task_state(s, r->task, &ts, &ignored) == 0) {
			out->close_off = ts.ndepts && !strcmp(ts.depts[0].dept, r->dept);
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
