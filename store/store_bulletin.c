/* The reminders' and the bulletin's queries: a plan's (task, department)
 * pairs and its status records with their reviews, each one query per plan,
 * read through row maps. */
#include "store/store_int.h"
#include "store/store_bulletin.h"
#include "src/banned.h"

static const struct store_col pair_cols[] = {
	STORE_COL(struct bulletin_pair, 0, COL_TEXT, task),
	STORE_COL(struct bulletin_pair, 1, COL_TEXT, text),
	STORE_COL(struct bulletin_pair, 2, COL_INT, seq),
	STORE_COL(struct bulletin_pair, 3, COL_TEXT, dept),
	STORE_COL_ENUM(struct bulletin_pair, 4, role, store_role_names, ROLE_PARTICIPANT),
	STORE_COL(struct bulletin_pair, 5, COL_INT, nevidence),
};
static const struct store_rowmap pair_map = STORE_ROWMAP(struct bulletin_pair, pair_cols);

int store_bulletin_pairs(struct store *s, const char *plan, struct bulletin_pair **out, size_t *n,
			 struct err *e)
{
	static const char sql[] =
		"SELECT t.id, t.text, t.seq, td.dept, td.role,"
		"  (SELECT count(*) FROM evidence ev WHERE ev.task = td.task AND ev.dept = td.dept)"
		" FROM tasks t JOIN task_depts td ON td.task = t.id"
		" WHERE t.plan = ?1 AND t.retired = 0"
		" ORDER BY t.id, td.role = 'lead' DESC, td.position";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	store_bind_text(st, 1, plan);
	return store_rows(s, st, &pair_map, out, n, "cannot read the plan's departments", e);
}

void store_bulletin_pairs_free(struct bulletin_pair *v, size_t n)
{
	store_rows_free(&pair_map, v, n);
}

static const struct store_col event_cols[] = {
	STORE_COL(struct bulletin_event, 0, COL_TEXT, task),
	STORE_COL(struct bulletin_event, 1, COL_TEXT, dept),
	STORE_COL(struct bulletin_event, 2, COL_INT, kind),
	STORE_COL(struct bulletin_event, 3, COL_TEXT, at),
	STORE_COL(struct bulletin_event, 4, COL_TEXT, record),
	STORE_COL(struct bulletin_event, 5, COL_TEXT, period),
	STORE_COL(struct bulletin_event, 6, COL_STATUS, status),
	STORE_COL(struct bulletin_event, 7, COL_TEXT, reason),
};
static const struct store_rowmap event_map = STORE_ROWMAP(struct bulletin_event, event_cols);

int store_bulletin_events(struct store *s, const char *plan, const char *upto,
			  struct bulletin_event **out, size_t *n, struct err *e)
{
	/* the order of store_state_refresh's events, task by task and
	 * department by department */
	static const char sql[] =
		"SELECT p.task, p.dept, 0, p.at, p.id, p.period, p.status, '', p.rowid"
		" FROM tasks t JOIN progress p ON p.task = t.id"
		" WHERE t.plan = ?1 AND t.retired = 0 AND p.note_only = 0 AND p.period <= ?2"
		" UNION ALL SELECT r.task, p.dept,"
		"  CASE r.decision WHEN 'approve' THEN 1 WHEN 'return' THEN 2 ELSE 3 END,"
		"  r.at, r.progress, p.period, '', r.reason, 0"
		" FROM tasks t JOIN reviews r ON r.task = t.id JOIN progress p ON p.id = r.progress"
		" WHERE t.plan = ?1 AND t.retired = 0 AND p.period <= ?2"
		" ORDER BY 1, 2, 4, 3, 9";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	store_bind_text(st, 1, plan);
	store_bind_text(st, 2, upto);
	return store_rows(s, st, &event_map, out, n, "cannot read the plan's records", e);
}

void store_bulletin_events_free(struct bulletin_event *v, size_t n)
{
	store_rows_free(&event_map, v, n);
}
