/* What the joint conference office runs besides reviews: the reporting
 * periods it opens and closes, the rule that holds every record to them, and
 * its changes of a task's lead. */
#include "store/store_int.h"
#include "src/status.h"
#include "src/text.h"
#include "src/util.h"
#include "src/banned.h"

static const struct store_col period_cols[] = {
	STORE_COL(struct period_info, 0, COL_TEXT, period),
	STORE_COL(struct period_info, 1, COL_TEXT, due),
	STORE_COL(struct period_info, 2, COL_TEXT, opened_by),
	STORE_COL(struct period_info, 3, COL_TEXT, opened_at),
	STORE_COL(struct period_info, 4, COL_TEXT, closed_by),
	STORE_COL(struct period_info, 5, COL_TEXT, closed_at),
	STORE_COL(struct period_info, 5, COL_NULL, open),
};
static const struct store_rowmap period_map = STORE_ROWMAP(struct period_info, period_cols);
#define PERIOD_COLS "SELECT period, due, opened_by, opened_at, closed_by, closed_at FROM periods"

int store_period_list(struct store *s, struct period_info **out, size_t *n, struct err *e)
{
	static const char sql[] = PERIOD_COLS " ORDER BY period DESC";
	return store_rows(s, store_stmt(s, sql, e), &period_map, out, n, "cannot list the periods", e);
}

void store_period_list_free(struct period_info *v, size_t n)
{
	store_rows_free(&period_map, v, n);
}

/* The open periods as "2025Q4 (due 2026-01-10)", joined, into SB; "none". */
static int open_list(struct store *s, struct strbuf *sb, struct err *e)
{
	static const char sql[] = PERIOD_COLS " WHERE closed_at IS NULL ORDER BY period DESC";
	struct period_info *v;
	size_t n;
	int rc = store_rows(s, store_stmt(s, sql, e), &period_map, &v, &n, "cannot list the periods", e);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++)
		sb_addf(sb, "%s%s (due %s)", i ? ", " : "", v[i].period, v[i].due);
	if (!n)
		sb_adds(sb, "none");
	store_rows_free(&period_map, v, n);
	return 0;
}

int store_period_open(struct store *s, const char *login, const char *period, const char *due,
		      struct err *e)
{
	static const char ins[] =
		"INSERT INTO periods(period, due, opened_by, opened_at) VALUES (?1, ?2, ?3, ?4)";
	char cur[16], today[16], at[40];
	struct period_info had;
	sqlite3_stmt *st;
	int rc;

	if (!period_valid(period))
		return err_set(e, ERR_USAGE, "invalid period '%s': write a quarter like 2025Q4", period);
	if (!date_valid(due))
		return err_set(e, ERR_USAGE, "invalid due date '%s': write a date like 2026-01-10", due);
	period_current(cur, sizeof cur);
	if (strcmp(period, cur) > 0)
		return err_set(e, ERR_USAGE, "%s has not begun (it is %s now); open a period once it has "
			       "begun", period, cur);
	date_today(today, sizeof today);
	if (date_days(today, due) < 0)
		return err_set(e, ERR_USAGE, "the due date %s is in the past (today is %s); give a later "
			       "one", due, today);
	if ((rc = store_begin_office(s, login, "open reporting periods", e)))
		return rc;
	rc = store_row_get(s, PERIOD_COLS " WHERE period = ?1", period, &period_map, &had,
			   "cannot read the periods", e);
	if (rc == 0) {
		rc = had.open ? err_set(e, ERR_CONFLICT, "%s is already open (due %s)", period, had.due)
			      : err_set(e, ERR_CONFLICT, "%s was closed on %.10s by %s and cannot be opened "
					"again; the office records late reports with --backfill", period,
					had.closed_at, had.closed_by);
		store_row_release(&period_map, &had);
		goto fail;
	}
	if (rc != -ERR_NOTFOUND)
		goto fail;
	err_clear(e);
	store_now_ms(at, sizeof at);
	st = store_stmt(s, ins, e);
	store_bind_text(st, 1, period);
	store_bind_text(st, 2, due);
	store_bind_text(st, 3, login);
	store_bind_text(st, 4, at);
	if ((rc = store_step_done(s, st, "cannot open the period", e)))
		goto fail;
	return store_commit(s, e);
fail:
	store_rollback(s);
	return rc;
}

int store_period_close(struct store *s, const char *login, const char *period, struct err *e)
{
	static const char upd[] =
		"UPDATE periods SET closed_by = ?2, closed_at = ?3 WHERE period = ?1 AND closed_at IS NULL";
	struct strbuf open = STRBUF_INIT;
	char at[40];
	sqlite3_stmt *st;
	int rc;

	if (!period_valid(period))
		return err_set(e, ERR_USAGE, "invalid period '%s': write a quarter like 2025Q4", period);
	if ((rc = store_begin_office(s, login, "close reporting periods", e)))
		return rc;
	store_now_ms(at, sizeof at);
	st = store_stmt(s, upd, e);
	store_bind_text(st, 1, period);
	store_bind_text(st, 2, login);
	store_bind_text(st, 3, at);
	if ((rc = store_step_done(s, st, "cannot close the period", e)))
		goto fail;
	if (sqlite3_changes(s->db) == 0) {
		if (!(rc = open_list(s, &open, e)))
			rc = err_set(e, ERR_CONFLICT, "%s is not open, so it cannot be closed (open: %s)",
				     period, sb_str(&open));
		goto fail;
	}
	return store_commit(s, e);
fail:
	sb_release(&open);
	store_rollback(s);
	return rc;
}

/* The plan of TASK: its kind and year. */
struct task_plan { char *plan, *kind; int year; };
static const struct store_col task_plan_cols[] = {
	STORE_COL(struct task_plan, 0, COL_TEXT, plan),
	STORE_COL(struct task_plan, 1, COL_TEXT, kind),
	STORE_COL(struct task_plan, 2, COL_INT, year),
};
static const struct store_rowmap task_plan_map = STORE_ROWMAP(struct task_plan, task_plan_cols);

static int task_plan(struct store *s, const char *task, struct task_plan *tp, char first[8],
		     char last[8], struct err *e)
{
	static const char sql[] =
		"SELECT p.key, p.kind, p.year FROM tasks t JOIN plans p ON p.key = t.plan WHERE t.id = ?1";
	int rc = store_row_get(s, sql, task, &task_plan_map, tp, "cannot read the task's plan", e);
	if (rc == -ERR_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "no task has the id '%s'; ids look like 2024-105", task);
	if (!rc)
		period_plan_range(tp->kind, tp->year, first, last);
	return rc;
}

/* "2024Q1–2024Q4", or "2024Q1 on" for a plan with no end. */
static void range_text(struct strbuf *sb, const char *first, const char *last)
{
	if (*last)
		sb_addf(sb, "%s–%s", first, last);
	else
		sb_addf(sb, "%s on", first);
}

/* The period a record of a task of plan TP (reporting on FIRST..LAST) goes
 * to: store_period_pick's rule. */
static int pick(struct store *s, const struct task_plan *tp, const char *first, const char *last,
		char out[8], struct err *e)
{
	static const char newest[] =
		"SELECT period FROM periods WHERE closed_at IS NULL AND period >= ?1 AND period <= ?2"
		" ORDER BY period DESC LIMIT 1";
	static const char any[] = "SELECT count(*) FROM periods";
	struct strbuf sb = STRBUF_INIT;
	char cur[16];
	char **v = NULL;
	size_t n = 0;
	int rc, nperiods = 0;
	sqlite3_stmt *st;

	period_current(cur, sizeof cur);
	rc = store_row_one(s, store_stmt(s, any, e), &store_int_map, &nperiods, "cannot read the periods", e);
	if (rc)
		goto out;
	if (!nperiods) {
		/* the office has not started the cycle: the current quarter */
		memcpy(out, *last && strcmp(cur, last) > 0 ? last : cur, 8);
		if (strcmp(out, first) < 0) {
			sb_reset(&sb);
			range_text(&sb, first, last);
			rc = err_set(e, ERR_CONFLICT, "plan %s reports on %s, which has not begun (it is %s "
				     "now)", tp->plan, sb_str(&sb), cur);
		}
		goto out;
	}
	st = store_stmt(s, newest, e);
	store_bind_text(st, 1, first);
	store_bind_text(st, 2, *last ? last : "2099Q4");
	if ((rc = store_rows(s, st, &store_strv_map, &v, &n, "cannot read the periods", e)))
		goto out;
	if (n) {
		snprintf(out, 8, "%s", v[0]);
	} else {
		struct strbuf open = STRBUF_INIT;
		range_text(&sb, first, last);
		if (!(rc = open_list(s, &open, e)))
			rc = err_set(e, ERR_CONFLICT, "no reporting period is open for plan %s, which reports "
				     "on %s (open: %s); the office opens one with 'period open'", tp->plan,
				     sb_str(&sb), sb_str(&open));
		sb_release(&open);
	}
out:
	store_strv_free(v, n);
	sb_release(&sb);
	return rc;
}

int store_period_pick(struct store *s, const char *task, char out[8], struct err *e)
{
	struct task_plan tp = { NULL, NULL, 0 };
	char first[8], last[8];
	int rc;
	if (!(rc = task_plan(s, task, &tp, first, last, e)))
		rc = pick(s, &tp, first, last, out, e);
	store_row_release(&task_plan_map, &tp);
	return rc;
}

int store_period_pick_plan(struct store *s, const char *plan, char out[8], struct err *e)
{
	static const char sql[] = "SELECT key, kind, year FROM plans WHERE key = ?1";
	struct task_plan tp = { NULL, NULL, 0 };
	char first[8], last[8];
	int rc = store_row_get(s, sql, plan, &task_plan_map, &tp, "cannot read the plan", e);
	if (rc == -ERR_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "no plan has the key '%s'", plan);
	if (!rc) {
		period_plan_range(tp.kind, tp.year, first, last);
		rc = pick(s, &tp, first, last, out, e);
	}
	store_row_release(&task_plan_map, &tp);
	return rc;
}

int store_period_check(struct store *s, const char *login, const char *task, const char *period,
		       int backfill, int *backfilled, struct err *e)
{
	static const char sql[] = "SELECT closed_at IS NULL FROM periods WHERE period = ?1";
	static const char any[] = "SELECT count(*) FROM periods";
	struct task_plan tp = { NULL, NULL, 0 };
	struct strbuf sb = STRBUF_INIT;
	char first[8], last[8], cur[16];
	int rc, open = 0, nperiods = 0;

	*backfilled = 0;
	if (!period_valid(period))
		return err_set(e, ERR_USAGE, "invalid period '%s': write a quarter like 2024Q3", period);
	if ((rc = task_plan(s, task, &tp, first, last, e)))
		return rc;
	period_current(cur, sizeof cur);
	range_text(&sb, first, last);
	if (strcmp(period, first) < 0 || (*last && strcmp(period, last) > 0)) {
		rc = err_set(e, ERR_USAGE, "task %s is in plan %s, which reports on %s; %s is %s it",
			     task, tp.plan, sb_str(&sb), period, strcmp(period, first) < 0 ? "before" : "after");
		goto out;
	}
	if (strcmp(period, cur) > 0) {
		rc = err_set(e, ERR_USAGE, "%s has not begun (it is %s now); report on a quarter that has",
			     period, cur);
		goto out;
	}
	rc = store_row_one(s, store_stmt(s, any, e), &store_int_map, &nperiods, "cannot read the periods", e);
	if (rc || !nperiods)
		goto out;   /* no period was ever opened: the plan's quarters are all open */
	rc = store_row_get(s, sql, period, &store_int_map, &open, "cannot read the periods", e);
	if (rc && rc != -ERR_NOTFOUND)
		goto out;
	err_clear(e);
	rc = 0;
	if (open)
		goto out;
	if (backfill) {
		rc = store_require_office(s, login, "record for a period that is not open (--backfill)", e);
		*backfilled = !rc;
		goto out;
	}
	sb_reset(&sb);
	if (!(rc = open_list(s, &sb, e)))
		rc = err_set(e, ERR_CONFLICT, "%s is not open for reports (open: %s); the office may "
			     "record it with --backfill", period, sb_str(&sb));
out:
	store_row_release(&task_plan_map, &tp);
	sb_release(&sb);
	return rc;
}

/* ---- the lead of a task ---- */

int store_task_lead(struct store *s, const char *login, const char *task, const char *dept,
		    const char *reason, struct err *e)
{
	static const char cur[] = "SELECT lead FROM tasks WHERE id = ?1";
	static const char on[] = "SELECT count(*) FROM task_depts WHERE task = ?1 AND dept = ?2";
	static const char ins[] =
		"INSERT INTO lead_changes(id, task, dept, previous, reason, who, at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	char **old = NULL, id[33], at[40];
	size_t nold = 0;
	int rc, ison = 0;
	sqlite3_stmt *st;

	if (!reason || !reason[strspn(reason, " \t\r\n")])
		return err_set(e, ERR_USAGE, "changing a task's lead needs a reason (the history keeps it)");
	if (!text_valid_utf8(reason, strlen(reason)))
		return err_set(e, ERR_INPUT, "the reason is not valid UTF-8");
	if ((rc = store_begin_office(s, login, "change a task's lead", e)))
		return rc;
	if ((rc = store_task_exists(s, task, NULL, e)))
		goto fail;
	st = store_stmt(s, cur, e);
	store_bind_text(st, 1, task);
	rc = store_rows(s, st, &store_strv_map, &old, &nold, "cannot read the task's lead", e);
	if (rc)
		goto fail;
	st = store_stmt(s, on, e);
	store_bind_text(st, 1, task);
	store_bind_text(st, 2, dept);
	if ((rc = store_row_one(s, st, &store_int_map, &ison, "cannot read the task's departments", e)))
		goto fail;
	if (!ison) {
		rc = err_set(e, ERR_USAGE, "%s is not on task %s; the lead must be one of the departments "
			     "the document names ('duban show %s' lists them)", dept, task, task);
		goto fail;
	}
	if (nold && !strcmp(old[0], dept)) {
		rc = err_set(e, ERR_CONFLICT, "%s already leads task %s", dept, task);
		goto fail;
	}
	store_new_id(id);
	store_now_ms(at, sizeof at);
	st = store_stmt(s, ins, e);
	store_bind_text(st, 1, id);
	store_bind_text(st, 2, task);
	store_bind_text(st, 3, dept);
	store_bind_text(st, 4, nold ? old[0] : "");
	store_bind_text(st, 5, reason);
	store_bind_text(st, 6, login);
	store_bind_text(st, 7, at);
	if ((rc = store_step_done(s, st, "cannot change the lead", e)))
		goto fail;
	if ((rc = store_lead_apply(s, task, e)))
		goto fail;
	/* the close-off is the lead's: both departments' states change */
	if ((rc = store_state_refresh(s, task, dept, e)) ||
	    (nold && *old[0] && (rc = store_state_refresh(s, task, old[0], e))))
		goto fail;
	store_strv_free(old, nold);
	return store_commit(s, e);
fail:
	store_strv_free(old, nold);
	store_rollback(s);
	return rc;
}

int store_lead_apply(struct store *s, const char *task, struct err *e)
{
	/* the newest change whose department is still on the task, else the
	 * document's first-named department */
	static const char lead[] =
		"UPDATE tasks SET lead = coalesce((SELECT lc.dept FROM lead_changes lc"
		"   JOIN task_depts td ON td.task = lc.task AND td.dept = lc.dept"
		"   WHERE lc.task = ?1 ORDER BY lc.at DESC LIMIT 1),"
		"  (SELECT dept FROM task_depts WHERE task = ?1 AND position = 1), '') WHERE id = ?1";
	static const char roles[] =
		"UPDATE task_depts SET role = CASE WHEN dept = (SELECT lead FROM tasks WHERE id = ?1)"
		"  THEN 'lead' ELSE 'participant' END WHERE task = ?1";
	sqlite3_stmt *st = store_stmt(s, lead, e);
	int rc;
	store_bind_text(st, 1, task);
	if ((rc = store_step_done(s, st, "cannot set the task's lead", e)))
		return rc;
	st = store_stmt(s, roles, e);
	store_bind_text(st, 1, task);
	return store_step_done(s, st, "cannot set the task's roles", e);
}
