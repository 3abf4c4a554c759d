/* Queries of the quarterly checklists and the annual evaluation (one query
 * per department or plan, not per task), and the checklist import's write of
 * many progress records in one transaction under the role rules of
 * store_check_write. */

#include "store/store_int.h"
#include "store/store_report.h"
#include "src/state.h"
#include "src/status.h"
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

/* Check and write row R of a checklist inside the caller's transaction. */
static int many_row(struct store *s, const char *login, struct progress_many_row *r, struct err *e)
{
	static const char same[] =
		"SELECT id FROM progress WHERE task = ?1 AND dept = ?2 AND period = ?3 AND note_only = ?4"
		" AND (?4 OR status = ?5) AND note = ?6 ORDER BY at DESC, rowid DESC LIMIT 1";
	static const char closed[] =
		"SELECT count(*) FROM current WHERE task = ?1 AND dept = ?2 AND closeoff = 'approved'";
	static const char ev_same[] =
		"SELECT id FROM evidence WHERE task = ?1 AND dept = ?2 AND kind = ?3 AND value = ?4"
		" ORDER BY at LIMIT 1";
	sqlite3_stmt *st;
	enum role role;
	char **ids = NULL;
	size_t nids = 0;
	int rc;

	r->outcome = r->no_record ? PM_NONE : PM_NEW;
	r->id[0] = r->period[0] = '\0';
	r->backfill = r->closed = 0;
	if (!r->no_record && (rc = store_progress_check_fields(&r->rec, e)))
		return rc;
	if ((rc = store_check_write(s, login, r->rec.task, r->rec.dept, &role, e)) ||
	    (rc = store_progress_place(s, login, &r->rec, r->period, &r->backfill, e)))
		return rc;
	if (!r->no_record) {
		if (role == ROLE_LEAD) {
			st = store_stmt(s, closed, e);
			store_bind_text(st, 1, r->rec.task);
			store_bind_text(st, 2, r->rec.dept);
			if ((rc = store_row_one(s, st, &store_int_map, &r->closed, "cannot read the close-off", e)))
				return rc;
		}
		st = store_stmt(s, same, e);
		store_bind_text(st, 1, r->rec.task);
		store_bind_text(st, 2, r->rec.dept);
		store_bind_text(st, 3, r->period);
		store_bind_int(st, 4, r->rec.note_only != 0);
		store_bind_text(st, 5, status_name(r->rec.status));
		store_bind_text(st, 6, r->rec.note);
		if ((rc = store_rows(s, st, &store_strv_map, &ids, &nids, "cannot read progress", e)))
			return rc;
		if (nids) {
			r->outcome = PM_SAME;
			snprintf(r->id, sizeof r->id, "%s", ids[0]);
		}
		store_strv_free(ids, nids);
		if (r->outcome == PM_NEW &&
		    (rc = store_progress_insert(s, login, &r->rec, r->period, r->backfill, 0, r->id, e)))
			return rc;
	}
	for (size_t k = 0; k < r->nev; k++) {
		struct progress_many_ev *ev = &r->ev[k];
		struct evidence_in in = ev->in;
		ev->same = 0;
		ev->id[0] = '\0';
		if (in.kind == EV_FILE)
			return err_set(e, ERR_USAGE, "a checklist names no file to attach; give its 文号 or link");
		in.task = r->rec.task;
		in.dept = r->rec.dept;
		in.progress = r->id[0] ? r->id : NULL;
		st = store_stmt(s, ev_same, e);
		store_bind_text(st, 1, in.task);
		store_bind_text(st, 2, in.dept);
		store_bind_text(st, 3, evidence_kind_name(in.kind));
		store_bind_text(st, 4, in.value);
		if ((rc = store_rows(s, st, &store_strv_map, &ids, &nids, "cannot read evidence", e)))
			return rc;
		if (nids) {
			ev->same = 1;
			snprintf(ev->id, sizeof ev->id, "%s", ids[0]);
		}
		store_strv_free(ids, nids);
		if (!ev->same && (rc = store_evidence_insert(s, login, &in, ev->id, e)))
			return rc;
	}
	return 0;
}

int store_progress_append_many(struct store *s, const char *login, struct progress_many *m,
			       struct err *e)
{
	struct err first = { 0, "" };
	struct actor a;
	long long since;
	int rc;

	m->nbad = 0;
	memset(&a, 0, sizeof a);
	if ((rc = store_begin(s, e)))
		return rc;
	if ((since = store_progress_last_row(s, e)) < 0) {
		rc = -ERR_DB;
		goto fail;
	}
	for (size_t i = 0; i < m->nrows; i++) {
		struct err one = { 0, "" };
		rc = many_row(s, login, &m->rows[i], &one);
		if (rc == -ERR_DB || rc == -ERR_INTERNAL) {
			*e = one;
			goto fail;
		}
		if (m->row_errs)
			m->row_errs[i] = one;
		if (rc && !m->nbad++)
			first = one;
	}
	if (m->ninds && (rc = store_actor_get(s, login, &a, e)))
		goto fail;
	for (size_t i = 0; i < m->ninds; i++) {
		struct err one = { 0, "" };
		struct ind_record_result res;
		struct ind_value_in in = m->inds[i];
		in.once = 1;
		rc = store_indicator_record_in(s, &a, &in, &res, &one);
		if (one.code == ERR_DB) {
			*e = one;
			goto fail;
		}
		if (m->ind_errs)
			m->ind_errs[i] = one;
		if (m->ind_out)
			m->ind_out[i] = res;
		if (rc && !m->nbad++)
			first = one;
	}
	store_actor_release(&a);
	if (m->nbad) {
		size_t k;
		store_rollback(s);
		*e = first;
		k = strlen(e->msg);
		snprintf(e->msg + k, sizeof e->msg - k, " (%zu of %zu rows refused; nothing was recorded)",
			 m->nbad, m->nrows + m->ninds);
		return -first.code;
	}
	if (m->dry_run) {
		store_rollback(s);
		return 0;
	}
	/* the notes into the search index, all at once, last */
	if ((rc = store_progress_index_since(s, since, e)))
		goto fail;
	return store_commit(s, e);
fail:
	store_actor_release(&a);
	store_rollback(s);
	return rc ? rc : -ERR_DB;
}
