/* The derived state of each (task, department): read its records and the
 * reviews of its records, fold them with src/state.c, and keep the result in
 * the current table, in the same transaction as the write that changed it.
 * Every write path (a record, a review, a lead change) calls
 * store_state_refresh; every view reads current. */
#include "store/store_int.h"
#include "src/state.h"
#include "src/util.h"
#include "src/banned.h"

const char *const store_closeoff_names[4] = { "", "pending", "approved", "returned" };

struct ev_row {
	int kind;
	char *at, *record, *period, *reason;
	enum status status;
	long long rowid;
};
static const struct store_col ev_cols[] = {
	STORE_COL(struct ev_row, 0, COL_INT, kind),
	STORE_COL(struct ev_row, 1, COL_TEXT, at),
	STORE_COL(struct ev_row, 2, COL_TEXT, record),
	STORE_COL(struct ev_row, 3, COL_TEXT, period),
	STORE_COL(struct ev_row, 4, COL_STATUS, status),
	STORE_COL(struct ev_row, 5, COL_TEXT, reason),
	STORE_COL(struct ev_row, 6, COL_INT64, rowid),
};
static const struct store_rowmap ev_map = STORE_ROWMAP(struct ev_row, ev_cols);

/* In the order they were made: records before reviews of the same
 * millisecond, records of one millisecond in the order written. (Sorted
 * here, not by the query: a sorter per fold cost more than the fold.) */
static int ev_order(const void *a, const void *b)
{
	const struct ev_row *x = a, *y = b;
	int c = strcmp(x->at, y->at);
	if (c)
		return c;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return x->rowid < y->rowid ? -1 : x->rowid > y->rowid;
}

int store_state_refresh(struct store *s, const char *task, const char *dept, struct err *e)
{
	static const char events[] =
		"SELECT 0, at, id, period, status, '', rowid FROM progress"
		" WHERE task = ?1 AND dept = ?2 AND note_only = 0"
		" UNION ALL SELECT CASE r.decision WHEN 'approve' THEN 1 WHEN 'return' THEN 2 ELSE 3 END,"
		"  r.at, r.progress, '', '', r.reason, 0"
		" FROM reviews r JOIN progress p ON p.id = r.progress WHERE r.task = ?1 AND p.dept = ?2";
	static const char lead[] = "SELECT lead = ?2 FROM tasks WHERE id = ?1";
	static const char put[] =
		"INSERT INTO current(task, dept, progress, status, shown, closeoff, closeoff_progress, reason)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (task, dept) DO UPDATE SET"
		" progress = excluded.progress, status = excluded.status, shown = excluded.shown,"
		" closeoff = excluded.closeoff, closeoff_progress = excluded.closeoff_progress,"
		" reason = excluded.reason";
	static const char del[] = "DELETE FROM current WHERE task = ?1 AND dept = ?2";
	static const enum state_event_kind kinds[] = { SE_RECORD, SE_APPROVE, SE_RETURN, SE_REOPEN };
	struct state_event *ev = NULL;
	struct state_current cur;
	struct ev_row *rows = NULL;
	sqlite3_stmt *st;
	size_t n = 0;
	int rc, is_lead = 0;

	st = store_stmt(s, lead, e);
	store_bind_text(st, 1, task);
	store_bind_text(st, 2, dept);
	rc = store_row_one(s, st, &store_int_map, &is_lead, "cannot read the task's lead", e);
	if (rc && rc != -ERR_NOTFOUND)
		return rc;
	st = store_stmt(s, events, e);
	store_bind_text(st, 1, task);
	store_bind_text(st, 2, dept);
	if ((rc = store_rows(s, st, &ev_map, &rows, &n, "cannot read the records", e)))
		return rc;
	if (n > 1)
		qsort(rows, n, sizeof *rows, ev_order);
	ev = xcalloc(n + 1, sizeof *ev);
	for (size_t i = 0; i < n; i++) {
		ev[i].kind = kinds[rows[i].kind & 3];
		ev[i].at = rows[i].at;
		ev[i].record = rows[i].record;
		ev[i].period = rows[i].period;
		ev[i].status = rows[i].status;
		ev[i].reason = rows[i].reason;
	}
	state_fold(ev, n, is_lead, &cur);
	if (!cur.record) {
		st = store_stmt(s, del, e);
		store_bind_text(st, 1, task);
		store_bind_text(st, 2, dept);
	} else {
		st = store_stmt(s, put, e);
		store_bind_text(st, 1, task);
		store_bind_text(st, 2, dept);
		store_bind_text(st, 3, cur.record);
		store_bind_static(st, 4, status_name(cur.status));
		store_bind_static(st, 5, status_name(state_shown(&cur)));
		store_bind_static(st, 6, store_closeoff_names[cur.closeoff]);
		store_bind_text(st, 7, cur.closeoff_record);
		store_bind_text(st, 8, cur.reason ? cur.reason : "");
	}
	rc = store_step_done(s, st, "cannot keep the task's state", e);
	free(ev);
	store_rows_free(&ev_map, rows, n);
	return rc;
}

int store_state_refresh_task(struct store *s, const char *task, struct err *e)
{
	static const char sql[] = "SELECT DISTINCT dept FROM progress WHERE task = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	char **v = NULL;
	size_t n = 0;
	int rc;
	store_bind_text(st, 1, task);
	rc = store_rows(s, st, &store_strv_map, &v, &n, "cannot read the task's records", e);
	for (size_t i = 0; !rc && i < n; i++)
		rc = store_state_refresh(s, task, v[i], e);
	store_strv_free(v, n);
	return rc;
}

int store_state_refresh_pairs(struct store *s, const char *sql, struct err *e)
{
	struct pair { char *task, *dept; };
	static const struct store_col pair_cols[] = {
		STORE_COL(struct pair, 0, COL_TEXT, task),
		STORE_COL(struct pair, 1, COL_TEXT, dept),
	};
	static const struct store_rowmap pair_map = STORE_ROWMAP(struct pair, pair_cols);
	struct pair *v = NULL;
	sqlite3_stmt *st = NULL;
	size_t n = 0;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	rc = rc == SQLITE_OK ? store_rows(s, st, &pair_map, &v, &n, "cannot list the records", e)
			     : store_fail(s, rc, "cannot list the records", e);
	sqlite3_finalize(st);
	for (size_t i = 0; !rc && i < n; i++)
		rc = store_state_refresh(s, v[i].task, v[i].dept, e);
	store_rows_free(&pair_map, v, n);
	return rc;
}

int store_state_rebuild(struct store *s, struct err *e)
{
	return store_state_refresh_pairs(s, "SELECT DISTINCT task, dept FROM progress ORDER BY task, dept", e);
}
