/* What a liaison owes and what waits for the office: the reporting period
 * each plan's tasks owe a report for, each department's own state on its
 * tasks with whether it has reported for that period, the close-offs
 * awaiting review, the departments past a due date, and one report (a
 * status record and its evidence) written in one transaction. */
#include "store/store_int.h"
#include "src/status.h"
#include "src/util.h"
#include "src/banned.h"

int store_report_period(struct store *s, const char *plan, char period[8], char due[11], struct err *e)
{
	static const char any[] = "SELECT count(*) FROM periods";
	static const char due_of[] = "SELECT due FROM periods WHERE period = ?1";
	struct err ignored = { 0, "" };
	char cur[16], **v = NULL;
	size_t n = 0;
	int rc, nperiods = 0;

	period[0] = '\0';
	due[0] = '\0';
	rc = store_row_one(s, store_stmt(s, any, e), &store_int_map, &nperiods, "cannot read the periods", e);
	if (rc)
		return rc;
	rc = store_period_pick_plan(s, plan, period, &ignored);
	if (rc == -ERR_CONFLICT) {
		/* no open period among its quarters: it owes nothing now */
		period[0] = '\0';
		return 0;
	}
	if (rc) {
		period[0] = '\0';
		*e = ignored;
		return rc;
	}
	if (!nperiods) {
		/* before the office's first period: the plans whose quarters
		 * include this one owe a report for it, with no due date */
		period_current(cur, sizeof cur);
		if (strcmp(period, cur))
			period[0] = '\0';
		return 0;
	}
	{
		sqlite3_stmt *st = store_stmt(s, due_of, e);
		store_bind_text(st, 1, period);
		if ((rc = store_rows(s, st, &store_strv_map, &v, &n, "cannot read the periods", e)))
			return rc;
		if (n)
			snprintf(due, 11, "%s", v[0]);
		store_strv_free(v, n);
	}
	return 0;
}

/* A plan's reporting period, kept for the rows of one call. */
struct plan_period {
	char *plan;
	char period[8];
};

int store_queue_rows(struct store *s, const char *plan, const char *dept, struct status_row **out,
		      size_t *n, struct err *e)
{
#define QUEUE_COLS "SELECT t.id, t.plan, t.chapter, t.section, t.seq, c.shown, c.closeoff,"
	/* the department's own state: current joined on the department, not
	 * on the lead as store_status_rows does */
	static const char one[] =
		QUEUE_COLS " CASE d.role WHEN 'lead' THEN 0 ELSE 1 END, t.lead"
		" FROM task_depts d JOIN tasks t ON t.id = d.task JOIN plans pl ON pl.key = t.plan"
		" LEFT JOIN current c ON c.task = t.id AND c.dept = d.dept"
		" WHERE d.dept = ?2 AND t.retired = 0"
		" ORDER BY pl.year DESC, pl.kind, t.plan, t.seq";
	static const char plan_one[] =
		QUEUE_COLS " CASE d.role WHEN 'lead' THEN 0 ELSE 1 END, t.lead"
		" FROM tasks t JOIN task_depts d ON d.task = t.id AND d.dept = ?2"
		" LEFT JOIN current c ON c.task = t.id AND c.dept = d.dept"
		" WHERE t.plan = ?1 AND t.retired = 0 ORDER BY t.seq";
	static const char plan_all[] =
		QUEUE_COLS " -1, t.lead"
		" FROM tasks t"
		" LEFT JOIN current c ON c.task = t.id AND c.dept = t.lead"
		" WHERE t.plan = ?1 AND t.retired = 0 ORDER BY t.seq";
	static const char all[] =
		QUEUE_COLS " -1, t.lead"
		" FROM tasks t JOIN plans pl ON pl.key = t.plan"
		" LEFT JOIN current c ON c.task = t.id AND c.dept = t.lead"
		" WHERE t.retired = 0"
		" ORDER BY pl.year DESC, pl.kind, t.plan, t.seq";
#undef QUEUE_COLS
	/* whether one department reported on one task for one period: an
	 * index probe, made only for the tasks of plans that owe a report */
	static const char reported[] =
		"SELECT 1 FROM progress WHERE task = ?1 AND dept = ?2 AND period = ?3 AND note_only = 0 LIMIT 1";
	sqlite3_stmt *st = store_stmt(s, plan ? (dept ? plan_one : plan_all) : (dept ? one : all), e);
	struct plan_period *pp = NULL;
	size_t npp = 0, cap = 0, k = 0;
	char due[11];
	int rc, one_found;

	store_bind_text(st, 1, plan);
	if (dept)
		store_bind_text(st, 2, dept);
	if ((rc = store_rows(s, st, &status_row_map, out, n, "cannot read statuses", e)))
		return rc;
	for (size_t i = 0; !rc && i < *n; i++) {
		struct status_row *r = &(*out)[i];
		/* the rows come plan by plan: one look-up a plan */
		if (!npp || strcmp(pp[k].plan, r->plan)) {
			for (k = 0; k < npp && strcmp(pp[k].plan, r->plan); k++)
				;
			if (k == npp) {
				xgrow(&pp, &cap, npp + 1, sizeof *pp);
				pp[npp].plan = xstrdup(r->plan);
				rc = store_report_period(s, r->plan, pp[npp].period, due, e);
				npp++;
			}
		}
		memcpy(r->period, pp[k].period, sizeof r->period);
		if (rc || !r->period[0] || r->silent)
			continue;   /* nothing recorded: nothing reported */
		st = store_stmt(s, reported, e);
		store_bind_text(st, 1, r->task);
		store_bind_text(st, 2, dept ? dept : r->lead);
		store_bind_text(st, 3, r->period);
		rc = store_row_one(s, st, &store_int_map, &one_found, "cannot read the reports", e);
		r->reported = rc == 0;
		if (rc == -ERR_NOTFOUND)
			rc = 0;
	}
	for (size_t i = 0; i < npp; i++)
		free(pp[i].plan);
	free(pp);
	if (rc) {
		store_status_rows_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int store_task_reported(struct store *s, const char *task, const char *period, char ***depts, size_t *n,
			struct err *e)
{
	static const char sql[] =
		"SELECT DISTINCT dept FROM progress WHERE task = ?1 AND period = ?2 AND note_only = 0"
		" ORDER BY dept";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	store_bind_text(st, 1, task);
	store_bind_text(st, 2, period);
	return store_rows(s, st, &store_strv_map, depts, n, "cannot read the reports", e);
}

static const struct store_col task_ref_cols[] = {
	STORE_COL(struct task_ref, 0, COL_TEXT, task),
	STORE_COL(struct task_ref, 1, COL_TEXT, plan),
	STORE_COL(struct task_ref, 2, COL_INT, seq),
};
static const struct store_rowmap task_ref_map = STORE_ROWMAP(struct task_ref, task_ref_cols);

void store_task_refs_free(struct task_ref *v, size_t n)
{
	store_rows_free(&task_ref_map, v, n);
}

int store_review_queue(struct store *s, struct task_ref **out, size_t *n, struct err *e)
{
	/* current keeps a close-off only for a task's lead (store_state.c) */
	static const char sql[] =
		"SELECT t.id, t.plan, t.seq FROM current c JOIN tasks t ON t.id = c.task"
		" JOIN plans pl ON pl.key = t.plan"
		" WHERE c.closeoff = 'pending' AND t.retired = 0"
		" ORDER BY pl.year DESC, pl.kind, t.plan, t.seq";
	return store_rows(s, store_stmt(s, sql, e), &task_ref_map, out, n,
			  "cannot read the close-offs to review", e);
}

int store_review_count(struct store *s, int *n, struct err *e)
{
	/* one pass over current, no join: a task's row is read only for the
	 * queue itself (at national scale the join cost three times the scan) */
	static const char sql[] = "SELECT count(*) FROM current WHERE closeoff = 'pending'";
	return store_row_one(s, store_stmt(s, sql, e), &store_int_map, n, "cannot count the close-offs to review", e);
}

static const struct store_col overdue_cols[] = {
	STORE_COL(struct dept_overdue, 0, COL_TEXT, dept),
	STORE_COL(struct dept_overdue, 1, COL_INT, tasks),
};
static const struct store_rowmap overdue_map = STORE_ROWMAP(struct dept_overdue, overdue_cols);

void store_overdue_free(struct dept_overdue *v, size_t n)
{
	store_rows_free(&overdue_map, v, n);
}

static int cmp_overdue(const void *x, const void *y)
{
	const struct dept_overdue *a = x, *b = y;
	if (a->tasks != b->tasks)
		return a->tasks > b->tasks ? -1 : 1;
	return strcmp(a->dept, b->dept);
}

int store_overdue(struct store *s, const char *today, struct dept_overdue **out, size_t *n, struct err *e)
{
	static const char past[] = "SELECT count(*) FROM periods WHERE closed_at IS NULL AND due < ?1";
	static const char plans[] = "SELECT key FROM plans ORDER BY year DESC, kind, key";
	static const char count[] =
		"SELECT d.dept, count(*) FROM task_depts d JOIN tasks t ON t.id = d.task"
		" WHERE t.plan = ?1 AND t.retired = 0 AND NOT EXISTS (SELECT 1 FROM progress q"
		"  WHERE q.task = d.task AND q.dept = d.dept AND q.period = ?2 AND q.note_only = 0)"
		" GROUP BY d.dept";
	struct dept_overdue *v = NULL, *part;
	char **keys = NULL, period[8], due[11];
	size_t nv = 0, cap = 0, nkeys = 0, npart;
	int rc, npast = 0;
	sqlite3_stmt *st;

	*out = NULL;
	*n = 0;
	/* open periods past their due date are few, often none: then no plan
	 * is looked at */
	st = store_stmt(s, past, e);
	store_bind_text(st, 1, today);
	if ((rc = store_row_one(s, st, &store_int_map, &npast, "cannot read the periods", e)) || !npast)
		return rc;
	if ((rc = store_rows(s, store_stmt(s, plans, e), &store_strv_map, &keys, &nkeys,
			     "cannot list plans", e)))
		return rc;
	for (size_t i = 0; !rc && i < nkeys; i++) {
		if ((rc = store_report_period(s, keys[i], period, due, e)))
			break;
		if (!period[0] || !due[0] || strcmp(due, today) >= 0)
			continue;
		st = store_stmt(s, count, e);
		store_bind_text(st, 1, keys[i]);
		store_bind_text(st, 2, period);
		if ((rc = store_rows(s, st, &overdue_map, &part, &npart, "cannot count the reports", e)))
			break;
		for (size_t j = 0; j < npart; j++) {
			size_t k;
			for (k = 0; k < nv && strcmp(v[k].dept, part[j].dept); k++)
				;
			if (k == nv) {
				xgrow(&v, &cap, nv + 1, sizeof *v);
				memset(&v[nv], 0, sizeof v[nv]);
				v[nv].dept = xstrdup(part[j].dept);
				nv++;
			}
			v[k].tasks += part[j].tasks;
			/* the earliest due date missed, and its period */
			if (!v[k].due[0] || strcmp(due, v[k].due) < 0) {
				memcpy(v[k].due, due, sizeof v[k].due);
				memcpy(v[k].period, period, sizeof v[k].period);
			}
		}
		store_overdue_free(part, npart);
	}
	store_strv_free(keys, nkeys);
	if (rc) {
		store_overdue_free(v, nv);
		return rc;
	}
	if (nv)
		qsort(v, nv, sizeof *v, cmp_overdue);
	*out = v;
	*n = nv;
	return 0;
}

int store_report_save(struct store *s, const char *login, const struct progress_in *in,
		      const struct evidence_in *ev, size_t nev, struct progress_result *r, char (*ev_ids)[33],
		      struct err *e)
{
	int rc;

	memset(r, 0, sizeof *r);
	for (size_t i = 0; i < nev; i++)
		ev_ids[i][0] = '\0';
	if ((rc = store_progress_check_fields(in, e)))
		return rc;
	for (size_t i = 0; i < nev; i++)
		if ((rc = store_evidence_check_fields(&ev[i], e)))
			return rc;
	if ((rc = store_begin(s, e)))
		return rc;
	if ((rc = store_progress_write(s, login, in, r, e)))
		goto fail;
	for (size_t i = 0; i < nev; i++) {
		/* each item documents the record just written */
		struct evidence_in one = ev[i];
		one.task = in->task;
		one.dept = in->dept;
		one.progress = r->id;
		if ((rc = store_evidence_insert(s, login, &one, ev_ids[i], e)))
			goto fail;
	}
	if ((rc = store_commit(s, e)))
		goto fail_nocommit;
	return 0;
fail:
	store_rollback(s);
fail_nocommit:
	store_progress_rec_release(&r->newer);
	memset(r, 0, sizeof *r);
	for (size_t i = 0; i < nev; i++)
		ev_ids[i][0] = '\0';
	return rc;
}
