/* Users and roles, progress records, close-off reviews, evidence, settings,
 * task state and history. Every write checks the role rules here, inside its
 * own BEGIN IMMEDIATE transaction, whatever the entry point. */
#include <errno.h>
#include <sys/random.h>
#include <time.h>

#include "store/store_int.h"
#include "src/sha256.h"
#include "src/text.h"
#include "src/util.h"
#include "src/banned.h"


static int step_done(struct store *s, sqlite3_stmt *st, const char *what, struct err *e)
{
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(s, rc, what, e);
	return 0;
}

/* A random 128-bit id as 32 hex digits: unique across offices. */
void store_new_id(char out[33])
{
	unsigned char b[16];
	size_t got = 0;
	while (got < sizeof b) {
		ssize_t n = getrandom(b + got, sizeof b - got, 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			util_die("cannot read random bytes: %s", strerror(errno));
		}
		got += (size_t)n;
	}
	for (size_t i = 0; i < sizeof b; i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
}

/* Time with milliseconds, so records made in one second keep their order. */
void store_now_ms(char *buf, size_t n)
{
	struct timespec ts;
	struct tm tm;
	char base[32];
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, n, "%.20s.%03dZ", base, (int)((ts.tv_nsec / 1000000) % 1000));
}

/* ---- users ---- */

int store_actor_get(struct store *s, const char *login, struct actor *out, struct err *e)
{
	static const char count[] = "SELECT count(*) FROM users";
	static const char one[] = "SELECT role, dept FROM users WHERE login = ?1";
	sqlite3_stmt *st;
	int rc, n;

	memset(out, 0, sizeof *out);
	out->login = xstrdup(login);
	if (!(st = store_stmt(s, count, e)))
		return -ERR_DB;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		return store_fail(s, rc, "cannot read users", e);
	n = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	if (n == 0) {
		out->role = UROLE_OFFICE;
		out->implicit = 1;
		out->known = 1;
		return 0;
	}
	if (!(st = store_stmt(s, one, e)))
		return -ERR_DB;
	store_bind_text(st, 1, login);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		int r = user_role_parse((const char *)sqlite3_column_text(st, 0));
		out->role = r < 0 ? UROLE_VIEWER : (enum user_role)r;
		if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			out->dept = store_col_str(st, 1);
		out->known = 1;
		sqlite3_reset(st);
		return 0;
	}
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, "cannot read users", e);
	out->role = UROLE_VIEWER;
	return 0;
}

void store_actor_release(struct actor *a)
{
	free(a->login);
	free(a->dept);
	memset(a, 0, sizeof *a);
}

/* -ERR_DENIED unless LOGIN is an office user. WHAT: "import plans". */
int store_require_office(struct store *s, const char *login, const char *what, struct err *e)
{
	struct actor a;
	int rc = store_actor_get(s, login, &a, e);
	if (rc)
		return rc;
	if (a.role != UROLE_OFFICE)
		rc = err_set(e, ERR_DENIED, "only the joint conference office may %s; user '%s' is %s%s",
			     what, login, a.known ? "a " : "not a duban user of this database",
			     a.known ? user_role_name(a.role) : "");
	store_actor_release(&a);
	return rc;
}


int store_user_add(struct store *s, const char *actor, const char *login, enum user_role role,
		   const char *dept, struct err *e)
{
	static const char count[] = "SELECT count(*), sum(role = 'office') FROM users";
	static const char ins[] =
		"INSERT INTO users(login, role, dept, added_by, added_at) VALUES (?1, ?2, ?3, ?4, ?5)"
		" ON CONFLICT (login) DO UPDATE SET role = excluded.role, dept = excluded.dept,"
		" added_by = excluded.added_by, added_at = excluded.added_at";
	static const char dep[] = "SELECT 1 FROM departments WHERE name = ?1";
	sqlite3_stmt *st;
	char now[32];
	int rc;

	if (!*login || strpbrk(login, " \t\n/:"))
		return err_set(e, ERR_USAGE, "invalid login '%s': give an operating-system user name", login);
	if (role == UROLE_LIAISON && !dept)
		return err_set(e, ERR_USAGE, "a liaison needs a department: add --dept NAME");
	if ((rc = store_begin(s, e)))
		return rc;
	if ((rc = store_require_office(s, actor, "manage users", e)))
		goto fail;
	if (!(st = store_stmt(s, count, e))) {
		rc = -ERR_DB;
		goto fail;
	}
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 0 &&
	    (strcmp(login, actor) || role != UROLE_OFFICE)) {
		sqlite3_reset(st);
		rc = err_set(e, ERR_DENIED, "the first user must be an office user, or you would lock "
			     "yourself out: add yourself first with 'duban user add %s --role office'", actor);
		goto fail;
	}
	sqlite3_reset(st);
	if (dept) {
		if (!(st = store_stmt(s, dep, e))) {
			rc = -ERR_DB;
			goto fail;
		}
		store_bind_text(st, 1, dept);
		if (sqlite3_step(st) != SQLITE_ROW) {
			rc = err_set(e, ERR_NOTFOUND, "unknown department '%s'", dept);
			goto fail;
		}
		sqlite3_reset(st);
	}
	if (!(st = store_stmt(s, ins, e))) {
		rc = -ERR_DB;
		goto fail;
	}
	store_now(now, sizeof now);
	store_bind_text(st, 1, login);
	store_bind_text(st, 2, user_role_name(role));
	store_bind_text(st, 3, role == UROLE_OFFICE && !dept ? NULL : dept);
	store_bind_text(st, 4, actor);
	store_bind_text(st, 5, now);
	if ((rc = step_done(s, st, "cannot add the user", e)))
		goto fail;
	/* the last office user cannot demote themselves */
	if (!(st = store_stmt(s, count, e))) {
		rc = -ERR_DB;
		goto fail;
	}
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 1) == 0) {
		sqlite3_reset(st);
		rc = err_set(e, ERR_DENIED, "'%s' is the last office user; add another office user "
			     "before changing this one's role", login);
		goto fail;
	}
	sqlite3_reset(st);
	return store_commit(s, e);
fail:
	store_rollback(s);
	return rc;
}

int store_user_remove(struct store *s, const char *actor, const char *login, struct err *e)
{
	static const char del[] = "DELETE FROM users WHERE login = ?1";
	static const char offices[] = "SELECT count(*), sum(role = 'office') FROM users";
	sqlite3_stmt *st;
	int rc;

	if ((rc = store_begin(s, e)))
		return rc;
	if ((rc = store_require_office(s, actor, "manage users", e)))
		goto fail;
	if (!(st = store_stmt(s, del, e))) {
		rc = -ERR_DB;
		goto fail;
	}
	store_bind_text(st, 1, login);
	if ((rc = step_done(s, st, "cannot remove the user", e)))
		goto fail;
	if (sqlite3_changes(s->db) == 0) {
		rc = err_set(e, ERR_NOTFOUND, "no user '%s'; 'duban user list' shows them", login);
		goto fail;
	}
	if (!(st = store_stmt(s, offices, e))) {
		rc = -ERR_DB;
		goto fail;
	}
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0 &&
	    sqlite3_column_int(st, 1) == 0) {
		sqlite3_reset(st);
		rc = err_set(e, ERR_DENIED, "'%s' is the last office user; add another office user first",
			     login);
		goto fail;
	}
	sqlite3_reset(st);
	return store_commit(s, e);
fail:
	store_rollback(s);
	return rc;
}

int store_user_list(struct store *s, struct user_info **out, size_t *n, struct err *e)
{
	static const char sql[] =
		"SELECT login, role, coalesce(dept, ''), added_by, added_at FROM users ORDER BY role DESC, login";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (!st)
		return -ERR_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct user_info *u;
		int r;
		xgrow(out, &cap, *n + 1, sizeof **out);
		u = &(*out)[(*n)++];
		u->login = store_col_str(st, 0);
		r = user_role_parse((const char *)sqlite3_column_text(st, 1));
		u->role = r < 0 ? UROLE_VIEWER : (enum user_role)r;
		u->dept = store_col_str(st, 2);
		u->added_by = store_col_str(st, 3);
		u->added_at = store_col_str(st, 4);
	}
	if (rc != SQLITE_DONE) {
		store_user_list_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail(s, rc, "cannot list users", e);
	}
	return 0;
}

void store_user_list_free(struct user_info *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].login);
		free(v[i].dept);
		free(v[i].added_by);
		free(v[i].added_at);
	}
	free(v);
}

/* ---- the write rule shared by progress and evidence ---- */

/* Check that LOGIN may write for DEPT on TASK: the task exists (not retired),
 * DEPT is on it, and LOGIN is office or DEPT's liaison. *ROLE gets DEPT's role. */
int store_check_write(struct store *s, const char *login, const char *task, const char *dept,
		      enum role *role, struct err *e)
{
	static const char t_sql[] = "SELECT retired FROM tasks WHERE id = ?1";
	static const char d_sql[] = "SELECT role FROM task_depts WHERE task = ?1 AND dept = ?2";
	static const char all_sql[] =
		"SELECT group_concat(dept, '、') FROM (SELECT dept FROM task_depts WHERE task = ?1 ORDER BY position)";
	struct actor a;
	sqlite3_stmt *st;
	int rc;

	if (!(st = store_stmt(s, t_sql, e)))
		return -ERR_DB;
	store_bind_text(st, 1, task);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return err_set(e, ERR_NOTFOUND, "no task has the id '%s'; ids look like 2024-105", task);
	if (rc != SQLITE_ROW)
		return store_fail(s, rc, "cannot read the task", e);
	if (sqlite3_column_int(st, 0)) {
		sqlite3_reset(st);
		return err_set(e, ERR_CONFLICT, "task '%s' was retired: the plan's corrected text no "
			       "longer has it; its records are kept but nothing new can be added", task);
	}
	sqlite3_reset(st);

	if ((rc = store_actor_get(s, login, &a, e)))
		return rc;
	if (a.role == UROLE_VIEWER) {
		if (a.known)
			rc = err_set(e, ERR_DENIED, "user '%s' is a viewer and may not record anything", login);
		else
			rc = err_set(e, ERR_DENIED, "user '%s' is not a duban user of this database; ask the "
				     "joint conference office to add you ('duban user add %s --dept NAME "
				     "--role liaison')", login, login);
		store_actor_release(&a);
		return rc;
	}
	if (a.role == UROLE_LIAISON && strcmp(a.dept, dept)) {
		rc = err_set(e, ERR_DENIED, "user '%s' is the liaison of %s and may record only for it, "
			     "not for %s", login, a.dept, dept);
		store_actor_release(&a);
		return rc;
	}
	store_actor_release(&a);

	if (!(st = store_stmt(s, d_sql, e)))
		return -ERR_DB;
	store_bind_text(st, 1, task);
	store_bind_text(st, 2, dept);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*role = strcmp((const char *)sqlite3_column_text(st, 0), "lead") ? ROLE_PARTICIPANT : ROLE_LEAD;
		sqlite3_reset(st);
		return 0;
	}
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, "cannot read the task's departments", e);
	if (!(st = store_stmt(s, all_sql, e)))
		return -ERR_DB;
	store_bind_text(st, 1, task);
	if (sqlite3_step(st) == SQLITE_ROW) {
		rc = err_set(e, ERR_DENIED, "%s is not on task %s (its departments: %s); a department "
			     "records only on tasks it leads or takes part in", dept, task,
			     (const char *)sqlite3_column_text(st, 0));
		sqlite3_reset(st);
		return rc;
	}
	return err_set(e, ERR_DENIED, "%s is not on task %s", dept, task);
}

/* ---- progress ---- */

int store_progress_check_fields(const struct progress_in *in, struct err *e)
{
	if (!period_valid(in->period))
		return err_set(e, ERR_USAGE, "invalid period '%s': write a quarter like 2024Q3", in->period);
	if ((unsigned)in->status >= ST_COUNT)
		return err_set(e, ERR_USAGE, "invalid status");
	if (!text_valid_utf8(in->note, strlen(in->note)))
		return err_set(e, ERR_INPUT, "the note is not valid UTF-8; save it as UTF-8 and try again");
	if (in->status == ST_BEHIND && !in->note[strspn(in->note, " \t\r\n")])
		return err_set(e, ERR_USAGE, "a task recorded as behind needs a note saying why");
	return 0;
}

int store_progress_insert(struct store *s, const char *login, const struct progress_in *in,
			  char id[33], struct err *e)
{
	static const char ins[] =
		"INSERT INTO progress(id, task, dept, period, status, note, note_key, who, at, based_on)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
	static const char cur[] =
		"INSERT INTO current(task, dept, progress, status, decision) VALUES (?1, ?2, ?3, ?4, NULL)"
		" ON CONFLICT (task, dept) DO UPDATE SET progress = excluded.progress,"
		" status = excluded.status, decision = NULL";
	static const char idx[] = "INSERT INTO search(task, body) VALUES (?1, ?2)";
	sqlite3_stmt *st;
	char at[40], *key;
	int rc;

	store_new_id(id);
	store_now_ms(at, sizeof at);
	if (!(st = store_stmt(s, ins, e)))
		return -ERR_DB;
	key = text_match_key(in->note);
	store_bind_text(st, 1, id);
	store_bind_text(st, 2, in->task);
	store_bind_text(st, 3, in->dept);
	store_bind_text(st, 4, in->period);
	store_bind_text(st, 5, status_name(in->status));
	store_bind_text(st, 6, in->note);
	store_bind_text(st, 7, key);
	store_bind_text(st, 8, login);
	store_bind_text(st, 9, at);
	store_bind_text(st, 10, in->based_on);
	if ((rc = step_done(s, st, "cannot record progress", e))) {
		free(key);
		return rc;
	}
	if (*key) {
		if (!(st = store_stmt(s, idx, e))) {
			free(key);
			return -ERR_DB;
		}
		store_bind_text(st, 1, in->task);
		store_bind_text(st, 2, key);
		if ((rc = step_done(s, st, "cannot index the note for search", e))) {
			free(key);
			return rc;
		}
	}
	free(key);
	if (!(st = store_stmt(s, cur, e)))
		return -ERR_DB;
	store_bind_text(st, 1, in->task);
	store_bind_text(st, 2, in->dept);
	store_bind_text(st, 3, id);
	store_bind_text(st, 4, status_name(in->status));
	return step_done(s, st, "cannot record progress", e);
}

int store_task_search_indexed(const char *key)
{
	return text_distance("", key) >= 3;
}

int store_task_search(struct store *s, const char *plan, const char *key, char ***task_ids,
		      char ***plans, size_t *n, struct err *e)
{
	/* A task matches by its text, by any spelling of one of its
	 * departments, or by any of its progress notes. The department part is
	 * one pass over dept_aliases (hundreds of rows), not a probe per task.
	 * Notes: three characters or more go through the trigram index, shorter
	 * keys are looked for in every note of the task. */
#define SEARCH_TEXT_DEPT \
	" AND (instr(t.match_key, ?2) > 0" \
	"  OR t.id IN (SELECT td.task FROM dept_aliases a JOIN task_depts td ON td.dept = a.dept" \
	"              WHERE instr(a.key, ?2) > 0)"
#define SEARCH_NOTES_SCAN \
	"  OR EXISTS (SELECT 1 FROM progress p WHERE p.task = t.id AND instr(p.note_key, ?2) > 0))"
#define SEARCH_NOTES_FTS \
	"  OR t.id IN (SELECT task FROM search WHERE search MATCH ?3))"
#define SEARCH_BY_PLAN "SELECT t.id, t.plan FROM tasks t WHERE t.plan = ?1 AND t.retired = 0"
#define SEARCH_EVERY "SELECT t.id, t.plan FROM tasks t JOIN plans pl ON pl.key = t.plan WHERE t.retired = 0"
#define SEARCH_ORDER_EVERY " ORDER BY pl.year DESC, pl.kind, t.plan, t.seq"
	static const char by_plan[] = SEARCH_BY_PLAN SEARCH_TEXT_DEPT SEARCH_NOTES_SCAN " ORDER BY t.seq";
	static const char every[] = SEARCH_EVERY SEARCH_TEXT_DEPT SEARCH_NOTES_SCAN SEARCH_ORDER_EVERY;
	static const char fts_plan[] = SEARCH_BY_PLAN SEARCH_TEXT_DEPT SEARCH_NOTES_FTS " ORDER BY t.seq";
	static const char fts_every[] = SEARCH_EVERY SEARCH_TEXT_DEPT SEARCH_NOTES_FTS SEARCH_ORDER_EVERY;
#undef SEARCH_TEXT_DEPT
#undef SEARCH_NOTES_SCAN
#undef SEARCH_NOTES_FTS
#undef SEARCH_BY_PLAN
#undef SEARCH_EVERY
#undef SEARCH_ORDER_EVERY
	int fts = store_task_search_indexed(key);
	struct strbuf phrase = STRBUF_INIT;
	sqlite3_stmt *st = store_stmt(s, fts ? (plan ? fts_plan : fts_every) : (plan ? by_plan : every), e);
	size_t cap = 0, pcap = 0;
	int rc;
	*task_ids = NULL;
	if (plans)
		*plans = NULL;
	*n = 0;
	if (!st)
		return -ERR_DB;
	if (fts) {
		/* the key as one FTS5 phrase: "…" with quotes doubled */
		sb_addc(&phrase, '"');
		for (const char *p = key; *p; p++) {
			if (*p == '"')
				sb_addc(&phrase, '"');
			sb_addc(&phrase, *p);
		}
		sb_addc(&phrase, '"');
	}
	store_bind_text(st, 1, plan);
	store_bind_text(st, 2, key);
	if (fts)
		store_bind_text(st, 3, sb_str(&phrase));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow(task_ids, &cap, *n + 1, sizeof **task_ids);
		if (plans) {
			xgrow(plans, &pcap, *n + 1, sizeof **plans);
			(*plans)[*n] = store_col_str(st, 1);
		}
		(*task_ids)[(*n)++] = store_col_str(st, 0);
	}
	sb_release(&phrase);
	if (rc != SQLITE_DONE) {
		store_strv_free(*task_ids, *n);
		if (plans) {
			store_strv_free(*plans, *n);
			*plans = NULL;
		}
		*task_ids = NULL;
		*n = 0;
		return store_fail(s, rc, "cannot search", e);
	}
	return 0;
}


static void rec_from(sqlite3_stmt *st, struct progress_rec *r)
{
	int sv;
	r->id = store_col_str(st, 0);
	r->task = store_col_str(st, 1);
	r->dept = store_col_str(st, 2);
	r->period = store_col_str(st, 3);
	sv = status_parse((const char *)sqlite3_column_text(st, 4));
	r->status = sv < 0 ? ST_NOT_STARTED : (enum status)sv;
	r->note = store_col_str(st, 5);
	r->who = store_col_str(st, 6);
	r->at = store_col_str(st, 7);
}

void store_progress_rec_release(struct progress_rec *r)
{
	free(r->id);
	free(r->task);
	free(r->dept);
	free(r->period);
	free(r->note);
	free(r->who);
	free(r->at);
	memset(r, 0, sizeof *r);
}

int store_progress_latest(struct store *s, const char *task, const char *dept,
			  struct progress_rec *out, struct err *e)
{
	static const char sql[] =
		"SELECT p.id, p.task, p.dept, p.period, p.status, p.note, p.who, p.at"
		" FROM current c JOIN progress p ON p.id = c.progress WHERE c.task = ?1 AND c.dept = ?2";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	int rc;
	memset(out, 0, sizeof *out);
	if (!st)
		return -ERR_DB;
	store_bind_text(st, 1, task);
	store_bind_text(st, 2, dept);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		rec_from(st, out);
		sqlite3_reset(st);
		return 0;
	}
	if (rc == SQLITE_DONE)
		return err_set(e, ERR_NOTFOUND, "no progress recorded for %s on %s", dept, task);
	return store_fail(s, rc, "cannot read progress", e);
}

int store_progress_append(struct store *s, const char *login, const struct progress_in *in,
			  struct progress_result *r, struct err *e)
{
	struct progress_rec newest;
	enum role role;
	int rc;

	memset(r, 0, sizeof *r);
	if ((rc = store_progress_check_fields(in, e)))
		return rc;
	if ((rc = store_begin(s, e)))
		return rc;
	if ((rc = store_check_write(s, login, in->task, in->dept, &role, e)))
		goto fail;
	rc = store_progress_latest(s, in->task, in->dept, &newest, e);
	if (rc && rc != -ERR_NOTFOUND)
		goto fail;
	err_clear(e);
	if (in->based_on) {
		const char *seen = rc == 0 ? newest.id : "";
		if (strcmp(seen, in->based_on)) {
			r->conflict = 1;
			r->newer = newest;
			memset(&newest, 0, sizeof newest);
		}
	}
	store_progress_rec_release(&newest);
	if ((rc = store_progress_insert(s, login, in, r->id, e)))
		goto fail;
	if ((rc = store_commit(s, e)))
		goto fail_nocommit;
	return 0;
fail:
	store_rollback(s);
fail_nocommit:
	store_progress_rec_release(&r->newer);
	r->conflict = 0;
	r->id[0] = '\0';
	return rc;
}

/* ---- reviews ---- */

int store_review(struct store *s, const char *login, const char *task, int approve,
		 const char *reason, struct err *e)
{
	static const char lead[] =
		"SELECT td.dept, c.progress, c.status, r.decision FROM task_depts td"
		" LEFT JOIN current c ON c.task = td.task AND c.dept = td.dept"
		" LEFT JOIN reviews r ON r.progress = c.progress"
		" WHERE td.task = ?1 AND td.position = 1";
	static const char ins[] =
		"INSERT INTO reviews(id, task, progress, decision, reason, who, at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	sqlite3_stmt *st;
	char id[33], at[40], *progress = NULL;
	int rc;

	if (!approve && (!reason || !*reason))
		return err_set(e, ERR_USAGE, "returning a close-off needs a reason: add --reason TEXT");
	if (reason && !text_valid_utf8(reason, strlen(reason)))
		return err_set(e, ERR_INPUT, "the reason is not valid UTF-8");
	if ((rc = store_begin(s, e)))
		return rc;
	if ((rc = store_require_office(s, login, "approve or return close-offs", e)))
		goto fail;
	if (!(st = store_stmt(s, lead, e))) {
		rc = -ERR_DB;
		goto fail;
	}
	store_bind_text(st, 1, task);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		rc = err_set(e, ERR_NOTFOUND, "no task has the id '%s' (or it has no departments)", task);
		goto fail;
	}
	if (rc != SQLITE_ROW) {
		rc = store_fail(s, rc, "cannot read the task", e);
		goto fail;
	}
	if (sqlite3_column_type(st, 1) == SQLITE_NULL ||
	    strcmp((const char *)sqlite3_column_text(st, 2), "done")) {
		rc = err_set(e, ERR_CONFLICT, "task %s has no close-off to review: its lead department "
			     "%s has not recorded it done", task, (const char *)sqlite3_column_text(st, 0));
		sqlite3_reset(st);
		goto fail;
	}
	if (sqlite3_column_type(st, 3) != SQLITE_NULL) {
		rc = err_set(e, ERR_CONFLICT, "the close-off of task %s was already %s", task,
			     strcmp((const char *)sqlite3_column_text(st, 3), "approve") ? "returned" : "approved");
		sqlite3_reset(st);
		goto fail;
	}
	progress = store_col_str(st, 1);
	sqlite3_reset(st);
	store_new_id(id);
	store_now_ms(at, sizeof at);
	if (!(st = store_stmt(s, ins, e))) {
		rc = -ERR_DB;
		goto fail;
	}
	store_bind_text(st, 1, id);
	store_bind_text(st, 2, task);
	store_bind_text(st, 3, progress);
	store_bind_text(st, 4, approve ? "approve" : "return");
	store_bind_text(st, 5, reason ? reason : "");
	store_bind_text(st, 6, login);
	store_bind_text(st, 7, at);
	if ((rc = step_done(s, st, "cannot record the review", e)))
		goto fail;
	free(progress);
	return store_commit(s, e);
fail:
	free(progress);
	store_rollback(s);
	return rc;
}

/* ---- settings ---- */

long long store_setting_int(struct store *s, const char *key, long long dflt)
{
	static const char sql[] = "SELECT value FROM settings WHERE key = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, NULL);
	long long v = dflt;
	if (!st)
		return dflt;
	store_bind_text(st, 1, key);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return v;
}

long long store_evidence_limit(struct store *s)
{
	long long v = store_setting_int(s, "evidence.max_bytes", EVIDENCE_MAX_BYTES_DEFAULT);
	return v > EVIDENCE_MAX_BYTES_CEILING ? EVIDENCE_MAX_BYTES_CEILING : v;
}

int store_setting_set(struct store *s, const char *login, const char *key, const char *value,
		      struct err *e)
{
	static const char sql[] =
		"INSERT INTO settings(key, value) VALUES (?1, ?2)"
		" ON CONFLICT (key) DO UPDATE SET value = excluded.value";
	sqlite3_stmt *st;
	int rc;
	if (strcmp(key, "evidence.max_bytes"))
		return err_set(e, ERR_USAGE, "unknown setting '%s': the settings are evidence.max_bytes", key);
	{
		char *end;
		long long v = strtoll(value, &end, 10);
		if (*end || v < 1 || end == value)
			return err_set(e, ERR_USAGE, "invalid value '%s' for %s: give a number of bytes",
				       value, key);
		if (v > EVIDENCE_MAX_BYTES_CEILING)
			return err_set(e, ERR_USAGE, "%s cannot exceed %lld bytes (what the database "
				       "stores in one item); '%s' is more", key, EVIDENCE_MAX_BYTES_CEILING, value);
	}
	if ((rc = store_begin(s, e)))
		return rc;
	if ((rc = store_require_office(s, login, "change settings", e)))
		goto fail;
	if (!(st = store_stmt(s, sql, e))) {
		rc = -ERR_DB;
		goto fail;
	}
	store_bind_text(st, 1, key);
	store_bind_text(st, 2, value);
	if ((rc = step_done(s, st, "cannot change the setting", e)))
		goto fail;
	return store_commit(s, e);
fail:
	store_rollback(s);
	return rc;
}

/* ---- evidence ---- */

int store_evidence_add(struct store *s, const char *login, const struct evidence_in *in,
		       char id_out[33], struct err *e)
{
	static const char blob[] = "INSERT OR IGNORE INTO blobs(sha256, size, data) VALUES (?1, ?2, ?3)";
	static const char ins[] =
		"INSERT INTO evidence(id, task, dept, kind, title, file_name, sha256, size, value,"
		" progress, who, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
	static const char prog[] = "SELECT 1 FROM progress WHERE id = ?1 AND task = ?2 AND dept = ?3";
	sqlite3_stmt *st;
	char sha[65], at[40];
	enum role role;
	long long max;
	int rc;

	id_out[0] = '\0';
	if (!in->title || !*in->title)
		return err_set(e, ERR_USAGE, "evidence needs a title");
	if (!text_valid_utf8(in->title, strlen(in->title)))
		return err_set(e, ERR_INPUT, "the title is not valid UTF-8");
	if (in->kind != EV_FILE && (!in->value || !*in->value))
		return err_set(e, ERR_USAGE, "evidence needs a %s", in->kind == EV_URL ? "URL" : "document number");
	if (in->value && !text_valid_utf8(in->value, strlen(in->value)))
		return err_set(e, ERR_INPUT, "the %s is not valid UTF-8", in->kind == EV_URL ? "URL" : "document number");
	if (in->kind == EV_URL && !util_starts_with(in->value, "http://") &&
	    !util_starts_with(in->value, "https://"))
		return err_set(e, ERR_USAGE, "invalid URL '%s': give a link starting http:// or https://", in->value);
	if ((rc = store_begin(s, e)))
		return rc;
	if ((rc = store_check_write(s, login, in->task, in->dept, &role, e)))
		goto fail;
	if (in->progress) {
		if (!(st = store_stmt(s, prog, e))) {
			rc = -ERR_DB;
			goto fail;
		}
		store_bind_text(st, 1, in->progress);
		store_bind_text(st, 2, in->task);
		store_bind_text(st, 3, in->dept);
		if (sqlite3_step(st) != SQLITE_ROW) {
			rc = err_set(e, ERR_NOTFOUND, "no progress record '%s' of %s on %s", in->progress,
				     in->dept, in->task);
			goto fail;
		}
		sqlite3_reset(st);
	}
	if (in->kind == EV_FILE) {
		max = store_evidence_limit(s);
		if ((long long)in->size > max) {
			rc = err_set(e, ERR_INPUT, "the file '%s' is %.1f MB, over the evidence limit of "
				     "%.1f MB; attach a smaller file or its document number, or ask the office "
				     "to raise the limit (setting evidence.max_bytes)", in->file_name,
				     in->size / 1048576.0, max / 1048576.0);
			goto fail;
		}
		sha256_hex(in->data, in->size, sha);
		if (!(st = store_stmt(s, blob, e))) {
			rc = -ERR_DB;
			goto fail;
		}
		store_bind_text(st, 1, sha);
		sqlite3_bind_int64(st, 2, (sqlite3_int64)in->size);
		sqlite3_bind_blob64(st, 3, in->size ? in->data : "", in->size, SQLITE_STATIC);
		if ((rc = step_done(s, st, "cannot store the file", e)))
			goto fail;
	}
	store_new_id(id_out);
	store_now_ms(at, sizeof at);
	if (!(st = store_stmt(s, ins, e))) {
		rc = -ERR_DB;
		goto fail;
	}
	store_bind_text(st, 1, id_out);
	store_bind_text(st, 2, in->task);
	store_bind_text(st, 3, in->dept);
	store_bind_text(st, 4, evidence_kind_name(in->kind));
	store_bind_text(st, 5, in->title);
	store_bind_text(st, 6, in->kind == EV_FILE ? in->file_name : NULL);
	store_bind_text(st, 7, in->kind == EV_FILE ? sha : NULL);
	if (in->kind == EV_FILE)
		sqlite3_bind_int64(st, 8, (sqlite3_int64)in->size);
	store_bind_text(st, 9, in->kind == EV_FILE ? NULL : in->value);
	store_bind_text(st, 10, in->progress);
	store_bind_text(st, 11, login);
	store_bind_text(st, 12, at);
	if ((rc = step_done(s, st, "cannot store the evidence", e)))
		goto fail;
	if ((rc = store_commit(s, e))) {
		id_out[0] = '\0';
		return rc;
	}
	return 0;
fail:
	id_out[0] = '\0';
	store_rollback(s);
	return rc;
}

#define EV_COLS "SELECT id, task, dept, kind, title, coalesce(file_name, ''), coalesce(sha256, ''), " \
	"coalesce(size, 0), coalesce(value, ''), coalesce(progress, ''), who, at FROM evidence"

static void ev_from(sqlite3_stmt *st, struct evidence_info *v)
{
	const char *k = (const char *)sqlite3_column_text(st, 3);
	v->id = store_col_str(st, 0);
	v->task = store_col_str(st, 1);
	v->dept = store_col_str(st, 2);
	v->kind = !strcmp(k, "file") ? EV_FILE : !strcmp(k, "docno") ? EV_DOCNO : EV_URL;
	v->title = store_col_str(st, 4);
	v->file_name = store_col_str(st, 5);
	v->sha256 = store_col_str(st, 6);
	v->size = sqlite3_column_int64(st, 7);
	v->value = store_col_str(st, 8);
	v->progress = store_col_str(st, 9);
	v->who = store_col_str(st, 10);
	v->at = store_col_str(st, 11);
}

int store_evidence_list(struct store *s, const char *task, const char *dept,
			struct evidence_info **out, size_t *n, struct err *e)
{
	static const char by_task[] = EV_COLS
		" WHERE task = ?1 AND (?2 IS NULL OR dept = ?2) ORDER BY at, id";
	static const char every[] = EV_COLS
		" WHERE (?2 IS NULL OR dept = ?2) ORDER BY at, id";
	sqlite3_stmt *st = store_stmt(s, task ? by_task : every, e);
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (!st)
		return -ERR_DB;
	store_bind_text(st, 1, task);
	store_bind_text(st, 2, dept);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow(out, &cap, *n + 1, sizeof **out);
		ev_from(st, &(*out)[(*n)++]);
	}
	if (rc != SQLITE_DONE) {
		store_evidence_list_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail(s, rc, "cannot list evidence", e);
	}
	return 0;
}

int store_evidence_get(struct store *s, const char *id, struct evidence_info *out, void **data,
		       size_t *size, struct err *e)
{
	static const char sql[] = EV_COLS " WHERE id = ?1";
	static const char blob[] = "SELECT data FROM blobs WHERE sha256 = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	int rc;
	memset(out, 0, sizeof *out);
	if (data)
		*data = NULL;
	if (size)
		*size = 0;
	if (!st)
		return -ERR_DB;
	store_bind_text(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return err_set(e, ERR_NOTFOUND, "no evidence has the id '%s'; 'duban evidence list' shows them", id);
	if (rc != SQLITE_ROW)
		return store_fail(s, rc, "cannot read evidence", e);
	ev_from(st, out);
	sqlite3_reset(st);
	if (out->kind != EV_FILE || !data)
		return 0;
	if (!(st = store_stmt(s, blob, e))) {
		store_evidence_info_release(out);
		return -ERR_DB;
	}
	store_bind_text(st, 1, out->sha256);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		store_evidence_info_release(out);
		return rc == SQLITE_DONE ? err_set(e, ERR_DB, "the file of evidence '%s' is missing from "
						   "the database; restore it from a backup", id)
					 : store_fail(s, rc, "cannot read evidence", e);
	}
	*size = (size_t)sqlite3_column_bytes(st, 0);
	*data = xmalloc(*size ? *size : 1);
	if (*size)
		memcpy(*data, sqlite3_column_blob(st, 0), *size);
	sqlite3_reset(st);
	return 0;
}

void store_evidence_info_release(struct evidence_info *v)
{
	free(v->id);
	free(v->task);
	free(v->dept);
	free(v->title);
	free(v->file_name);
	free(v->sha256);
	free(v->value);
	free(v->progress);
	free(v->who);
	free(v->at);
	memset(v, 0, sizeof *v);
}

void store_evidence_list_free(struct evidence_info *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_evidence_info_release(&v[i]);
	free(v);
}

/* ---- state ---- */

static enum review_state review_of(sqlite3_stmt *st, int col_status, int col_decision)
{
	const char *status = (const char *)sqlite3_column_text(st, col_status);
	const char *dec = (const char *)sqlite3_column_text(st, col_decision);
	if (!status || strcmp(status, "done"))
		return REVIEW_NONE;
	if (!dec)
		return REVIEW_PENDING;
	return strcmp(dec, "approve") ? REVIEW_RETURNED : REVIEW_APPROVED;
}

int store_task_state(struct store *s, const char *task, struct task_state *out, struct err *e)
{
	static const char sql[] =
		"SELECT td.dept, td.role, p.id, p.status, p.period, p.at, p.who, p.note, r.decision,"
		"  coalesce(r.reason, ''),"
		"  (SELECT count(*) FROM evidence ev WHERE ev.task = td.task AND ev.dept = td.dept)"
		" FROM task_depts td"
		" LEFT JOIN current c ON c.task = td.task AND c.dept = td.dept"
		" LEFT JOIN progress p ON p.id = c.progress"
		" LEFT JOIN reviews r ON r.progress = c.progress"
		" WHERE td.task = ?1 ORDER BY td.position";
	static const char exists[] = "SELECT 1 FROM tasks WHERE id = ?1";
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if (!(st = store_stmt(s, exists, e)))
		return -ERR_DB;
	store_bind_text(st, 1, task);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? err_set(e, ERR_NOTFOUND, "no task has the id '%s'; ids look "
						   "like 2024-105", task)
					 : store_fail(s, rc, "cannot read the task", e);
	out->task = xstrdup(task);
	out->silent = 1;
	out->period = xstrdup("");
	out->updated = xstrdup("");
	out->review_reason = xstrdup("");
	if (!(st = store_stmt(s, sql, e))) {
		store_task_state_release(out);
		return -ERR_DB;
	}
	store_bind_text(st, 1, task);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct dept_state *d;
		xgrow(&out->depts, &cap, out->ndepts + 1, sizeof *out->depts);
		d = &out->depts[out->ndepts++];
		memset(d, 0, sizeof *d);
		d->dept = store_col_str(st, 0);
		d->role = strcmp((const char *)sqlite3_column_text(st, 1), "lead") ? ROLE_PARTICIPANT : ROLE_LEAD;
		d->has_record = sqlite3_column_type(st, 2) != SQLITE_NULL;
		d->record_id = store_col_str(st, 2);
		d->status = ST_NOT_STARTED;
		if (d->has_record) {
			int sv = status_parse((const char *)sqlite3_column_text(st, 3));
			d->status = sv < 0 ? ST_NOT_STARTED : (enum status)sv;
		}
		d->period = store_col_str(st, 4);
		d->at = store_col_str(st, 5);
		d->who = store_col_str(st, 6);
		d->note = store_col_str(st, 7);
		d->nevidence = sqlite3_column_int(st, 10);
		if (out->ndepts == 1) {
			out->status = d->status;
			out->silent = !d->has_record;
			out->review = review_of(st, 3, 8);
			free(out->review_reason);
			out->review_reason = store_col_str(st, 9);
			free(out->period);
			out->period = xstrdup(d->period);
			free(out->updated);
			out->updated = xstrdup(d->at);
		}
	}
	if (rc != SQLITE_DONE) {
		store_task_state_release(out);
		return store_fail(s, rc, "cannot read the task's state", e);
	}
	return 0;
}

void store_task_state_release(struct task_state *t)
{
	for (size_t i = 0; i < t->ndepts; i++) {
		struct dept_state *d = &t->depts[i];
		free(d->dept);
		free(d->period);
		free(d->at);
		free(d->who);
		free(d->note);
		free(d->record_id);
	}
	free(t->depts);
	free(t->task);
	free(t->review_reason);
	free(t->period);
	free(t->updated);
	memset(t, 0, sizeof *t);
}

int store_status_rows(struct store *s, const char *plan, const char *dept,
		      struct status_row **out, size_t *n, struct err *e)
{
	/* one statement per shape, each by its index (see store_task_query) */
	static const char all[] =
		"SELECT t.id, t.plan, t.chapter, t.section, t.seq, c.status, c.decision, -1, t.lead"
		" FROM tasks t JOIN plans pl ON pl.key = t.plan"
		" LEFT JOIN current c ON c.task = t.id AND c.dept = t.lead"
		" WHERE t.retired = 0"
		" ORDER BY pl.year DESC, pl.kind, t.plan, t.seq";
	static const char plan_all[] =
		"SELECT t.id, t.plan, t.chapter, t.section, t.seq, c.status, c.decision, -1, t.lead"
		" FROM tasks t"
		" LEFT JOIN current c ON c.task = t.id AND c.dept = t.lead"
		" WHERE t.plan = ?1 AND t.retired = 0 ORDER BY t.seq";
	static const char plan_one[] =
		"SELECT t.id, t.plan, t.chapter, t.section, t.seq, c.status, c.decision,"
		"  CASE d.role WHEN 'lead' THEN 0 ELSE 1 END, t.lead"
		" FROM tasks t JOIN task_depts d ON d.task = t.id AND d.dept = ?2"
		" LEFT JOIN current c ON c.task = t.id AND c.dept = t.lead"
		" WHERE t.plan = ?1 AND t.retired = 0 ORDER BY t.seq";
	static const char one[] =
		"SELECT t.id, t.plan, t.chapter, t.section, t.seq, c.status, c.decision,"
		"  CASE d.role WHEN 'lead' THEN 0 ELSE 1 END, t.lead"
		" FROM task_depts d JOIN tasks t ON t.id = d.task JOIN plans pl ON pl.key = t.plan"
		" LEFT JOIN current c ON c.task = t.id AND c.dept = t.lead"
		" WHERE d.dept = ?2 AND t.retired = 0"
		" ORDER BY pl.year DESC, pl.kind, t.plan, t.seq";
	sqlite3_stmt *st = store_stmt(s, plan ? (dept ? plan_one : plan_all) : (dept ? one : all), e);
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (!st)
		return -ERR_DB;
	store_bind_text(st, 1, plan);
	if (dept)
		store_bind_text(st, 2, dept);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct status_row *r;
		xgrow(out, &cap, *n + 1, sizeof **out);
		r = &(*out)[(*n)++];
		r->task = store_col_str(st, 0);
		r->plan = store_col_str(st, 1);
		r->chapter = sqlite3_column_int(st, 2);
		r->section = sqlite3_column_int(st, 3);
		r->seq = sqlite3_column_int(st, 4);
		r->silent = sqlite3_column_type(st, 5) == SQLITE_NULL;
		if (r->silent) {
			r->status = ST_NOT_STARTED;
		} else {
			int sv = status_parse((const char *)sqlite3_column_text(st, 5));
			r->status = sv < 0 ? ST_NOT_STARTED : (enum status)sv;
		}
		r->review = review_of(st, 5, 6);
		r->role = sqlite3_column_int(st, 7);
		r->lead = store_col_str(st, 8);
	}
	if (rc != SQLITE_DONE) {
		store_status_rows_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail(s, rc, "cannot read statuses", e);
	}
	return 0;
}

void store_status_row_release(struct status_row *r)
{
	free(r->task);
	free(r->plan);
	free(r->lead);
	memset(r, 0, sizeof *r);
}

void store_status_rows_free(struct status_row *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_status_row_release(&v[i]);
	free(v);
}

/* ---- history ---- */

int store_history(struct store *s, const char *task, struct history_item **out, size_t *n,
		  struct err *e)
{
	static const char sql[] =
		"SELECT at, who, dept, 'progress', period || ' ' || status, note FROM progress WHERE task = ?1"
		" UNION ALL SELECT at, who, '', 'review',"
		"  CASE decision WHEN 'approve' THEN 'close-off approved' ELSE 'close-off returned' END, reason"
		"  FROM reviews WHERE task = ?1"
		" UNION ALL SELECT at, who, dept, 'evidence', kind || ': ' || title,"
		"  CASE kind WHEN 'file' THEN file_name || ' (' || size || ' bytes, sha256 ' || sha256 || ')'"
		"  ELSE value END || ' [id ' || id || ']' FROM evidence WHERE task = ?1"
		" ORDER BY 1";
	sqlite3_stmt *st;
	struct task_row t;
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = store_task_get(s, task, &t, e)))
		return rc;
	store_task_row_release(&t);
	if (!(st = store_stmt(s, sql, e)))
		return -ERR_DB;
	store_bind_text(st, 1, task);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct history_item *h;
		xgrow(out, &cap, *n + 1, sizeof **out);
		h = &(*out)[(*n)++];
		h->at = store_col_str(st, 0);
		h->who = store_col_str(st, 1);
		h->dept = store_col_str(st, 2);
		h->kind = store_col_str(st, 3);
		h->summary = store_col_str(st, 4);
		h->detail = store_col_str(st, 5);
	}
	if (rc != SQLITE_DONE) {
		store_history_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail(s, rc, "cannot read the history", e);
	}
	return 0;
}

void store_history_free(struct history_item *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].at);
		free(v[i].who);
		free(v[i].dept);
		free(v[i].kind);
		free(v[i].summary);
		free(v[i].detail);
	}
	free(v);
}
