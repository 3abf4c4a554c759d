/* Users and roles: who a login is in this database, adding and removing
 * users (each change appended to the log user_changes, which the chain
 * covers; users is the current state), and the write rule every record and attachment is held to (the
 * office, or the liaison of a department on the task), checked inside the
 * caller's transaction whatever the entry point. */
#include "store/store_int.h"
#include "src/util.h"
#include "src/who.h"
#include "src/banned.h"

/* users.role in the order of enum user_role (user_role_name's names) */
static const char *const urole_names[] = { "viewer", "liaison", "office" };

/* ---- users ---- */

/* How many users a database has, and how many of them are office users. */
struct user_count { int users, offices; };
static const struct store_col user_count_cols[] = {
	STORE_COL(struct user_count, 0, COL_INT, users),
	STORE_COL(struct user_count, 1, COL_INT, offices),
};
static const struct store_rowmap user_count_map = STORE_ROWMAP(struct user_count, user_count_cols);

static int user_count(struct store *s, struct user_count *c, struct err *e)
{
	static const char sql[] = "SELECT count(*), sum(role = 'office') FROM users";
	return store_row_one(s, store_stmt(s, sql, e), &user_count_map, c, "cannot read users", e);
}

int store_actor_get(struct store *s, const char *login, struct actor *out, struct err *e)
{
	static const char one[] = "SELECT role, dept FROM users WHERE login = ?1";
	struct user_count c;
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof *out);
	out->login = xstrdup(login);
	if ((rc = user_count(s, &c, e)))
		goto fail;
	if (c.users == 0) {
		out->role = UROLE_OFFICE;
		out->implicit = 1;
		out->known = 1;
		return 0;
	}
	out->role = UROLE_VIEWER;
	if (!(st = store_stmt(s, one, e))) {
		rc = -ERR_DB;
		goto fail;
	}
	store_bind_text(st, 1, login);
	rc = store_step(st);
	if (rc == SQLITE_ROW) {
		int r = user_role_parse((const char *)sqlite3_column_text(st, 0));
		out->role = r < 0 ? UROLE_VIEWER : (enum user_role)r;
		if (sqlite3_column_type(st, 1) != SQLITE_NULL)   /* NULL, not "", for no department */
			out->dept = store_col_str(st, 1);
		out->known = 1;
		sqlite3_reset(st);
		return 0;
	}
	if (rc == SQLITE_DONE)
		return 0;
	rc = store_fail(s, rc, "cannot read users", e);
fail:
	store_actor_release(out);
	return rc;
}

void store_actor_release(struct actor *a)
{
	free(a->login);
	free(a->dept);
	memset(a, 0, sizeof *a);
}

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

int store_begin_office(struct store *s, const char *login, const char *what, struct err *e)
{
	int rc = store_begin(s, e);
	if (rc == 0 && (rc = store_require_office(s, login, what, e)))
		store_rollback(s);
	return rc;
}


/* Append LOGIN's change to the log user_changes (and so to the chain): an
 * add or a change (whichever it is, before users is written) with ROLE and
 * DEPT, or, with ROLE NULL, a removal. AT is when. */
static int user_log(struct store *s, const char *actor, const char *login, const char *role,
		    const char *dept, const char *at, struct err *e)
{
	static const char ins[] =
		"INSERT INTO user_changes(id, login, change, role, dept, who, at) VALUES (?1, ?2,"
		" CASE WHEN ?3 IS NULL THEN 'remove' WHEN EXISTS (SELECT 1 FROM users WHERE login = ?2)"
		" THEN 'change' ELSE 'add' END, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *st = store_stmt(s, ins, e);
	char id[33];
	store_new_id(id);
	store_bind_text(st, 1, id);
	store_bind_text(st, 2, login);
	store_bind_text(st, 3, role);
	store_bind_text(st, 4, dept);
	store_bind_text(st, 5, actor);
	store_bind_text(st, 6, at);
	return store_step_done(s, st, "cannot log the change of user", e);
}

int store_user_add(struct store *s, const char *actor, const char *login, enum user_role role,
		   const char *dept, struct err *e)
{
	static const char ins[] =
		"INSERT INTO users(login, role, dept, added_by, added_at) VALUES (?1, ?2, ?3, ?4, ?5)"
		" ON CONFLICT (login) DO UPDATE SET role = excluded.role, dept = excluded.dept,"
		" added_by = excluded.added_by, added_at = excluded.added_at";
	static const char dep[] = "SELECT 1 FROM departments WHERE name = ?1";
	struct user_count c;
	sqlite3_stmt *st;
	char now[32], at[40];
	int rc, one;

	if ((rc = who_login_check(login, e)))
		return rc;
	if (role == UROLE_LIAISON && !dept)
		return err_set(e, ERR_USAGE, "a liaison needs a department: add --dept NAME");
	if ((rc = store_begin_office(s, actor, "manage users", e)))
		return rc;
	if ((rc = user_count(s, &c, e)))
		goto fail;
	if (c.users == 0 && (strcmp(login, actor) || role != UROLE_OFFICE)) {
		rc = err_set(e, ERR_DENIED, "the first user must be an office user, or you would lock "
			     "yourself out: add yourself first with 'duban user add %s --role office'", actor);
		goto fail;
	}
	if (dept) {
		rc = store_row_get(s, dep, dept, &store_int_map, &one, "cannot read departments", e);
		if (rc == -ERR_NOTFOUND)
			rc = err_set(e, ERR_NOTFOUND, "unknown department '%s'", dept);
		if (rc)
			goto fail;
	}
	/* the log to the millisecond, users to the second, from one reading */
	store_now_ms(at, sizeof at);
	snprintf(now, sizeof now, "%.19sZ", at);
	if ((rc = user_log(s, actor, login, user_role_name(role), role == UROLE_OFFICE && !dept ? NULL : dept,
			   at, e)))
		goto fail;
	st = store_stmt(s, ins, e);
	store_bind_text(st, 1, login);
	store_bind_text(st, 2, user_role_name(role));
	store_bind_text(st, 3, role == UROLE_OFFICE && !dept ? NULL : dept);
	store_bind_text(st, 4, actor);
	store_bind_text(st, 5, now);
	if ((rc = store_step_done(s, st, "cannot add the user", e)))
		goto fail;
	/* the last office user cannot demote themselves */
	if ((rc = user_count(s, &c, e)))
		goto fail;
	if (c.offices == 0) {
		rc = err_set(e, ERR_DENIED, "'%s' is the last office user; add another office user "
			     "before changing this one's role", login);
		goto fail;
	}
	return store_commit(s, e);
fail:
	store_rollback(s);
	return rc;
}

int store_user_remove(struct store *s, const char *actor, const char *login, struct err *e)
{
	static const char del[] = "DELETE FROM users WHERE login = ?1";
	struct user_count c;
	sqlite3_stmt *st;
	char at[40];
	int rc;

	if ((rc = store_begin_office(s, actor, "manage users", e)))
		return rc;
	st = store_stmt(s, del, e);
	store_bind_text(st, 1, login);
	if ((rc = store_step_done(s, st, "cannot remove the user", e)))
		goto fail;
	if (sqlite3_changes(s->db) == 0) {
		rc = err_set(e, ERR_NOTFOUND, "no user '%s'; 'duban user list' shows them", login);
		goto fail;
	}
	store_now_ms(at, sizeof at);
	if ((rc = user_log(s, actor, login, NULL, NULL, at, e)))
		goto fail;
	if ((rc = user_count(s, &c, e)))
		goto fail;
	/* none left at all counts too: with no users every login acts as the office */
	if (c.offices == 0) {
		rc = err_set(e, ERR_DENIED, "'%s' is the last office user%s; add another office user first",
			     login, c.users ? "" : " (without users, every login would act as the office)");
		goto fail;
	}
	return store_commit(s, e);
fail:
	store_rollback(s);
	return rc;
}

static const struct store_col user_info_cols[] = {
	STORE_COL(struct user_info, 0, COL_TEXT, login),
	STORE_COL_ENUM(struct user_info, 1, role, urole_names, UROLE_VIEWER),
	STORE_COL(struct user_info, 2, COL_TEXT, dept),
	STORE_COL(struct user_info, 3, COL_TEXT, added_by),
	STORE_COL(struct user_info, 4, COL_TEXT, added_at),
};
static const struct store_rowmap user_info_map = STORE_ROWMAP(struct user_info, user_info_cols);

int store_user_list(struct store *s, struct user_info **out, size_t *n, struct err *e)
{
	static const char sql[] =
		"SELECT login, role, coalesce(dept, ''), added_by, added_at FROM users ORDER BY role DESC, login";
	return store_rows(s, store_stmt(s, sql, e), &user_info_map, out, n, "cannot list users", e);
}

void store_user_list_free(struct user_info *v, size_t n)
{
	store_rows_free(&user_info_map, v, n);
}

/* ---- the write rule shared by progress and evidence ---- */

int store_task_exists(struct store *s, const char *task, int *retired, struct err *e)
{
	static const char sql[] = "SELECT retired FROM tasks WHERE id = ?1";
	static const char exists[] = "SELECT 1 FROM tasks WHERE id = ?1";  /* the id's index alone */
	int one;
	int rc = store_row_get(s, retired ? sql : exists, task, &store_int_map, retired ? retired : &one,
			       "cannot read the task", e);
	if (rc == -ERR_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "no task has the id '%s'; ids look like 2024-105", task);
	return rc;
}

/* Check that LOGIN may write for DEPT on TASK: the task exists (not retired),
 * DEPT is on it, and LOGIN is office or DEPT's liaison. *ROLE gets DEPT's role. */
int store_check_write(struct store *s, const char *login, const char *task, const char *dept,
		      enum role *role, struct err *e)
{
	static const char d_sql[] = "SELECT role = 'lead' FROM task_depts WHERE task = ?1 AND dept = ?2";
	static const char all_sql[] =
		"SELECT group_concat(dept, '、') FROM (SELECT dept FROM task_depts WHERE task = ?1 ORDER BY position)";
	struct actor a;
	sqlite3_stmt *st;
	int rc, retired, lead;

	if ((rc = store_task_exists(s, task, &retired, e)))
		return rc;
	if (retired)
		return err_set(e, ERR_CONFLICT, "task '%s' was retired: the plan's corrected text no "
			       "longer has it; its records are kept but nothing new can be added", task);

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

	st = store_stmt(s, d_sql, e);
	store_bind_text(st, 1, task);
	store_bind_text(st, 2, dept);
	rc = store_row_one(s, st, &store_int_map, &lead, "cannot read the task's departments", e);
	if (rc == 0)
		*role = lead ? ROLE_LEAD : ROLE_PARTICIPANT;
	if (rc != -ERR_NOTFOUND)
		return rc;
	if (!(st = store_stmt(s, all_sql, e)))
		return -ERR_DB;
	store_bind_text(st, 1, task);
	if (store_step(st) == SQLITE_ROW) {
		rc = err_set(e, ERR_DENIED, "%s is not on task %s (its departments: %s); a department "
			     "records only on tasks it leads or takes part in", dept, task,
			     (const char *)sqlite3_column_text(st, 0));
		sqlite3_reset(st);
		return rc;
	}
	return err_set(e, ERR_DENIED, "%s is not on task %s", dept, task);
}
