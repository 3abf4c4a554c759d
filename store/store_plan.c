/* Plans, chapters, sections, tasks and departments: writing an imported plan
 * and every query that lists or shows them. */
#include "store/store_int.h"
#include "src/text.h"
#include "src/util.h"
#include "src/banned.h"

/* ---- departments ---- */

static int dept_insert(struct store *s, const char *name, const char *kind, struct err *e)
{
	static const char sql[] =
		"INSERT OR IGNORE INTO departments(name, kind, created_at) VALUES (?1, ?2, ?3)";
	char now[32];
	sqlite3_stmt *st = store_stmt(s, sql, e);
	store_now(now, sizeof now);
	store_bind_text(st, 1, name);
	store_bind_text(st, 2, kind);
	store_bind_text(st, 3, now);
	return store_step_done(s, st, "cannot store a department", e);
}

static int alias_insert(struct store *s, const char *key, const char *dept, const char *alias,
			const char *kind, struct err *e)
{
	static const char sql[] =
		"INSERT OR IGNORE INTO dept_aliases(key, dept, alias, kind) VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	store_bind_text(st, 1, key);
	store_bind_text(st, 2, dept);
	store_bind_text(st, 3, alias);
	store_bind_text(st, 4, kind);
	return store_step_done(s, st, "cannot store a department alias", e);
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

/* The kinds of dept_aliases.kind in the order of enum dept_alias_kind. */
static const char *const alias_kinds[] = { "name", "short", "predecessor", "written" };

struct alias_hit { char *dept; enum dept_alias_kind kind; };
static const struct store_col alias_hit_cols[] = {
	STORE_COL(struct alias_hit, 0, COL_TEXT, dept),
	STORE_COL_ENUM(struct alias_hit, 1, kind, alias_kinds, ALIAS_SHORT),
};
static const struct store_rowmap alias_hit_map = STORE_ROWMAP(struct alias_hit, alias_hit_cols);

int store_dept_lookup(struct store *s, const char *key, char **dept, enum dept_alias_kind *kind,
		      struct err *e)
{
	static const char sql[] = "SELECT dept, kind FROM dept_aliases WHERE key = ?1";
	struct alias_hit hit;
	int rc = store_row_get(s, sql, key, &alias_hit_map, &hit, "cannot look up a department", e);
	if (rc == -ERR_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "no department is called that");
	if (rc)
		return rc;
	*dept = hit.dept;
	if (kind)
		*kind = hit.kind;
	return 0;
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

static const struct store_col dept_info_cols[] = {
	STORE_COL(struct dept_info, 0, COL_TEXT, name),
	STORE_COL(struct dept_info, 1, COL_TEXT, kind),
	STORE_COL(struct dept_info, 2, COL_INT, lead),
	STORE_COL(struct dept_info, 3, COL_INT, participant),
};
static const struct store_rowmap dept_info_map = STORE_ROWMAP(struct dept_info, dept_info_cols);

/* Free the later copies of equal strings of V, keeping the order; the number
 * of strings kept. */
static size_t strv_uniq(char **v, size_t n)
{
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		size_t j = 0;
		while (j < kept && strcmp(v[j], v[i]))
			j++;
		if (j < kept)
			free(v[i]);
		else
			v[kept++] = v[i];
	}
	return kept;
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
	/* other spellings; a predecessor's marked with a leading '^' */
	static const char sql_alias[] =
		"SELECT CASE kind WHEN 'predecessor' THEN '^' || alias ELSE alias END FROM dept_aliases"
		" WHERE dept = ?1 AND kind != 'name' AND alias != ?1 ORDER BY kind, alias";
	int rc = store_rows(s, store_stmt(s, sql, e), &dept_info_map, out, n, "cannot list departments", e);
	for (size_t i = 0; !rc && with_aliases && i < *n; i++) {
		struct dept_info *d = &(*out)[i];
		sqlite3_stmt *st = store_stmt(s, sql_alias, e);
		store_bind_text(st, 1, d->name);
		rc = store_rows(s, st, &store_strv_map, &d->aliases, &d->naliases,
				"cannot list department aliases", e);
		d->naliases = strv_uniq(d->aliases, d->naliases);
	}
	if (rc) {
		store_dept_list_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void store_dept_list_free(struct dept_info *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_strv_free(v[i].aliases, v[i].naliases);
	store_rows_free(&dept_info_map, v, n);
}

int store_dept_names(struct store *s, const char *kind, char ***out, size_t *n, struct err *e)
{
	static const char sql[] = "SELECT name FROM departments WHERE kind = ?1 ORDER BY name";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	store_bind_text(st, 1, kind);
	return store_rows(s, st, &store_strv_map, out, n, "cannot list departments", e);
}

struct alias_key { char *key, *dept; };
static const struct store_col alias_key_cols[] = {
	STORE_COL(struct alias_key, 0, COL_TEXT, key),
	STORE_COL(struct alias_key, 1, COL_TEXT, dept),
};
static const struct store_rowmap alias_key_map = STORE_ROWMAP(struct alias_key, alias_key_cols);

int store_dept_suggest(struct store *s, const char *key, size_t max, char ***out, size_t *n,
		       struct err *e)
{
	static const char sql[] = "SELECT key, dept FROM dept_aliases";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	struct alias_key *a;
	struct cand { char *dept; int score; } *c = NULL;
	size_t na, nc = 0, cap = 0;
	int len = text_distance("", key);   /* characters typed */
	int rc;
	*out = NULL;
	*n = 0;
	if ((rc = store_rows(s, st, &alias_key_map, &a, &na, "cannot look up departments", e)))
		return rc;
	for (size_t j = 0; j < na; j++) {
		int dist = text_distance(a[j].key, key), run = text_common_run(a[j].key, key), seen = 0;
		int score;
		/* a suggestion shares a run of at least two characters with what
		 * was typed, or shares one and differs in at most half of them;
		 * the longest shared run comes first, then the fewest edits */
		if (run < 2 && !(run == 1 && dist * 2 <= len))
			continue;
		score = (100 - run) * 1000 + dist;
		for (size_t i = 0; i < nc; i++) {
			if (!strcmp(c[i].dept, a[j].dept)) {
				if (score < c[i].score)
					c[i].score = score;
				seen = 1;
			}
		}
		if (seen)
			continue;
		xgrow(&c, &cap, nc + 1, sizeof *c);
		c[nc].dept = a[j].dept;   /* taken from the row */
		a[j].dept = NULL;
		c[nc].score = score;
		nc++;
	}
	store_rows_free(&alias_key_map, a, na);
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

/* What a stored plan was made from: its title and its source's SHA-256. */
struct plan_source { char *title, *sha256; };
static const struct store_col plan_source_cols[] = {
	STORE_COL(struct plan_source, 0, COL_TEXT, title),
	STORE_COL(struct plan_source, 1, COL_TEXT, sha256),
};
static const struct store_rowmap plan_source_map = STORE_ROWMAP(struct plan_source, plan_source_cols);

/* The source of plan KEY into *OUT (release with plan_source_map);
 * -ERR_NOTFOUND, E untouched, when there is no such plan. */
static int plan_source_get(struct store *s, const char *key, struct plan_source *out, struct err *e)
{
	static const char sql[] = "SELECT title, source_sha256 FROM plans WHERE key = ?1";
	return store_row_get(s, sql, key, &plan_source_map, out, "cannot read plans", e);
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

	st = store_stmt(s, del_sec, e);
	store_bind_text(st, 1, in->key);
	if ((rc = store_step_done(s, st, "cannot store the plan", e)))
		return rc;
	for (size_t i = 0; i < in->nchapters; i++) {
		st = store_stmt(s, ins_chap, e);
		store_bind_text(st, 1, in->key);
		store_bind_int(st, 2, in->chapters[i].number);
		store_bind_text(st, 3, in->chapters[i].title);
		if ((rc = store_step_done(s, st, "cannot store a chapter", e)))
			return rc;
	}
	for (size_t i = 0; i < in->nsections; i++) {
		st = store_stmt(s, ins_sec, e);
		store_bind_text(st, 1, in->key);
		store_bind_int(st, 2, in->sections[i].chapter);
		store_bind_int(st, 3, in->sections[i].number);
		store_bind_text(st, 4, in->sections[i].title);
		if ((rc = store_step_done(s, st, "cannot store a section", e)))
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
	if (store_step(st) != SQLITE_ROW)
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
	while (store_step(st) == SQLITE_ROW) {
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
	rc = store_step_done(b->s, b->st, b->what, e);
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
	sqlite3_stmt *st;
	int one, same;
	int rc = store_row_get(s, exists, id, &store_int_map, &one, "cannot read the plan's tasks", e);
	if (rc == -ERR_NOTFOUND) {
		*out = TASK_NEW;
		return 0;
	}
	if (rc)
		return rc;
	if ((same = task_same(s, id, t, e)) < 0)
		return same;
	/* a task that only moved (a task inserted before it) keeps its rows */
	*out = same == 1 ? TASK_SAME : same == 2 ? TASK_MOVED : TASK_CHANGED;
	if (same)
		return 0;
	st = store_stmt(s, del_d, e);
	store_bind_text(st, 1, id);
	return store_step_done(s, st, "cannot store a task", e);
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
		store_bind_int(st, p + 3, t->seq);
		store_bind_int(st, p + 4, t->chapter);
		store_bind_int(st, p + 5, t->section);
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
			store_bind_int(st, p + 1, (int)j + 1);
			store_bind_static(st, p + 2, t->depts[j]);
			store_bind_static(st, p + 3, t->written[j]);
			store_bind_static(st, p + 4, j == 0 ? "lead" : "participant");
			rc = batch_row_done(&db, e);
		}
	}
	/* a changed task keeps the office's change of its lead (if that
	 * department is still named) and its departments' states follow */
	for (size_t i = 0; i < n && !rc; i++)
		if (change[i] == TASK_CHANGED && !(rc = store_lead_apply(s, ids[i], e)))
			rc = store_state_refresh_task(s, ids[i], e);
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
	char **ids = NULL;
	size_t n = 0, klen = strlen(in->key);
	int rc;
	store_bind_text(st, 1, in->key);
	if ((rc = store_rows(s, st, &store_strv_map, &ids, &n, "cannot read the plan's tasks", e)))
		return rc;
	for (size_t i = 0; i < n && rc == 0; i++) {
		const char *id = ids[i];
		int found = 0;
		for (size_t j = 0; j < in->ntasks && !found; j++) {
			const struct store_task_in *t = &in->tasks[j];
			if (t->id)
				found = !strcmp(t->id, id);
			else
				found = !strncmp(id, in->key, klen) && id[klen] == '-' &&
					!strcmp(id + klen + 1, t->label);
		}
		if (found)
			continue;
		st = store_stmt(s, ret, e);
		store_bind_text(st, 1, id);
		rc = store_step_done(s, st, "cannot retire a task", e);
		r->tasks_retired++;
	}
	store_strv_free(ids, n);
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
	struct plan_source old;
	char now[32];
	sqlite3_stmt *st;
	int rc;

	memset(r, 0, sizeof *r);
	if ((rc = store_require_office(s, in->who, "import plans", e)))
		return rc;
	rc = plan_source_get(s, in->key, &old, e);
	if (rc && rc != -ERR_NOTFOUND)
		return rc;
	r->outcome = rc ? PLAN_STORED_NEW : PLAN_STORED_UPDATED;
	if (rc == 0 && !strcmp(old.sha256, in->source_sha256)) {
		r->outcome = PLAN_STORED_UNCHANGED;
	} else if (rc == 0 && strcmp(old.title, in->title) && !replace) {
		rc = err_set(e, ERR_CONFLICT, "plan key '%s' already holds '%s', not '%s'; "
			     "give this plan its own key with --key (e.g. --key gd%d), or pass "
			     "--replace if it is a corrected text of the same plan",
			     in->key, old.title, in->title, in->year);
		store_row_release(&plan_source_map, &old);
		return rc;
	}
	store_row_release(&plan_source_map, &old);
	if (r->outcome == PLAN_STORED_UNCHANGED)
		return 0;

	st = store_stmt(s, ins, e);
	store_now(now, sizeof now);
	store_bind_text(st, 1, in->key);
	store_bind_text(st, 2, in->title);
	store_bind_int(st, 3, in->year);
	store_bind_text(st, 4, in->kind);
	store_bind_text(st, 5, in->source_name);
	store_bind_text(st, 6, in->source_sha256);
	store_bind_text(st, 7, now);
	store_bind_text(st, 8, in->who);
	store_bind_text(st, 9, in->docno ? in->docno : "");
	store_bind_text(st, 10, in->issued ? in->issued : "");
	if ((rc = store_step_done(s, st, "cannot store the plan", e)))
		return rc;
	if ((rc = write_structure(s, in, e)))
		return rc;
	if ((rc = write_tasks(s, in, r->outcome == PLAN_STORED_NEW, r, e)))
		return rc;
	if (r->outcome == PLAN_STORED_UPDATED && (rc = retire_missing(s, in, r, e)))
		return rc;
	return 0;
}

static const struct store_col brief_cols[] = {
	STORE_COL(struct store_task_brief, 0, COL_TEXT, id),
	STORE_COL(struct store_task_brief, 1, COL_TEXT, label),
	STORE_COL(struct store_task_brief, 2, COL_TEXT, match_key),
	STORE_COL(struct store_task_brief, 3, COL_TEXT, text),
	STORE_COL(struct store_task_brief, 4, COL_INT, retired),
	STORE_COL(struct store_task_brief, 5, COL_INT, records),
};
static const struct store_rowmap brief_map = STORE_ROWMAP(struct store_task_brief, brief_cols);

/* A department of a task, for store_plan_task_briefs. */
struct brief_dept { char *task, *dept; };
static const struct store_col brief_dept_cols[] = {
	STORE_COL(struct brief_dept, 0, COL_TEXT, task),
	STORE_COL(struct brief_dept, 1, COL_TEXT, dept),
};
static const struct store_rowmap brief_dept_map = STORE_ROWMAP(struct brief_dept, brief_dept_cols);

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
	struct brief_dept *d = NULL;
	size_t nd = 0, i = 0, *caps;
	int rc;

	store_bind_text(st, 1, plan);
	if ((rc = store_rows(s, st, &brief_map, out, n, "cannot read the plan's tasks", e)))
		return rc;
	st = store_stmt(s, sql_d, e);
	store_bind_text(st, 1, plan);
	if ((rc = store_rows(s, st, &brief_dept_map, &d, &nd, "cannot read the plan's departments", e))) {
		store_task_briefs_free(*out, *n);
		*out = NULL;
		*n = 0;
		return rc;
	}
	/* both in the same order: each task's departments follow in a run */
	caps = xcalloc(*n + 1, sizeof *caps);
	for (size_t k = 0; k < nd; k++) {
		struct store_task_brief *b;
		while (i < *n && strcmp((*out)[i].id, d[k].task))
			i++;
		if (i == *n)
			break;
		b = &(*out)[i];
		xgrow(&b->depts, &caps[i], b->ndepts + 1, sizeof *b->depts);
		b->depts[b->ndepts++] = d[k].dept;
		d[k].dept = NULL;
	}
	free(caps);
	store_rows_free(&brief_dept_map, d, nd);
	return 0;
}

void store_task_briefs_free(struct store_task_brief *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_strv_free(v[i].depts, v[i].ndepts);
	store_rows_free(&brief_map, v, n);
}

#define PLAN_COLS \
	"SELECT p.key, p.title, p.year, p.kind, p.source_name, p.imported_at, p.imported_by," \
	" (SELECT count(*) FROM chapters c WHERE c.plan = p.key)," \
	" (SELECT count(*) FROM sections c WHERE c.plan = p.key)," \
	" (SELECT count(*) FROM tasks t WHERE t.plan = p.key AND t.retired = 0)," \
	" p.docno, p.issued FROM plans p"
static const struct store_col plan_info_cols[] = {
	STORE_COL(struct plan_info, 0, COL_TEXT, key),
	STORE_COL(struct plan_info, 1, COL_TEXT, title),
	STORE_COL(struct plan_info, 2, COL_INT, year),
	STORE_COL(struct plan_info, 3, COL_TEXT, kind),
	STORE_COL(struct plan_info, 4, COL_TEXT, source),
	STORE_COL(struct plan_info, 5, COL_TEXT, imported_at),
	STORE_COL(struct plan_info, 6, COL_TEXT, imported_by),
	STORE_COL(struct plan_info, 7, COL_INT, nchapters),
	STORE_COL(struct plan_info, 8, COL_INT, nsections),
	STORE_COL(struct plan_info, 9, COL_INT, ntasks),
	STORE_COL(struct plan_info, 10, COL_TEXT, docno),
	STORE_COL(struct plan_info, 11, COL_TEXT, issued),
};
static const struct store_rowmap plan_info_map = STORE_ROWMAP(struct plan_info, plan_info_cols);

int store_plan_list(struct store *s, struct plan_info **out, size_t *n, struct err *e)
{
	static const char sql[] = PLAN_COLS " ORDER BY p.year DESC, p.kind, p.key";
	return store_rows(s, store_stmt(s, sql, e), &plan_info_map, out, n, "cannot list plans", e);
}

int store_plan_get(struct store *s, const char *key, struct plan_info *out, struct err *e)
{
	static const char sql[] = PLAN_COLS " WHERE p.key = ?1";
	int rc = store_row_get(s, sql, key, &plan_info_map, out, "cannot read plans", e);
	if (rc == -ERR_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "no plan has the key '%s'; 'duban plans' lists them", key);
	return rc;
}

void store_plan_info_release(struct plan_info *p)
{
	store_row_release(&plan_info_map, p);
}

void store_plan_list_free(struct plan_info *v, size_t n)
{
	store_rows_free(&plan_info_map, v, n);
}

/* ---- tasks ---- */

#define TASK_COLS \
	"SELECT t.id, t.plan, t.label, t.seq, t.chapter, t.section, c.title," \
	" coalesce(s.title, ''), t.text, t.match_key, t.open, t.lists FROM tasks t" \
	" JOIN chapters c ON c.plan = t.plan AND c.number = t.chapter" \
	" LEFT JOIN sections s ON s.plan = t.plan AND s.chapter = t.chapter AND s.number = t.section"

static const struct store_col task_row_cols[] = {
	STORE_COL(struct task_row, 0, COL_TEXT, id),
	STORE_COL(struct task_row, 1, COL_TEXT, plan),
	STORE_COL(struct task_row, 2, COL_TEXT, label),
	STORE_COL(struct task_row, 3, COL_INT, seq),
	STORE_COL(struct task_row, 4, COL_INT, chapter),
	STORE_COL(struct task_row, 5, COL_INT, section),
	STORE_COL(struct task_row, 6, COL_TEXT, chapter_title),
	STORE_COL(struct task_row, 7, COL_TEXT, section_title),
	STORE_COL(struct task_row, 8, COL_TEXT, text),
	STORE_COL(struct task_row, 9, COL_TEXT, match_key),
	STORE_COL(struct task_row, 10, COL_INT, open),
	STORE_COL(struct task_row, 11, COL_TEXT, lists),
};
static const struct store_rowmap task_row_map = STORE_ROWMAP(struct task_row, task_row_cols);

/* One department of a task, and (for a plan's) the task's id after it. */
struct task_dept_row { struct task_dept d; char *task; };
static const struct store_col task_dept_cols[] = {
	STORE_COL(struct task_dept_row, 0, COL_TEXT, d.dept),
	STORE_COL(struct task_dept_row, 1, COL_TEXT, d.written),
	STORE_COL_ENUM(struct task_dept_row, 2, d.role, store_role_names, ROLE_PARTICIPANT),
	STORE_COL(struct task_dept_row, 3, COL_INT, d.position),
	STORE_COL(struct task_dept_row, 4, COL_TEXT, task),
};
/* the departments of one task: struct task_dept, the first four columns
 * (D is the first member, so their offsets are its own) */
_Static_assert(offsetof(struct task_dept_row, d) == 0, "task_dept_row starts with its task_dept");
static const struct store_rowmap task_dept_map = { sizeof(struct task_dept), task_dept_cols, 4 };
static const struct store_rowmap task_dept_row_map = STORE_ROWMAP(struct task_dept_row, task_dept_cols);

static int task_depts_fill(struct store *s, struct task_row *t, struct err *e)
{
	static const char sql[] =
		"SELECT dept, written, role, position FROM task_depts WHERE task = ?1"
		" ORDER BY role = 'lead' DESC, position";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	store_bind_text(st, 1, t->id);
	return store_rows(s, st, &task_dept_map, &t->depts, &t->ndepts,
			  "cannot read a task's departments", e);
}

/* The departments of every task in V (all of plan PLAN, in document order)
 * with one query instead of one per task. */
static int plan_depts_fill(struct store *s, const char *plan, struct task_row *v, size_t n,
			   struct err *e)
{
	static const char sql[] =
		"SELECT td.dept, td.written, td.role, td.position, td.task FROM tasks t"
		" JOIN task_depts td ON td.task = t.id"
		" WHERE t.plan = ?1 AND t.retired = 0 ORDER BY t.seq, td.role = 'lead' DESC, td.position";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	struct task_dept_row *r;
	size_t nr, i = 0, *caps;
	int rc;
	store_bind_text(st, 1, plan);
	if ((rc = store_rows(s, st, &task_dept_row_map, &r, &nr, "cannot read the tasks' departments", e)))
		return rc;
	caps = xcalloc(n + 1, sizeof *caps);
	for (size_t k = 0; k < nr; k++) {
		struct task_row *t;
		/* rows come in the order of V; tasks V lacks (filtered out) are skipped */
		size_t j = i;
		while (j < n && strcmp(v[j].id, r[k].task))
			j++;
		if (j == n)
			continue;
		i = j;
		t = &v[i];
		xgrow(&t->depts, &caps[i], t->ndepts + 1, sizeof *t->depts);
		t->depts[t->ndepts++] = r[k].d;   /* the strings move to the task */
		memset(&r[k].d, 0, sizeof r[k].d);
	}
	free(caps);
	store_rows_free(&task_dept_row_map, r, nr);
	return 0;
}

int store_task_query(struct store *s, const struct task_filter *f, struct task_row **out,
		     size_t *n, struct err *e)
{
	/* One statement per filter shape, so that each uses its index: SQLite
	 * plans a statement before it sees the bound values, and an
	 * "?1 IS NULL OR t.plan = ?1" test would make it scan every task. */
	static const char by_plan[] = TASK_COLS
		" WHERE t.plan = ?1 AND t.retired = 0"
		" ORDER BY t.seq";
	static const char by_dept[] = TASK_COLS
		" JOIN task_depts d ON d.task = t.id JOIN plans p ON p.key = t.plan"
		" WHERE d.dept = ?2 AND (?3 < 0 OR d.role = CASE ?3 WHEN 0 THEN 'lead' ELSE 'participant' END)"
		" AND t.retired = 0 AND (?1 IS NULL OR t.plan = ?1)"
		" ORDER BY p.year DESC, p.kind, t.plan, t.seq";
	static const char every[] = TASK_COLS
		" JOIN plans p ON p.key = t.plan"
		" WHERE t.retired = 0"
		" ORDER BY p.year DESC, p.kind, t.plan, t.seq";
	sqlite3_stmt *st = store_stmt(s, f->dept ? by_dept : f->plan ? by_plan : every, e);
	int rc;
	store_bind_text(st, 1, f->plan);
	store_bind_text(st, 2, f->dept);
	store_bind_int(st, 3, f->dept ? f->role : -1);
	if ((rc = store_rows(s, st, &task_row_map, out, n, "cannot list tasks", e)))
		return rc;
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
	int rc = store_row_get(s, sql, id, &task_row_map, out, "cannot read a task", e);
	if (rc == -ERR_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "no task has the id '%s'; ids look like 2024-105", id);
	if (rc)
		return rc;
	rc = task_depts_fill(s, out, e);
	if (rc)
		store_task_row_release(out);
	return rc;
}

void store_task_row_release(struct task_row *t)
{
	store_rows_free(&task_dept_map, t->depts, t->ndepts);
	store_row_release(&task_row_map, t);
}

void store_task_rows_free(struct task_row *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		store_task_row_release(&v[i]);
	free(v);
}

static const struct store_col chapter_cols[] = {
	STORE_COL(struct outline_chapter, 0, COL_INT, number),
	STORE_COL(struct outline_chapter, 1, COL_TEXT, title),
};
static const struct store_rowmap chapter_map = STORE_ROWMAP(struct outline_chapter, chapter_cols);
static const struct store_col section_cols[] = {
	STORE_COL(struct outline_section, 0, COL_INT, chapter),
	STORE_COL(struct outline_section, 1, COL_INT, number),
	STORE_COL(struct outline_section, 2, COL_TEXT, title),
};
static const struct store_rowmap section_map = STORE_ROWMAP(struct outline_section, section_cols);

int store_plan_outline(struct store *s, const char *plan, struct outline_chapter **ch, size_t *nch,
		       struct outline_section **sec, size_t *nsec, struct err *e)
{
	static const char sql_c[] = "SELECT number, title FROM chapters WHERE plan = ?1 ORDER BY number";
	static const char sql_s[] =
		"SELECT chapter, number, title FROM sections WHERE plan = ?1 ORDER BY chapter, number";
	sqlite3_stmt *st;
	int rc;

	*sec = NULL;
	*nsec = 0;
	st = store_stmt(s, sql_c, e);
	store_bind_text(st, 1, plan);
	if ((rc = store_rows(s, st, &chapter_map, ch, nch, "cannot read the plan's chapters", e)))
		return rc;
	st = store_stmt(s, sql_s, e);
	store_bind_text(st, 1, plan);
	if ((rc = store_rows(s, st, &section_map, sec, nsec, "cannot read the plan's chapters", e))) {
		store_plan_outline_free(*ch, *nch, NULL, 0);
		*ch = NULL;
		*nch = 0;
	}
	return rc;
}

void store_plan_outline_free(struct outline_chapter *ch, size_t nch, struct outline_section *sec,
			     size_t nsec)
{
	store_rows_free(&chapter_map, ch, nch);
	store_rows_free(&section_map, sec, nsec);
}
