/* The hash chain over duban's append-only rows (store_chain.h): the list of
 * what is chained, the SQL function duban_chain that each chained table's
 * trigger calls on duban's own connection (so the link is written in the
 * same transaction as the row, whatever store/ function wrote it), the
 * linking of the rows already there when a migration adds a kind, the head,
 * and the walk of duban verify.
 *
 * A link is chain(seq, tbl, key, hash): seq numbers the links from 1, tbl
 * names the kind of row, key is the row's key, and hash is the lowercase hex
 * SHA-256 of the previous link's hash (its 64 hex digits; 64 zeros for link
 * 1) followed by the encoding of the kind's name and of each chained column,
 * in the order of its line below: NULL as "n;", an integer as "i", its
 * decimal digits and ";", a real as "r", %.17g and ";", text as "t", its
 * length in bytes, ":" and its UTF-8 bytes, a blob as "b", its length, ":"
 * and its bytes. So anyone can check a link with any SHA-256 tool. */
#include "store/store_chain.h"
#include "store/store_int.h"
#include "src/sha256.h"
#include "src/util.h"
#include "src/banned.h"

/* What is chained, one line per kind of append-only row. NAME is the link's
 * tbl and names its trigger (chain_NAME); the row is keyed by column KEY of
 * TABLE; COLS, in this order, are hashed; TIME is the column saying when the
 * row was written; NOUN names such a row in messages and ABOUT (a column) adds
 * what it is about. A row is chained when it is inserted, or, with ON_SET,
 * when that column is first set (a period's closing is an update).
 *
 * Never change a line once released: the links already written were made
 * from it. A column added to a table later is not covered (add a new kind
 * for it). Adding a table to the chain is one line here: the migration that
 * creates the table runs store_chain_install afterwards, which creates its
 * trigger. A migration that rebuilds a chained table must keep these
 * columns' values as they are, or its links no longer fit. */
struct chain_kind {
	const char *name, *table, *key, *cols, *time, *noun, *about, *on_set;
};

static const struct chain_kind kinds[] = {
	{ "progress", "progress", "id", "id, task, dept, period, status, note, note_key, who, at, based_on, "
	  "note_only, backfill", "at", "progress record", "task", NULL },
	{ "reviews", "reviews", "id", "id, task, progress, decision, reason, who, at", "at", "review",
	  "task", NULL },
	{ "evidence", "evidence", "id", "id, task, dept, kind, title, file_name, sha256, size, value, "
	  "progress, who, at", "at", "evidence", "task", NULL },
	{ "lead_changes", "lead_changes", "id", "id, task, dept, previous, reason, who, at", "at",
	  "lead change", "task", NULL },
	{ "user_changes", "user_changes", "id", "id, login, change, role, dept, who, at", "at",
	  "user change", "login", NULL },
	{ "periods", "periods", "period", "period, due, opened_by, opened_at", "opened_at",
	  "opening of period", "period", NULL },
	{ "periods_closed", "periods", "period", "period, closed_by, closed_at", "closed_at",
	  "closing of period", "period", "closed_at" },
	{ "indicator_values", "indicator_values", "id", "id, indicator, period, value, typed, dept, note, "
	  "who, at", "at", "indicator value", "indicator", NULL },
	{ "indicator_sources", "indicator_sources", "id", "id, value, kind, source, who, at", "at",
	  "indicator value's source", "value", NULL },
	{ "sync_versions", "sync_versions", "id", "id, kind, key, digest, origin, at", "at",
	  "version", "key", NULL },
	{ "sync_files", "sync_files", "id", "id, peer, dir, kind, serial, range_from, range_to, ack, rows, "
	  "fresh, conflicts, first_link, last_link, sha256, who, at", "at", "change file", "peer", NULL },
};
#define NKINDS (sizeof kinds / sizeof *kinds)

static const char zeros[] = "0000000000000000000000000000000000000000000000000000000000000000";

/* ---- the link ---- */

static void enc_num(struct strbuf *sb, char tag, long long v, char end)
{
	char buf[24];
	int i = (int)sizeof buf;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do
		buf[--i] = (char)('0' + u % 10);
	while ((u /= 10));
	if (v < 0)
		buf[--i] = '-';
	sb_addc(sb, tag);
	sb_add(sb, buf + i, sizeof buf - (size_t)i);
	sb_addc(sb, end);
}

void store_chain_enc(struct strbuf *sb, sqlite3_value *v)
{
	switch (sqlite3_value_type(v)) {
	case SQLITE_INTEGER:
		enc_num(sb, 'i', (long long)sqlite3_value_int64(v), ';');
		break;
	case SQLITE_FLOAT:
		sb_addf(sb, "r%.17g;", sqlite3_value_double(v));
		break;
	case SQLITE_TEXT: {
		const char *t = (const char *)sqlite3_value_text(v);
		int n = sqlite3_value_bytes(v);
		enc_num(sb, 't', t ? n : 0, ':');
		if (t && n)
			sb_add(sb, t, (size_t)n);
		break;
	}
	case SQLITE_BLOB: {
		const void *b = sqlite3_value_blob(v);
		int n = sqlite3_value_bytes(v);
		enc_num(sb, 'b', b ? n : 0, ':');
		if (b && n)
			sb_add(sb, b, (size_t)n);
		break;
	}
	default:
		sb_adds(sb, "n;");
	}
}

/* The hash of the link after PREV (NULL: the first) for the kind NAME and
 * the N column values V, into HEX. SB is scratch. */
static void link_hash(struct strbuf *sb, const char *prev, const char *name, int n,
		      sqlite3_value **v, char hex[65])
{
	size_t len = strlen(name);
	sb_reset(sb);
	sb_adds(sb, prev ? prev : zeros);
	enc_num(sb, 't', (long long)len, ':');
	sb_add(sb, name, len);
	for (int i = 0; i < n; i++)
		store_chain_enc(sb, v[i]);
	sha256_hex(sb->buf, sb->len, hex);
}

/* ---- SQL made from a kind's line ---- */

/* The trigger of kind K exactly as sqlite_schema keeps it. */
static void trigger_sql(struct strbuf *sb, const struct chain_kind *k)
{
	sb_addf(sb, "CREATE TRIGGER chain_%s AFTER ", k->name);
	if (k->on_set)
		sb_addf(sb, "UPDATE OF %s ON %s WHEN OLD.%s IS NULL AND NEW.%s IS NOT NULL", k->on_set,
			k->table, k->on_set, k->on_set);
	else
		sb_addf(sb, "INSERT ON %s", k->table);
	sb_addf(sb, " BEGIN INSERT INTO chain(tbl, key, hash) VALUES ('%s', NEW.%s, duban_chain('%s', "
		"NEW.%s)); END", k->name, k->key, k->name, k->key);
}

/* SQL for column COL's time to the millisecond, "2024-07-01T08:00:00.000",
 * whether it was written with milliseconds or without. */
static void norm_time(struct strbuf *sb, const char *col)
{
	sb_addf(sb, "substr(%s, 1, 19) || CASE WHEN substr(%s, 20, 1) = '.' THEN substr(%s, 20, 4)"
		" ELSE '.000' END", col, col, col);
}

static sqlite3_stmt *prepare(struct store *s, const char *sql, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		store_fail(s, rc, "cannot read the chain", e);
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

/* SELECT COLS, TIME, ABOUT FROM TABLE WHERE KEY = ?1 for kind K: a row's
 * content, when it was written and what it is about. Made once per process
 * and kept (store_stmt caches statements by the SQL's address). */
static const char *lookup_sql(size_t k)
{
	static char *sql[NKINDS];
	if (!sql[k]) {
		struct strbuf sb = STRBUF_INIT;
		sb_addf(&sb, "SELECT %s, %s, %s FROM %s WHERE %s = ?1", kinds[k].cols, kinds[k].time,
			kinds[k].about, kinds[k].table, kinds[k].key);
		sql[k] = sb_detach(&sb);
	}
	return sql[k];
}

static sqlite3_stmt *lookup_stmt(struct store *s, size_t k, struct err *e)
{
	return prepare(s, lookup_sql(k), e);
}

static int ncols(const struct chain_kind *k)
{
	int n = 1;
	for (const char *p = k->cols; *p; p++)
		n += *p == ',';
	return n;
}

/* The hash of the link of row L (a lookup_sql statement on its row) of kind
 * K after PREV (NULL: the first) into HEX. SB is scratch. */
static void row_hash(struct strbuf *sb, const char *prev, size_t k, sqlite3_stmt *l, char hex[65])
{
	sqlite3_value *v[32];
	int n = ncols(&kinds[k]);
	for (int i = 0; i < n && i < 32; i++)
		v[i] = sqlite3_column_value(l, i);
	link_hash(sb, prev, kinds[k].name, n < 32 ? n : 32, v, hex);
}

/* duban_chain(NAME, KEY): the hash of the new link for the row of kind NAME
 * keyed KEY (written just before, in the same transaction) after the newest
 * link, as the triggers call it. It reads the row and the chain's head on
 * the connection it was registered on. */
static void chain_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	static const char head[] = "SELECT hash FROM chain ORDER BY seq DESC LIMIT 1";
	struct store *s = sqlite3_user_data(ctx);
	const char *name = (const char *)sqlite3_value_text(argv[0]);
	struct strbuf sb = STRBUF_INIT;
	sqlite3_stmt *st;
	char prev[65] = "", hex[65];
	size_t k = 0;
	int rc;

	while (argc == 2 && name && k < NKINDS && strcmp(kinds[k].name, name))
		k++;
	if (argc != 2 || k == NKINDS) {
		sqlite3_result_error(ctx, "duban_chain: no such kind of chained row", -1);
		return;
	}
	if (!(st = store_stmt(s, head, NULL))) {
		sqlite3_result_error(ctx, "duban_chain: cannot read the chain", -1);
		return;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(prev, sizeof prev, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sqlite3_result_error_code(ctx, rc);
		return;
	}
	if (!(st = store_stmt(s, lookup_sql(k), NULL))) {
		sqlite3_result_error(ctx, "duban_chain: cannot read the chained row", -1);
		return;
	}
	sqlite3_bind_value(st, 1, argv[1]);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			sqlite3_result_error(ctx, "duban_chain: the row to chain is not there", -1);
		else
			sqlite3_result_error_code(ctx, rc);
		return;
	}
	row_hash(&sb, *prev ? prev : NULL, k, st, hex);
	sqlite3_reset(st);
	sqlite3_result_text(ctx, hex, 64, SQLITE_TRANSIENT);
	sb_release(&sb);
}

int store_chain_register(struct store *s)
{
	/* not deterministic: it reads the chain's head and the row. Innocuous
	 * (no side effect; it hands back a hash of what the caller could read
	 * anyway), so the triggers may call it where SQLite is built with
	 * trusted_schema off. */
	int rc = sqlite3_create_function_v2(s->db, "duban_chain", 2, SQLITE_UTF8 | SQLITE_INNOCUOUS, s,
					    chain_fn, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : -ERR_DB;
}

static int trigger_of(struct store *s, const struct chain_kind *k, char **sql, struct err *e)
{
	static const char q[] = "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = 'chain_' || ?1";
	char **v = NULL;
	size_t n = 0;
	sqlite3_stmt *st = store_stmt(s, q, e);
	int rc;
	store_bind_text(st, 1, k->name);
	rc = store_rows(s, st, &store_strv_map, &v, &n, "cannot read the triggers", e);
	*sql = NULL;
	if (!rc && n) {
		*sql = v[0];
		v[0] = NULL;
	}
	store_strv_free(v, n);
	return rc;
}

/* ---- linking the rows already there ---- */

/* The hash of the newest link into PREV (65 bytes); *HAVE 0 when there is none. */
static int last_hash(struct store *s, char prev[65], int *have, struct err *e)
{
	static const char q[] = "SELECT hash FROM chain ORDER BY seq DESC LIMIT 1";
	char **v = NULL;
	size_t n = 0;
	int rc = store_rows(s, store_stmt(s, q, e), &store_strv_map, &v, &n, "cannot read the chain", e);
	*have = !rc && n;
	if (*have)
		snprintf(prev, 65, "%s", v[0]);
	store_strv_free(v, n);
	return rc;
}

/* Step ST to its next row: *LIVE 1 on a row, 0 at the end; 0 or an error. */
static int advance(struct store *s, sqlite3_stmt *st, int *live, struct err *e)
{
	int rc = sqlite3_step(st);
	*live = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return 0;
	return store_fail(s, rc, "cannot read the rows to chain", e);
}

/* Link every row of the kinds flagged in LINK, merged by the time each was
 * written (kinds in their order within one millisecond, rows by key), after
 * the newest link. */
static int link_existing(struct store *s, const int link[NKINDS], struct err *e)
{
	static const char ins[] = "INSERT INTO chain(tbl, key, hash) VALUES (?1, ?2, ?3)";
	sqlite3_stmt *keys[NKINDS] = { NULL }, *look[NKINDS] = { NULL };
	int live[NKINDS] = { 0 }, rc = 0, have;
	struct strbuf sb = STRBUF_INIT, sql = STRBUF_INIT;
	char prev[65], hex[65];

	if ((rc = last_hash(s, prev, &have, e)))
		return rc;
	for (size_t k = 0; k < NKINDS; k++) {
		if (!link[k])
			continue;
		sb_reset(&sql);
		sb_addf(&sql, "SELECT %s, ", kinds[k].key);
		norm_time(&sql, kinds[k].time);
		sb_addf(&sql, " FROM %s WHERE %s%s ORDER BY 2, 1", kinds[k].table,
			kinds[k].on_set ? kinds[k].on_set : "1", kinds[k].on_set ? " IS NOT NULL" : "");
		if (!(keys[k] = prepare(s, sb_str(&sql), e)) || !(look[k] = lookup_stmt(s, k, e))) {
			rc = -ERR_DB;
			goto out;
		}
		if ((rc = advance(s, keys[k], &live[k], e)))
			goto out;
	}
	for (;;) {
		int best = -1;
		sqlite3_stmt *st;
		for (size_t k = 0; k < NKINDS; k++)
			if (live[k] && (best < 0 || strcmp((const char *)sqlite3_column_text(keys[k], 1),
				       (const char *)sqlite3_column_text(keys[best], 1)) < 0))
				best = (int)k;
		if (best < 0)
			break;
		sqlite3_reset(look[best]);
		sqlite3_bind_value(look[best], 1, sqlite3_column_value(keys[best], 0));
		if ((rc = sqlite3_step(look[best])) != SQLITE_ROW) {
			rc = store_fail(s, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, "cannot read a row to chain", e);
			goto out;
		}
		row_hash(&sb, have ? prev : NULL, (size_t)best, look[best], hex);
		st = store_stmt(s, ins, e);
		store_bind_static(st, 1, kinds[best].name);
		if (st)
			sqlite3_bind_value(st, 2, sqlite3_column_value(keys[best], 0));
		store_bind_static(st, 3, hex);
		if ((rc = store_step_done(s, st, "cannot write the chain", e)))
			goto out;
		sqlite3_reset(st);
		memcpy(prev, hex, 65);
		have = 1;
		if ((rc = advance(s, keys[best], &live[best], e)))
			goto out;
	}
out:
	for (size_t k = 0; k < NKINDS; k++) {
		sqlite3_finalize(keys[k]);
		sqlite3_finalize(look[k]);
	}
	sb_release(&sb);
	sb_release(&sql);
	return rc;
}

int store_chain_install(struct store *s, struct err *e)
{
	static const char any[] = "SELECT 1 FROM chain WHERE tbl = ?1 LIMIT 1";
	int link[NKINDS] = { 0 }, missing[NKINDS] = { 0 }, rc = 0;
	struct strbuf sql = STRBUF_INIT;

	for (size_t k = 0; k < NKINDS && !rc; k++) {
		char *have;
		int one;
		sqlite3_stmt *st;
		if ((rc = trigger_of(s, &kinds[k], &have, e)))
			break;
		missing[k] = !have;
		free(have);
		if (!missing[k])
			continue;
		/* a kind with links already (a table rebuilt by a migration) keeps
		 * them; rows without one stay without, for duban verify to name */
		st = store_stmt(s, any, e);
		store_bind_text(st, 1, kinds[k].name);
		rc = store_row_one(s, st, &store_int_map, &one, "cannot read the chain", e);
		if (rc == -ERR_NOTFOUND) {
			link[k] = 1;
			rc = 0;
		}
	}
	if (!rc)
		rc = link_existing(s, link, e);
	for (size_t k = 0; k < NKINDS && !rc; k++) {
		if (!missing[k])
			continue;
		sb_reset(&sql);
		trigger_sql(&sql, &kinds[k]);
		rc = store_exec(s, sb_str(&sql), "cannot create the chain's triggers", e);
	}
	sb_release(&sql);
	return rc;
}

/* ---- the head ---- */

struct link_row { long long seq; char *hash; };
static const struct store_col link_row_cols[] = {
	STORE_COL(struct link_row, 0, COL_INT64, seq),
	STORE_COL(struct link_row, 1, COL_TEXT, hash),
};
static const struct store_rowmap link_row_map = STORE_ROWMAP(struct link_row, link_row_cols);

int store_chain_head(struct store *s, char out[STORE_CHAIN_HEAD_SIZE], struct err *e)
{
	static const char q[] = "SELECT seq, hash FROM chain ORDER BY seq DESC LIMIT 1";
	struct link_row r;
	int rc = store_row_one(s, store_stmt(s, q, e), &link_row_map, &r, "cannot read the chain", e);
	if (rc == -ERR_NOTFOUND) {
		snprintf(out, STORE_CHAIN_HEAD_SIZE, "0:%.16s", zeros);
		return 0;
	}
	if (rc) {
		snprintf(out, STORE_CHAIN_HEAD_SIZE, "?");
		return rc;
	}
	snprintf(out, STORE_CHAIN_HEAD_SIZE, "%lld:%.16s", r.seq, r.hash);
	store_row_release(&link_row_map, &r);
	return 0;
}

/* ---- duban verify ---- */

static void problem(struct verify_result *r, enum verify_kind kind, long long link, const char *table,
		    const char *key, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static void problem(struct verify_result *r, enum verify_kind kind, long long link, const char *table,
		    const char *key, const char *fmt, ...)
{
	struct verify_problem *p;
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	size_t cap = r->nkept;
	r->nproblems++;
	if (r->nkept >= VERIFY_KEEP)
		return;
	xgrow(&r->problems, &cap, r->nkept + 1, sizeof *r->problems);
	p = &r->problems[r->nkept++];
	p->kind = kind;
	p->link = link;
	p->table = xstrdup(table ? table : "");
	p->key = xstrdup(key ? key : "");
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	p->msg = sb_detach(&sb);
}

/* "progress record 8f3a… (2024-105)" */
static void row_name(struct strbuf *sb, const struct chain_kind *k, const char *key, const char *about)
{
	sb_reset(sb);
	sb_addf(sb, "%s %s", k->noun, key);
	if (about && *about && strcmp(about, key))
		sb_addf(sb, " (%s)", about);
}

static int table_exists(struct store *s, const char *name, int *yes, struct err *e)
{
	static const char q[] = "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1";
	sqlite3_stmt *st = store_stmt(s, q, e);
	store_bind_text(st, 1, name);
	return store_row_one(s, st, &store_int_map, yes, "cannot read the schema", e);
}

static int check_triggers(struct store *s, struct verify_result *r, struct err *e)
{
	struct strbuf want = STRBUF_INIT;
	int rc = 0;
	for (size_t k = 0; k < NKINDS && !rc; k++) {
		char *have;
		if ((rc = trigger_of(s, &kinds[k], &have, e)))
			break;
		sb_reset(&want);
		trigger_sql(&want, &kinds[k]);
		if (!have)
			problem(r, VERIFY_TRIGGER, 0, kinds[k].name, "", "the trigger chain_%s is missing: "
				"it chains every %s%s, and whatever was written since it was dropped has "
				"no link", kinds[k].name, kinds[k].noun, kinds[k].on_set ? "" : " written");
		else if (strcmp(have, sb_str(&want)))
			problem(r, VERIFY_TRIGGER, 0, kinds[k].name, "", "the trigger chain_%s is not the "
				"one duban writes: it was replaced, and what it chained since cannot be "
				"trusted", kinds[k].name);
		else
			r->triggers++;
		free(have);
	}
	sb_release(&want);
	return rc;
}

/* The triggers refusing to change and to delete the rows of each chained
 * table and of the chain itself. */
static int check_guards(struct store *s, struct verify_result *r, struct err *e)
{
	static const char q[] =
		"SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ?1"
		" AND sql LIKE '%BEFORE ' || ?2 || ' ON%' AND sql LIKE '%RAISE(ABORT%'";
	static const char *const events[] = { "UPDATE", "DELETE" };
	int rc = 0;
	for (size_t k = 0; k <= NKINDS && !rc; k++) {
		const char *table = k < NKINDS ? kinds[k].table : "chain";
		int seen = 0;
		for (size_t j = 0; j < k && j < NKINDS; j++)
			seen |= !strcmp(kinds[j].table, table);
		if (seen)
			continue;
		for (int ev = 0; ev < 2 && !rc; ev++) {
			int n = 0;
			sqlite3_stmt *st = store_stmt(s, q, e);
			store_bind_text(st, 1, table);
			store_bind_static(st, 2, events[ev]);
			if ((rc = store_row_one(s, st, &store_int_map, &n, "cannot read the triggers", e)))
				break;
			if (!n)
				problem(r, VERIFY_GUARD, 0, table, "", "the trigger refusing to %s rows of %s "
					"(BEFORE %s ON %s) is missing", ev ? "delete" : "change", table,
					events[ev], table);
		}
	}
	return rc;
}

/* The links rows applied from change files took (store/store_sync.c),
 * in order: their times are their senders', so they are not held to the
 * order of the rows written here. */
struct link_span { long long first, last; };
static const struct store_col link_span_cols[] = {
	STORE_COL(struct link_span, 0, COL_INT64, first),
	STORE_COL(struct link_span, 1, COL_INT64, last),
};
static const struct store_rowmap link_span_map = STORE_ROWMAP(struct link_span, link_span_cols);

static int applied_spans(struct store *s, struct link_span **v, size_t *n, struct err *e)
{
	static const char q[] = "SELECT first_link, last_link FROM sync_files"
		" WHERE dir = 'in' AND first_link IS NOT NULL ORDER BY first_link";
	int have = 0, rc = table_exists(s, "sync_files", &have, e);
	*v = NULL;
	*n = 0;
	if (rc || !have)
		return rc;
	return store_rows(s, store_stmt(s, q, e), &link_span_map, v, n, "cannot read the change files", e);
}

/* Walk the links in order: each one's row, hash, number and time. */
static int walk(struct store *s, struct verify_result *r, struct err *e)
{
	static const char q[] = "SELECT seq, tbl, key, hash FROM chain ORDER BY seq";
	sqlite3_stmt *look[NKINDS] = { NULL }, *st = NULL;
	struct strbuf sb = STRBUF_INIT, what = STRBUF_INIT, sql = STRBUF_INIT;
	char prev[65], last_time[20] = "", hex[65];
	struct link_span *spans = NULL;
	size_t nspans = 0, span = 0;
	long long last = 0;
	int rc = 0, have_prev = 0;

	if ((rc = applied_spans(s, &spans, &nspans, e)))
		return rc;

	for (size_t k = 0; k < NKINDS; k++)
		if (!(look[k] = lookup_stmt(s, k, e))) {
			rc = -ERR_DB;
			goto out;
		}
	sb_adds(&sql, q);
	if (!(st = prepare(s, sb_str(&sql), e))) {
		rc = -ERR_DB;
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long seq = sqlite3_column_int64(st, 0);
		const char *tbl = (const char *)sqlite3_column_text(st, 1);
		const char *key = (const char *)sqlite3_column_text(st, 2);
		const char *hash = (const char *)sqlite3_column_text(st, 3);
		const struct chain_kind *k = NULL;
		size_t ki = 0;
		int gap = seq != last + 1;

		tbl = tbl ? tbl : "";
		key = key ? key : "";
		hash = hash ? hash : "";
		r->links++;
		if (gap && seq - 1 == last + 1)
			problem(r, VERIFY_GAP, seq, tbl, key, "link %lld is missing from the chain (the links "
				"run on at %lld): a row was deleted with its link", last + 1, seq);
		else if (gap)
			problem(r, VERIFY_GAP, seq, tbl, key, "links %lld to %lld are missing from the chain "
				"(the links run on at %lld): rows were deleted with their links", last + 1,
				seq - 1, seq);
		for (ki = 0; ki < NKINDS && strcmp(kinds[ki].name, tbl); ki++)
			;
		if (ki < NKINDS)
			k = &kinds[ki];
		if (!k) {
			problem(r, VERIFY_STRAY, seq, tbl, key, "link %lld names '%s', which duban does not "
				"chain: it was written by hand", seq, tbl);
		} else {
			sqlite3_stmt *l = look[ki];
			int n = ncols(k), step;
			sqlite3_reset(l);
			sqlite3_bind_text(l, 1, key, -1, SQLITE_TRANSIENT);
			step = sqlite3_step(l);
			if (step == SQLITE_DONE) {
				row_name(&what, k, key, NULL);
				problem(r, VERIFY_DELETED, seq, k->name, key, "link %lld: the %s was deleted "
					"(it is chained, and no longer there)", seq, sb_str(&what));
			} else if (step != SQLITE_ROW) {
				rc = store_fail(s, step, "cannot read a chained row", e);
				goto out;
			} else {
				const char *t = (const char *)sqlite3_column_text(l, n);
				const char *about = (const char *)sqlite3_column_text(l, n + 1);
				int edited = 0;
				row_hash(&sb, have_prev ? prev : NULL, ki, l, hex);
				row_name(&what, k, key, about);
				if (!gap && strcmp(hex, hash)) {
					edited = 1;
					problem(r, VERIFY_EDITED, seq, k->name, key, "link %lld: the %s was "
						"changed after it was written: it no longer matches its link "
						"(or the link itself was changed)", seq, sb_str(&what));
				}
				while (span < nspans && spans[span].last < seq)
					span++;
				if (span < nspans && spans[span].first <= seq)
					;  /* applied from a change file: its sender's time */
				else if (!edited && t && strlen(t) >= 19) {
					if (*last_time && strncmp(t, last_time, 19) < 0)
						problem(r, VERIFY_ORDER, seq, k->name, key, "link %lld: the %s, "
							"written %.19s, is chained after a row written %s: it "
							"was inserted out of order (or the clock was set back)",
							seq, sb_str(&what), t, last_time);
					else
						snprintf(last_time, sizeof last_time, "%.19s", t);
				}
			}
			sqlite3_reset(l);
		}
		snprintf(prev, sizeof prev, "%s", hash);
		have_prev = 1;
		last = seq;
	}
	rc = rc == SQLITE_DONE ? 0 : store_fail(s, rc, "cannot read the chain", e);
out:
	for (size_t k = 0; k < NKINDS; k++)
		sqlite3_finalize(look[k]);
	sqlite3_finalize(st);
	sb_release(&sb);
	sb_release(&what);
	sb_release(&sql);
	store_rows_free(&link_span_map, spans, nspans);
	return rc;
}

/* Rows of a chained kind with no link. */
static int unchained(struct store *s, struct verify_result *r, struct err *e)
{
	struct strbuf sql = STRBUF_INIT, what = STRBUF_INIT;
	int rc = 0;
	for (size_t k = 0; k < NKINDS && !rc; k++) {
		const struct chain_kind *kd = &kinds[k];
		sqlite3_stmt *st;
		sb_reset(&sql);
		sb_addf(&sql, "SELECT %s, %s, %s FROM %s WHERE %s%s AND %s NOT IN (SELECT key FROM chain "
			"WHERE tbl = '%s') ORDER BY 2, 1", kd->key, kd->time, kd->about, kd->table,
			kd->on_set ? kd->on_set : "1", kd->on_set ? " IS NOT NULL" : "", kd->key, kd->name);
		if (!(st = prepare(s, sb_str(&sql), e))) {
			rc = -ERR_DB;
			break;
		}
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *key = (const char *)sqlite3_column_text(st, 0);
			row_name(&what, kd, key ? key : "", (const char *)sqlite3_column_text(st, 2));
			problem(r, VERIFY_UNCHAINED, 0, kd->name, key, "the %s, written %s, has no link: "
				"it was written by hand (or with the trigger chain_%s dropped)", sb_str(&what),
				(const char *)sqlite3_column_text(st, 1), kd->name);
		}
		rc = rc == SQLITE_DONE ? 0 : store_fail(s, rc, "cannot read the chained rows", e);
		sqlite3_finalize(st);
	}
	sb_release(&sql);
	sb_release(&what);
	return rc;
}

/* A user as the log of changes leaves them, and as the users table has them. */
struct user_state { char *login, *change, *role, *dept, *who, *at; long long seq; };
static const struct store_col user_state_cols[] = {
	STORE_COL(struct user_state, 0, COL_TEXT, login),
	STORE_COL(struct user_state, 1, COL_TEXT, change),
	STORE_COL(struct user_state, 2, COL_TEXT, role),
	STORE_COL(struct user_state, 3, COL_TEXT, dept),
	STORE_COL(struct user_state, 4, COL_TEXT, who),
	STORE_COL(struct user_state, 5, COL_TEXT, at),
	STORE_COL(struct user_state, 6, COL_INT64, seq),
};
static const struct store_rowmap user_state_map = STORE_ROWMAP(struct user_state, user_state_cols);

/* "liaison of 中央宣传部", "office" */
static void user_words(struct strbuf *sb, const char *role, const char *dept)
{
	sb_reset(sb);
	sb_adds(sb, *role ? role : "no user");
	if (*dept)
		sb_addf(sb, " of %s", dept);
}

static int check_users(struct store *s, struct verify_result *r, struct err *e)
{
	/* the log in chain order (rows without a link are named as such above) */
	static const char log[] =
		"SELECT u.login, u.change, coalesce(u.role, ''), coalesce(u.dept, ''), u.who, u.at, c.seq"
		" FROM chain c JOIN user_changes u ON u.id = c.key WHERE c.tbl = 'user_changes'"
		" ORDER BY c.seq";
	static const char users[] =
		"SELECT login, 'user', role, coalesce(dept, ''), added_by, added_at, 0 FROM users ORDER BY login";
	struct user_state *lv = NULL, *uv = NULL;
	size_t nl = 0, nu = 0;
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	int rc;

	if ((rc = store_rows(s, store_stmt(s, log, e), &user_state_map, &lv, &nl, "cannot read the user changes", e)))
		return rc;
	if ((rc = store_rows(s, store_stmt(s, users, e), &user_state_map, &uv, &nu, "cannot read the users", e)))
		goto out;
	r->users = (long long)nu;
	r->user_changes = (long long)nl;
	/* each login's last change (the log is in order: the last one wins) */
	for (size_t i = 0; i < nl; i++) {
		int later = 0;
		for (size_t j = i + 1; j < nl && !later; j++)
			later = !strcmp(lv[i].login, lv[j].login);
		if (later) {
			lv[i].change[0] = '\0';   /* superseded */
			continue;
		}
		{
			struct user_state *u = NULL;
			for (size_t j = 0; j < nu && !u; j++)
				if (!strcmp(uv[j].login, lv[i].login))
					u = &uv[j];
			if (!strcmp(lv[i].change, "remove")) {
				if (u) {
					user_words(&a, u->role, u->dept);
					problem(r, VERIFY_USER, lv[i].seq, "users", u->login, "user '%s' is %s in "
						"the users table, but was removed (link %lld): added back by hand",
						u->login, sb_str(&a), lv[i].seq);
				}
			} else if (!u) {
				user_words(&a, lv[i].role, lv[i].dept);
				problem(r, VERIFY_USER, lv[i].seq, "users", lv[i].login, "user '%s' is %s by "
					"their last change (link %lld), but not in the users table: removed by hand",
					lv[i].login, sb_str(&a), lv[i].seq);
			} else if (strcmp(u->role, lv[i].role) || strcmp(u->dept, lv[i].dept) ||
				   strcmp(u->who, lv[i].who) || strncmp(u->at, lv[i].at, 19)) {
				user_words(&a, u->role, u->dept);
				user_words(&b, lv[i].role, lv[i].dept);
				problem(r, VERIFY_USER, lv[i].seq, "users", u->login, "user '%s' is %s (added "
					"by %s at %s) in the users table, but their last change (link %lld, by %s "
					"at %s) made them %s: changed by hand", u->login, sb_str(&a), u->who,
					u->at, lv[i].seq, lv[i].who, lv[i].at, sb_str(&b));
			}
		}
	}
	for (size_t j = 0; j < nu; j++) {
		int logged = 0;
		for (size_t i = 0; i < nl && !logged; i++)
			logged = !strcmp(uv[j].login, lv[i].login);
		if (!logged) {
			user_words(&a, uv[j].role, uv[j].dept);
			problem(r, VERIFY_USER, 0, "users", uv[j].login, "user '%s' is %s in the users table, "
				"but no change in the log made them a user: added by hand", uv[j].login,
				sb_str(&a));
		}
	}
out:
	store_rows_free(&user_state_map, lv, nl);
	store_rows_free(&user_state_map, uv, nu);
	sb_release(&a);
	sb_release(&b);
	return rc;
}

/* Every stored file still has its SHA-256 and size, and every file evidence
 * names one that is stored. */
static int check_blobs(struct store *s, struct verify_result *r, struct err *e)
{
	static const char q[] = "SELECT sha256, size, data FROM blobs";
	static const char lost[] =
		"SELECT e.id, e.sha256, e.task FROM evidence e WHERE e.sha256 IS NOT NULL"
		" AND NOT EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = e.sha256) ORDER BY e.at";
	struct strbuf sql = STRBUF_INIT;
	sqlite3_stmt *st;
	int rc;

	sb_adds(&sql, q);
	if (!(st = prepare(s, sb_str(&sql), e))) {
		sb_release(&sql);
		return -ERR_DB;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *sha = (const char *)sqlite3_column_text(st, 0);
		long long size = sqlite3_column_int64(st, 1);
		const void *data = sqlite3_column_blob(st, 2);
		int n = sqlite3_column_bytes(st, 2);
		char hex[65];
		sha = sha ? sha : "";
		sha256_hex(data ? data : "", (size_t)n, hex);
		r->blobs++;
		if (strcmp(hex, sha) || size != n)
			problem(r, VERIFY_BLOB, 0, "blobs", sha, "the stored file %s (%lld bytes) was changed: "
				"its %d bytes now have the SHA-256 %s", sha, size, n, hex);
	}
	rc = rc == SQLITE_DONE ? 0 : store_fail(s, rc, "cannot read the stored files", e);
	sqlite3_finalize(st);
	sb_reset(&sql);
	sb_adds(&sql, lost);
	if (!rc && !(st = prepare(s, sb_str(&sql), e)))
		rc = -ERR_DB;
	else if (!rc) {
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			problem(r, VERIFY_BLOB, 0, "evidence", (const char *)sqlite3_column_text(st, 0),
				"the file %s of evidence %s (%s) is no longer stored: it was deleted by hand",
				(const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 0),
				(const char *)sqlite3_column_text(st, 2));
		rc = rc == SQLITE_DONE ? 0 : store_fail(s, rc, "cannot read the stored files", e);
		sqlite3_finalize(st);
	}
	sb_release(&sql);
	return rc;
}

/* Parse a printed head, "1234:9f3ab2c4" (a '#' before the number and spaces
 * anywhere allowed, 8 to 64 hex digits), into *SEQ and HEX (lowercase). */
static int head_parse(const char *head, long long *seq, char hex[65], struct err *e)
{
	char buf[128];
	size_t n = 0, h = 0;
	const char *p;
	for (p = head; *p && n + 1 < sizeof buf; p++)
		if (*p != ' ' && *p != '\t')
			buf[n++] = *p;
	buf[n] = '\0';
	p = buf + (buf[0] == '#');
	*seq = 0;
	if (*p < '0' || *p > '9')
		goto bad;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (*seq > 100000000000LL)
			goto bad;
		*seq = *seq * 10 + (*p - '0');
	}
	if (*p++ != ':')
		goto bad;
	for (; *p && h < 64; p++) {
		char c = *p >= 'A' && *p <= 'F' ? (char)(*p - 'A' + 'a') : *p;
		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
			goto bad;
		hex[h++] = c;
	}
	hex[h] = '\0';
	if (*p || h < 8)
		goto bad;
	return 0;
bad:
	return err_set(e, ERR_USAGE, "invalid head '%s': give it as printed, a link number, a colon and "
		       "at least 8 hex digits, like 1234:9f3ab2c4d5e6f708", head);
}

static int check_head(struct store *s, long long seq, const char *hex, struct verify_result *r,
		      struct err *e)
{
	static const char q[] = "SELECT seq, hash FROM chain WHERE seq = ?1";
	struct link_row l;
	sqlite3_stmt *st = store_stmt(s, q, e);
	int rc;
	if (st)
		sqlite3_bind_int64(st, 1, seq);
	rc = store_row_one(s, st, &link_row_map, &l, "cannot read the chain", e);
	if (rc == -ERR_NOTFOUND) {
		if (seq == 0 && !strncmp(zeros, hex, strlen(hex)))
			return 0;
		problem(r, VERIFY_HEAD, seq, "", "", "the printed head %lld:%s is not in the chain, which "
			"has %lld links: links were removed since it was printed", seq, hex, r->links);
		return 0;
	}
	if (rc)
		return rc;
	if (strncmp(l.hash, hex, strlen(hex)))
		problem(r, VERIFY_HEAD, seq, "", "", "link %lld is %lld:%.16s, not %lld:%s as printed: the "
			"chain up to it was rewritten since the copy was made", seq, seq, l.hash, seq, hex);
	store_row_release(&link_row_map, &l);
	return 0;
}

int store_verify(struct store *s, const char *head, struct verify_result *out, struct err *e)
{
	long long hseq = 0;
	char hhex[65] = "";
	int rc, has_chain = 0;

	memset(out, 0, sizeof *out);
	if (head && (rc = head_parse(head, &hseq, hhex, e)))
		return rc;
	/* one snapshot: writers may go on meanwhile */
	if ((rc = store_exec(s, "BEGIN", "cannot read the database", e)))
		return rc;
	if ((rc = table_exists(s, "chain", &has_chain, e)))
		goto out;
	if (!has_chain) {
		problem(out, VERIFY_TRIGGER, 0, "chain", "", "the table chain is missing: it was dropped, and "
			"nothing in the database can be verified");
		snprintf(out->head, sizeof out->head, "-");
		goto out;
	}
	if ((rc = check_triggers(s, out, e)) || (rc = check_guards(s, out, e)) ||
	    (rc = walk(s, out, e)) || (rc = unchained(s, out, e)) || (rc = check_users(s, out, e)) ||
	    (rc = check_blobs(s, out, e)) || (head && (rc = check_head(s, hseq, hhex, out, e))) ||
	    (rc = store_chain_head(s, out->head, e)))
		goto out;
out:
	store_exec(s, "COMMIT", "cannot read the database", NULL);
	if (rc)
		store_verify_release(out);
	return rc;
}

void store_verify_release(struct verify_result *r)
{
	for (size_t i = 0; i < r->nkept; i++) {
		free(r->problems[i].table);
		free(r->problems[i].key);
		free(r->problems[i].msg);
	}
	free(r->problems);
	memset(r, 0, sizeof *r);
}
