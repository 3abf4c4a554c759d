/* Queries of the quarterly checklists and the annual evaluation (one query
 * per department or plan, not per task), and the checklist import's write of
 * many progress records in one transaction under the role rules of
 * store_check_write. */

#include "store/store_int.h"
#include "store/store_report.h"
#include "src/state.h"
#include "src/text.h"
#include "src/util.h"
#include "src/banned.h"

/* ---- checklists ---- */

static const struct store_col checklist_cols[] = {
	STORE_COL(struct checklist_item, 0, COL_TEXT, task),
	STORE_COL(struct checklist_item, 1, COL_TEXT, text),
	STORE_COL_ENUM(struct checklist_item, 2, role, store_role_names, ROLE_PARTICIPANT),
	STORE_COL(struct checklist_item, 3, COL_TEXT, others),
	STORE_COL(struct checklist_item, 4, COL_INT, nevidence),
};
static const struct store_rowmap checklist_map = STORE_ROWMAP(struct checklist_item, checklist_cols);

/* One event of a department's history on a task, for the checklist's fold:
 * kind 0 a status record, 1-3 a review (approve, return, reopen), 4 a note
 * alone. */
struct ck_event { char *task, *at, *record, *period, *reason, *note; int kind; enum status status; };
static const struct store_col ck_event_cols[] = {
	STORE_COL(struct ck_event, 0, COL_TEXT, task),
	STORE_COL(struct ck_event, 1, COL_INT, kind),
	STORE_COL(struct ck_event, 2, COL_TEXT, at),
	STORE_COL(struct ck_event, 3, COL_TEXT, record),
	STORE_COL(struct ck_event, 4, COL_TEXT, period),
	STORE_COL(struct ck_event, 5, COL_STATUS, status),
	STORE_COL(struct ck_event, 6, COL_TEXT, reason),
	STORE_COL(struct ck_event, 7, COL_TEXT, note),
};
static const struct store_rowmap ck_event_map = STORE_ROWMAP(struct ck_event, ck_event_cols);

/* Fold the events V[lo..hi) (one task) into IT, as src/state.h says. */
static void checklist_fold(struct checklist_item *it, const struct ck_event *v, size_t lo, size_t hi)
{
	static const enum state_event_kind kinds[] = { SE_RECORD, SE_APPROVE, SE_RETURN, SE_REOPEN };
	struct state_event *ev = xcalloc(hi - lo + 1, sizeof *ev);
	struct state_current cur;
	const char *note = "", *note_at = "";
	size_t n = 0;
	for (size_t k = lo; k < hi; k++) {
		if (v[k].kind == 0 || v[k].kind == 4) {
			if (strcmp(v[k].at, note_at) >= 0) {
				note = v[k].note;
				note_at = v[k].at;
			}
		}
		if (v[k].kind == 4)
			continue;
		ev[n].kind = kinds[v[k].kind & 3];
		ev[n].at = v[k].at;
		ev[n].record = v[k].record;
		ev[n].period = v[k].period;
		ev[n].status = v[k].status;
		ev[n].reason = v[k].reason;
		n++;
	}
	state_fold(ev, n, it->role == ROLE_LEAD, &cur);
	it->has_prev = cur.record != NULL;
	it->prev = state_shown(&cur);
	it->prev_period = xstrdup(cur.period ? cur.period : "");
	it->prev_note = xstrdup(note);
	it->closeoff = cur.closeoff;
	it->reason = xstrdup(cur.reason ? cur.reason : "");
	free(ev);
}

int store_checklist_items(struct store *s, const char *plan, const char *dept, const char *upto,
			  struct checklist_item **out, size_t *n, struct err *e)
{
	static const char items[] =
		"SELECT t.id, t.text, td.role,"
		"  coalesce((SELECT group_concat(x.dept, '、') FROM (SELECT o.dept FROM task_depts o"
		"    WHERE o.task = t.id AND o.dept != td.dept ORDER BY o.position) x), ''),"
		"  (SELECT count(*) FROM evidence ev WHERE ev.task = t.id AND ev.dept = td.dept)"
		" FROM task_depts td JOIN tasks t ON t.id = td.task"
		" WHERE td.dept = ?2 AND t.plan = ?1 AND t.retired = 0 ORDER BY t.seq";
	/* the department's records of periods <= UPTO on the plan's tasks and
	 * the reviews of them, task by task in the order they were made */
	static const char events[] =
		"SELECT p.task, CASE WHEN p.note_only THEN 4 ELSE 0 END, p.at, p.id, p.period, p.status, '',"
		"  p.note, p.rowid FROM progress p JOIN tasks t ON t.id = p.task"
		" WHERE t.plan = ?1 AND p.dept = ?2 AND p.period <= ?3"
		" UNION ALL SELECT r.task, CASE r.decision WHEN 'approve' THEN 1 WHEN 'return' THEN 2 ELSE 3 END,"
		"  r.at, r.progress, '', '', r.reason, '', 0"
		" FROM reviews r JOIN progress p ON p.id = r.progress JOIN tasks t ON t.id = r.task"
		" WHERE t.plan = ?1 AND p.dept = ?2 AND p.period <= ?3"
		" ORDER BY 1, 3, 2, 9";
	struct ck_event *ev = NULL;
	sqlite3_stmt *st = store_stmt(s, items, e);
	size_t nev = 0;
	int rc;
	store_bind_text(st, 1, plan);
	store_bind_text(st, 2, dept);
	if ((rc = store_rows(s, st, &checklist_map, out, n, "cannot read the checklist", e)))
		return rc;
	st = store_stmt(s, events, e);
	store_bind_text(st, 1, plan);
	store_bind_text(st, 2, dept);
	store_bind_text(st, 3, upto);
	if ((rc = store_rows(s, st, &ck_event_map, &ev, &nev, "cannot read the checklist's records", e))) {
		store_checklist_items_free(*out, *n);
		*out = NULL;
		*n = 0;
		return rc;
	}
	/* the items come in document order, the events by task id: each
	 * task's run of events is found by binary search */
	for (size_t i = 0; i < *n; i++) {
		struct checklist_item *it = &(*out)[i];
		size_t lo, hi;
		for (lo = 0, hi = nev; lo < hi;) {   /* first event of it->task */
			size_t mid = lo + (hi - lo) / 2;
			if (strcmp(ev[mid].task, it->task) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (hi = lo; hi < nev && !strcmp(ev[hi].task, it->task); hi++)
			;
		checklist_fold(it, ev, lo, hi);
	}
	store_rows_free(&ck_event_map, ev, nev);
	return 0;
}

void store_checklist_items_free(struct checklist_item *v, size_t n)
{
	/* what checklist_fold made, then what the map read */
	for (size_t i = 0; i < n; i++) {
		free(v[i].prev_period);
		free(v[i].prev_note);
		free(v[i].reason);
	}
	store_rows_free(&checklist_map, v, n);
}

int store_plan_depts(struct store *s, const char *plan, char ***out, size_t *n, struct err *e)
{
	static const char sql[] =
		"SELECT td.dept, sum(td.role = 'lead') AS l, count(*) AS c"
		" FROM task_depts td JOIN tasks t ON t.id = td.task"
		" WHERE t.plan = ?1 AND t.retired = 0 GROUP BY td.dept ORDER BY l DESC, c DESC, td.dept";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	store_bind_text(st, 1, plan);
	return store_rows(s, st, &store_strv_map, out, n, "cannot list the plan's departments", e);
}

/* ---- the annual evaluation ---- */

static const struct store_col report_row_cols[] = {
	STORE_COL(struct report_row, 0, COL_TEXT, task),
	STORE_COL(struct report_row, 1, COL_INT, chapter),
	STORE_COL(struct report_row, 2, COL_INT, section),
	STORE_COL(struct report_row, 3, COL_INT, seq),
	STORE_COL(struct report_row, 4, COL_TEXT, text),
	STORE_COL(struct report_row, 5, COL_TEXT, dept),
	STORE_COL_ENUM(struct report_row, 6, role, store_role_names, ROLE_PARTICIPANT),
	STORE_COL(struct report_row, 7, COL_SET, has_record),
	STORE_COL(struct report_row, 8, COL_STATUS, status),
	STORE_COL_ENUM(struct report_row, 9, review, store_closeoff_names, REVIEW_NONE),
	STORE_COL(struct report_row, 10, COL_TEXT, reason),
	STORE_COL(struct report_row, 11, COL_TEXT, period),
	STORE_COL(struct report_row, 12, COL_TEXT, note),
	STORE_COL(struct report_row, 13, COL_INT, nevidence),
};
static const struct store_rowmap report_row_map = STORE_ROWMAP(struct report_row, report_row_cols);

int store_report_rows(struct store *s, const char *plan, struct report_row **out, size_t *n,
		      struct err *e)
{
	static const char sql[] =
		"SELECT t.id, t.chapter, t.section, t.seq, t.text, td.dept, td.role, c.progress,"
		"  CASE WHEN td.dept = t.lead THEN c.shown ELSE c.status END, c.closeoff, c.reason,"
		"  coalesce(p.period, ''), coalesce(p.note, ''),"
		"  (SELECT count(*) FROM evidence ev WHERE ev.task = td.task AND ev.dept = td.dept)"
		" FROM tasks t JOIN task_depts td ON td.task = t.id"
		" LEFT JOIN current c ON c.task = td.task AND c.dept = td.dept"
		" LEFT JOIN progress p ON p.id = c.progress"
		" WHERE t.plan = ?1 AND t.retired = 0 ORDER BY t.seq, td.role = 'lead' DESC, td.position";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	store_bind_text(st, 1, plan);
	return store_rows(s, st, &report_row_map, out, n, "cannot read the plan's progress", e);
}

void store_report_rows_free(struct report_row *v, size_t n)
{
	store_rows_free(&report_row_map, v, n);
}

/* ---- many progress records in one transaction ---- */

int store_progress_append_many(struct store *s, const char *login, const struct progress_in *in,
			       size_t n, int dry_run, char (*ids)[33], struct err *row_errs,
			       size_t *nbad, struct err *e)
{
	struct err one;
	char (*periods)[8] = xcalloc(n ? n : 1, sizeof *periods);
	int *backfilled = xcalloc(n ? n : 1, sizeof *backfilled);
	int rc, first = 0;

	*nbad = 0;
	if ((rc = store_begin(s, e)))
		goto out;
	for (size_t i = 0; i < n; i++) {
		enum role role;
		err_clear(&one);
		rc = store_progress_check_fields(&in[i], &one);
		if (!rc)
			rc = store_check_write(s, login, in[i].task, in[i].dept, &role, &one);
		if (!rc)
			rc = store_progress_place(s, login, &in[i], periods[i], &backfilled[i], &one);
		if (rc == -ERR_DB || rc == -ERR_INTERNAL) {
			*e = one;
			goto fail;
		}
		if (row_errs)
			row_errs[i] = one;
		if (rc) {
			if (!first)
				first = rc;
			(*nbad)++;
		}
	}
	if (*nbad) {
		rc = err_set(e, -first, "%zu of %zu records refused; nothing was recorded", *nbad, n);
		goto fail;
	}
	if (dry_run) {
		store_rollback(s);
		rc = 0;
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		char id[33];
		if ((rc = store_progress_insert(s, login, &in[i], periods[i], backfilled[i], id, e)))
			goto fail;
		if (ids)
			memcpy(ids[i], id, sizeof id);
	}
	rc = store_commit(s, e);
	goto out;
fail:
	store_rollback(s);
out:
	free(periods);
	free(backfilled);
	return rc;
}
