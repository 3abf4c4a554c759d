/* Sites and change files in the store (store_sync.h): what travels, how a
 * site knows what a peer lacks, the changeset of it made by SQLite's
 * session extension, and the applying of a peer's changeset row by row.
 *
 * What travels: the tables of store_sync.h's list. Append-only rows
 * (records, reviews, evidence and their files, lead changes, indicator
 * values and sources, the opening and closing of periods) are chained as
 * they are written, so the chain's link numbers are this site's sequence:
 * a peer has acknowledged the links up to some number, and an export
 * carries the rows of the links after it. What is changed in place (a plan
 * with its chapters, sections, tasks and roles; a plan's indicator
 * definitions; the departments and their names) is a unit: when a file is
 * written or applied its digest is compared with its last version's, and a
 * new version is appended to sync_versions, which is chained too, so a
 * changed unit has a link number like any row. Never travelling: users,
 * user changes and settings (each site has its own), the chain (each site
 * chains what it holds, applied rows in the order they arrive), the
 * derived current states and search index (folded again here), and the
 * sync tables themselves.
 *
 * Applying: the changeset is iterated (sqlite3changeset_start_strm/next/op/
 * new) into a scratch copy of the tables (a temporary database attached as
 * sync_x), each value checked for its type; then, in one transaction, every
 * row is held to the rules below (a refusal names the row and the rule and
 * leaves the database as it was), and merged: new append-only rows are
 * inserted (one held already must be the same row), units replace this
 * site's copy, periods are opened and closed. */
#define SQLITE_ENABLE_SESSION 1
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#include "store/store_sync.h"
#include "store/store_int.h"
#include "src/sha256.h"
#include "src/text.h"
#include "src/util.h"
#include "src/banned.h"

/* ---- the tables that travel ---- */

struct sync_table {
	const char *name;
	const char *cols;    /* the changeset's columns, the key's first */
	const char *types;   /* per column: t text, T text or NULL, i integer, I integer or NULL, b blob */
	int npk;             /* the key's columns */
	int office;          /* an office's file may carry it */
	int append;          /* append-only: inserted; a key held here must hold the same row */
	const char *noun;    /* its rows, plural */
	const char *one;     /* one row */
	const char *key;     /* SQL naming row r in messages */
};

static const struct sync_table tables[SYNC_T_COUNT] = {
	[SYNC_T_DEPARTMENTS] = { "departments", "name, kind, created_at", "ttt", 1, 0, 0,
		"departments", "department", "r.name" },
	[SYNC_T_DEPT_ALIASES] = { "dept_aliases", "key, dept, alias, kind", "tttt", 1, 0, 0,
		"department names", "department name", "r.alias || ' (' || r.dept || ')'" },
	[SYNC_T_PLANS] = { "plans", "key, title, year, kind, docno, issued, source_name, source_sha256, "
		"imported_at, imported_by", "ttittttttt", 1, 0, 0, "plans", "plan", "r.key" },
	[SYNC_T_CHAPTERS] = { "chapters", "plan, number, title", "tit", 2, 0, 0, "chapters", "chapter",
		"r.plan || ' chapter ' || r.number" },
	[SYNC_T_SECTIONS] = { "sections", "plan, chapter, number, title", "tiit", 3, 0, 0, "sections",
		"section", "r.plan || ' section ' || r.chapter || '.' || r.number" },
	[SYNC_T_TASKS] = { "tasks", "id, plan, label, seq, chapter, section, text, match_key, retired, "
		"lead, open, lists", "tttiiittitit", 1, 0, 0, "tasks", "task", "r.id" },
	[SYNC_T_TASK_DEPTS] = { "task_depts", "task, dept, position, written, role", "ttitt", 2, 0, 0,
		"tasks' departments", "task's department", "r.task || ' ' || r.dept" },
	[SYNC_T_INDICATORS] = { "indicators", "id, plan, seq, name, match_key, unit, direction, kind, "
		"baseline_year, baseline, note, defined_by, defined_at", "ttitttttITttt", 1, 0, 0,
		"indicators", "indicator", "r.id" },
	[SYNC_T_INDICATOR_TARGETS] = { "indicator_targets", "indicator, year, value", "tit", 2, 0, 0,
		"indicator targets", "indicator target", "r.indicator || ' ' || r.year" },
	[SYNC_T_INDICATOR_DEPTS] = { "indicator_depts", "indicator, dept, position", "tti", 2, 0, 0,
		"indicators' departments", "indicator's department", "r.indicator || ' ' || r.dept" },
	[SYNC_T_PERIODS] = { "periods", "period, due, opened_by, opened_at, closed_by, closed_at", "ttttTT",
		1, 0, 0, "reporting periods", "reporting period", "r.period" },
	[SYNC_T_PROGRESS] = { "progress", "id, task, dept, period, status, note, note_key, who, at, "
		"based_on, note_only, backfill", "tttttttttTii", 1, 1, 1, "records", "record",
		"r.id || ' (' || r.task || ', ' || r.dept || ')'" },
	[SYNC_T_REVIEWS] = { "reviews", "id, task, progress, decision, reason, who, at", "ttttttt", 1, 0, 1,
		"reviews", "review", "r.id || ' (' || r.task || ')'" },
	[SYNC_T_LEAD_CHANGES] = { "lead_changes", "id, task, dept, previous, reason, who, at", "ttttttt",
		1, 0, 1, "lead changes", "lead change", "r.id || ' (' || r.task || ')'" },
	[SYNC_T_BLOBS] = { "blobs", "sha256, size, data", "tib", 1, 1, 1, "stored files", "stored file",
		"r.sha256" },
	[SYNC_T_EVIDENCE] = { "evidence", "id, task, dept, kind, title, file_name, sha256, size, value, "
		"progress, who, at", "tttttTTITTtt", 1, 1, 1, "evidence", "evidence",
		"r.id || ' (' || r.task || ', ' || r.dept || ')'" },
	[SYNC_T_INDICATOR_VALUES] = { "indicator_values", "id, indicator, period, value, typed, dept, note, "
		"who, at", "tttttTttt", 1, 1, 1, "indicator values", "indicator value",
		"r.id || ' (' || r.indicator || ', ' || r.period || ')'" },
	[SYNC_T_INDICATOR_SOURCES] = { "indicator_sources", "id, value, kind, source, who, at", "tttttt",
		1, 1, 1, "indicator sources", "indicator source", "r.id" },
};

const char *store_sync_table_name(int t)
{
	return t >= 0 && t < SYNC_T_COUNT ? tables[t].name : "";
}

const char *store_sync_table_noun(int t, long long n)
{
	return t < 0 || t >= SYNC_T_COUNT ? "" : n == 1 ? tables[t].one : tables[t].noun;
}

int store_sync_name_valid(const char *name)
{
	size_t n = strlen(name);
	if (n < 1 || n > 64 || !text_valid_utf8(name, n))
		return 0;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		if (*p <= ' ' || *p == 0x7f)
			return 0;
	return 1;
}

/* ---- small helpers ---- */

static sqlite3_stmt *prep(struct store *s, const char *sql, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		store_fail(s, rc, "cannot exchange changes", e);
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

/* Run SQL with up to two text parameters (NULL: none bound); its first
 * column of its first row, an integer, into *OUT (0 when no row), unless
 * OUT is NULL. */
static int run(struct store *s, const char *sql, const char *p1, const char *p2, long long *out,
	       struct err *e)
{
	sqlite3_stmt *st = prep(s, sql, e);
	int rc;
	if (!st)
		return -ERR_DB;
	if (p1)
		sqlite3_bind_text(st, 1, p1, -1, SQLITE_TRANSIENT);
	if (p2)
		sqlite3_bind_text(st, 2, p2, -1, SQLITE_TRANSIENT);
	if (out)
		*out = 0;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && out)
		*out = sqlite3_column_int64(st, 0);
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(s, rc, "cannot exchange changes", e);
	sqlite3_finalize(st);
	return rc;
}

/* The first column of every row of SQL, as strings (free with
 * store_strv_free). */
static int texts(struct store *s, const char *sql, char ***v, size_t *n, struct err *e)
{
	sqlite3_stmt *st = prep(s, sql, e);
	int rc = store_rows(s, st, &store_strv_map, v, n, "cannot exchange changes", e);
	sqlite3_finalize(st);
	return rc;
}

static int run_sb(struct store *s, const struct strbuf *sql, const char *p1, const char *p2,
		  long long *out, struct err *e)
{
	return run(s, sb_str(sql), p1, p2, out, e);
}

/* "c1 IS x.c1 AND c2 IS x.c2 ..." over COLS (the key's NPK first with =). */
static void cols_same(struct strbuf *sb, const char *cols, int npk, const char *a, const char *b,
		      int skip_blob)
{
	const char *p = cols;
	int i = 0;
	while (*p) {
		size_t n = strcspn(p, ",");
		if (!(skip_blob && n == 4 && !strncmp(p, "data", 4))) {
			if (i)
				sb_adds(sb, " AND ");
			sb_addf(sb, "%s.%.*s %s %s.%.*s", a, (int)n, p, i < npk ? "=" : "IS", b, (int)n, p);
			i++;
		}
		p += n;
		while (*p == ',' || *p == ' ')
			p++;
	}
}

/* "c = excluded.c, ..." over the columns after the key, and the WHERE that
 * they differ, for an upsert that counts only real changes. */
static void cols_update(struct strbuf *sb, const char *cols, int npk)
{
	const char *p = cols;
	int i = 0, first = 1;
	struct strbuf where = STRBUF_INIT;
	while (*p) {
		size_t n = strcspn(p, ",");
		if (i >= npk) {
			sb_addf(sb, "%s%.*s = excluded.%.*s", first ? "" : ", ", (int)n, p, (int)n, p);
			sb_addf(&where, "%s%.*s IS NOT excluded.%.*s", first ? "" : " OR ", (int)n, p, (int)n, p);
			first = 0;
		}
		i++;
		p += n;
		while (*p == ',' || *p == ' ')
			p++;
	}
	sb_addf(sb, " WHERE %s", sb_str(&where));
	sb_release(&where);
}

/* The key's columns of table T, "plan, number". */
static void key_cols(struct strbuf *sb, const struct sync_table *t)
{
	const char *p = t->cols;
	for (int i = 0; i < t->npk && *p; i++) {
		size_t n = strcspn(p, ",");
		sb_addf(sb, "%s%.*s", i ? ", " : "", (int)n, p);
		p += n;
		while (*p == ',' || *p == ' ')
			p++;
	}
}

/* ---- the scratch database ---- */

/* Attach an empty temporary database as sync_x, with a table like each
 * travelling one (no types, so values stay as they are; the same key) and
 * the work tables. Outside any transaction. */
static int scratch_open(struct store *s, struct err *e)
{
	struct strbuf sql = STRBUF_INIT;
	int rc = store_exec(s, "ATTACH DATABASE '' AS sync_x", "cannot make a scratch database", e);
	if (rc)
		return rc;
	/* a file of 100,000 rows touches more pages than the 2 MB SQLite keeps
	 * by default: up to 256 MB each while it is applied */
	sqlite3_exec(s->db, "PRAGMA main.cache_size = -262144; PRAGMA sync_x.cache_size = -262144", NULL, NULL, NULL);
	for (int t = 0; t < SYNC_T_COUNT; t++) {
		sb_addf(&sql, "CREATE TABLE sync_x.%s(%s, PRIMARY KEY (", tables[t].name, tables[t].cols);
		key_cols(&sql, &tables[t]);
		sb_adds(&sql, "));");
	}
	sb_adds(&sql, "CREATE TABLE sync_x.sel(tbl TEXT, key TEXT);"
		"CREATE INDEX sync_x.sel_by ON sel(tbl, key);"
		"CREATE TABLE sync_x.units(kind TEXT, key TEXT, PRIMARY KEY (kind, key));"
		"CREATE TABLE sync_x.trusted(dept TEXT PRIMARY KEY);"
		"CREATE TABLE sync_x.refresh(task TEXT, dept TEXT, PRIMARY KEY (task, dept));"
		"CREATE TABLE sync_x.relead(task TEXT PRIMARY KEY);");
	rc = store_exec(s, sb_str(&sql), "cannot make a scratch database", e);
	sb_release(&sql);
	return rc;
}

static void scratch_close(struct store *s)
{
	sqlite3_exec(s->db, "DETACH DATABASE sync_x; PRAGMA main.cache_size = -2000", NULL, NULL, NULL);
}

/* ---- this site ---- */

static const struct store_col site_cols[] = {
	STORE_COL(struct store_sync_site, 0, COL_TEXT, id),
	STORE_COL(struct store_sync_site, 1, COL_TEXT, name),
	STORE_COL(struct store_sync_site, 2, COL_TEXT, public_hex),
	STORE_COL(struct store_sync_site, 3, COL_INT64, serial),
	STORE_COL(struct store_sync_site, 4, COL_INT64, head),
};
static const struct store_rowmap site_map = STORE_ROWMAP(struct store_sync_site, site_cols);

int store_sync_site_get(struct store *s, struct store_sync_site *out, struct err *e)
{
	static const char sql[] =
		"SELECT id, name, public, serial, coalesce((SELECT max(seq) FROM chain), 0) FROM sync_site";
	int rc = store_row_one(s, store_stmt(s, sql, e), &site_map, out, "cannot read the site", e);
	if (rc == -ERR_NOTFOUND)
		return err_set(e, ERR_NOTFOUND, "this database is no sync site yet: make it one with "
			       "'duban sync init --site NAME'");
	return rc;
}

void store_sync_site_release(struct store_sync_site *x)
{
	store_row_release(&site_map, x);
}

int store_sync_init(struct store *s, const char *login, const char *name, int again, char id_out[33],
		    struct err *e)
{
	static const char ins[] =
		"INSERT INTO sync_site(one, id, name, made_by, made_at) VALUES (1, ?1, ?2, ?3, ?4)"
		" ON CONFLICT (one) DO UPDATE SET id = excluded.id, name = excluded.name,"
		" made_by = excluded.made_by, made_at = excluded.made_at";
	static const char forget[] = "UPDATE sync_peers SET acked = 0";
	struct store_sync_site have;
	sqlite3_stmt *st;
	char at[40];
	int rc;

	id_out[0] = '\0';
	if (!store_sync_name_valid(name))
		return err_set(e, ERR_USAGE, "invalid site name '%s': give 1 to 64 bytes without spaces, "
			       "like centre or mofcom", name);
	if ((rc = store_begin_office(s, login, "make this database a sync site", e)))
		return rc;
	rc = store_sync_site_get(s, &have, e);
	if (rc == 0 && !again)
		rc = err_set(e, ERR_CONFLICT, "this database is the site '%s' (id %s) already; a site keeps "
			     "its name and id (a database put back from a backup takes a new id with "
			     "--again)", have.name, have.id);
	else if (rc == -ERR_NOTFOUND && again)
		rc = err_set(e, ERR_NOTFOUND, "this database is no sync site yet: make it one without --again");
	else if (rc == -ERR_NOTFOUND || rc == 0)
		rc = 0;
	store_sync_site_release(&have);   /* zeroed when there was none */
	if (rc)
		goto fail;
	err_clear(e);
	if (again && (rc = run(s, forget, NULL, NULL, NULL, e)))
		goto fail;
	store_new_id(id_out);
	store_now(at, sizeof at);
	st = store_stmt(s, ins, e);
	store_bind_text(st, 1, id_out);
	store_bind_text(st, 2, name);
	store_bind_text(st, 3, login);
	store_bind_text(st, 4, at);
	if ((rc = store_step_done(s, st, "cannot make the site", e)))
		goto fail;
	return store_commit(s, e);
fail:
	id_out[0] = '\0';
	store_rollback(s);
	return rc;
}

static int hex_valid(const char *h, size_t n)
{
	if (strlen(h) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((h[i] >= '0' && h[i] <= '9') || (h[i] >= 'a' && h[i] <= 'f')))
			return 0;
	return 1;
}

int store_sync_key_set(struct store *s, const char *login, const char *secret_hex,
		       const char *public_hex, int replace, struct err *e)
{
	static const char upd[] = "UPDATE sync_site SET secret = ?1, public = ?2";
	struct store_sync_site site;
	sqlite3_stmt *st;
	int rc;
	if (!hex_valid(secret_hex, 64) || !hex_valid(public_hex, 64))
		return err_set(e, ERR_INTERNAL, "internal error: a key is not 64 hex digits");
	if ((rc = store_begin_office(s, login, "make the site's key", e)))
		return rc;
	if ((rc = store_sync_site_get(s, &site, e)))
		goto fail;
	if (*site.public_hex && !replace) {
		rc = err_set(e, ERR_CONFLICT, "site '%s' has a key already", site.name);
		store_sync_site_release(&site);
		goto fail;
	}
	store_sync_site_release(&site);
	st = store_stmt(s, upd, e);
	store_bind_text(st, 1, secret_hex);
	store_bind_text(st, 2, public_hex);
	if ((rc = store_step_done(s, st, "cannot keep the site's key", e)))
		goto fail;
	return store_commit(s, e);
fail:
	store_rollback(s);
	return rc;
}

int store_sync_secret(struct store *s, const char *login, char secret_hex[65], struct err *e)
{
	static const char sql[] = "SELECT secret FROM sync_site";
	char **v = NULL;
	size_t n = 0;
	int rc;
	secret_hex[0] = '\0';
	if ((rc = store_require_office(s, login, "sign change files", e)))
		return rc;
	if ((rc = store_rows(s, store_stmt(s, sql, e), &store_strv_map, &v, &n, "cannot read the site", e)))
		return rc;
	if (!n)
		rc = err_set(e, ERR_NOTFOUND, "this database is no sync site yet: make it one with "
			     "'duban sync init --site NAME'");
	else if (!hex_valid(v[0], 64))
		rc = err_set(e, ERR_NOTFOUND, "this site has no key yet: make it with 'duban sync keygen -o "
			     "NAME.pub' and give NAME.pub to the sites it exchanges files with");
	else
		snprintf(secret_hex, 65, "%s", v[0]);
	store_strv_free(v, n);
	return rc;
}

/* ---- what a peer lacks ---- */

/* The rows of this site a peer has no copy of, by the chain: ?1 the peer's
 * id, ?2 the first link to look at. A row whose link this site took when
 * applying the peer's own file is the peer's already (the links of one
 * file applied are a run of their own: the last run to start before a link
 * is the only one that can hold it). */
#define NOT_FROM_PEER \
	" coalesce((SELECT f.last_link FROM sync_files f WHERE f.peer = ?1 AND f.dir = 'in'" \
	"  AND f.first_link <= c.seq ORDER BY f.first_link DESC LIMIT 1), 0) < c.seq"
/* an indicator value, or a value's source, for no department (the office's own) */
#define VALUE_NO_DEPT \
	" ((c.tbl = 'indicator_values' AND (SELECT v.dept FROM indicator_values v WHERE v.id = c.key) IS NULL)" \
	"  OR (c.tbl = 'indicator_sources' AND (SELECT v.dept FROM indicator_sources x" \
	"   JOIN indicator_values v ON v.id = x.value WHERE x.id = c.key) IS NULL))"
/* To the centre: an office's records, evidence, values and sources. */
static const char to_centre[] =
	" c.seq >= ?2 AND c.tbl IN ('progress', 'evidence', 'indicator_values', 'indicator_sources')"
	" AND NOT" VALUE_NO_DEPT " AND" NOT_FROM_PEER;
/* To an office: every kind of row, and the versions of units. */
static const char to_office[] =
	" c.seq >= ?2 AND c.tbl IN ('progress', 'evidence', 'indicator_values', 'indicator_sources',"
	" 'reviews', 'lead_changes', 'periods', 'periods_closed', 'sync_versions') AND" NOT_FROM_PEER;
/* What an office keeps from the centre: its own reviews, lead changes,
 * periods and values for no department. */
static const char kept_here[] =
	" c.seq >= ?2 AND (c.tbl IN ('reviews', 'lead_changes', 'periods', 'periods_closed') OR" VALUE_NO_DEPT
	") AND" NOT_FROM_PEER;
/* The latest version of unit V is not the peer's (?1) own. */
#define NOT_PEERS_VERSION \
	" coalesce((SELECT w.origin FROM sync_versions w WHERE w.kind = v.kind AND w.key = v.key" \
	"  ORDER BY w.rowid DESC LIMIT 1), '') != ?1"

static sqlite3_stmt *prep_peer(struct store *s, const char *sql, const char *peer, long long from,
			       struct err *e)
{
	sqlite3_stmt *st = prep(s, sql, e);
	if (st) {
		sqlite3_bind_text(st, 1, peer, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, from);
	}
	return st;
}

static int step_all(struct store *s, sqlite3_stmt *st, struct err *e)
{
	int rc;
	if (!st)
		return -ERR_DB;
	rc = sqlite3_step(st);
	rc = rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : store_fail(s, rc, "cannot exchange changes", e);
	sqlite3_finalize(st);
	return rc;
}

/* How many rows this site keeps from centre PEER from link FROM on. */
static int count_kept(struct store *s, const char *peer, long long from, long long *n, struct err *e)
{
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *st;
	int rc;
	sb_addf(&sql, "SELECT count(*) FROM chain c WHERE%s", kept_here);
	st = prep_peer(s, sb_str(&sql), peer, from, e);
	*n = 0;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	rc = st ? 0 : -ERR_DB;
	sqlite3_finalize(st);
	sb_release(&sql);
	return rc;
}

/* ---- units: what is changed in place ---- */

enum unit_kind { U_DEPARTMENTS, U_PLAN, U_INDICATORS, U_COUNT };
static const char *const unit_names[U_COUNT] = { "departments", "plan", "indicators" };
/* per kind: the tables of its rows, and the SQL selecting them (%s the
 * schema, ?1 the unit's key) */
struct unit_part { int table; const char *where; };
static const struct unit_part unit_parts[U_COUNT][5] = {
	[U_DEPARTMENTS] = {
		{ SYNC_T_DEPARTMENTS, "1 ORDER BY name" },
		{ SYNC_T_DEPT_ALIASES, "1 ORDER BY key" },
		{ -1, NULL } },
	[U_PLAN] = {
		{ SYNC_T_PLANS, "key = ?1" },
		{ SYNC_T_CHAPTERS, "plan = ?1 ORDER BY number" },
		{ SYNC_T_SECTIONS, "plan = ?1 ORDER BY chapter, number" },
		{ SYNC_T_TASKS, "plan = ?1 ORDER BY id" },
		{ SYNC_T_TASK_DEPTS, "task IN (SELECT id FROM %s.tasks WHERE plan = ?1) ORDER BY task, dept" } },
	[U_INDICATORS] = {
		{ SYNC_T_INDICATORS, "plan = ?1 ORDER BY id" },
		{ SYNC_T_INDICATOR_TARGETS, "indicator IN (SELECT id FROM %s.indicators WHERE plan = ?1)"
		  " ORDER BY indicator, year" },
		{ SYNC_T_INDICATOR_DEPTS, "indicator IN (SELECT id FROM %s.indicators WHERE plan = ?1)"
		  " ORDER BY indicator, dept" },
		{ -1, NULL } },
};

/* The statements reading each kind of unit in one schema. */
struct digester {
	struct store *s;
	sqlite3_stmt *st[U_COUNT][5];
	struct strbuf buf;
};

static int digester_open(struct store *s, const char *schema, struct digester *d, struct err *e)
{
	struct strbuf sql = STRBUF_INIT;
	memset(d, 0, sizeof *d);
	d->s = s;
	d->buf = (struct strbuf)STRBUF_INIT;
	for (int k = 0; k < U_COUNT; k++)
		for (int i = 0; i < 5 && unit_parts[k][i].where; i++) {
			const struct sync_table *t = &tables[unit_parts[k][i].table];
			sb_reset(&sql);
			const char *w = unit_parts[k][i].where, *at = strstr(w, "%s");
			sb_addf(&sql, "SELECT %s FROM %s.%s WHERE ", t->cols, schema, t->name);
			/* the schema again in the part's subquery */
			if (at)
				sb_addf(&sql, "%.*s%s%s", (int)(at - w), w, schema, at + 2);
			else
				sb_adds(&sql, w);
			if (!(d->st[k][i] = prep(s, sb_str(&sql), e))) {
				sb_release(&sql);
				return -ERR_DB;
			}
		}
	sb_release(&sql);
	return 0;
}

static void digester_close(struct digester *d)
{
	for (int k = 0; k < U_COUNT; k++)
		for (int i = 0; i < 5; i++)
			sqlite3_finalize(d->st[k][i]);
	sb_release(&d->buf);
}

/* The digest of unit KIND KEY into HEX ("" when it has no row): SHA-256 of
 * each part's rows in order, each value in the chain's encoding. */
static int digest(struct digester *d, int kind, const char *key, char hex[65], struct err *e)
{
	long long rows = 0;
	int rc = 0;
	sb_reset(&d->buf);
	for (int i = 0; i < 5 && d->st[kind][i] && !rc; i++) {
		sqlite3_stmt *st = d->st[kind][i];
		int n = sqlite3_column_count(st);
		sqlite3_reset(st);
		if (sqlite3_bind_parameter_count(st))
			sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
		sb_addf(&d->buf, "p%d;", i);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			rows++;
			for (int c = 0; c < n; c++)
				store_chain_enc(&d->buf, sqlite3_column_value(st, c));
		}
		rc = rc == SQLITE_DONE ? 0 : store_fail(d->s, rc, "cannot read what changed", e);
		sqlite3_reset(st);
	}
	if (rc)
		return rc;
	if (!rows)
		hex[0] = '\0';
	else
		sha256_hex(d->buf.buf, d->buf.len, hex);
	return 0;
}

/* The newest version of unit KIND KEY: its digest into HEX ("" for none) and
 * its origin into ORIGIN (33 bytes, "" when made here). */
static int version_latest(struct store *s, int kind, const char *key, char hex[65], char origin[33],
			  struct err *e)
{
	static const char sql[] = "SELECT digest, coalesce(origin, '') FROM sync_versions"
		" WHERE kind = ?1 AND key = ?2 ORDER BY rowid DESC LIMIT 1";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	int rc;
	hex[0] = origin[0] = '\0';
	if (!st)
		return -ERR_DB;
	store_bind_static(st, 1, unit_names[kind]);
	store_bind_text(st, 2, key);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(hex, 65, "%s", (const char *)sqlite3_column_text(st, 0));
		snprintf(origin, 33, "%s", (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : store_fail(s, rc, "cannot read the versions", e);
}

static int version_add(struct store *s, int kind, const char *key, const char *hex, const char *origin,
		       struct err *e)
{
	static const char ins[] = "INSERT INTO sync_versions(id, kind, key, digest, origin, at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *st = store_stmt(s, ins, e);
	char id[33], at[40];
	store_new_id(id);
	store_now_ms(at, sizeof at);
	store_bind_text(st, 1, id);
	store_bind_static(st, 2, unit_names[kind]);
	store_bind_text(st, 3, key);
	store_bind_text(st, 4, hex);
	store_bind_text(st, 5, origin && *origin ? origin : NULL);
	store_bind_text(st, 6, at);
	return store_step_done(s, st, "cannot keep a version", e);
}

/* The keys of every unit this site holds now. */
static int unit_keys(struct store *s, int kind, char ***v, size_t *n, struct err *e)
{
	static const char plans[] = "SELECT key FROM plans ORDER BY key";
	static const char inds[] = "SELECT DISTINCT plan FROM indicators ORDER BY plan";
	*v = NULL;
	*n = 0;
	if (kind == U_DEPARTMENTS) {
		*v = xcalloc(1, sizeof **v);
		(*v)[0] = xstrdup("");
		*n = 1;
		return 0;
	}
	return store_rows(s, store_stmt(s, kind == U_PLAN ? plans : inds, e), &store_strv_map, v, n,
			  "cannot read what changed", e);
}

/* Compare each unit with its newest version and, unless DRY, append a
 * version (made here) for each that changed. CHANGED (may be NULL) counts
 * them by kind. */
static int observe(struct store *s, int dry, long long changed[U_COUNT], struct err *e)
{
	struct digester d;
	int rc = digester_open(s, "main", &d, e);
	for (int k = 0; k < U_COUNT && !rc; k++) {
		char **keys = NULL;
		size_t n = 0;
		if (changed)
			changed[k] = 0;
		if ((rc = unit_keys(s, k, &keys, &n, e)))
			break;
		for (size_t i = 0; i < n && !rc; i++) {
			char now[65], had[65], origin[33];
			if ((rc = digest(&d, k, keys[i], now, e)) ||
			    (rc = version_latest(s, k, keys[i], had, origin, e)))
				break;
			if (!*now || !strcmp(now, had))
				continue;
			if (changed)
				changed[k]++;
			if (!dry)
				rc = version_add(s, k, keys[i], now, NULL, e);
		}
		store_strv_free(keys, n);
	}
	digester_close(&d);
	return rc;
}

/* ---- peers ---- */

static const char *const role_names[] = { "centre", "office" };

static const struct store_col peer_cols[] = {
	STORE_COL(struct store_sync_peer, 0, COL_TEXT, id),
	STORE_COL(struct store_sync_peer, 1, COL_TEXT, name),
	STORE_COL(struct store_sync_peer, 2, COL_TEXT, key_hex),
	STORE_COL_ENUM(struct store_sync_peer, 3, role, role_names, SYNC_ROLE_OFFICE),
	STORE_COL(struct store_sync_peer, 4, COL_INT64, acked),
	STORE_COL(struct store_sync_peer, 5, COL_INT64, received),
};
static const struct store_rowmap peer_map = STORE_ROWMAP(struct store_sync_peer, peer_cols);
#define PEER_COLS "SELECT id, name, key, role, acked, received FROM sync_peers"

int store_sync_trust(struct store *s, const char *login, const char *id, const char *name,
		     const char *key_hex, char *const *depts, size_t ndepts, int *updated,
		     struct err *e)
{
	static const char centre[] =
		"SELECT name FROM sync_peers WHERE role = 'centre' AND id != ?1 AND name != ?2";
	static const char named[] = "SELECT id FROM sync_peers WHERE name = ?1 AND id != ?2";
	static const char drop[] = "DELETE FROM sync_peers WHERE name = ?1 AND id != ?2";
	static const char had[] = "SELECT count(*) FROM sync_peers WHERE id = ?1";
	static const char put[] =
		"INSERT INTO sync_peers(id, name, key, role, trusted_by, trusted_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
		" ON CONFLICT (id) DO UPDATE SET name = excluded.name, key = excluded.key, role = excluded.role,"
		" trusted_by = excluded.trusted_by, trusted_at = excluded.trusted_at";
	static const char del[] = "DELETE FROM sync_peer_depts WHERE peer = ?1";
	static const char ins[] = "INSERT OR IGNORE INTO sync_peer_depts(peer, dept) VALUES (?1, ?2)";
	struct store_sync_site site;
	char **v = NULL, at[40];
	size_t n = 0;
	sqlite3_stmt *st;
	long long one = 0;
	int rc;

	*updated = 0;
	if (!hex_valid(id, 32) || !hex_valid(key_hex, 64) || !store_sync_name_valid(name))
		return err_set(e, ERR_INPUT, "the site's id, name or key is not as duban writes them");
	if ((rc = store_begin_office(s, login, "trust other sites", e)))
		return rc;
	if ((rc = store_sync_site_get(s, &site, e)))
		goto fail;
	if (!strcmp(site.id, id) || !strcmp(site.name, name)) {
		rc = err_set(e, ERR_USAGE, "that is this site's own key ('%s'): trust the keys of the other "
			     "sites", site.name);
		store_sync_site_release(&site);
		goto fail;
	}
	store_sync_site_release(&site);
	st = store_stmt(s, named, e);
	store_bind_text(st, 1, name);
	store_bind_text(st, 2, id);
	if ((rc = store_rows(s, st, &store_strv_map, &v, &n, "cannot read the sites", e)))
		goto fail;
	if (n) {
		/* the same site made again (sync init --again): the new id replaces the old */
		*updated = 2;
		st = store_stmt(s, drop, e);
		store_bind_text(st, 1, name);
		store_bind_text(st, 2, id);
		if ((rc = store_step_done(s, st, "cannot trust the site", e)))
			goto fail;
	}
	store_strv_free(v, n);
	v = NULL;
	n = 0;
	if (!ndepts) {
		st = store_stmt(s, centre, e);
		store_bind_text(st, 1, id);
		store_bind_text(st, 2, name);
		if ((rc = store_rows(s, st, &store_strv_map, &v, &n, "cannot read the sites", e)))
			goto fail;
		if (n) {
			rc = err_set(e, ERR_CONFLICT, "'%s' is this site's centre already: a site has one "
				     "centre; name the departments an office speaks for with --dept", v[0]);
			goto fail;
		}
	}
	if ((rc = run(s, had, id, NULL, &one, e)))
		goto fail;
	if (one)
		*updated = 1;
	store_now(at, sizeof at);
	st = store_stmt(s, put, e);
	store_bind_text(st, 1, id);
	store_bind_text(st, 2, name);
	store_bind_text(st, 3, key_hex);
	store_bind_static(st, 4, role_names[ndepts ? SYNC_ROLE_OFFICE : SYNC_ROLE_CENTRE]);
	store_bind_text(st, 5, login);
	store_bind_text(st, 6, at);
	if ((rc = store_step_done(s, st, "cannot trust the site", e)))
		goto fail;
	st = store_stmt(s, del, e);
	store_bind_text(st, 1, id);
	if ((rc = store_step_done(s, st, "cannot trust the site", e)))
		goto fail;
	for (size_t i = 0; i < ndepts && !rc; i++) {
		st = store_stmt(s, ins, e);
		store_bind_text(st, 1, id);
		store_bind_text(st, 2, depts[i]);
		rc = store_step_done(s, st, "cannot trust the site", e);
	}
	if (rc)
		goto fail;
	store_strv_free(v, n);
	return store_commit(s, e);
fail:
	store_strv_free(v, n);
	store_rollback(s);
	return rc;
}

/* The files, pending rows and kept rows of peer P. */
static int peer_status(struct store *s, struct store_sync_peer *p, struct err *e)
{
	static const char out[] = "SELECT serial, range_from, range_to, rows, at FROM sync_files"
		" WHERE peer = ?1 AND dir = 'out' ORDER BY rowid DESC LIMIT 1";
	static const char in[] = "SELECT serial, range_from, range_to, rows, fresh, conflicts, at FROM sync_files"
		" WHERE peer = ?1 AND dir = 'in' AND kind = 'changes' ORDER BY rowid DESC LIMIT 1";
	static const char receipt[] = "SELECT at FROM sync_files"
		" WHERE peer = ?1 AND dir = 'in' AND kind = 'receipt' ORDER BY rowid DESC LIMIT 1";
	static const char units[] =
		"SELECT v.kind, count(DISTINCT v.key) FROM chain c JOIN sync_versions v ON v.id = c.key"
		" WHERE c.tbl = 'sync_versions' AND c.seq >= ?2 AND" NOT_FROM_PEER " AND" NOT_PEERS_VERSION
		" GROUP BY v.kind";
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *st;
	long long fresh[U_COUNT] = { 0 };
	int rc = 0;

	st = store_stmt(s, out, e);
	store_bind_text(st, 1, p->id);
	if (st && sqlite3_step(st) == SQLITE_ROW) {
		p->out_serial = sqlite3_column_int64(st, 0);
		p->out_from = sqlite3_column_int64(st, 1);
		p->out_to = sqlite3_column_int64(st, 2);
		p->out_rows = sqlite3_column_int64(st, 3);
		p->out_at = store_col_str(st, 4);
	}
	if (st)
		sqlite3_reset(st);
	st = store_stmt(s, in, e);
	store_bind_text(st, 1, p->id);
	if (st && sqlite3_step(st) == SQLITE_ROW) {
		p->in_serial = sqlite3_column_int64(st, 0);
		p->in_from = sqlite3_column_int64(st, 1);
		p->in_to = sqlite3_column_int64(st, 2);
		p->in_rows = sqlite3_column_int64(st, 3);
		p->in_fresh = sqlite3_column_int64(st, 4);
		p->in_conflicts = sqlite3_column_int64(st, 5);
		p->in_at = store_col_str(st, 6);
	}
	if (st)
		sqlite3_reset(st);
	st = store_stmt(s, receipt, e);
	store_bind_text(st, 1, p->id);
	if (st && sqlite3_step(st) == SQLITE_ROW)
		p->receipt_at = store_col_str(st, 0);
	if (st)
		sqlite3_reset(st);
	if (!st)
		return -ERR_DB;
	if (!p->out_at)
		p->out_at = xstrdup("");
	if (!p->in_at)
		p->in_at = xstrdup("");
	if (!p->receipt_at)
		p->receipt_at = xstrdup("");
	/* rows: links after the acknowledged one */
	sb_addf(&sql, "SELECT c.tbl, count(DISTINCT c.key) FROM chain c WHERE%s GROUP BY c.tbl",
		p->role == SYNC_ROLE_CENTRE ? to_centre : to_office);
	st = prep_peer(s, sb_str(&sql), p->id, p->acked + 1, e);
	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *tbl = (const char *)sqlite3_column_text(st, 0);
		long long n = sqlite3_column_int64(st, 1);
		for (int t = 0; t < SYNC_T_COUNT; t++)
			if (!strcmp(tables[t].name, tbl))
				p->pending[t] += n;
		if (!strcmp(tbl, "periods_closed"))
			p->pending[SYNC_T_PERIODS] += n;
	}
	rc = !st ? -ERR_DB : rc == SQLITE_DONE ? 0 : store_fail(s, rc, "cannot read what is pending", e);
	sqlite3_finalize(st);
	sb_release(&sql);
	if (rc)
		return rc;
	if (p->role == SYNC_ROLE_CENTRE)
		return count_kept(s, p->id, 1, &p->kept, e);
	/* units: versions after the acknowledged link, and changes not seen yet */
	st = prep_peer(s, units, p->id, p->acked + 1, e);
	while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(st, 0);
		long long n = sqlite3_column_int64(st, 1);
		p->pending[!strcmp(kind, "plan") ? SYNC_T_PLANS : !strcmp(kind, "indicators") ?
			   SYNC_T_INDICATORS : SYNC_T_DEPARTMENTS] += n;
	}
	rc = !st ? -ERR_DB : rc == SQLITE_DONE ? 0 : store_fail(s, rc, "cannot read what is pending", e);
	sqlite3_finalize(st);
	if (!rc && !(rc = observe(s, 1, fresh, e))) {
		p->pending[SYNC_T_DEPARTMENTS] += fresh[U_DEPARTMENTS];
		p->pending[SYNC_T_PLANS] += fresh[U_PLAN];
		p->pending[SYNC_T_INDICATORS] += fresh[U_INDICATORS];
	}
	return rc;
}

static int peer_depts(struct store *s, struct store_sync_peer *p, struct err *e)
{
	static const char sql[] = "SELECT dept FROM sync_peer_depts WHERE peer = ?1 ORDER BY dept";
	sqlite3_stmt *st = store_stmt(s, sql, e);
	store_bind_text(st, 1, p->id);
	return store_rows(s, st, &store_strv_map, &p->depts, &p->ndepts, "cannot read the sites", e);
}

int store_sync_peer_get(struct store *s, const char *who, int with_status, struct store_sync_peer *out,
			struct err *e)
{
	static const char sql[] = PEER_COLS " WHERE id = ?1 OR name = ?1";
	static const char names[] = "SELECT group_concat(name, ', ') FROM (SELECT name FROM sync_peers ORDER BY name)";
	int rc;
	memset(out, 0, sizeof *out);
	rc = store_row_get(s, sql, who, &peer_map, out, "cannot read the sites", e);
	if (rc == -ERR_NOTFOUND) {
		char **v = NULL;
		size_t n = 0;
		store_rows(s, store_stmt(s, names, NULL), &store_strv_map, &v, &n, "", NULL);
		rc = err_set(e, ERR_NOTFOUND, "no site '%s' is trusted here (%s%s); trust its key first with "
			     "'duban sync trust FILE.pub'", who, n && *v[0] ? "the sites are: " : "none is",
			     n && *v[0] ? v[0] : "");
		store_strv_free(v, n);
		return rc;
	}
	if (!rc)
		rc = peer_depts(s, out, e);
	if (!rc && with_status)
		rc = peer_status(s, out, e);
	if (rc)
		store_sync_peer_release(out);
	return rc;
}

void store_sync_peer_release(struct store_sync_peer *p)
{
	store_strv_free(p->depts, p->ndepts);
	free(p->out_at);
	free(p->in_at);
	free(p->receipt_at);
	store_row_release(&peer_map, p);
}

int store_sync_peers(struct store *s, struct store_sync_peer **out, size_t *n, struct err *e)
{
	static const char sql[] = PEER_COLS " ORDER BY name";
	int rc = store_rows(s, store_stmt(s, sql, e), &peer_map, out, n, "cannot read the sites", e);
	for (size_t i = 0; i < *n && !rc; i++)
		if (!(rc = peer_depts(s, &(*out)[i], e)))
			rc = peer_status(s, &(*out)[i], e);
	if (rc) {
		store_sync_peers_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void store_sync_peers_free(struct store_sync_peer *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		store_strv_free(v[i].depts, v[i].ndepts);
		free(v[i].out_at);
		free(v[i].in_at);
		free(v[i].receipt_at);
	}
	store_rows_free(&peer_map, v, n);
}

int store_sync_last_exchange(struct store *s, char at[32], struct err *e)
{
	static const char sql[] = "SELECT max(at) FROM sync_files";
	char **v = NULL;
	size_t n = 0;
	int rc = store_rows(s, store_stmt(s, sql, e), &store_strv_map, &v, &n, "cannot read the exchanges", e);
	at[0] = '\0';
	if (!rc && (!n || !*v[0]))
		rc = -ERR_NOTFOUND;
	else if (!rc)
		snprintf(at, 32, "%s", v[0]);
	store_strv_free(v, n);
	return rc;
}

/* ---- export ---- */

/* The rows of table T to copy into the scratch tables for an export, by
 * what sync_x.sel and sync_x.units hold (?1 the peer, for VALUES_TO_CENTRE). */
static const char *const export_where[SYNC_T_COUNT] = {
	[SYNC_T_DEPARTMENTS] = "EXISTS (SELECT 1 FROM sync_x.units WHERE kind = 'departments')",
	[SYNC_T_DEPT_ALIASES] = "EXISTS (SELECT 1 FROM sync_x.units WHERE kind = 'departments')",
	[SYNC_T_PLANS] = "key IN (SELECT key FROM sync_x.units WHERE kind = 'plan')",
	[SYNC_T_CHAPTERS] = "plan IN (SELECT key FROM sync_x.units WHERE kind = 'plan')",
	[SYNC_T_SECTIONS] = "plan IN (SELECT key FROM sync_x.units WHERE kind = 'plan')",
	[SYNC_T_TASKS] = "plan IN (SELECT key FROM sync_x.units WHERE kind = 'plan')",
	[SYNC_T_TASK_DEPTS] = "task IN (SELECT id FROM sync_x.tasks)",
	[SYNC_T_INDICATORS] = "plan IN (SELECT key FROM sync_x.units WHERE kind = 'indicators')",
	[SYNC_T_INDICATOR_TARGETS] = "indicator IN (SELECT id FROM sync_x.indicators)",
	[SYNC_T_INDICATOR_DEPTS] = "indicator IN (SELECT id FROM sync_x.indicators)",
	[SYNC_T_PERIODS] = "period IN (SELECT key FROM sync_x.sel WHERE tbl IN ('periods', 'periods_closed'))",
	[SYNC_T_PROGRESS] = "id IN (SELECT key FROM sync_x.sel WHERE tbl = 'progress')",
	[SYNC_T_REVIEWS] = "id IN (SELECT key FROM sync_x.sel WHERE tbl = 'reviews')",
	[SYNC_T_LEAD_CHANGES] = "id IN (SELECT key FROM sync_x.sel WHERE tbl = 'lead_changes')",
	[SYNC_T_BLOBS] = ("sha256 IN (SELECT e.sha256 FROM main.evidence e"
		" WHERE e.id IN (SELECT key FROM sync_x.sel WHERE tbl = 'evidence'))"),
	[SYNC_T_EVIDENCE] = "id IN (SELECT key FROM sync_x.sel WHERE tbl = 'evidence')",
	[SYNC_T_INDICATOR_VALUES] = "id IN (SELECT key FROM sync_x.sel WHERE tbl = 'indicator_values')",
	[SYNC_T_INDICATOR_SOURCES] = "id IN (SELECT key FROM sync_x.sel WHERE tbl = 'indicator_sources')",
};

/* Copy into the scratch tables, watched by SESS, the rows peer P (of ROLE)
 * gets from link FROM on, and count them into H. */
static int export_rows(struct store *s, const struct store_sync_peer *p, long long from,
		       struct store_sync_head *h, struct err *e)
{
	static const char units[] =
		"INSERT OR IGNORE INTO sync_x.units(kind, key) SELECT v.kind, v.key FROM sync_x.sel l"
		" JOIN sync_versions v ON v.id = l.key WHERE l.tbl = 'sync_versions' AND" NOT_PEERS_VERSION;
	struct strbuf sql = STRBUF_INIT;
	int rc;

	sb_addf(&sql, "INSERT INTO sync_x.sel(tbl, key) SELECT c.tbl, c.key FROM chain c WHERE%s",
		p->role == SYNC_ROLE_CENTRE ? to_centre : to_office);
	rc = step_all(s, prep_peer(s, sb_str(&sql), p->id, from, e), e);
	if (!rc && p->role == SYNC_ROLE_OFFICE) {
		sqlite3_stmt *st = prep(s, units, e);
		if (st)
			sqlite3_bind_text(st, 1, p->id, -1, SQLITE_TRANSIENT);
		rc = step_all(s, st, e);
	}
	for (int t = 0; t < SYNC_T_COUNT && !rc; t++) {
		long long n = 0;
		sb_reset(&sql);
		sb_addf(&sql, "INSERT INTO sync_x.%s(%s) SELECT %s FROM main.%s WHERE %s", tables[t].name,
			tables[t].cols, tables[t].cols, tables[t].name, export_where[t]);
		if ((rc = run_sb(s, &sql, NULL, NULL, NULL, e)))
			break;
		sb_reset(&sql);
		sb_addf(&sql, "SELECT count(*) FROM sync_x.%s", tables[t].name);
		rc = run_sb(s, &sql, NULL, NULL, &n, e);
		h->count[t] = n;
		h->rows += n;
	}
	sb_release(&sql);
	return rc;
}

struct sink_ctx { const struct store_sync_sink *sink; int failed; };

static int sink_write(void *ctx, const void *data, int n)
{
	struct sink_ctx *c = ctx;
	if (c->sink->write(c->sink->ctx, data, n)) {
		c->failed = 1;
		return SQLITE_ABORT;
	}
	return SQLITE_OK;
}

static int log_file(struct store *s, const char *login, const char *peer, const char *dir,
		    const struct store_sync_head *h, long long fresh, long long conflicts,
		    long long first, long long last, const char *sha, struct err *e)
{
	static const char ins[] =
		"INSERT INTO sync_files(id, peer, dir, kind, serial, range_from, range_to, ack, rows, fresh,"
		" conflicts, first_link, last_link, sha256, who, at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";
	sqlite3_stmt *st = store_stmt(s, ins, e);
	char id[33], at[40];
	store_new_id(id);
	store_now_ms(at, sizeof at);
	store_bind_text(st, 1, id);
	store_bind_text(st, 2, peer);
	store_bind_static(st, 3, dir);
	store_bind_static(st, 4, h->receipt ? "receipt" : "changes");
	store_bind_int(st, 5, h->serial);
	store_bind_int(st, 6, h->first);
	store_bind_int(st, 7, h->last);
	store_bind_int(st, 8, h->ack);
	store_bind_int(st, 9, h->rows);
	store_bind_int(st, 10, fresh);
	store_bind_int(st, 11, conflicts);
	if (st && first) {
		sqlite3_bind_int64(st, 12, first);
		sqlite3_bind_int64(st, 13, last);
	}
	store_bind_text(st, 14, sha);
	store_bind_text(st, 15, login);
	store_bind_text(st, 16, at);
	return store_step_done(s, st, "cannot keep the log of change files", e);
}

int store_sync_export(struct store *s, const char *login, const char *to,
		      const struct store_sync_sink *sink, struct store_sync_head *h, struct err *e)
{
	static const char serial[] = "UPDATE sync_site SET serial = serial + 1";
	struct store_sync_site site;
	struct store_sync_peer p;
	struct sink_ctx sc = { sink, 0 };
	sqlite3_session *sess = NULL;
	long long from;
	int rc;

	memset(h, 0, sizeof *h);
	memset(&site, 0, sizeof site);
	memset(&p, 0, sizeof p);
	if ((rc = scratch_open(s, e)))
		return rc;
	if ((rc = store_begin_office(s, login, "export change files", e)))
		goto out;
	if ((rc = store_sync_site_get(s, &site, e)) || (rc = store_sync_peer_get(s, to, 0, &p, e)))
		goto fail;
	if (!*site.public_hex) {
		rc = err_set(e, ERR_NOTFOUND, "this site has no key yet: make it with 'duban sync keygen -o "
			     "%s.pub' and give %s.pub to the sites it exchanges files with", site.name, site.name);
		goto fail;
	}
	/* the head after the units' new versions */
	store_sync_site_release(&site);
	if ((rc = observe(s, 0, NULL, e)) || (rc = store_sync_site_get(s, &site, e)))
		goto fail;
	from = p.acked + 1;
	/* the session watches the scratch tables, in the order a site applies them */
	rc = sqlite3session_create(s->db, "sync_x", &sess);
	for (int t = 0; t < SYNC_T_COUNT && rc == SQLITE_OK; t++)
		rc = sqlite3session_attach(sess, tables[t].name);
	if (rc != SQLITE_OK) {
		rc = store_fail(s, rc, "cannot record the changes", e);
		goto fail;
	}
	if ((rc = export_rows(s, &p, from, h, e)))
		goto fail;
	rc = sqlite3session_changeset_strm(sess, sink_write, &sc);
	if (rc != SQLITE_OK) {
		rc = sc.failed ? err_set(e, ERR_IO, "cannot write the change file")
			       : store_fail(s, rc, "cannot write the changeset", e);
		goto fail;
	}
	if (p.role == SYNC_ROLE_CENTRE && (rc = count_kept(s, p.id, from, &h->kept, e)))
		goto fail;
	snprintf(h->from, sizeof h->from, "%s", site.id);
	snprintf(h->from_name, sizeof h->from_name, "%s", site.name);
	snprintf(h->to, sizeof h->to, "%s", p.id);
	snprintf(h->to_name, sizeof h->to_name, "%s", p.name);
	h->serial = site.serial + 1;
	h->first = from;
	h->last = site.head;
	h->ack = p.received;
	if ((rc = run(s, serial, NULL, NULL, NULL, e)) ||
	    (rc = log_file(s, login, p.id, "out", h, 0, 0, 0, 0, "", e)) ||
	    (rc = sink->finish(sink->ctx, h, e)))
		goto fail;
	sqlite3session_delete(sess);
	sess = NULL;
	rc = store_commit(s, e);
	goto out;
fail:
	store_rollback(s);
out:
	if (sess)
		sqlite3session_delete(sess);
	store_sync_site_release(&site);
	store_sync_peer_release(&p);
	scratch_close(s);
	return rc;
}

/* ---- apply: reading the changeset ---- */

static void note_add(struct store_sync_result *r, int conflict, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void note_add(struct store_sync_result *r, int conflict, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	size_t cap = r->nnotes;
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	xgrow(&r->notes, &cap, r->nnotes + 1, sizeof *r->notes);
	r->notes[r->nnotes++] = sb_detach(&sb);
	if (conflict)
		r->nconflicts++;
}

static int table_of(const char *name)
{
	for (int t = 0; t < SYNC_T_COUNT; t++)
		if (!strcmp(tables[t].name, name))
			return t;
	return -1;
}

/* The column's name, I-th of T's. */
static void col_name(const struct sync_table *t, int i, char out[32])
{
	const char *p = t->cols;
	for (int k = 0; k < i && *p; k++) {
		p += strcspn(p, ",");
		while (*p == ',' || *p == ' ')
			p++;
	}
	snprintf(out, 32, "%.*s", (int)strcspn(p, ","), p);
}

static const char *type_words(char type)
{
	switch (type) {
	case 't': return "text";
	case 'T': return "text or nothing";
	case 'i': return "a whole number";
	case 'I': return "a whole number or nothing";
	default: return "bytes";
	}
}

static int value_fits(char type, sqlite3_value *v)
{
	int vt = sqlite3_value_type(v);
	switch (type) {
	case 't': return vt == SQLITE_TEXT;
	case 'T': return vt == SQLITE_TEXT || vt == SQLITE_NULL;
	case 'i': return vt == SQLITE_INTEGER;
	case 'I': return vt == SQLITE_INTEGER || vt == SQLITE_NULL;
	default: return vt == SQLITE_BLOB;
	}
}

/* Copy every row of the changeset into the scratch tables: each one a new
 * row of a table that travels, with its columns and key, each value of its
 * column's type, text in UTF-8, a stored file with its SHA-256. */
static int stage(struct store *s, const struct store_sync_in *in, struct store_sync_result *r,
		 struct err *e)
{
	sqlite3_changeset_iter *it = NULL;
	sqlite3_stmt *ins[SYNC_T_COUNT] = { NULL };
	struct strbuf sql = STRBUF_INIT;
	int rc, rc2;

	rc = sqlite3changeset_start_strm(&it, in->read, in->ctx);
	if (rc != SQLITE_OK) {
		rc = err_set(e, ERR_INPUT, "its changes cannot be read: the file is damaged");
		goto out;
	}
	while ((rc = sqlite3changeset_next(it)) == SQLITE_ROW) {
		const char *tab = NULL;
		unsigned char *pk = NULL;
		int ncol = 0, op = 0, ind = 0, npk = 0, t, want;
		const struct sync_table *tb;
		sqlite3_value *v0 = NULL;
		char cname[32];

		sqlite3changeset_op(it, &tab, &ncol, &op, &ind);
		if ((t = table_of(tab ? tab : "")) < 0) {
			rc = err_set(e, ERR_INPUT, "it carries rows of '%s', which sites do not exchange", tab ? tab : "");
			goto out;
		}
		tb = &tables[t];
		want = (int)strlen(tb->types);
		if (op != SQLITE_INSERT) {
			rc = err_set(e, ERR_INPUT, "it %s rows of %s: change files carry new rows only",
				     op == SQLITE_DELETE ? "deletes" : "changes", tb->noun);
			goto out;
		}
		sqlite3changeset_pk(it, &pk, &npk);
		if (ncol != want || npk != want) {
			rc = err_set(e, ERR_INPUT, "its %s have %d columns, not the %d of this version of duban",
				     tb->noun, ncol, want);
			goto out;
		}
		for (int i = 0; i < ncol; i++)
			if (!pk[i] != !(i < tb->npk)) {
				rc = err_set(e, ERR_INPUT, "its %s are keyed otherwise than duban keys them", tb->noun);
				goto out;
			}
		if (!ins[t]) {
			sb_reset(&sql);
			sb_addf(&sql, "INSERT INTO sync_x.%s(%s) VALUES (", tb->name, tb->cols);
			for (int i = 0; i < ncol; i++)
				sb_adds(&sql, i ? ", ?" : "?");
			sb_adds(&sql, ")");
			if (!(ins[t] = prep(s, sb_str(&sql), e))) {
				rc = -ERR_DB;
				goto out;
			}
		}
		sqlite3changeset_new(it, 0, &v0);
		for (int i = 0; i < ncol; i++) {
			sqlite3_value *v = NULL;
			if (sqlite3changeset_new(it, i, &v) != SQLITE_OK || !v || !value_fits(tb->types[i], v) ||
			    (sqlite3_value_type(v) == SQLITE_TEXT &&
			     !text_valid_utf8((const char *)sqlite3_value_text(v), (size_t)sqlite3_value_bytes(v)))) {
				col_name(tb, i, cname);
				rc = err_set(e, ERR_INPUT, "%s %.64s: its %s is not %s in UTF-8", tb->one,
					     v0 && sqlite3_value_type(v0) == SQLITE_TEXT ?
					     (const char *)sqlite3_value_text(v0) : "?", cname, type_words(tb->types[i]));
				goto out;
			}
			sqlite3_bind_value(ins[t], i + 1, v);
		}
		if (t == SYNC_T_BLOBS) {
			sqlite3_value *sha = NULL, *size = NULL, *data = NULL;
			char hex[65];
			sqlite3changeset_new(it, 0, &sha);
			sqlite3changeset_new(it, 1, &size);
			sqlite3changeset_new(it, 2, &data);
			sha256_hex(sqlite3_value_blob(data) ? sqlite3_value_blob(data) : "",
				   (size_t)sqlite3_value_bytes(data), hex);
			if (strcmp(hex, (const char *)sqlite3_value_text(sha)) ||
			    sqlite3_value_int64(size) != sqlite3_value_bytes(data)) {
				rc = err_set(e, ERR_INPUT, "stored file %.64s: its %d bytes have the SHA-256 %s",
					     (const char *)sqlite3_value_text(sha), sqlite3_value_bytes(data), hex);
				goto out;
			}
		}
		rc = sqlite3_step(ins[t]);
		sqlite3_reset(ins[t]);
		if ((rc & 0xff) == SQLITE_CONSTRAINT) {
			rc = err_set(e, ERR_INPUT, "it carries %s %.64s twice", tb->one,
				     v0 && sqlite3_value_type(v0) == SQLITE_TEXT ? (const char *)sqlite3_value_text(v0) : "?");
			goto out;
		}
		if (rc != SQLITE_DONE) {
			rc = store_fail(s, rc, "cannot read the change file", e);
			goto out;
		}
		r->carried[t]++;
		r->rows++;
	}
	if (rc != SQLITE_DONE) {
		rc = err_set(e, ERR_INPUT, "its changes cannot be read (%s): the file is damaged", sqlite3_errstr(rc));
		goto out;
	}
	rc = 0;
out:
	rc2 = it ? sqlite3changeset_finalize(it) : SQLITE_OK;
	if (!rc && rc2 != SQLITE_OK)
		rc = err_set(e, ERR_INPUT, "its changes cannot be read (%s): the file is damaged", sqlite3_errstr(rc2));
	for (int t = 0; t < SYNC_T_COUNT; t++)
		sqlite3_finalize(ins[t]);
	sb_release(&sql);
	return rc;
}

/* ---- apply: the rules ---- */

/* A row R of a table is in the database or in the file. */
#define HELD(col, tab, key) \
	"(" col " IN (SELECT " key " FROM main." tab ") OR " col " IN (SELECT " key " FROM sync_x." tab "))"
#define NOT_HEX_ID "(length(r.id) != 32 OR r.id GLOB '*[^0-9a-f]*')"
#define NOT_TIME(col) "(" col " NOT GLOB '20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]*')"
#define NOT_QUARTER(col) "(" col " NOT GLOB '20[0-9][0-9]Q[1-4]')"
#define TRUSTED(col) "(" col " IN (SELECT dept FROM sync_x.trusted))"
#define BLANK(col) "(trim(" col ", ' ' || char(9, 10, 13)) = '')"

enum rule_kind {
	R_ALL,      /* every file */
	R_OFFICE,   /* a file from an office: the departments it speaks for */
	R_NOTE      /* not a refusal: a note on the rows it finds */
};

struct sync_rule {
	int table;
	enum rule_kind kind;
	const char *bad;     /* SQL: row r breaks the rule */
	const char *rule;    /* the rule, said */
};

static const struct sync_rule rules[] = {
	/* who an office speaks for */
	{ SYNC_T_PROGRESS, R_OFFICE, "NOT " TRUSTED("r.dept"),
	  "an office's file carries only records of the departments it speaks for" },
	{ SYNC_T_EVIDENCE, R_OFFICE, "NOT " TRUSTED("r.dept"),
	  "an office's file carries only evidence of the departments it speaks for" },
	{ SYNC_T_INDICATOR_VALUES, R_OFFICE, "r.dept IS NULL OR NOT " TRUSTED("r.dept"),
	  "an office's file carries only values reported by the departments it speaks for" },
	{ SYNC_T_INDICATOR_SOURCES, R_OFFICE,
	  "NOT EXISTS (SELECT 1 FROM sync_x.indicator_values v WHERE v.id = r.value AND " TRUSTED("v.dept") ")"
	  " AND NOT EXISTS (SELECT 1 FROM main.indicator_values v WHERE v.id = r.value AND " TRUSTED("v.dept") ")",
	  "an office's file carries only the sources of values of the departments it speaks for" },
	/* what every row must be */
	{ SYNC_T_DEPARTMENTS, R_ALL, "r.kind NOT IN ('central', 'pseudo', 'local')",
	  "a department is central, pseudo or local" },
	{ SYNC_T_DEPT_ALIASES, R_ALL, "r.kind NOT IN ('name', 'short', 'predecessor', 'written')",
	  "a department's name is its name, a short or a former name, or as written" },
	{ SYNC_T_DEPT_ALIASES, R_ALL, "NOT " HELD("r.dept", "departments", "name"),
	  "a department's name is of a department held here or in the file" },
	{ SYNC_T_PLANS, R_ALL, "r.kind NOT IN ('annual', 'five-year', 'task-division') OR r.year NOT BETWEEN 1990 AND 2100",
	  "a plan is annual, five-year or a task division, of a year 1990 to 2100" },
	{ SYNC_T_CHAPTERS, R_ALL, "r.plan NOT IN (SELECT key FROM sync_x.plans)",
	  "a chapter comes with its plan: a plan travels whole" },
	{ SYNC_T_SECTIONS, R_ALL, "NOT EXISTS (SELECT 1 FROM sync_x.chapters c WHERE c.plan = r.plan AND c.number = r.chapter)",
	  "a section comes with its plan and chapter: a plan travels whole" },
	{ SYNC_T_TASKS, R_ALL, "r.plan NOT IN (SELECT key FROM sync_x.plans)",
	  "a task comes with its plan: a plan travels whole" },
	{ SYNC_T_TASKS, R_ALL, "r.retired NOT IN (0, 1) OR r.open NOT IN (0, 1)",
	  "a task is retired or not, its list open or not" },
	{ SYNC_T_TASK_DEPTS, R_ALL, "r.task NOT IN (SELECT id FROM sync_x.tasks)",
	  "a task's department comes with its task: a plan travels whole" },
	{ SYNC_T_TASK_DEPTS, R_ALL, "r.role NOT IN ('lead', 'participant') OR NOT " HELD("r.dept", "departments", "name"),
	  "a task's department leads or takes part, and is held here or in the file" },
	{ SYNC_T_INDICATORS, R_ALL, "NOT " HELD("r.plan", "plans", "key"),
	  "an indicator belongs to a plan held here or in the file" },
	{ SYNC_T_INDICATORS, R_ALL, "r.direction NOT IN ('higher', 'lower') OR r.kind NOT IN ('expected', 'binding')",
	  "an indicator is higher or lower the better, expected or binding" },
	{ SYNC_T_INDICATORS, R_ALL, "EXISTS (SELECT 1 FROM main.indicators m WHERE m.plan = r.plan AND m.id != r.id"
	  " AND (m.seq = r.seq OR m.match_key = r.match_key))",
	  "an indicator has its own number and name in its plan, and one defined here has them"
	  " (indicators are defined at the centre)" },
	{ SYNC_T_INDICATOR_TARGETS, R_ALL, "r.indicator NOT IN (SELECT id FROM sync_x.indicators)",
	  "a target comes with its indicator" },
	{ SYNC_T_INDICATOR_DEPTS, R_ALL, "r.indicator NOT IN (SELECT id FROM sync_x.indicators)"
	  " OR NOT " HELD("r.dept", "departments", "name"),
	  "an indicator's department comes with its indicator and is held here or in the file" },
	{ SYNC_T_PERIODS, R_ALL, NOT_QUARTER("r.period") " OR r.due NOT GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'"
	  " OR (r.closed_by IS NULL) != (r.closed_at IS NULL) OR " NOT_TIME("r.opened_at"),
	  "a period is a quarter with a due date, opened and perhaps closed by someone at a time" },
	{ SYNC_T_PROGRESS, R_ALL, NOT_HEX_ID, "a record's id is 32 lowercase hex digits" },
	{ SYNC_T_PROGRESS, R_ALL, "NOT " HELD("r.task", "tasks", "id") " OR NOT " HELD("r.dept", "departments", "name"),
	  "a record is of a task and a department held here or in the file" },
	{ SYNC_T_PROGRESS, R_ALL, NOT_QUARTER("r.period")
	  " OR r.status NOT IN ('not-started', 'in-progress', 'behind', 'done', 'ongoing')"
	  " OR r.note_only NOT IN (0, 1) OR r.backfill NOT IN (0, 1) OR " NOT_TIME("r.at") " OR " BLANK("r.who"),
	  "a record has a quarter, a status, the time it was made and who made it" },
	{ SYNC_T_PROGRESS, R_ALL, "r.status = 'behind' AND r.note_only = 0 AND " BLANK("r.note"),
	  STATUS_NOTE_RULE },   /* status_note_missing, for a whole file */
	{ SYNC_T_PROGRESS, R_ALL, "r.note_only = 1 AND " BLANK("r.note"), "a note alone is not empty" },
	{ SYNC_T_PROGRESS, R_NOTE,
	  "NOT EXISTS (SELECT 1 FROM main.task_depts d WHERE d.task = r.task AND d.dept = r.dept)"
	  " AND NOT EXISTS (SELECT 1 FROM sync_x.task_depts d WHERE d.task = r.task AND d.dept = r.dept)",
	  "are for a department that is not (or no longer) one of their task's here; they are kept" },
	{ SYNC_T_REVIEWS, R_ALL, NOT_HEX_ID, "a review's id is 32 lowercase hex digits" },
	{ SYNC_T_REVIEWS, R_ALL, "r.decision NOT IN ('approve', 'return', 'reopen')"
	  " OR (r.decision != 'approve' AND " BLANK("r.reason") ") OR " NOT_TIME("r.at") " OR " BLANK("r.who"),
	  "a review approves, returns or reopens (the last two with a reason), by someone at a time" },
	{ SYNC_T_REVIEWS, R_ALL,
	  "NOT EXISTS (SELECT 1 FROM main.progress p WHERE p.id = r.progress AND p.task = r.task)"
	  " AND NOT EXISTS (SELECT 1 FROM sync_x.progress p WHERE p.id = r.progress AND p.task = r.task)",
	  "a review is of a record of its task held here or in the file" },
	{ SYNC_T_LEAD_CHANGES, R_ALL, NOT_HEX_ID, "a lead change's id is 32 lowercase hex digits" },
	{ SYNC_T_LEAD_CHANGES, R_ALL, "NOT " HELD("r.task", "tasks", "id") " OR NOT " HELD("r.dept", "departments", "name")
	  " OR " NOT_TIME("r.at") " OR " BLANK("r.reason"),
	  "a lead change is of a task and a department held here or in the file, with a reason and a time" },
	{ SYNC_T_BLOBS, R_ALL, "r.sha256 NOT IN (SELECT sha256 FROM sync_x.evidence WHERE sha256 IS NOT NULL)",
	  "a stored file comes with the evidence that names it" },
	{ SYNC_T_EVIDENCE, R_ALL, NOT_HEX_ID, "an evidence's id is 32 lowercase hex digits" },
	{ SYNC_T_EVIDENCE, R_ALL, "NOT " HELD("r.task", "tasks", "id") " OR NOT " HELD("r.dept", "departments", "name"),
	  "evidence is of a task and a department held here or in the file" },
	{ SYNC_T_EVIDENCE, R_ALL, "r.kind NOT IN ('file', 'docno', 'url') OR (r.kind = 'file') != (r.sha256 IS NOT NULL)"
	  " OR " BLANK("r.title") " OR " NOT_TIME("r.at") " OR " BLANK("r.who"),
	  "evidence is a file, a document number or a link, with a title, by someone at a time" },
	{ SYNC_T_EVIDENCE, R_ALL, "r.kind = 'file' AND (r.file_name IS NULL OR r.size IS NULL OR"
	  " (NOT EXISTS (SELECT 1 FROM main.blobs b WHERE b.sha256 = r.sha256 AND b.size = r.size)"
	  "  AND NOT EXISTS (SELECT 1 FROM sync_x.blobs b WHERE b.sha256 = r.sha256 AND b.size = r.size)))",
	  "a file's evidence comes with its file, unless the file is held here" },
	{ SYNC_T_EVIDENCE, R_ALL, "r.kind != 'file' AND (r.value IS NULL OR " BLANK("r.value")
	  " OR (r.kind = 'url' AND r.value NOT GLOB 'http://*' AND r.value NOT GLOB 'https://*'))",
	  "a document number is not empty, a link starts http:// or https://" },
	{ SYNC_T_EVIDENCE, R_ALL, "r.progress IS NOT NULL"
	  " AND NOT EXISTS (SELECT 1 FROM main.progress p WHERE p.id = r.progress AND p.task = r.task AND p.dept = r.dept)"
	  " AND NOT EXISTS (SELECT 1 FROM sync_x.progress p WHERE p.id = r.progress AND p.task = r.task AND p.dept = r.dept)",
	  "evidence names a record of its own task and department, held here or in the file" },
	{ SYNC_T_EVIDENCE, R_NOTE,
	  "NOT EXISTS (SELECT 1 FROM main.task_depts d WHERE d.task = r.task AND d.dept = r.dept)"
	  " AND NOT EXISTS (SELECT 1 FROM sync_x.task_depts d WHERE d.task = r.task AND d.dept = r.dept)",
	  "are for a department that is not (or no longer) one of their task's here; they are kept" },
	{ SYNC_T_INDICATOR_VALUES, R_ALL, NOT_HEX_ID, "an indicator value's id is 32 lowercase hex digits" },
	{ SYNC_T_INDICATOR_VALUES, R_ALL, "NOT " HELD("r.indicator", "indicators", "id")
	  " OR (r.dept IS NOT NULL AND NOT " HELD("r.dept", "departments", "name") ")",
	  "a value is of an indicator (and a department) held here or in the file" },
	{ SYNC_T_INDICATOR_VALUES, R_ALL, "(r.period NOT GLOB '20[0-9][0-9]' AND " NOT_QUARTER("r.period") ")"
	  " OR " BLANK("r.value") " OR " NOT_TIME("r.at") " OR " BLANK("r.who"),
	  "a value is for a year or a quarter, by someone at a time" },
	{ SYNC_T_INDICATOR_SOURCES, R_ALL, NOT_HEX_ID, "a source's id is 32 lowercase hex digits" },
	{ SYNC_T_INDICATOR_SOURCES, R_ALL, "NOT " HELD("r.value", "indicator_values", "id")
	  " OR r.kind NOT IN ('docno', 'url') OR " BLANK("r.source"),
	  "a source is a document number or a link, of a value held here or in the file" },
};

/* Hold the staged rows to the rules: 0, or a refusal naming the first row
 * that breaks one. Notes go to R. OFFICE: the file is an office's, whose
 * departments are in sync_x.trusted; PEER names it. */
static int check_rules(struct store *s, int office, const char *peer, struct store_sync_result *r,
		       struct err *e)
{
	struct strbuf sql = STRBUF_INIT, depts = STRBUF_INIT;
	char **v = NULL;
	size_t n = 0;
	int rc = 0;

	if (office) {
		static const char q[] = "SELECT group_concat(dept, '、') FROM (SELECT dept FROM sync_x.trusted ORDER BY dept)";
		rc = store_rows(s, store_stmt(s, q, e), &store_strv_map, &v, &n, "cannot read the sites", e);
		sb_adds(&depts, n && *v[0] ? v[0] : "none");
		store_strv_free(v, n);
		v = NULL;
		n = 0;
		/* the centre's rows */
		for (int t = 0; t < SYNC_T_COUNT && !rc; t++) {
			if (tables[t].office)
				continue;
			sb_reset(&sql);
			sb_addf(&sql, "SELECT %s FROM sync_x.%s r LIMIT 1", tables[t].key, tables[t].name);
			rc = texts(s, sb_str(&sql), &v, &n, e);
			if (!rc && n)
				rc = err_set(e, ERR_DENIED, "%s %s: only the centre's files carry %s, and '%s' is an "
					     "office", tables[t].one, v[0], tables[t].noun, peer);
			store_strv_free(v, n);
			v = NULL;
			n = 0;
		}
	}
	for (size_t i = 0; i < sizeof rules / sizeof *rules && !rc; i++) {
		const struct sync_rule *u = &rules[i];
		const struct sync_table *t = &tables[u->table];
		if (u->kind == R_OFFICE && !office)
			continue;
		sb_reset(&sql);
		sb_addf(&sql, "SELECT %s FROM sync_x.%s r WHERE %s", t->key, t->name, u->bad);
		if (u->kind != R_NOTE)
			sb_adds(&sql, " LIMIT 1");
		rc = texts(s, sb_str(&sql), &v, &n, e);
		if (rc || !n) {
			store_strv_free(v, n);
			v = NULL;
			n = 0;
			continue;
		}
		if (u->kind == R_NOTE)
			note_add(r, 0, "%zu %s %s (the first: %s)", n, n == 1 ? t->one : t->noun, u->rule, v[0]);
		else if (u->kind == R_OFFICE)
			rc = err_set(e, ERR_DENIED, "%s %s: %s, and '%s' speaks for %s (the centre trusts it for "
				     "more with 'duban sync trust')", t->one, v[0], u->rule, peer, sb_str(&depts));
		else
			rc = err_set(e, ERR_INPUT, "%s %s: %s", t->one, v[0], u->rule);
		store_strv_free(v, n);
		v = NULL;
		n = 0;
	}
	/* an append-only row held here already must be the same row */
	for (int t = 0; t < SYNC_T_COUNT && !rc; t++) {
		if (!tables[t].append || t == SYNC_T_BLOBS)
			continue;
		/* the key equal, any other column not */
		sb_reset(&sql);
		sb_addf(&sql, "SELECT %s FROM sync_x.%s r JOIN main.%s m ON m.%.*s = r.%.*s WHERE NOT (",
			tables[t].key, tables[t].name, tables[t].name, (int)strcspn(tables[t].cols, ","),
			tables[t].cols, (int)strcspn(tables[t].cols, ","), tables[t].cols);
		cols_same(&sql, tables[t].cols, 0, "m", "r", 0);
		sb_adds(&sql, ") LIMIT 1");
		rc = texts(s, sb_str(&sql), &v, &n, e);
		if (!rc && n)
			rc = err_set(e, ERR_CONFLICT, "%s %s is held here already with other content: the file "
				     "or this database was changed outside duban ('duban verify' checks this one)",
				     tables[t].one, v[0]);
		store_strv_free(v, n);
		v = NULL;
		n = 0;
	}
	sb_release(&sql);
	sb_release(&depts);
	return rc;
}

/* ---- apply: merging ---- */

/* An upsert of table T's rows from the scratch copy WHERE, counting real
 * changes only, into SQL. */
static void upsert_sql(struct strbuf *sql, int t, const char *where)
{
	const struct sync_table *tb = &tables[t];
	sb_reset(sql);
	sb_addf(sql, "INSERT INTO main.%s(%s) SELECT %s FROM sync_x.%s WHERE %s ON CONFLICT (", tb->name,
		tb->cols, tb->cols, tb->name, where);
	key_cols(sql, tb);
	sb_adds(sql, ") DO UPDATE SET ");
	cols_update(sql, tb->cols, tb->npk);
}

/* Run each of the N statements (SQL, ?1 bound to KEY) in order. */
static int run_each(struct store *s, sqlite3_stmt **st, size_t n, const char *key, long long *changes,
		    struct err *e)
{
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		sqlite3_reset(st[i]);
		if (sqlite3_bind_parameter_count(st[i]))
			sqlite3_bind_text(st[i], 1, key, -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(st[i]);
		rc = rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : store_fail(s, rc, "cannot apply the changes", e);
		if (!rc && changes)
			changes[i] = sqlite3_changes(s->db);
		sqlite3_reset(st[i]);
	}
	return rc;
}

/* Replace this site's copy of each unit of KIND the file carries (KEYS)
 * with the file's, where the two differ, and append the new version (from
 * PEER). A unit changed here since the last copy from PEER is a conflict:
 * the file's copy still replaces it (the centre's plans are the ones in
 * force), and the note says so. */
static int merge_units(struct store *s, int kind, const char *keys_sql, const char *const *steps,
		       size_t nsteps, int retire_step, const char *peer, const char *peer_name,
		       struct store_sync_result *r, struct err *e)
{
	static const char from_peer[] = "SELECT count(*) FROM sync_versions WHERE kind = ?1 AND key = ?2 AND origin = ?3";
	struct digester here, there;
	sqlite3_stmt *st[12] = { NULL };
	long long changes[12];
	char **keys = NULL;
	size_t n = 0;
	int rc;

	if ((rc = digester_open(s, "main", &here, e)) || (rc = digester_open(s, "sync_x", &there, e)))
		goto out;
	for (size_t i = 0; i < nsteps; i++)
		if (!(st[i] = prep(s, steps[i], e))) {
			rc = -ERR_DB;
			goto out;
		}
	if ((rc = texts(s, keys_sql, &keys, &n, e)))
		goto out;
	for (size_t i = 0; i < n && !rc; i++) {
		char had[65], theirs[65], after[65], vhex[65], origin[33];
		if ((rc = digest(&here, kind, keys[i], had, e)) || (rc = digest(&there, kind, keys[i], theirs, e)))
			break;
		if (!strcmp(had, theirs))
			continue;
		if ((rc = version_latest(s, kind, keys[i], vhex, origin, e)))
			break;
		if (*had && !*origin && *vhex) {
			sqlite3_stmt *q = store_stmt(s, from_peer, e);
			long long before = 0;
			store_bind_static(q, 1, unit_names[kind]);
			store_bind_text(q, 2, keys[i]);
			store_bind_text(q, 3, peer);
			if (q && sqlite3_step(q) == SQLITE_ROW)
				before = sqlite3_column_int64(q, 0);
			if (q)
				sqlite3_reset(q);
			if (before)
				note_add(r, 1, "%s%s%s was changed here since the last copy from '%s'; that site's "
					 "copy replaces it", kind == U_DEPARTMENTS ? "the departments" :
					 kind == U_PLAN ? "plan " : "the indicators of plan ", keys[i],
					 kind == U_DEPARTMENTS ? "" : "", peer_name);
		}
		if ((rc = run_each(s, st, nsteps, keys[i], changes, e)))
			break;
		if (retire_step >= 0 && changes[retire_step])
			note_add(r, 1, "plan %s: %lld task%s held here and not in '%s''s copy %s retired (%s "
				 "records are kept)", keys[i], changes[retire_step], changes[retire_step] == 1 ? "" : "s",
				 peer_name, changes[retire_step] == 1 ? "was" : "were",
				 changes[retire_step] == 1 ? "its" : "their");
		if ((rc = digest(&here, kind, keys[i], after, e)))
			break;
		if (*after && strcmp(after, vhex) && (rc = version_add(s, kind, keys[i], after, peer, e)))
			break;
	}
out:
	for (size_t i = 0; i < nsteps; i++)
		sqlite3_finalize(st[i]);
	store_strv_free(keys, n);
	digester_close(&here);
	digester_close(&there);
	return rc;
}

/* The statements that replace one plan (?1) with the file's copy. */
static int merge_plans(struct store *s, const char *peer, const char *peer_name,
		       struct store_sync_result *r, struct err *e)
{
	struct strbuf up[5] = { STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT };
	const char *steps[10];
	int rc;
	upsert_sql(&up[0], SYNC_T_PLANS, "key = ?1");
	upsert_sql(&up[1], SYNC_T_CHAPTERS, "plan = ?1");
	upsert_sql(&up[2], SYNC_T_TASKS, "plan = ?1");
	steps[0] = "INSERT OR IGNORE INTO sync_x.relead(task) SELECT r.id FROM sync_x.tasks r"
		" JOIN main.tasks m ON m.id = r.id WHERE r.plan = ?1 AND r.lead IS NOT m.lead";
	steps[1] = "UPDATE main.tasks SET retired = 1 WHERE plan = ?1 AND retired = 0"
		" AND id NOT IN (SELECT id FROM sync_x.tasks WHERE plan = ?1)";
	steps[2] = sb_str(&up[0]);
	steps[3] = "DELETE FROM main.sections WHERE plan = ?1";
	steps[4] = "DELETE FROM main.chapters WHERE plan = ?1"
		" AND number NOT IN (SELECT number FROM sync_x.chapters WHERE plan = ?1)";
	steps[5] = sb_str(&up[1]);
	sb_addf(&up[3], "INSERT INTO main.sections(%s) SELECT %s FROM sync_x.sections WHERE plan = ?1",
		tables[SYNC_T_SECTIONS].cols, tables[SYNC_T_SECTIONS].cols);
	steps[6] = sb_str(&up[3]);
	steps[7] = sb_str(&up[2]);
	steps[8] = "DELETE FROM main.task_depts WHERE task IN (SELECT id FROM sync_x.tasks WHERE plan = ?1)";
	sb_addf(&up[4], "INSERT INTO main.task_depts(%s) SELECT %s FROM sync_x.task_depts"
		" WHERE task IN (SELECT id FROM sync_x.tasks WHERE plan = ?1)",
		tables[SYNC_T_TASK_DEPTS].cols, tables[SYNC_T_TASK_DEPTS].cols);
	steps[9] = sb_str(&up[4]);
	rc = merge_units(s, U_PLAN, "SELECT key FROM sync_x.plans ORDER BY key", steps, 10, 1, peer,
			 peer_name, r, e);
	for (int i = 0; i < 5; i++)
		sb_release(&up[i]);
	return rc;
}

/* The statements that replace the indicators of one plan (?1). */
static int merge_indicators(struct store *s, const char *peer, const char *peer_name,
			    struct store_sync_result *r, struct err *e)
{
	struct strbuf up[3] = { STRBUF_INIT, STRBUF_INIT, STRBUF_INIT };
	const char *steps[5];
	int rc;
	upsert_sql(&up[0], SYNC_T_INDICATORS, "plan = ?1");
	sb_addf(&up[1], "INSERT INTO main.indicator_targets(%s) SELECT %s FROM sync_x.indicator_targets"
		" WHERE indicator IN (SELECT id FROM sync_x.indicators WHERE plan = ?1)",
		tables[SYNC_T_INDICATOR_TARGETS].cols, tables[SYNC_T_INDICATOR_TARGETS].cols);
	sb_addf(&up[2], "INSERT INTO main.indicator_depts(%s) SELECT %s FROM sync_x.indicator_depts"
		" WHERE indicator IN (SELECT id FROM sync_x.indicators WHERE plan = ?1)",
		tables[SYNC_T_INDICATOR_DEPTS].cols, tables[SYNC_T_INDICATOR_DEPTS].cols);
	steps[0] = sb_str(&up[0]);
	steps[1] = "DELETE FROM main.indicator_targets WHERE indicator IN"
		" (SELECT id FROM sync_x.indicators WHERE plan = ?1)";
	steps[2] = sb_str(&up[1]);
	steps[3] = "DELETE FROM main.indicator_depts WHERE indicator IN"
		" (SELECT id FROM sync_x.indicators WHERE plan = ?1)";
	steps[4] = sb_str(&up[2]);
	rc = merge_units(s, U_INDICATORS, "SELECT DISTINCT plan FROM sync_x.indicators ORDER BY plan", steps, 5,
			 -1, peer, peer_name, r, e);
	for (int i = 0; i < 3; i++)
		sb_release(&up[i]);
	return rc;
}

/* The departments and their names: added or brought up to the file's,
 * never removed (a name this site learnt from a document stays). */
static int merge_departments(struct store *s, const char *peer, const char *peer_name,
			     struct store_sync_result *r, struct err *e)
{
	struct strbuf up[2] = { STRBUF_INIT, STRBUF_INIT };
	const char *steps[2];
	int rc;
	upsert_sql(&up[0], SYNC_T_DEPARTMENTS, "1");
	upsert_sql(&up[1], SYNC_T_DEPT_ALIASES, "1");
	steps[0] = sb_str(&up[0]);
	steps[1] = sb_str(&up[1]);
	rc = merge_units(s, U_DEPARTMENTS, "SELECT '' WHERE EXISTS (SELECT 1 FROM sync_x.departments)", steps, 2,
			 -1, peer, peer_name, r, e);
	sb_release(&up[0]);
	sb_release(&up[1]);
	return rc;
}

/* Periods: one not held here is opened (and closed, if it is), one held
 * open here is closed as the file says; a period opened or closed here
 * otherwise than the file says is a conflict, and this site's is kept. */
static int merge_periods(struct store *s, const char *peer_name, struct store_sync_result *r,
			 struct err *e)
{
	static const char q[] =
		"SELECT r.period, r.due, r.opened_by, r.opened_at, r.closed_by, r.closed_at, m.period IS NOT NULL,"
		" m.due, m.opened_by, m.opened_at, m.closed_by, m.closed_at"
		" FROM sync_x.periods r LEFT JOIN main.periods m ON m.period = r.period ORDER BY r.opened_at, r.period";
	static const char open[] =
		"INSERT INTO periods(period, due, opened_by, opened_at) VALUES (?1, ?2, ?3, ?4)";
	static const char close[] = "UPDATE periods SET closed_by = ?2, closed_at = ?3 WHERE period = ?1";
	struct prow { char *p, *due, *by, *at, *cby, *cat; int held; char *mdue, *mby, *mat, *mcby, *mcat; };
	static const struct store_col cols[] = {
		STORE_COL(struct prow, 0, COL_TEXT, p), STORE_COL(struct prow, 1, COL_TEXT, due),
		STORE_COL(struct prow, 2, COL_TEXT, by), STORE_COL(struct prow, 3, COL_TEXT, at),
		STORE_COL(struct prow, 4, COL_TEXT, cby), STORE_COL(struct prow, 5, COL_TEXT, cat),
		STORE_COL(struct prow, 6, COL_INT, held), STORE_COL(struct prow, 7, COL_TEXT, mdue),
		STORE_COL(struct prow, 8, COL_TEXT, mby), STORE_COL(struct prow, 9, COL_TEXT, mat),
		STORE_COL(struct prow, 10, COL_TEXT, mcby), STORE_COL(struct prow, 11, COL_TEXT, mcat),
	};
	static const struct store_rowmap map = STORE_ROWMAP(struct prow, cols);
	struct prow *v = NULL;
	size_t n = 0;
	sqlite3_stmt *st = prep(s, q, e);
	int rc = store_rows(s, st, &map, &v, &n, "cannot read the periods", e);
	sqlite3_finalize(st);
	for (size_t i = 0; i < n && !rc; i++) {
		struct prow *x = &v[i];
		int closing = 0;
		if (!x->held) {
			st = store_stmt(s, open, e);
			store_bind_text(st, 1, x->p);
			store_bind_text(st, 2, x->due);
			store_bind_text(st, 3, x->by);
			store_bind_text(st, 4, x->at);
			rc = store_step_done(s, st, "cannot open a period", e);
			closing = *x->cat != '\0';
		} else if (strcmp(x->due, x->mdue) || strcmp(x->by, x->mby) || strcmp(x->at, x->mat)) {
			note_add(r, 1, "period %s: opened here by %s at %s, due %s; '%s' opened it by %s at %s, due "
				 "%s: this site's is kept", x->p, x->mby, x->mat, x->mdue, peer_name, x->by, x->at,
				 x->due);
		} else if (*x->cat && !*x->mcat) {
			closing = 1;
		} else if (*x->cat && (strcmp(x->cat, x->mcat) || strcmp(x->cby, x->mcby))) {
			note_add(r, 1, "period %s: closed here by %s at %s; '%s' closed it by %s at %s: this "
				 "site's is kept", x->p, x->mcby, x->mcat, peer_name, x->cby, x->cat);
		}
		if (!rc && closing) {
			st = store_stmt(s, close, e);
			store_bind_text(st, 1, x->p);
			store_bind_text(st, 2, x->cby);
			store_bind_text(st, 3, x->cat);
			rc = store_step_done(s, st, "cannot close a period", e);
		}
	}
	store_rows_free(&map, v, n);
	return rc;
}

/* New append-only rows, in the order they were made; the search index and
 * the pairs whose state folds again. Rows held already were taken out of
 * the scratch copy. */
static int merge_rows(struct store *s, struct err *e)
{
	static const char search[] =
		"INSERT INTO main.search(task, body) SELECT task, note_key FROM sync_x.progress WHERE note_key != ''";
	static const char pairs[] =
		"INSERT OR IGNORE INTO sync_x.refresh(task, dept) SELECT task, dept FROM sync_x.progress WHERE note_only = 0;"
		"INSERT OR IGNORE INTO sync_x.refresh(task, dept) SELECT r.task, p.dept FROM sync_x.reviews r"
		" JOIN main.progress p ON p.id = r.progress;";
	static const int order[] = { SYNC_T_PROGRESS, SYNC_T_REVIEWS, SYNC_T_LEAD_CHANGES, SYNC_T_BLOBS,
				     SYNC_T_EVIDENCE, SYNC_T_INDICATOR_VALUES, SYNC_T_INDICATOR_SOURCES };
	struct strbuf sql = STRBUF_INIT;
	int rc = store_exec(s, search, "cannot index the notes", e);
	for (size_t i = 0; i < sizeof order / sizeof *order && !rc; i++) {
		const struct sync_table *t = &tables[order[i]];
		sb_reset(&sql);
		sb_addf(&sql, "INSERT INTO main.%s(%s) SELECT %s FROM sync_x.%s ORDER BY %s", t->name, t->cols,
			t->cols, t->name, order[i] == SYNC_T_BLOBS ? "sha256" : "at, id");
		rc = store_exec(s, sb_str(&sql), "cannot apply the changes", e);
	}
	if (!rc)
		rc = store_exec(s, pairs, "cannot apply the changes", e);
	sb_release(&sql);
	return rc;
}

/* Fold again the states the new records, reviews and leads change. */
static int refresh_states(struct store *s, struct err *e)
{
	static const char leads[] = "SELECT task FROM sync_x.relead ORDER BY task";
	char **t = NULL;
	size_t nt = 0;
	int rc = store_state_refresh_pairs(s, "SELECT task, dept FROM sync_x.refresh ORDER BY task, dept", e);
	if (!rc)
		rc = texts(s, leads, &t, &nt, e);
	for (size_t i = 0; i < nt && !rc; i++)
		rc = store_state_refresh_task(s, t[i], e);
	store_strv_free(t, nt);
	return rc;
}

/* How many staged rows of each table are new here (or changed, for what
 * is changed in place); then the append-only rows held already are taken
 * out of the scratch copy. */
static int count_fresh(struct store *s, struct store_sync_result *r, struct err *e)
{
	struct strbuf sql = STRBUF_INIT;
	int rc = 0;
	for (int t = 0; t < SYNC_T_COUNT && !rc; t++) {
		const struct sync_table *tb = &tables[t];
		if (!r->carried[t])
			continue;
		sb_reset(&sql);
		if (!tb->append) {
			/* rows not here as they are in the file */
			sb_addf(&sql, "SELECT count(*) FROM sync_x.%s r WHERE NOT EXISTS (SELECT 1 FROM main.%s m WHERE ",
				tb->name, tb->name);
			cols_same(&sql, tb->cols, tb->npk, "m", "r", 1);
			sb_adds(&sql, ")");
			rc = run_sb(s, &sql, NULL, NULL, &r->fresh[t], e);
			continue;
		}
		/* a row held is the same row (check_rules): the rest are new */
		sb_addf(&sql, "DELETE FROM sync_x.%s WHERE %.*s IN (SELECT %.*s FROM main.%s)", tb->name,
			(int)strcspn(tb->cols, ","), tb->cols, (int)strcspn(tb->cols, ","), tb->cols, tb->name);
		if (!(rc = store_exec(s, sb_str(&sql), "cannot apply the changes", e)))
			r->fresh[t] = r->carried[t] - sqlite3_changes(s->db);
	}
	sb_release(&sql);
	return rc;
}

/* ---- apply ---- */

/* A receipt: PEER holds this site's links up to H->ack. */
static int take_receipt(struct store *s, const char *login, const struct store_sync_in *in,
			const struct store_sync_peer *p, struct store_sync_result *r, struct err *e)
{
	static const char upd[] = "UPDATE sync_peers SET acked = ?2 WHERE id = ?1";
	const struct store_sync_head *h = in->head;
	sqlite3_stmt *st;
	int rc;
	r->received = p->received;
	r->acked = p->acked;
	if (h->ack <= p->acked) {
		r->outcome = SYNC_ACK_HELD;
		return 0;
	}
	r->outcome = SYNC_ACKED;
	r->acked = h->ack;
	st = store_stmt(s, upd, e);
	store_bind_text(st, 1, p->id);
	store_bind_int(st, 2, h->ack);
	if ((rc = store_step_done(s, st, "cannot take the receipt", e)))
		return rc;
	return log_file(s, login, p->id, "in", h, 0, 0, 0, 0, in->sha256, e);
}

int store_sync_apply(struct store *s, const char *login, const struct store_sync_in *in, int dry_run,
		     struct store_sync_result *r, struct err *e)
{
	static const char trusted[] =
		"INSERT INTO sync_x.trusted(dept) SELECT dept FROM main.sync_peer_depts WHERE peer = ?1";
	static const char peer_upd[] =
		"UPDATE sync_peers SET received = max(received, ?2), acked = max(acked, ?3) WHERE id = ?1";
	const struct store_sync_head *h = in->head;
	struct store_sync_site site;
	struct store_sync_peer p;
	long long head0, head1, fresh = 0;
	sqlite3_stmt *st;
	int rc;

	memset(r, 0, sizeof *r);
	memset(&site, 0, sizeof site);
	memset(&p, 0, sizeof p);
	if ((rc = scratch_open(s, e)))
		return rc;
	if ((rc = store_begin_office(s, login, "apply change files", e)))
		goto out;
	if ((rc = store_sync_site_get(s, &site, e)))
		goto fail;
	if (strcmp(h->to, site.id)) {
		rc = err_set(e, ERR_INPUT, "it is for the site '%s' (id %s), not for this one, '%s' (id %s)",
			     h->to_name, h->to, site.name, site.id);
		goto fail;
	}
	if ((rc = store_sync_peer_get(s, h->from, 0, &p, e))) {
		if (rc == -ERR_NOTFOUND)
			rc = err_set(e, ERR_DENIED, "it comes from the site '%s' (id %s), which this site does "
				     "not trust", h->from_name, h->from);
		goto fail;
	}
	r->peer = xstrdup(p.name);
	if (h->ack > site.head) {
		rc = err_set(e, ERR_CONFLICT, "'%s' says it holds this site's links up to %lld, but this "
			     "site's chain ends at %lld: this database was put back from a backup (or copied); "
			     "make it anew with 'duban sync init --site %s --again' and have '%s' trust it "
			     "again", p.name, h->ack, site.head, site.name, p.name);
		goto fail;
	}
	if (h->receipt) {
		if ((rc = take_receipt(s, login, in, &p, r, e)) || dry_run || r->outcome == SYNC_ACK_HELD)
			goto fail;
		rc = store_commit(s, e);
		goto out;
	}
	r->received = p.received;
	r->acked = p.acked;
	if (h->last <= p.received) {
		/* applied already: nothing changes, not even the acknowledgement */
		r->outcome = SYNC_HELD;
		goto fail;
	}
	if (h->first > p.received + 1) {
		rc = err_set(e, ERR_CONFLICT, "it starts at '%s''s link %lld, but this site holds its links "
			     "only up to %lld: a file between was not applied here; apply that one first (if "
			     "this database was put back from a backup, make it anew with 'duban sync init "
			     "--again' and have '%s' trust it again)", p.name, h->first, p.received, p.name);
		goto fail;
	}
	if ((rc = stage(s, in, r, e)))
		goto fail;
	if (r->rows != h->rows) {
		rc = err_set(e, ERR_INPUT, "it says it carries %lld rows and carries %lld: the file is damaged",
			     h->rows, r->rows);
		goto fail;
	}
	/* what changed here in place, before the file's copies come (a file
	 * without plans, indicators or departments leaves it to the next) */
	if ((r->carried[SYNC_T_DEPARTMENTS] || r->carried[SYNC_T_PLANS] || r->carried[SYNC_T_INDICATORS]) &&
	    (rc = observe(s, 0, NULL, e)))
		goto fail;
	if (p.role == SYNC_ROLE_OFFICE) {
		st = prep(s, trusted, e);
		if (st)
			sqlite3_bind_text(st, 1, p.id, -1, SQLITE_TRANSIENT);
		if ((rc = step_all(s, st, e)))
			goto fail;
	}
	if ((rc = check_rules(s, p.role == SYNC_ROLE_OFFICE, p.name, r, e)) || (rc = count_fresh(s, r, e)))
		goto fail;
	if ((rc = run(s, "SELECT coalesce(max(seq), 0) FROM chain", NULL, NULL, &head0, e)))
		goto fail;
	if ((rc = merge_departments(s, p.id, p.name, r, e)) || (rc = merge_plans(s, p.id, p.name, r, e)) ||
	    (rc = merge_indicators(s, p.id, p.name, r, e)) || (rc = merge_periods(s, p.name, r, e)) ||
	    (rc = merge_rows(s, e)) || (rc = refresh_states(s, e)))
		goto fail;
	if ((rc = run(s, "SELECT coalesce(max(seq), 0) FROM chain", NULL, NULL, &head1, e)))
		goto fail;
	for (int t = 0; t < SYNC_T_COUNT; t++)
		fresh += r->fresh[t];
	st = store_stmt(s, peer_upd, e);
	store_bind_text(st, 1, p.id);
	store_bind_int(st, 2, h->last);
	store_bind_int(st, 3, h->ack);
	if ((rc = store_step_done(s, st, "cannot keep what was applied", e)) ||
	    (rc = log_file(s, login, p.id, "in", h, fresh, (long long)r->nconflicts, head1 > head0 ? head0 + 1 : 0,
			   head1, in->sha256, e)))
		goto fail;
	r->outcome = SYNC_APPLIED;
	r->received = h->last > p.received ? h->last : p.received;
	r->acked = h->ack > p.acked ? h->ack : p.acked;
	if (dry_run)
		goto fail;
	rc = store_commit(s, e);
	goto out;
fail:
	store_rollback(s);
out:
	store_sync_site_release(&site);
	store_sync_peer_release(&p);
	scratch_close(s);
	if (rc)
		store_sync_result_release(r);
	return rc;
}

void store_sync_result_release(struct store_sync_result *r)
{
	store_strv_free(r->notes, r->nnotes);
	free(r->peer);
	memset(r, 0, sizeof *r);
}
