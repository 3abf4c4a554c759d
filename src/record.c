/* Recording a status and a note. */
#include "src/evidence.h"
#include "src/note.h"
#include "src/record.h"
#include "src/util.h"
#include "store/store.h"
#include "src/banned.h"

int record_progress(struct store *s, const char *login, const struct record_req *r,
		    struct record_result *out, struct err *e)
{
	return record_report(s, login, r, NULL, 0, out, e);
}

int record_report(struct store *s, const char *login, const struct record_req *r,
		  const struct evidence_add *ev, size_t nev, struct record_result *out, struct err *e)
{
	struct progress_in in;
	struct progress_result res;
	struct evidence_ready *ready = xcalloc(nev + 1, sizeof *ready);
	struct evidence_in *evin = xcalloc(nev + 1, sizeof *evin);
	char (*ids)[33] = xcalloc(nev + 1, sizeof *ids);
	char *note = xstrdup(r->note ? r->note : "");
	size_t nready = 0;
	int rc;

	memset(out, 0, sizeof *out);
	memset(&res, 0, sizeof res);
	/* every file is read, and refused, before anything is written */
	for (; nready < nev; nready++) {
		struct evidence_add one = ev[nready];
		one.task = r->task;
		one.dept = r->dept;
		if ((rc = evidence_prepare(s, &one, &ready[nready], e)))
			goto out;
		evin[nready] = ready[nready].in;
	}
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
	if ((rc = store_report_save(s, login, &in, evin, nev, &res, ids, e)))
		goto out;
	out->nevidence = (int)nev;
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
	for (size_t i = 0; i < nready; i++)
		evidence_ready_release(&ready[i]);
	free(ready);
	free(evin);
	free(ids);
	free(note);
	return rc;
}

void record_result_release(struct record_result *out)
{
	store_progress_rec_release(&out->newer);
	memset(out, 0, sizeof *out);
}
