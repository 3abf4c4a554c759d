/* Plans, chapters, sections, tasks and departments: writing an imported plan
 * and every query that lists or shows them. */
#include "store/store_int.h"
#include "src/text.h"
#include "src/util.h"

const char *role_name(enum role r)
{
	return r == ROLE_LEAD ? "lead" : "participant";
}

const char *role_name_zh(enum role r)
{
	return r == ROLE_LEAD ? "牵头" : "参与";
}

/* Step ST to completion (for INSERT/UPDATE/DELETE). */
static int step_done(struct store *s, sqlite3_stmt *st, const char *what, struct err *e)
{
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(s, rc, what, e);
	return 0;
}

/* ---- departments ---- */

static int dept_insert(struct store *s, const char *name, const char *kind, struct err *e)
{
	static const char sql[] =
		"INSERT OR IGNORE INTO departments(name, kind, created_at) VALUES (?1, ?2, ?3)";
	char now[32];
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return -ERR_DB;
	store_now(now, sizeof now);
	store_bind_text(st, 1, name);
	store_bind_text(st, 2, kind);
	store_bind_text(st, 3, now);
	return step_done(s, st, "cannot store a department", e);
}

static int alias_insert(struct store *s, const char *key, const char *dept, const char *alias,
			const char *kind, struct err *e)
{
	static const char sql[] =
		"INSERT OR IGNORE INTO dept_aliases(key, dept, alias, kind) VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	if (!st)
		return -ERR_DB;
	store_bind_text(st, 1, key);
	store_bind_text(st, 2, dept);
	store_bind_text(st, 3, alias);
	store_bind_text(st, 4, kind);
	return step_done(s, st, "cannot store a department alias", e);
}

int store_dept_seed(struct store *s, const struct dept_table *t, struct err *e)
{
	int rc;
	for (size_t i = 0; i < t->ndepts; i++) {
		rc = dept_insert(s, t->depts[i].name, t->depts[i].kind, e);
		if (rc)
			return rc;
	}
	for (size_t i = 0; i < t->naliases; i++) {
		const struct dept_alias *a = &t->aliases[i];
		rc = alias_insert(s, a->key, a->dept, a->alias, dept_alias_kind_name(a->kind), e);
		if (rc)
			return rc;
	}
	return 0;
}

static enum dept_alias_kind kind_from(const char *k)
{
	if (!strcmp(k, "name"))
		return ALIAS_NAME;
	if (!strcmp(k, "predecessor"))
		return ALIAS_PREDECESSOR;
	if (!strcmp(k, "written"))
		return ALIAS_WRITTEN;
	return ALIAS_SHORT;
}

int store_dept_lookup(struct store *s, const char *key, char **dept, enum dept_alias_kind *kind,
		      struct err *e)
{
	static const char sql[] = "SELECT dept, kind FROM dept_aliases WHERE key = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	int rc;
	if (!st)
		return -ERR_DB;
	store_bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*dept = store_col_str(st, 0);
		if (kind)
			*kind = kind_from((const char *)sqlite3_column_text(st, 1));
		sqlite3_reset(st);
		return 0;
	}
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, "cannot look up a department", e);
	return err_set(e, ERR_NOTFOUND, "no department is called that");
}

int store_dept_resolve(struct store *s, const char *written, const char *key, const char *new_name,
		       char **dept, int *created, struct err *e)
{
	int rc = store_dept_lookup(s, key, dept, NULL, e);
	*created = 0;
	if (rc != -ERR_NOTFOUND)
		return rc;
	err_clear(e);
	/* Unknown: a department of its own, never a guess. Its simplified form
	 * may itself be known under another spelling's key only if keys match,
	 * which they do not here. */
	rc = dept_insert(s, new_name, "local", e);
	if (rc)
		return rc;
	rc = alias_insert(s, key, new_name, written, "written", e);
	if (rc)
		return rc;
	*dept = xstrdup(new_name);
	*created = 1;
	return 0;
}

void store_strv_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int store_dept_list(struct store *s, int with_aliases, struct dept_info **out, size_t *n,
		    struct err *e)
{
	static const char sql[] =
		"SELECT d.name, d.kind,"
		"  (SELECT count(*) FROM task_depts td JOIN tasks t ON t.id = td.task"
		"    WHERE td.dept = d.name AND td.role = 'lead' AND t.retired = 0) AS nlead,"
		"  (SELECT count(*) FROM task_depts td JOIN tasks t ON t.id = td.task"
		"    WHERE td.dept = d.name AND td.role = 'participant' AND t.retired = 0) AS npart"
		" FROM departments d ORDER BY nlead + npart DESC, d.kind, d.name";
	static const char sql_alias[] =
		"SELECT alias, kind FROM dept_aliases WHERE dept = ?1 AND kind != 'name'"
		" AND alias != ?1 ORDER BY kind, alias";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	struct dept_info *v = NULL;
	size_t cnt = 0, cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (!st)
		return -ERR_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow(&v, &cap, cnt + 1, sizeof *v);
		memset(&v[cnt], 0, sizeof *v);
		v[cnt].name = store_col_str(st, 0);
		v[cnt].kind = store_col_str(st, 1);
		v[cnt].lead = sqlite3_column_int(st, 2);
		v[cnt].participant = sqlite3_column_int(st, 3);
		cnt++;
	}
	if (rc != SQLITE_DONE) {
		store_dept_list_free(v, cnt);
		return store_fail(s, rc, "cannot list departments", e);
	}
	for (size_t i = 0; with_aliases && i < cnt; i++) {
		sqlite3_stmt *sa = store_stmt(s, sql_alias, e);
		size_t acap = 0;
		if (!sa) {
			store_dept_list_free(v, cnt);
			return -ERR_DB;
		}
		store_bind_text(sa, 1, v[i].name);
		while ((rc = sqlite3_step(sa)) == SQLITE_ROW) {
			const char *alias = (const char *)sqlite3_column_text(sa, 0);
			const char *kind = (const char *)sqlite3_column_text(sa, 1);
			struct strbuf sb = STRBUF_INIT;
			int dup = 0;
			if (!strcmp(kind, "predecessor"))
				sb_addc(&sb, '^');
			sb_adds(&sb, alias);
			for (size_t j = 0; j < v[i].naliases; j++)
				dup |= !strcmp(v[i].aliases[j], sb_str(&sb));
			if (dup) {
				sb_release(&sb);
				continue;
			}
			xgrow(&v[i].aliases, &acap, v[i].naliases + 1, sizeof *v[i].aliases);
			v[i].aliases[v[i].naliases++] = sb_detach(&sb);
		}
		if (rc != SQLITE_DONE) {
			store_dept_list_free(v, cnt);
			return store_fail(s, rc, "cannot list department aliases", e);
		}
	}
	*out = v;
	*n = cnt;
	return 0;
}

void store_dept_list_free(struct dept_info *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].kind);
		store_strv_free(v[i].aliases, v[i].naliases);
	}
	free(v);
}

int store_dept_suggest(struct store *s, const char *key, size_t max, char ***out, size_t *n,
		       struct err *e)
{
	static const char sql[] = "SELECT key, dept FROM dept_aliases";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	struct cand { char *dept; int score; } *c = NULL;
	size_t nc = 0, cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (!st)
		return -ERR_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 0);
		const char *d = (const char *)sqlite3_column_text(st, 1);
		int dist = text_distance(k, key), run = text_common_run(k, key), seen = 0, score;
		int len = text_distance("", key);   /* characters typed */
		/* a suggestion shares a run of at least two characters with what
		 * was typed, or shares one and differs in at most half of them;
		 * the longest shared run comes first, then the fewest edits */
		if (run < 2 && !(run == 1 && dist * 2 <= len))
			continue;
		score = (100 - run) * 1000 + dist;
		for (size_t i = 0; i < nc; i++) {
			if (!strcmp(c[i].dept, d)) {
				if (score < c[i].score)
					c[i].score = score;
				seen = 1;
			}
		}
		if (seen)
			continue;
		xgrow(&c, &cap, nc + 1, sizeof *c);
		c[nc].dept = xstrdup(d);
		c[nc].score = score;
		nc++;
	}
	if (rc != SQLITE_DONE) {
		for (size_t i = 0; i < nc; i++)
			free(c[i].dept);
		free(c);
		return store_fail(s, rc, "cannot look up departments", e);
	}
	/* selection of the MAX best, stable by name */
	*out = xcalloc(max ? max : 1, sizeof **out);
	while (*n < max) {
		size_t best = nc;
		for (size_t i = 0; i < nc; i++) {
			if (!c[i].dept)
				continue;
			if (best == nc || c[i].score < c[best].score ||
			    (c[i].score == c[best].score && strcmp(c[i].dept, c[best].dept) < 0))
				best = i;
		}
		if (best == nc)
			break;
		(*out)[(*n)++] = c[best].dept;
		c[best].dept = NULL;
	}
	for (size_t i = 0; i < nc; i++)
		free(c[i].dept);
	free(c);
	return 0;
}

/* ---- plans ---- */

static int plan_row_get(struct store *s, const char *key, char **title, char **sha, struct err *e)
{
	static const char sql[] = "SELECT title, source_sha256 FROM plans WHERE key = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	int rc;
	if (!st)
		return -ERR_DB;
	store_bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*title = store_col_str(st, 0);
		*sha = store_col_str(st, 1);
		sqlite3_reset(st);
		return 0;
	}
	if (rc == SQLITE_DONE)
		return -ERR_NOTFOUND;
	return store_fail(s, rc, "cannot read plans", e);
}

static int write_structure(struct store *s, const struct store_plan_in *in, struct err *e)
{
	static const char del_sec[] = "DELETE FROM sections WHERE plan = ?1";
	static const char ins_chap[] =
		"INSERT INTO chapters(plan, number, title) VALUES (?1, ?2, ?3)"
		" ON CONFLICT (plan, number) DO UPDATE SET title = excluded.title";
	static const char ins_sec[] =
		"INSERT INTO sections(plan, chapter, number, title) VALUES (?1, ?2, ?3, ?4)"
		" ON CONFLICT (plan, chapter, number) DO UPDATE SET title = excluded.title";
	sqlite3_stmt *st;
	int rc;

	if (!(st = store_stmt(s, del_sec, e)))
		return -ERR_DB;
	store_bind_text(st, 1, in->key);
	if ((rc = step_done(s, st, "cannot store the plan", e)))
		return rc;
	for (size_t i = 0; i < in->nchapters; i++) {
		if (!(st = store_stmt(s, ins_chap, e)))
			return -ERR_DB;
		store_bind_text(st, 1, in->key);
		sqlite3_bind_int(st, 2, in->chapters[i].number);
		store_bind_text(st, 3, in->chapters[i].title);
		if ((rc = step_done(s, st, "cannot store a chapter", e)))
			return rc;
	}
	for (size_t i = 0; i < in->nsections; i++) {
		if (!(st = store_stmt(s, ins_sec, e)))
			return -ERR_DB;
		store_bind_text(st, 1, in->key);
		sqlite3_bind_int(st, 2, in->sections[i].chapter);
		sqlite3_bind_int(st, 3, in->sections[i].number);
		store_bind_text(st, 4, in->sections[i].title);
		if ((rc = step_done(s, st, "cannot store a section", e)))
			return rc;
	}
	return 0;
}

/* 1 if the stored task ID already has exactly TEXT, position and departments;
 * 2 if only its place in the document (seq) differs. */
static int task_same(struct store *s, const char *id, const struct store_task_in *t, struct err *e)
{
	static const char sql[] =
		"SELECT text, seq, chapter, section, retired, label, open, lists FROM tasks WHERE id = ?1";
	static const char sql_d[] =
		"SELECT dept, written FROM task_depts WHERE task = ?1 ORDER BY position";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	size_t i = 0;
	int same, moved;
	if (!st)
		return -ERR_DB;
	store_bind_text(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW)
		return 0;
	/* a new number or place (a task inserted before it) is a move, not a change */
	moved = sqlite3_column_int(st, 1) != t->seq ||
		strcmp((const char *)sqlite3_column_text(st, 5), t->label);
	same = !strcmp((const char *)sqlite3_column_text(st, 0), t->text) &&
	       sqlite3_column_int(st, 2) == t->chapter &&
	       sqlite3_column_int(st, 3) == t->section && sqlite3_column_int(st, 4) == 0 &&
	       sqlite3_column_int(st, 6) == t->open &&
	       !strcmp((const char *)sqlite3_column_text(st, 7), t->lists ? t->lists : "");
	sqlite3_reset(st);
	if (!same)
		return 0;
	if (!(st = store_stmt(s, sql_d, e)))
		return -ERR_DB;
	store_bind_text(st, 1, id);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (i >= t->ndepts || strcmp((const char *)sqlite3_column_text(st, 0), t->depts[i]) ||
		    strcmp((const char *)sqlite3_column_text(st, 1), t->written[i])) {
			sqlite3_reset(st);
			return 0;
		}
		i++;
	}
	return i == t->ndepts ? 1 + moved : 0;
}

/* Rows written by one INSERT. A statement per task and per department role
 * cost about 8,000 instructions each beyond the rows themselves (the
 * statement journal, bindings, resets): a third of an import's store time
 * (issue 7). The caller says how many rows will come; full statements of MAX
 * rows are prepared once, the last one for the rows left. */
struct batch {
	struct store *s;
	const char *head, *row, *tail, *what; /* SQL before, per row, after; error text */
	int ncols, max;                       /* parameters per row, rows per statement */
	size_t left;                          /* rows not yet bound */
	int k, n;                             /* rows in the current statement, bound so far */
	sqlite3_stmt *st, *full, *rest;
};

static int batch_prepare(struct batch *b, int k, sqlite3_stmt **out, struct err *e)
{
	struct strbuf sql = STRBUF_INIT;
	int rc;
	sb_adds(&sql, b->head);
	for (int i = 0; i < k; i++) {
		if (i)
			sb_addc(&sql, ',');
		sb_adds(&sql, b->row);
	}
	sb_adds(&sql, b->tail);
	rc = sqlite3_prepare_v3(b->s->db, sb_str(&sql), (int)sql.len, 0, out, NULL);
	sb_release(&sql);
	return rc == SQLITE_OK ? 0 : store_fail(b->s, rc, "cannot prepare a query", e);
}

/* The statement to bind the next row into, and the number of its first
 * parameter in *PARAM. */
static sqlite3_stmt *batch_next(struct batch *b, int *param, struct err *e)
{
	if (b->n == b->k) {
		int k = b->left < (size_t)b->max ? (int)b->left : b->max;
		sqlite3_stmt **slot = k == b->max ? &b->full : &b->rest;
		if (!*slot && batch_prepare(b, k, slot, e))
			return NULL;
		b->st = *slot;
		b->k = k;
		b->n = 0;
	}
	*param = b->n * b->ncols + 1;
	b->n++;
	b->left--;
	return b->st;
}

/* After a row is bound: run the statement when it is full. */
static int batch_row_done(struct batch *b, struct err *e)
{
	int rc;
	if (b->n < b->k)
		return 0;
	rc = step_done(b->s, b->st, b->what, e);
	sqlite3_reset(b->st);
	sqlite3_clear_bindings(b->st);
	return rc;
}

static void batch_release(struct batch *b)
{
	sqlite3_finalize(b->full);
	sqlite3_finalize(b->rest);
}

enum task_change { TASK_SAME, TASK_NEW, TASK_CHANGED, TASK_MOVED };

/* Whether task T (id ID) of a plan already stored is new, changed or the
 * same; a changed task loses its department rows, written again after. */
static int task_change(struct store *s, const char *id, const struct store_task_in *t,
		       enum task_change *out, struct err *e)
{
	static const char exists[] = "SELECT 1 FROM tasks WHERE id = ?1";
	static const char del_d[] = "DELETE FROM task_depts WHERE task = ?1";
	sqlite3_stmt *st = store_stmt(s, exists, e);
	int existed, same;
	if (!st)
		return -ERR_DB;
	store_bind_text(st, 1, id);
	existed = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	if (!existed) {
		*out = TASK_NEW;
		return 0;
	}
	if ((same = task_same(s, id, t, e)) < 0)
		return same;
	/* a task that only moved (a task inserted before it) keeps its rows */
	*out = same == 1 ? TASK_SAME : same == 2 ? TASK_MOVED : TASK_CHANGED;
	if (same)
		return 0;
	if (!(st = store_stmt(s, del_d, e)))
		return -ERR_DB;
	store_bind_text(st, 1, id);
	return step_done(s, st, "cannot store a task", e);
}

/* Write the tasks of plan IN and their departments. FRESH: the plan is new,
 * so no task can exist yet and the checks for an earlier version are
 * skipped. */
static int write_tasks(struct store *s, const struct store_plan_in *in, int fresh,
		       struct store_plan_result *r, struct err *e)
{
	struct batch tb = {
		.s = s,
		.head = "INSERT INTO tasks(id, plan, label, seq, chapter, section, text, match_key,"
			" lead, open, lists, retired) VALUES ",
		.row = "(?,?,?,?,?,?,?,?,?,?,?,0)",
		.tail = " ON CONFLICT (id) DO UPDATE SET label = excluded.label, seq = excluded.seq,"
			" chapter = excluded.chapter, section = excluded.section, text = excluded.text,"
			" match_key = excluded.match_key, lead = excluded.lead, open = excluded.open,"
			" lists = excluded.lists, retired = 0",
		.what = "cannot store a task", .ncols = 11, .max = 32
	};
	struct batch db = {
		.s = s,
		.head = "INSERT OR IGNORE INTO task_depts(task, position, dept, written, role) VALUES ",
		.row = "(?,?,?,?,?)", .tail = "",
		.what = "cannot store a task's departments", .ncols = 5, .max = 64
	};
	size_t n = in->ntasks;
	char **ids = xcalloc(n ? n : 1, sizeof *ids);
	enum task_change *change = xcalloc(n ? n : 1, sizeof *change);
	int rc = 0;

	for (size_t i = 0; i < n && !rc; i++) {
		struct strbuf id = STRBUF_INIT;
		if (in->tasks[i].id)
			sb_adds(&id, in->tasks[i].id);
		else
			sb_addf(&id, "%s-%s", in->key, in->tasks[i].label);
		ids[i] = sb_detach(&id);
		change[i] = TASK_NEW;
		if (!fresh)
			rc = task_change(s, ids[i], &in->tasks[i], &change[i], e);
		if (change[i] == TASK_SAME)
			continue;
		if (change[i] == TASK_NEW)
			r->tasks_added++;
		else if (change[i] == TASK_CHANGED)
			r->tasks_changed++;
		tb.left++;
		if (change[i] != TASK_MOVED)
			db.left += in->tasks[i].ndepts;
	}
	for (size_t i = 0; i < n && !rc; i++) {
		const struct store_task_in *t = &in->tasks[i];
		sqlite3_stmt *st;
		int p;
		if (change[i] == TASK_SAME)
			continue;
		if (!(st = batch_next(&tb, &p, e))) {
			rc = -ERR_DB;
			break;
		}
		store_bind_static(st, p, ids[i]);
		store_bind_static(st, p + 1, in->key);
		store_bind_static(st, p + 2, t->label);
		sqlite3_bind_int(st, p + 3, t->seq);
		sqlite3_bind_int(st, p + 4, t->chapter);
		sqlite3_bind_int(st, p + 5, t->section);
		store_bind_static(st, p + 6, t->text);
		store_bind_static(st, p + 7, t->match_key);
		store_bind_static(st, p + 8, t->ndepts ? t->depts[0] : "");
		sqlite3_bind_int(st, p + 9, t->open);
		store_bind_static(st, p + 10, t->lists ? t->lists : "");
		rc = batch_row_done(&tb, e);
	}
	/* the tasks are all written before the first department row names one */
	for (size_t i = 0; i < n && !rc; i++) {
		const struct store_task_in *t = &in->tasks[i];
		if (change[i] == TASK_SAME || change[i] == TASK_MOVED)
			continue;
		for (size_t j = 0; j < t->ndepts && !rc; j++) {
			sqlite3_stmt *st;
			int p;
			if (!(st = batch_next(&db, &p, e))) {
				rc = -ERR_DB;
				break;
			}
			store_bind_static(st, p, ids[i]);
			sqlite3_bind_int(st, p + 1, (int)j + 1);
			store_bind_static(st, p + 2, t->depts[j]);
			store_bind_static(st, p + 3, t->written[j]);
			store_bind_static(st, p + 4, j == 0 ? "lead" : "participant");
			rc = batch_row_done(&db, e);
		}
	}
	batch_release(&tb);
	batch_release(&db);
	store_strv_free(ids, n);
	free(change);
	return rc;
}

/* Retire tasks of the plan that the new text does not have (by id: a task
 * a corrected text moved keeps its id under another number). */
static int retire_missing(struct store *s, const struct store_plan_in *in, struct store_plan_result *r,
			  struct err *e)
{
	static const char sql[] = "SELECT id FROM tasks WHERE plan = ?1 AND retired = 0";
	static const char ret[] = "UPDATE tasks SET retired = 1 WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	char **gone = NULL;
	size_t ngone = 0, cap = 0, klen = strlen(in->key);
	int rc = 0;
	if (!st)
		return -ERR_DB;
	store_bind_text(st, 1, in->key);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *id = (const char *)sqlite3_column_text(st, 0);
		int found = 0;
		for (size_t i = 0; i < in->ntasks && !found; i++) {
			const struct store_task_in *t = &in->tasks[i];
			if (t->id)
				found = !strcmp(t->id, id);
			else
				found = !strncmp(id, in->key, klen) && id[klen] == '-' &&
					!strcmp(id + klen + 1, t->label);
		}
		if (!found) {
			xgrow(&gone, &cap, ngone + 1, sizeof *gone);
			gone[ngone++] = store_col_str(st, 0);
		}
	}
	for (size_t i = 0; i < ngone && rc == 0; i++) {
		if (!(st = store_stmt(s, ret, e))) {
			rc = -ERR_DB;
			break;
		}
		store_bind_text(st, 1, gone[i]);
		rc = step_done(s, st, "cannot retire a task", e);
		r->tasks_retired++;
	}
	store_strv_free(gone, ngone);
	return rc;
}

int store_plan_write(struct store *s, const struct store_plan_in *in, int replace,
		     struct store_plan_result *r, struct err *e)
{
	static const char ins[] =
		"INSERT INTO plans(key, title, year, kind, source_name, source_sha256, imported_at,"
		" imported_by, docno, issued) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
		" ON CONFLICT (key) DO UPDATE SET title = excluded.title, year = excluded.year,"
		" kind = excluded.kind, source_name = excluded.source_name,"
		" source_sha256 = excluded.source_sha256, imported_at = excluded.imported_at,"
		" imported_by = excluded.imported_by, docno = excluded.docno, issued = excluded.issued";
	char *old_title = NULL, *old_sha = NULL, now[32];
	sqlite3_stmt *st;
	int rc;

	memset(r, 0, sizeof *r);
	if ((rc = store_require_office(s, in->who, "import plans", e)))
		return rc;
	rc = plan_row_get(s, in->key, &old_title, &old_sha, e);
	if (rc && rc != -ERR_NOTFOUND)
		return rc;
	if (rc == 0) {
		int same_sha = !strcmp(old_sha, in->source_sha256);
		int same_title = !strcmp(old_title, in->title);
		if (same_sha) {
			r->outcome = PLAN_STORED_UNCHANGED;
			free(old_title);
			free(old_sha);
			return 0;
		}
		if (!same_title && !replace) {
			rc = err_set(e, ERR_CONFLICT, "plan key '%s' already holds '%s', not '%s'; "
				     "give this plan its own key with --key (e.g. --key gd%d), or pass "
				     "--replace if it is a corrected text of the same plan",
				     in->key, old_title, in->title, in->year);
			free(old_title);
			free(old_sha);
			return rc;
		}
		r->outcome = PLAN_STORED_UPDATED;
	} else {
		r->outcome = PLAN_STORED_NEW;
	}
	free(old_title);
	free(old_sha);

	if (!(st = store_stmt(s, ins, e)))
		return -ERR_DB;
	store_now(now, sizeof now);
	store_bind_text(st, 1, in->key);
	store_bind_text(st, 2, in->title);
	sqlite3_bind_int(st, 3, in->year);
	store_bind_text(st, 4, in->kind);
	store_bind_text(st, 5, in->source_name);
	store_bind_text(st, 6, in->source_sha256);
	store_bind_text(st, 7, now);
	store_bind_text(st, 8, in->who);
	store_bind_text(st, 9, in->docno ? in->docno : "");
	store_bind_text(st, 10, in->issued ? in->issued : "");
	if ((rc = step_done(s, st, "cannot store the plan", e)))
		return rc;
	if ((rc = write_structure(s, in, e)))
		return rc;
	if ((rc = write_tasks(s, in, r->outcome == PLAN_STORED_NEW, r, e)))
		return rc;
	if (r->outcome == PLAN_STORED_UPDATED && (rc = retire_missing(s, in, r, e)))
		return rc;
	return 0;
}

int store_plan_task_briefs(struct store *s, const char *plan, struct store_task_brief **out,
			   size_t *n, struct err *e)
{
	static const char sql[] =
		"SELECT t.id, t.label, t.match_key, t.text, t.retired,"
		" (SELECT count(*) FROM progress p WHERE p.task = t.id) +"
		" (SELECT count(*) FROM reviews r WHERE r.task = t.id) +"
		" (SELECT count(*) FROM evidence v WHERE v.task = t.id)"
		" FROM tasks t WHERE t.plan = ?1 ORDER BY t.seq, t.id";
	static const char sql_d[] =
		"SELECT td.task, td.dept FROM tasks t JOIN task_depts td ON td.task = t.id"
		" WHERE t.plan = ?1 ORDER BY t.seq, t.id, td.position";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	struct store_task_brief *v = NULL;
	size_t cnt = 0, cap = 0, i = 0, *caps;
	int rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return -ERR_DB;
	store_bind_text(st, 1, plan);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow(&v, &cap, cnt + 1, sizeof *v);
		memset(&v[cnt], 0, sizeof *v);
		v[cnt].id = store_col_str(st, 0);
		v[cnt].label = store_col_str(st, 1);
		v[cnt].match_key = store_col_str(st, 2);
		v[cnt].text = store_col_str(st, 3);
		v[cnt].retired = sqlite3_column_int(st, 4);
		v[cnt].records = sqlite3_column_int(st, 5);
		cnt++;
	}
	if (rc != SQLITE_DONE) {
		store_task_briefs_free(v, cnt);
		return store_fail(s, rc, "cannot read the plan's tasks", e);
	}
	if (!(st = store_stmt(s, sql_d, e))) {
		store_task_briefs_free(v, cnt);
		return -ERR_DB;
	}
	caps = xcalloc(cnt + 1, sizeof *caps);
	store_bind_text(st, 1, plan);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *task = (const char *)sqlite3_column_text(st, 0);
		while (i < cnt && strcmp(v[i].id, task))
			i++;
		if (i == cnt)
			break;
		xgrow(&v[i].depts, &caps[i], v[i].ndepts + 1, sizeof *v[i].depts);
		v[i].depts[v[i].ndepts++] = store_col_str(st, 1);
	}
	free(caps);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		store_task_briefs_free(v, cnt);
		return store_fail(s, rc, "cannot read the plan's departments", e);
	}
	sqlite3_reset(st);
	*out = v;
	*n = cnt;
	return 0;
}

void store_task_briefs_free(struct store_task_brief *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].id);
		free(v[i].label);
		free(v[i].match_key);
		free(v[i].text);
		store_strv_free(v[i].depts, v[i].ndepts);
	}
	free(v);
}

static void plan_info_from(sqlite3_stmt *st, struct plan_info *p)
{
	p->key = store_col_str(st, 0);
	p->title = store_col_str(st, 1);
	p->year = sqlite3_column_int(st, 2);
	p->kind = store_col_str(st, 3);
	p->source = store_col_str(st, 4);
	p->imported_at = store_col_str(st, 5);
	p->imported_by = store_col_str(st, 6);
	p->nchapters = sqlite3_column_int(st, 7);
	p->nsections = sqlite3_column_int(st, 8);
	p->ntasks = sqlite3_column_int(st, 9);
	p->docno = store_col_str(st, 10);
	p->issued = store_col_str(st, 11);
}

#define PLAN_COLS \
	"SELECT p.key, p.title, p.year, p.kind, p.source_name, p.imported_at, p.imported_by," \
	" (SELECT count(*) FROM chapters c WHERE c.plan = p.key)," \
	" (SELECT count(*) FROM sections c WHERE c.plan = p.key)," \
	" (SELECT count(*) FROM tasks t WHERE t.plan = p.key AND t.retired = 0)," \
	" p.docno, p.issued FROM plans p"

int store_plan_list(struct store *s, struct plan_info **out, size_t *n, struct err *e)
{
	static const char sql[] = PLAN_COLS " ORDER BY p.year DESC, p.kind, p.key";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (!st)
		return -ERR_DB;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow(out, &cap, *n + 1, sizeof **out);
		plan_info_from(st, &(*out)[(*n)++]);
	}
	if (rc != SQLITE_DONE) {
		store_plan_list_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail(s, rc, "cannot list plans", e);
	}
	return 0;
}

int store_plan_get(struct store *s, const char *key, struct plan_info *out, struct err *e)
{
	static const char sql[] = PLAN_COLS " WHERE p.key = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	int rc;
	memset(out, 0, sizeof *out);
	if (!st)
		return -ERR_DB;
	store_bind_text(st, 1, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		plan_info_from(st, out);
		sqlite3_reset(st);
		return 0;
	}
	if (rc == SQLITE_DONE)
		return err_set(e, ERR_NOTFOUND, "no plan has the key '%s'; 'duban plans' lists them", key);
	return store_fail(s, rc, "cannot read plans", e);
}

void store_plan_info_release(struct plan_info *p)
{
	free(p->key);
	free(p->title);
	free(p->kind);
	free(p->source);
	free(p->imported_at);
	free(p->imported_by);
	free(p->docno);
	free(p->issued);
	memset(p, 0, sizeof *p);
}

void store_plan_list_free(struct plan_info *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_plan_info_release(&v[i]);
	free(v);
}

/* ---- tasks ---- */

#define TASK_COLS \
	"SELECT t.id, t.plan, t.label, t.seq, t.chapter, t.section, c.title," \
	" coalesce(s.title, ''), t.text, t.match_key, t.open, t.lists FROM tasks t" \
	" JOIN chapters c ON c.plan = t.plan AND c.number = t.chapter" \
	" LEFT JOIN sections s ON s.plan = t.plan AND s.chapter = t.chapter AND s.number = t.section"

static void task_from(sqlite3_stmt *st, struct task_row *t)
{
	memset(t, 0, sizeof *t);
	t->id = store_col_str(st, 0);
	t->plan = store_col_str(st, 1);
	t->label = store_col_str(st, 2);
	t->seq = sqlite3_column_int(st, 3);
	t->chapter = sqlite3_column_int(st, 4);
	t->section = sqlite3_column_int(st, 5);
	t->chapter_title = store_col_str(st, 6);
	t->section_title = store_col_str(st, 7);
	t->text = store_col_str(st, 8);
	t->match_key = store_col_str(st, 9);
	t->open = sqlite3_column_int(st, 10);
	t->lists = store_col_str(st, 11);
}

static int task_depts_fill(struct store *s, struct task_row *t, struct err *e)
{
	static const char sql[] =
		"SELECT dept, written, role FROM task_depts WHERE task = ?1 ORDER BY position";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	size_t cap = 0;
	int rc;
	if (!st)
		return -ERR_DB;
	store_bind_text(st, 1, t->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow(&t->depts, &cap, t->ndepts + 1, sizeof *t->depts);
		t->depts[t->ndepts].dept = store_col_str(st, 0);
		t->depts[t->ndepts].written = store_col_str(st, 1);
		t->depts[t->ndepts].role = strcmp((const char *)sqlite3_column_text(st, 2), "lead")
			? ROLE_PARTICIPANT : ROLE_LEAD;
		t->ndepts++;
	}
	return rc == SQLITE_DONE ? 0 : store_fail(s, rc, "cannot read a task's departments", e);
}

/* The departments of every task in V (all of plan PLAN, in document order)
 * with one query instead of one per task. */
static int plan_depts_fill(struct store *s, const char *plan, struct task_row *v, size_t n,
			   struct err *e)
{
	static const char sql[] =
		"SELECT td.task, td.dept, td.written, td.role FROM tasks t JOIN task_depts td ON td.task = t.id"
		" WHERE t.plan = ?1 AND t.retired = 0 ORDER BY t.seq, td.position";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	size_t i = 0, *caps = NULL;
	int rc;
	if (!st)
		return -ERR_DB;
	caps = xcalloc(n + 1, sizeof *caps);
	store_bind_text(st, 1, plan);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *task = (const char *)sqlite3_column_text(st, 0);
		struct task_row *t;
		/* rows come in the order of V; tasks V lacks (filtered out) are skipped */
		size_t j = i;
		while (j < n && strcmp(v[j].id, task))
			j++;
		if (j == n)
			continue;
		i = j;
		t = &v[i];
		xgrow(&t->depts, &caps[i], t->ndepts + 1, sizeof *t->depts);
		t->depts[t->ndepts].dept = store_col_str(st, 1);
		t->depts[t->ndepts].written = store_col_str(st, 2);
		t->depts[t->ndepts].role = strcmp((const char *)sqlite3_column_text(st, 3), "lead")
			? ROLE_PARTICIPANT : ROLE_LEAD;
		t->ndepts++;
	}
	free(caps);
	return rc == SQLITE_DONE ? 0 : store_fail(s, rc, "cannot read the tasks' departments", e);
}

/* The search condition shared by the statements below (?4: a match key). */
#define TASK_SEARCH \
	" AND (?4 IS NULL OR instr(t.match_key, ?4) > 0 OR EXISTS (SELECT 1 FROM task_depts td" \
	"      JOIN dept_aliases a ON a.dept = td.dept WHERE td.task = t.id AND instr(a.key, ?4) > 0))"

int store_task_query(struct store *s, const struct task_filter *f, struct task_row **out,
		     size_t *n, struct err *e)
{
	/* One statement per filter shape, so that each uses its index: SQLite
	 * plans a statement before it sees the bound values, and an
	 * "?1 IS NULL OR t.plan = ?1" test would make it scan every task. */
	static const char by_plan[] = TASK_COLS
		" WHERE t.plan = ?1 AND t.retired = 0" TASK_SEARCH
		" ORDER BY t.seq";
	static const char by_dept[] = TASK_COLS
		" JOIN task_depts d ON d.task = t.id JOIN plans p ON p.key = t.plan"
		" WHERE d.dept = ?2 AND (?3 < 0 OR d.role = CASE ?3 WHEN 0 THEN 'lead' ELSE 'participant' END)"
		" AND t.retired = 0 AND (?1 IS NULL OR t.plan = ?1)" TASK_SEARCH
		" ORDER BY p.year DESC, p.kind, t.plan, t.seq";
	static const char every[] = TASK_COLS
		" JOIN plans p ON p.key = t.plan"
		" WHERE t.retired = 0" TASK_SEARCH
		" ORDER BY p.year DESC, p.kind, t.plan, t.seq";
	sqlite3_stmt *st = store_stmt(s, f->dept ? by_dept : f->plan ? by_plan : every, e);
	size_t cap = 0;
	int rc;
	*out = NULL;
	*n = 0;
	if (!st)
		return -ERR_DB;
	store_bind_text(st, 1, f->plan);
	store_bind_text(st, 2, f->dept);
	sqlite3_bind_int(st, 3, f->dept ? f->role : -1);
	store_bind_text(st, 4, f->search && *f->search ? f->search : NULL);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow(out, &cap, *n + 1, sizeof **out);
		task_from(st, &(*out)[(*n)++]);
	}
	if (rc != SQLITE_DONE) {
		store_task_rows_free(*out, *n);
		*out = NULL;
		*n = 0;
		return store_fail(s, rc, "cannot list tasks", e);
	}
	if (f->plan && !f->dept) {
		rc = plan_depts_fill(s, f->plan, *out, *n, e);
	} else {
		rc = 0;
		for (size_t i = 0; i < *n && !rc; i++)
			rc = task_depts_fill(s, &(*out)[i], e);
	}
	if (rc) {
		store_task_rows_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int store_task_get(struct store *s, const char *id, struct task_row *out, struct err *e)
{
	static const char sql[] = TASK_COLS " WHERE t.id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	int rc;
	memset(out, 0, sizeof *out);
	if (!st)
		return -ERR_DB;
	store_bind_text(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE)
		return err_set(e, ERR_NOTFOUND, "no task has the id '%s'; ids look like 2024-105 "
			       "('duban tasks' lists them)", id);
	if (rc != SQLITE_ROW)
		return store_fail(s, rc, "cannot read a task", e);
	task_from(st, out);
	sqlite3_reset(st);
	rc = task_depts_fill(s, out, e);
	if (rc)
		store_task_row_release(out);
	return rc;
}

void store_task_row_release(struct task_row *t)
{
	free(t->id);
	free(t->plan);
	free(t->label);
	free(t->chapter_title);
	free(t->section_title);
	free(t->text);
	free(t->match_key);
	free(t->lists);
	for (size_t i = 0; i < t->ndepts; i++) {
		free(t->depts[i].dept);
		free(t->depts[i].written);
	}
	free(t->depts);
	memset(t, 0, sizeof *t);
}

void store_task_rows_free(struct task_row *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_task_row_release(&v[i]);
	free(v);
}

int store_plan_outline(struct store *s, const char *plan, struct outline_chapter **ch, size_t *nch,
		       struct outline_section **sec, size_t *nsec, struct err *e)
{
	static const char sql_c[] = "SELECT number, title FROM chapters WHERE plan = ?1 ORDER BY number";
	static const char sql_s[] =
		"SELECT chapter, number, title FROM sections WHERE plan = ?1 ORDER BY chapter, number";
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc;

	*ch = NULL;
	*sec = NULL;
	*nch = *nsec = 0;
	if (!(st = store_stmt(s, sql_c, e)))
		return -ERR_DB;
	store_bind_text(st, 1, plan);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow(ch, &cap, *nch + 1, sizeof **ch);
		(*ch)[*nch].number = sqlite3_column_int(st, 0);
		(*ch)[*nch].title = store_col_str(st, 1);
		(*nch)++;
	}
	if (rc != SQLITE_DONE)
		goto fail;
	cap = 0;
	if (!(st = store_stmt(s, sql_s, e))) {
		store_plan_outline_free(*ch, *nch, NULL, 0);
		*ch = NULL;
		*nch = 0;
		return -ERR_DB;
	}
	store_bind_text(st, 1, plan);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		xgrow(sec, &cap, *nsec + 1, sizeof **sec);
		(*sec)[*nsec].chapter = sqlite3_column_int(st, 0);
		(*sec)[*nsec].number = sqlite3_column_int(st, 1);
		(*sec)[*nsec].title = store_col_str(st, 2);
		(*nsec)++;
	}
	if (rc != SQLITE_DONE)
		goto fail;
	return 0;
fail:
	store_plan_outline_free(*ch, *nch, *sec, *nsec);
	*ch = NULL;
	*sec = NULL;
	*nch = *nsec = 0;
	return store_fail(s, rc, "cannot read the plan's chapters", e);
}

void store_plan_outline_free(struct outline_chapter *ch, size_t nch, struct outline_section *sec,
			     size_t nsec)
{
	for (size_t i = 0; i < nch; i++)
		free(ch[i].title);
	for (size_t i = 0; i < nsec; i++)
		free(sec[i].title);
	free(ch);
	free(sec);
}
