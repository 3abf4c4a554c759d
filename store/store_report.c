/* Queries of the quarterly checklists and the annual evaluation (one query
 * per department or plan, not per task), and the checklist import's write of
 * many progress records in one transaction under the role rules of
 * store_check_write. */

#include "store/store_int.h"
#include "store/store_report.h"
#include "src/text.h"
#include "src/util.h"
#include "src/banned.h"

/* ---- checklists ---- */

static const struct store_col checklist_cols[] = {
	STORE_COL(struct checklist_item, 0, COL_TEXT, task),
	STORE_COL(struct checklist_item, 1, COL_TEXT, text),
	STORE_COL_ENUM(struct checklist_item, 2, role, store_role_names, ROLE_PARTICIPANT),
	STORE_COL(struct checklist_item, 3, COL_TEXT, others),
	STORE_COL(struct checklist_item, 4, COL_SET, has_prev),
	STORE_COL(struct checklist_item, 4, COL_STATUS, prev),
	STORE_COL(struct checklist_item, 5, COL_TEXT, prev_period),
	STORE_COL(struct checklist_item, 6, COL_TEXT, prev_note),
	STORE_COL(struct checklist_item, 7, COL_INT, nevidence),
};
static const struct store_rowmap checklist_map = STORE_ROWMAP(struct checklist_item, checklist_cols);

int store_checklist_items(struct store *s, const char *plan, const char *dept, const char *upto,
			  struct checklist_item **out, size_t *n, struct err *e)
{
	static const char sql[] =
		"SELECT t.id, t.text, td.role,"
		"  coalesce((SELECT group_concat(x.dept, '、') FROM (SELECT o.dept FROM task_depts o"
		"    WHERE o.task = t.id AND o.dept != td.dept ORDER BY o.position) x), ''),"
		"  p.status, coalesce(p.period, ''), coalesce(p.note, ''),"
		"  (SELECT count(*) FROM evidence ev WHERE ev.task = t.id AND ev.dept = td.dept)"
		" FROM task_depts td JOIN tasks t ON t.id = td.task"
		" LEFT JOIN progress p ON p.rowid = (SELECT q.rowid FROM progress q"
		"   WHERE q.task = td.task AND q.dept = td.dept AND q.period <= ?3"
		"   ORDER BY q.at DESC, q.rowid DESC LIMIT 1)"
		" WHERE td.dept = ?2 AND t.plan = ?1 AND t.retired = 0 ORDER BY t.seq";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	store_bind_text(st, 1, plan);
	store_bind_text(st, 2, dept);
	store_bind_text(st, 3, upto);
	return store_rows(s, st, &checklist_map, out, n, "cannot read the checklist", e);
}

void store_checklist_items_free(struct checklist_item *v, size_t n)
{
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
