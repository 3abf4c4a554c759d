/* Queries of the quarterly checklists and the annual evaluation (one query
 * per department or plan, not per task), and the checklist import's write of
 * many progress records in one transaction under the role rules of
 * store_check_write. */
#include <errno.h>
#include <sys/random.h>
#include <time.h>

#include "store/store_int.h"
#include "store/store_report.h"
#include "src/text.h"
#include "src/util.h"
#include "src/banned.h"

static enum status status_of(sqlite3_stmt *st, int col)
{
	int sv;
	if (sqlite3_column_type(st, col) == SQLITE_NULL)
		return ST_NOT_STARTED;
	sv = status_parse((const char *)sqlite3_column_text(st, col));
	return sv < 0 ? ST_NOT_STARTED : (enum status)sv;
}

static enum role role_of(sqlite3_stmt *st, int col)
{
	const char *r = (const char *)sqlite3_column_text(st, col);
	return r && !strcmp(r, "lead") ? ROLE_LEAD : ROLE_PARTICIPANT;
}

/* ---- checklists ---- */

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
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -ERR_DB;
	store_bind_text(st, 1, plan);
	store_bind_text(st, 2, dept);
	store_bind_text(st, 3, upto);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct checklist_item *c;
		xgrow(out, &cap, *n + 1, sizeof **out);
		c = &(*out)[(*n)++];
		c->task = store_col_str(st, 0);
		c->text = store_col_str(st, 1);
		c->role = role_of(st, 2);
		c->others = store_col_str(st, 3);
		c->has_prev = sqlite3_column_type(st, 4) != SQLITE_NULL;
		c->prev = status_of(st, 4);
		c->prev_period = store_col_str(st, 5);
		c->prev_note = store_col_str(st, 6);
		c->nevidence = sqlite3_column_int(st, 7);
	}
	if (rc != SQLITE_DONE) {
		store_checklist_items_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail(s, rc, "cannot read the checklist", e);
	}
	return 0;
}

void store_checklist_items_free(struct checklist_item *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].task);
		free(v[i].text);
		free(v[i].others);
		free(v[i].prev_period);
		free(v[i].prev_note);
	}
	free(v);
}

int store_plan_depts(struct store *s, const char *plan, char ***out, size_t *n, struct err *e)
{
	static const char sql[] =
		"SELECT td.dept, sum(td.role = 'lead') AS l, count(*) AS c"
		" FROM task_depts td JOIN tasks t ON t.id = td.task"
		" WHERE t.plan = ?1 AND t.retired = 0 GROUP BY td.dept ORDER BY l DESC, c DESC, td.dept";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -ERR_DB;
	store_bind_text(st, 1, plan);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow(out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = store_col_str(st, 0);
	}
	if (rc != SQLITE_DONE) {
		store_strv_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail(s, rc, "cannot list the plan's departments", e);
	}
	return 0;
}

/* ---- the annual evaluation ---- */

int store_report_rows(struct store *s, const char *plan, int year, struct report_row **out,
		      size_t *n, struct err *e)
{
	static const char sql[] =
		"SELECT t.id, t.chapter, t.section, t.seq, t.text, td.dept, td.role, p.id IS NOT NULL,"
		"  (SELECT count(*) FROM progress y WHERE y.task = td.task AND y.dept = td.dept"
		"    AND y.period GLOB ?2),"
		"  p.status, r.decision, coalesce(p.period, ''), coalesce(p.note, ''),"
		"  (SELECT count(*) FROM evidence ev WHERE ev.task = td.task AND ev.dept = td.dept)"
		" FROM tasks t JOIN task_depts td ON td.task = t.id"
		" LEFT JOIN current c ON c.task = td.task AND c.dept = td.dept"
		" LEFT JOIN progress p ON p.id = c.progress"
		" LEFT JOIN reviews r ON r.progress = c.progress"
		" WHERE t.plan = ?1 AND t.retired = 0 ORDER BY t.seq, td.position";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	char glob[16];
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -ERR_DB;
	snprintf(glob, sizeof glob, "%04dQ*", year);
	store_bind_text(st, 1, plan);
	store_bind_text(st, 2, glob);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct report_row *r;
		xgrow(out, &cap, *n + 1, sizeof **out);
		r = &(*out)[(*n)++];
		r->task = store_col_str(st, 0);
		r->chapter = sqlite3_column_int(st, 1);
		r->section = sqlite3_column_int(st, 2);
		r->seq = sqlite3_column_int(st, 3);
		r->text = store_col_str(st, 4);
		r->dept = store_col_str(st, 5);
		r->role = role_of(st, 6);
		r->has_record = sqlite3_column_int(st, 7);
		r->year_records = sqlite3_column_int(st, 8);
		r->status = status_of(st, 9);
		r->review = REVIEW_NONE;
		if (r->has_record && r->status == ST_DONE) {
			const char *d = (const char *)sqlite3_column_text(st, 10);
			r->review = !d ? REVIEW_PENDING : strcmp(d, "approve") ? REVIEW_RETURNED
									: REVIEW_APPROVED;
		}
		r->period = store_col_str(st, 11);
		r->note = store_col_str(st, 12);
		r->nevidence = sqlite3_column_int(st, 13);
	}
	if (rc != SQLITE_DONE) {
		store_report_rows_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail(s, rc, "cannot read the plan's progress", e);
	}
	return 0;
}

void store_report_rows_free(struct report_row *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].task);
		free(v[i].text);
		free(v[i].dept);
		free(v[i].period);
		free(v[i].note);
	}
	free(v);
}

/* ---- many progress records in one transaction ---- */

int store_progress_append_many(struct store *s, const char *login, const struct progress_in *in,
			       size_t n, int dry_run, char (*ids)[33], struct err *row_errs,
			       size_t *nbad, struct err *e)
{
	struct err one;
	int rc, first = 0;

	*nbad = 0;
	if ((rc = store_begin(s, e)))
		return rc;
	for (size_t i = 0; i < n; i++) {
		enum role role;
		err_clear(&one);
		rc = store_progress_check_fields(&in[i], &one);
		if (!rc)
			rc = store_check_write(s, login, in[i].task, in[i].dept, &role, &one);
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
		return 0;
	}
	for (size_t i = 0; i < n; i++) {
		char id[33];
		if ((rc = store_progress_insert(s, login, &in[i], id, e)))
			goto fail;
		if (ids)
			memcpy(ids[i], id, sizeof id);
	}
	return store_commit(s, e);
fail:
	store_rollback(s);
	return rc;
}
