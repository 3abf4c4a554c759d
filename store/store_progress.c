/* Progress records, close-off reviews, evidence, settings, task state and
 * history. Every write runs in its own BEGIN IMMEDIATE transaction and is held
 * there to the role rules of store_user.c, whatever the entry point. */
#include "store/store_int.h"
#include "src/sha256.h"
#include "src/state.h"
#include "src/text.h"
#include "src/util.h"
#include "src/banned.h"

/* evidence.kind in the order of enum evidence_kind */
static const char *const evidence_kinds[] = { "file", "docno", "url" };

/* ---- progress ---- */

int store_progress_check_fields(const struct progress_in *in, struct err *e)
{
	if (in->period && !period_valid(in->period))
		return err_set(e, ERR_USAGE, "invalid period '%s': write a quarter like 2024Q3", in->period);
	if ((unsigned)in->status >= ST_COUNT)
		return err_set(e, ERR_USAGE, "invalid status");
	if (!text_valid_utf8(in->note, strlen(in->note)))
		return err_set(e, ERR_INPUT, "the note is not valid UTF-8; save it as UTF-8 and try again");
	if (!in->note_only && status_note_missing(in->status, in->note))
		return err_set(e, ERR_USAGE, STATUS_NOTE_RULE);
	if (in->note_only && !in->note[strspn(in->note, " \t\r\n")])
		return err_set(e, ERR_USAGE, "the note is empty");
	return 0;
}

int store_progress_place(struct store *s, const char *login, const struct progress_in *in,
			 char period[8], int *backfilled, struct err *e)
{
	int rc;
	*backfilled = 0;
	if (!in->period) {
		if ((rc = store_period_pick(s, in->task, period, e)))
			return rc;
	} else {
		snprintf(period, 8, "%s", in->period);
	}
	return store_period_check(s, login, in->task, period, in->backfill, backfilled, e);
}

long long store_progress_last_row(struct store *s, struct err *e)
{
	static const char sql[] = "SELECT coalesce(max(rowid), 0) FROM progress";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	long long v = -1;
	int rc;
	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	else
		store_fail(s, rc, "cannot read progress", e);
	sqlite3_reset(st);
	return v;
}

int store_progress_index_since(struct store *s, long long since, struct err *e)
{
	static const char sql[] =
		"INSERT INTO search(task, body) SELECT task, note_key FROM progress"
		" WHERE rowid > ?1 AND note_key != '' ORDER BY rowid";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	store_bind_int(st, 1, since);
	return store_step_done(s, st, "cannot index the notes for search", e);
}

int store_progress_insert(struct store *s, const char *login, const struct progress_in *in,
			  const char *period, int backfilled, int index, char id[33], struct err *e)
{
	static const char ins[] =
		"INSERT INTO progress(id, task, dept, period, status, note, note_key, who, at, based_on,"
		" note_only, backfill)"
		" VALUES (?1, ?2, ?3, ?4, coalesce(?5, (SELECT status FROM current"
		"  WHERE task = ?2 AND dept = ?3), 'not-started'), ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
	static const char idx[] = "INSERT INTO search(task, body) VALUES (?1, ?2)";
	sqlite3_stmt *st;
	char at[40], *key;
	int rc;

	store_new_id(id);
	store_now_ms(at, sizeof at);
	key = text_match_key(in->note);
	st = store_stmt(s, ins, e);
	store_bind_text(st, 1, id);
	store_bind_text(st, 2, in->task);
	store_bind_text(st, 3, in->dept);
	store_bind_text(st, 4, period);
	/* a note alone carries the status it was made under */
	store_bind_text(st, 5, in->note_only ? NULL : status_name(in->status));
	store_bind_text(st, 6, in->note);
	store_bind_text(st, 7, key);
	store_bind_text(st, 8, login);
	store_bind_text(st, 9, at);
	store_bind_text(st, 10, in->based_on);
	store_bind_int(st, 11, in->note_only != 0);
	store_bind_int(st, 12, backfilled != 0);
	rc = store_step_done(s, st, "cannot record progress", e);
	if (!rc && *key && index) {
		st = store_stmt(s, idx, e);
		store_bind_text(st, 1, in->task);
		store_bind_text(st, 2, key);
		rc = store_step_done(s, st, "cannot index the note for search", e);
	}
	free(key);
	if (rc || in->note_only)
		return rc;
	return store_state_refresh(s, in->task, in->dept, e);
}

int store_task_search_indexed(const char *key)
{
	return text_distance("", key) >= 3;
}

/* A task found by a search, and its plan. */
struct task_hit { char *id, *plan; };
static const struct store_col task_hit_cols[] = {
	STORE_COL(struct task_hit, 0, COL_TEXT, id),
	STORE_COL(struct task_hit, 1, COL_TEXT, plan),
};
static const struct store_rowmap task_hit_map = STORE_ROWMAP(struct task_hit, task_hit_cols);

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
	struct task_hit *hits;
	int rc;
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
	rc = store_rows(s, st, &task_hit_map, &hits, n, "cannot search", e);
	sb_release(&phrase);
	/* the ids and, if asked, the plans as two arrays of strings */
	*task_ids = NULL;
	if (plans)
		*plans = NULL;
	if (rc || !*n)
		return rc;
	*task_ids = xcalloc(*n, sizeof **task_ids);
	if (plans)
		*plans = xcalloc(*n, sizeof **plans);
	for (size_t i = 0; i < *n; i++) {
		(*task_ids)[i] = hits[i].id;
		if (plans)
			(*plans)[i] = hits[i].plan;
		else
			free(hits[i].plan);
	}
	free(hits);
	return 0;
}


static const struct store_col progress_rec_cols[] = {
	STORE_COL(struct progress_rec, 0, COL_TEXT, id),
	STORE_COL(struct progress_rec, 1, COL_TEXT, task),
	STORE_COL(struct progress_rec, 2, COL_TEXT, dept),
	STORE_COL(struct progress_rec, 3, COL_TEXT, period),
	STORE_COL(struct progress_rec, 4, COL_STATUS, status),
	STORE_COL(struct progress_rec, 5, COL_TEXT, note),
	STORE_COL(struct progress_rec, 6, COL_TEXT, who),
	STORE_COL(struct progress_rec, 7, COL_TEXT, at),
};
static const struct store_rowmap progress_rec_map = STORE_ROWMAP(struct progress_rec, progress_rec_cols);

void store_progress_rec_release(struct progress_rec *r)
{
	store_row_release(&progress_rec_map, r);
}

int store_progress_latest(struct store *s, const char *task, const char *dept,
			  struct progress_rec *out, struct err *e)
{
	static const char sql[] =
		"SELECT p.id, p.task, p.dept, p.period, p.status, p.note, p.who, p.at"
		" FROM current c JOIN progress p ON p.id = c.progress WHERE c.task = ?1 AND c.dept = ?2";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	int rc;
	store_bind_text(st, 1, task);
	store_bind_text(st, 2, dept);
	rc = store_row_one(s, st, &progress_rec_map, out, "cannot read progress", e);
	if (rc == -ERR_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "no progress recorded for %s on %s", dept, task);
	return rc;
}

int store_progress_write(struct store *s, const char *login, const struct progress_in *in,
			 struct progress_result *r, struct err *e)
{
	struct progress_rec newest;
	enum role role;
	int rc, backfilled;

	if ((rc = store_check_write(s, login, in->task, in->dept, &role, e)))
		return rc;
	if ((rc = store_progress_place(s, login, in, r->period, &backfilled, e)))
		return rc;
	rc = store_progress_latest(s, in->task, in->dept, &newest, e);
	if (rc && rc != -ERR_NOTFOUND)
		return rc;
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
	if ((rc = store_progress_insert(s, login, in, r->period, backfilled, 1, r->id, e)))
		return rc;
	r->backfill = backfilled;
	return 0;
}

int store_progress_append(struct store *s, const char *login, const struct progress_in *in,
			  struct progress_result *r, struct err *e)
{
	int rc;

	memset(r, 0, sizeof *r);
	if ((rc = store_progress_check_fields(in, e)))
		return rc;
	if ((rc = store_begin(s, e)))
		return rc;
	if ((rc = store_progress_write(s, login, in, r, e)))
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

/* The lead department of a task and its close-off. */
struct close_off { char *dept, *progress; enum review_state review; };
static const struct store_col close_off_cols[] = {
	STORE_COL(struct close_off, 0, COL_TEXT, dept),
	STORE_COL(struct close_off, 1, COL_TEXT, progress),
	STORE_COL_ENUM(struct close_off, 2, review, store_closeoff_names, REVIEW_NONE),
};
static const struct store_rowmap close_off_map = STORE_ROWMAP(struct close_off, close_off_cols);

int store_review(struct store *s, const char *login, const char *task, enum review_decision decision,
		 const char *record, const char *reason, struct err *e)
{
	static const char lead[] =
		"SELECT t.lead, c.closeoff_progress, coalesce(c.closeoff, '') FROM tasks t"
		" LEFT JOIN current c ON c.task = t.id AND c.dept = t.lead WHERE t.id = ?1";
	static const char ins[] =
		"INSERT INTO reviews(id, task, progress, decision, reason, who, at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
	struct close_off c = { NULL, NULL, REVIEW_NONE };
	sqlite3_stmt *st;
	char id[33], at[40];
	int rc;

	if (decision != DECIDE_APPROVE && (!reason || !reason[strspn(reason, " \t\r\n")]))
		return err_set(e, ERR_USAGE, "%s a close-off needs a reason, which the department sees",
			       decision == DECIDE_RETURN ? "returning" : "reopening");
	if (reason && !text_valid_utf8(reason, strlen(reason)))
		return err_set(e, ERR_INPUT, "the reason is not valid UTF-8");
	if ((rc = store_begin_office(s, login, "approve, return or reopen close-offs", e)))
		return rc;
	rc = store_row_get(s, lead, task, &close_off_map, &c, "cannot read the task", e);
	if (rc == -ERR_NOTFOUND)
		rc = err_set(e, ERR_NOTFOUND, "no task has the id '%s'; ids look like 2024-105", task);
	else if (!rc && !state_review_allowed(c.review, review_decision_name(decision), task, e))
		rc = -e->code;
	else if (!rc && record && *record && strcmp(record, c.progress))
		rc = err_set(e, ERR_CONFLICT, "the close-off of task %s is now about record %s, not %s, "
			     "which you saw: look again before deciding", task, c.progress, record);
	if (rc)
		goto fail;
	store_new_id(id);
	store_now_ms(at, sizeof at);
	st = store_stmt(s, ins, e);
	store_bind_text(st, 1, id);
	store_bind_text(st, 2, task);
	store_bind_text(st, 3, c.progress);
	store_bind_static(st, 4, review_decision_name(decision));
	store_bind_text(st, 5, reason ? reason : "");
	store_bind_text(st, 6, login);
	store_bind_text(st, 7, at);
	if ((rc = store_step_done(s, st, "cannot record the review", e)))
		goto fail;
	if ((rc = store_state_refresh(s, task, c.dept, e)))
		goto fail;
	store_row_release(&close_off_map, &c);
	return store_commit(s, e);
fail:
	store_row_release(&close_off_map, &c);
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
	if (store_step(st) == SQLITE_ROW)
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
	if ((rc = store_begin_office(s, login, "change settings", e)))
		return rc;
	st = store_stmt(s, sql, e);
	store_bind_text(st, 1, key);
	store_bind_text(st, 2, value);
	if ((rc = store_step_done(s, st, "cannot change the setting", e)))
		goto fail;
	return store_commit(s, e);
fail:
	store_rollback(s);
	return rc;
}

/* ---- evidence ---- */

int store_evidence_check_fields(const struct evidence_in *in, struct err *e)
{
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
	return 0;
}

int store_evidence_insert(struct store *s, const char *login, const struct evidence_in *in,
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
	int rc, one;

	id_out[0] = '\0';
	if ((rc = store_evidence_check_fields(in, e)))
		return rc;
	if ((rc = store_check_write(s, login, in->task, in->dept, &role, e)))
		return rc;
	if (in->progress) {
		st = store_stmt(s, prog, e);
		store_bind_text(st, 1, in->progress);
		store_bind_text(st, 2, in->task);
		store_bind_text(st, 3, in->dept);
		rc = store_row_one(s, st, &store_int_map, &one, "cannot read progress", e);
		if (rc == -ERR_NOTFOUND)
			rc = err_set(e, ERR_NOTFOUND, "no progress record '%s' of %s on %s", in->progress,
				     in->dept, in->task);
		if (rc)
			return rc;
	}
	if (in->kind == EV_FILE) {
		max = store_evidence_limit(s);
		if ((long long)in->size > max)
			return err_set(e, ERR_INPUT, "the file '%s' is %.1f MB, over the evidence limit of "
				       "%.1f MB; attach a smaller file or its document number, or ask the office "
				       "to raise the limit (setting evidence.max_bytes)", in->file_name,
				       in->size / 1048576.0, max / 1048576.0);
		sha256_hex(in->data, in->size, sha);
		if (!(st = store_stmt(s, blob, e)))
			return -ERR_DB;
		store_bind_text(st, 1, sha);
		store_bind_int(st, 2, (long long)in->size);
		store_bind_blob(st, 3, in->data, in->size);
		if ((rc = store_step_done(s, st, "cannot store the file", e)))
			return rc;
	}
	store_new_id(id_out);
	store_now_ms(at, sizeof at);
	st = store_stmt(s, ins, e);
	store_bind_text(st, 1, id_out);
	store_bind_text(st, 2, in->task);
	store_bind_text(st, 3, in->dept);
	store_bind_text(st, 4, evidence_kind_name(in->kind));
	store_bind_text(st, 5, in->title);
	store_bind_text(st, 6, in->kind == EV_FILE ? in->file_name : NULL);
	store_bind_text(st, 7, in->kind == EV_FILE ? sha : NULL);
	if (in->kind == EV_FILE)
		store_bind_int(st, 8, (long long)in->size);
	store_bind_text(st, 9, in->kind == EV_FILE ? NULL : in->value);
	store_bind_text(st, 10, in->progress);
	store_bind_text(st, 11, login);
	store_bind_text(st, 12, at);
	if ((rc = store_step_done(s, st, "cannot store the evidence", e)))
		id_out[0] = '\0';
	return rc;
}

int store_evidence_add(struct store *s, const char *login, const struct evidence_in *in,
		       char id_out[33], struct err *e)
{
	int rc;

	id_out[0] = '\0';
	if ((rc = store_evidence_check_fields(in, e)))
		return rc;
	if ((rc = store_begin(s, e)))
		return rc;
	if ((rc = store_evidence_insert(s, login, in, id_out, e))) {
		store_rollback(s);
		return rc;
	}
	if ((rc = store_commit(s, e)))
		id_out[0] = '\0';
	return rc;
}

#define EV_COLS "SELECT id, task, dept, kind, title, coalesce(file_name, ''), coalesce(sha256, ''), " \
	"coalesce(size, 0), coalesce(value, ''), coalesce(progress, ''), who, at FROM evidence"

static const struct store_col evidence_cols[] = {
	STORE_COL(struct evidence_info, 0, COL_TEXT, id),
	STORE_COL(struct evidence_info, 1, COL_TEXT, task),
	STORE_COL(struct evidence_info, 2, COL_TEXT, dept),
	STORE_COL_ENUM(struct evidence_info, 3, kind, evidence_kinds, EV_URL),
	STORE_COL(struct evidence_info, 4, COL_TEXT, title),
	STORE_COL(struct evidence_info, 5, COL_TEXT, file_name),
	STORE_COL(struct evidence_info, 6, COL_TEXT, sha256),
	STORE_COL(struct evidence_info, 7, COL_INT64, size),
	STORE_COL(struct evidence_info, 8, COL_TEXT, value),
	STORE_COL(struct evidence_info, 9, COL_TEXT, progress),
	STORE_COL(struct evidence_info, 10, COL_TEXT, who),
	STORE_COL(struct evidence_info, 11, COL_TEXT, at),
};
static const struct store_rowmap evidence_map = STORE_ROWMAP(struct evidence_info, evidence_cols);

int store_evidence_list(struct store *s, const char *task, const char *dept,
			struct evidence_info **out, size_t *n, struct err *e)
{
	static const char by_task[] = EV_COLS
		" WHERE task = ?1 AND (?2 IS NULL OR dept = ?2) ORDER BY at, id";
	static const char every[] = EV_COLS
		" WHERE (?2 IS NULL OR dept = ?2) ORDER BY at, id";
	sqlite3_stmt *st = store_stmt(s, task ? by_task : every, e);
	store_bind_text(st, 1, task);
	store_bind_text(st, 2, dept);
	return store_rows(s, st, &evidence_map, out, n, "cannot list evidence", e);
}

int store_evidence_get(struct store *s, const char *id, struct evidence_info *out, void **data,
		       size_t *size, struct err *e)
{
	static const char sql[] = EV_COLS " WHERE id = ?1";
	static const char blob[] = "SELECT data FROM blobs WHERE sha256 = ?1";
	sqlite3_stmt *st;
	int rc;
	if (data)
		*data = NULL;
	if (size)
		*size = 0;
	rc = store_row_get(s, sql, id, &evidence_map, out, "cannot read evidence", e);
	if (rc == -ERR_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "no evidence has the id '%s'; 'duban evidence list' shows them", id);
	if (rc)
		return rc;
	if (out->kind != EV_FILE || !data)
		return 0;
	if (!(st = store_stmt(s, blob, e))) {
		store_evidence_info_release(out);
		return -ERR_DB;
	}
	store_bind_text(st, 1, out->sha256);
	rc = store_step(st);
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
	store_row_release(&evidence_map, v);
}

void store_evidence_list_free(struct evidence_info *v, size_t n)
{
	store_rows_free(&evidence_map, v, n);
}

/* ---- state ---- */

static const struct store_col dept_state_cols[] = {
	STORE_COL(struct dept_state, 0, COL_TEXT, dept),
	STORE_COL_ENUM(struct dept_state, 1, role, store_role_names, ROLE_PARTICIPANT),
	STORE_COL(struct dept_state, 2, COL_SET, has_record),
	STORE_COL(struct dept_state, 2, COL_TEXT, record_id),
	STORE_COL(struct dept_state, 3, COL_STATUS, status),
	STORE_COL(struct dept_state, 4, COL_TEXT, period),
	STORE_COL(struct dept_state, 5, COL_TEXT, at),
	STORE_COL(struct dept_state, 6, COL_TEXT, who),
	STORE_COL(struct dept_state, 7, COL_TEXT, note),
	STORE_COL(struct dept_state, 8, COL_INT, nevidence),
	STORE_COL_ENUM(struct dept_state, 9, closeoff, store_closeoff_names, REVIEW_NONE),
	STORE_COL(struct dept_state, 10, COL_TEXT, reason),
	STORE_COL(struct dept_state, 11, COL_TEXT, closeoff_record),
};
static const struct store_rowmap dept_state_map = STORE_ROWMAP(struct dept_state, dept_state_cols);

int store_task_state(struct store *s, const char *task, struct task_state *out, struct err *e)
{
	/* each department's current state (the lead first), and its newest
	 * record of any kind for the note shown */
	static const char depts[] =
		"SELECT td.dept, td.role, c.progress, c.status, p.period, n.at, n.who, n.note,"
		"  (SELECT count(*) FROM evidence ev WHERE ev.task = td.task AND ev.dept = td.dept),"
		"  c.closeoff, c.reason, c.closeoff_progress"
		" FROM task_depts td"
		" LEFT JOIN current c ON c.task = td.task AND c.dept = td.dept"
		" LEFT JOIN progress p ON p.id = c.progress"
		" LEFT JOIN progress n ON n.rowid = (SELECT q.rowid FROM progress q"
		"   WHERE q.task = td.task AND q.dept = td.dept ORDER BY q.at DESC, q.rowid DESC LIMIT 1)"
		" WHERE td.task = ?1 ORDER BY td.role = 'lead' DESC, td.position";
	const struct dept_state *lead;
	sqlite3_stmt *st;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = store_task_exists(s, task, NULL, e)))
		return rc;
	st = store_stmt(s, depts, e);
	store_bind_text(st, 1, task);
	if ((rc = store_rows(s, st, &dept_state_map, &out->depts, &out->ndepts,
			     "cannot read the task's state", e)))
		return rc;
	/* the task's own state is its lead's, done when its close-off is
	 * approved (src/state.h) */
	lead = out->ndepts && out->depts[0].role == ROLE_LEAD ? &out->depts[0] : NULL;
	out->task = xstrdup(task);
	out->silent = !lead || !lead->has_record;
	out->review = lead ? lead->closeoff : REVIEW_NONE;
	out->status = out->review == REVIEW_APPROVED ? ST_DONE : lead && lead->has_record ? lead->status
		    : ST_NOT_STARTED;
	out->review_reason = xstrdup(lead ? lead->reason : "");
	out->period = xstrdup(lead ? lead->period : "");
	out->updated = xstrdup(lead ? lead->at : "");
	return 0;
}

void store_task_state_release(struct task_state *t)
{
	store_rows_free(&dept_state_map, t->depts, t->ndepts);
	free(t->task);
	free(t->review_reason);
	free(t->period);
	free(t->updated);
	memset(t, 0, sizeof *t);
}

/* The columns of every status row query: a task and its lead's state (the
 * status shown, the close-off), then the department's role or -1 and the
 * lead. */
#define STATUS_COLS "SELECT t.id, t.plan, t.chapter, t.section, t.seq, c.shown, c.closeoff,"
static const struct store_col status_row_cols[] = {
	STORE_COL(struct status_row, 0, COL_TEXT, task),
	STORE_COL(struct status_row, 1, COL_TEXT, plan),
	STORE_COL(struct status_row, 2, COL_INT, chapter),
	STORE_COL(struct status_row, 3, COL_INT, section),
	STORE_COL(struct status_row, 4, COL_INT, seq),
	STORE_COL(struct status_row, 5, COL_STATUS, status),
	STORE_COL_ENUM(struct status_row, 6, review, store_closeoff_names, REVIEW_NONE),
	STORE_COL(struct status_row, 5, COL_NULL, silent),
	STORE_COL(struct status_row, 7, COL_INT, role),
	STORE_COL(struct status_row, 8, COL_TEXT, lead),
};
const struct store_rowmap status_row_map = STORE_ROWMAP(struct status_row, status_row_cols);

int store_status_rows(struct store *s, const char *plan, const char *dept,
		      struct status_row **out, size_t *n, struct err *e)
{
	/* one statement per shape, each by its index (see store_task_query) */
	static const char all[] =
		STATUS_COLS " -1, t.lead"
		" FROM tasks t JOIN plans pl ON pl.key = t.plan"
		" LEFT JOIN current c ON c.task = t.id AND c.dept = t.lead"
		" WHERE t.retired = 0"
		" ORDER BY pl.year DESC, pl.kind, t.plan, t.seq";
	static const char plan_all[] =
		STATUS_COLS " -1, t.lead"
		" FROM tasks t"
		" LEFT JOIN current c ON c.task = t.id AND c.dept = t.lead"
		" WHERE t.plan = ?1 AND t.retired = 0 ORDER BY t.seq";
	static const char plan_one[] =
		STATUS_COLS " CASE d.role WHEN 'lead' THEN 0 ELSE 1 END, t.lead"
		" FROM tasks t JOIN task_depts d ON d.task = t.id AND d.dept = ?2"
		" LEFT JOIN current c ON c.task = t.id AND c.dept = t.lead"
		" WHERE t.plan = ?1 AND t.retired = 0 ORDER BY t.seq";
	static const char one[] =
		STATUS_COLS " CASE d.role WHEN 'lead' THEN 0 ELSE 1 END, t.lead"
		" FROM task_depts d JOIN tasks t ON t.id = d.task JOIN plans pl ON pl.key = t.plan"
		" LEFT JOIN current c ON c.task = t.id AND c.dept = t.lead"
		" WHERE d.dept = ?2 AND t.retired = 0"
		" ORDER BY pl.year DESC, pl.kind, t.plan, t.seq";
	sqlite3_stmt *st = store_stmt(s, plan ? (dept ? plan_one : plan_all) : (dept ? one : all), e);
	store_bind_text(st, 1, plan);
	if (dept)
		store_bind_text(st, 2, dept);
	return store_rows(s, st, &status_row_map, out, n, "cannot read statuses", e);
}

void store_status_row_release(struct status_row *r)
{
	store_row_release(&status_row_map, r);
}

void store_status_rows_free(struct status_row *v, size_t n)
{
	store_rows_free(&status_row_map, v, n);
}

/* ---- history ---- */

static const struct store_col history_cols[] = {
	STORE_COL(struct history_item, 0, COL_TEXT, at),
	STORE_COL(struct history_item, 1, COL_TEXT, who),
	STORE_COL(struct history_item, 2, COL_TEXT, dept),
	STORE_COL(struct history_item, 3, COL_TEXT, kind),
	STORE_COL(struct history_item, 4, COL_TEXT, summary),
	STORE_COL(struct history_item, 5, COL_TEXT, detail),
};
static const struct store_rowmap history_map = STORE_ROWMAP(struct history_item, history_cols);

int store_history(struct store *s, const char *task, struct history_item **out, size_t *n,
		  struct err *e)
{
	static const char sql[] =
		"SELECT at, who, dept, CASE WHEN note_only THEN 'note' ELSE 'progress' END,"
		"  period || ' ' || CASE WHEN note_only THEN 'note' ELSE status END"
		"  || CASE WHEN backfill THEN ' (backfill)' ELSE '' END, note FROM progress WHERE task = ?1"
		" UNION ALL SELECT r.at, r.who, p.dept, 'review',"
		"  CASE r.decision WHEN 'approve' THEN 'close-off approved' WHEN 'return' THEN 'close-off returned'"
		"  ELSE 'close-off reopened' END || ' (' || p.period || ' record)', r.reason"
		"  FROM reviews r JOIN progress p ON p.id = r.progress WHERE r.task = ?1"
		" UNION ALL SELECT at, who, dept, 'evidence', kind || ': ' || title,"
		"  CASE kind WHEN 'file' THEN file_name || ' (' || size || ' bytes, sha256 ' || sha256 || ')'"
		"  ELSE value END || ' [id ' || id || ']' FROM evidence WHERE task = ?1"
		" UNION ALL SELECT at, who, dept, 'lead', 'lead changed from ' || previous || ' to ' || dept, reason"
		"  FROM lead_changes WHERE task = ?1"
		" ORDER BY 1";
	sqlite3_stmt *st;
	struct task_row t;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = store_task_get(s, task, &t, e)))
		return rc;
	store_task_row_release(&t);
	st = store_stmt(s, sql, e);
	store_bind_text(st, 1, task);
	return store_rows(s, st, &history_map, out, n, "cannot read the history", e);
}

void store_history_free(struct history_item *v, size_t n)
{
	store_rows_free(&history_map, v, n);
}
