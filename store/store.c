/* Transactions, the statement cache and the mapping of SQLite errors to
 * messages a user can act on, and the small helpers every other file of
 * store/ shares (binding, ids, clocks). Opening and migrating the database is
 * store_open.c's. */
#include <errno.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "store/store_int.h"
#include "src/util.h"
#include "src/banned.h"

#define BUSY_TIMEOUT_MS 15000

/* How long a write waits for other writers: 15 s, or DUBAN_BUSY_TIMEOUT_MS
 * (for tests of a database locked past the timeout). */
int store_busy_timeout_ms(void)
{
	const char *v = getenv("DUBAN_BUSY_TIMEOUT_MS");
	long ms = v ? strtol(v, NULL, 10) : 0;
	return ms > 0 && ms < 600000 ? (int)ms : BUSY_TIMEOUT_MS;
}

/* A bind that fails (a text or blob over SQLite's length limit, out of
 * memory) leaves its parameter NULL: stepping on would store NULL, or fail
 * on a constraint with a message about something else ("FOREIGN KEY
 * constraint failed"). The failure is kept here, for the statement it
 * happened on, until store_step hands it to the step's caller instead of
 * stepping, or the statement is taken from the cache again. */
static struct { sqlite3_stmt *st; int rc; } bind_failed;

static void bind_note(sqlite3_stmt *st, int rc)
{
	/* SQLITE_RANGE: a parameter this statement does not have; the variants
	 * of one query share a sequence of binds (store_task_query) */
	if (rc != SQLITE_OK && rc != SQLITE_RANGE && !(bind_failed.rc && bind_failed.st == st)) {
		bind_failed.st = st;
		bind_failed.rc = rc;
	}
}

static void bind_forget(sqlite3_stmt *st)
{
	if (bind_failed.st == st) {
		bind_failed.st = NULL;
		bind_failed.rc = 0;
	}
}

int store_step(sqlite3_stmt *st)
{
	if (bind_failed.rc && bind_failed.st == st) {
		int rc = bind_failed.rc;
		bind_forget(st);
		return rc;
	}
	return sqlite3_step(st);
}

sqlite3_stmt *store_stmt(struct store *s, const char *sql, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc;
	for (size_t i = 0; i < s->ncache; i++) {
		if (s->cache[i].sql == sql) {
			bind_forget(s->cache[i].st);
			sqlite3_reset(s->cache[i].st);
			sqlite3_clear_bindings(s->cache[i].st);
			return s->cache[i].st;
		}
	}
	rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	bind_forget(st);   /* a statement at the address of a finalized one */
	if (rc != SQLITE_OK) {
		store_fail(s, rc, "cannot prepare a query", e);
		return NULL;
	}
	if (s->ncache < STORE_STMT_CACHE) {
		s->cache[s->ncache].sql = sql;
		s->cache[s->ncache].st = st;
		s->ncache++;
	} else {
		/* Cache full (should not happen): keep correctness, leak nothing,
		 * and never finalize a statement still running (the chain's SQL
		 * function prepares statements while a write is being stepped). */
		size_t i = 0;
		while (i + 1 < s->ncache && sqlite3_stmt_busy(s->cache[i].st))
			i++;
		sqlite3_finalize(s->cache[i].st);
		s->cache[i].sql = sql;
		s->cache[i].st = st;
	}
	return st;
}

int store_fail(struct store *s, int rc, const char *what, struct err *e)
{
	const char *path = s ? s->path : "?";
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return err_set(e, ERR_DB, "%s: database '%s' is locked by another process for more than %d s; "
			       "try again when it has finished", what, path, store_busy_timeout_ms() / 1000);
	case SQLITE_READONLY:
		return err_set(e, ERR_DB, "%s: database '%s' is read-only for you; check the permissions "
			       "of the file and its folder (see 'Sharing a database' in the README)", what, path);
	case SQLITE_FULL:
		return err_set(e, ERR_DB, "%s: the disk holding '%s' is full; nothing was written; free "
			       "some space and try again", what, path);
	case SQLITE_TOOBIG:
		return err_set(e, ERR_INPUT, "%s: an item is larger than the database takes in one "
			       "piece (%d bytes); nothing was written", what,
			       s && s->db ? sqlite3_limit(s->db, SQLITE_LIMIT_LENGTH, -1) : 0);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return err_set(e, ERR_DB, "%s: '%s' is damaged or not a database; restore it from a backup",
			       what, path);
	case SQLITE_CANTOPEN:
		return err_set(e, ERR_DB, "%s: cannot open database '%s': %s", what, path,
			       s && s->db ? sqlite3_errmsg(s->db) : "unable to open");
	case SQLITE_IOERR:
		/* SQLite's rollback clears errno, so a failed write (the usual
		 * result of a full disk or a file size limit) is named as such */
		if (rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_FSYNC || rc == SQLITE_IOERR_TRUNCATE ||
		    (s && s->db && (sqlite3_system_errno(s->db) == ENOSPC || sqlite3_system_errno(s->db) == EFBIG)))
			return err_set(e, ERR_DB, "%s: writing to '%s' failed: the disk is full or the file size "
				       "limit was reached (or the disk failed); nothing was written; free some "
				       "space and try again", what, path);
		return err_set(e, ERR_DB, "%s: input/output error on '%s' (%s); check the disk", what, path,
			       s && s->db ? sqlite3_errmsg(s->db) : "");
	default:
		return err_set(e, ERR_DB, "%s: database '%s': %s", what, path,
			       s && s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
	}
}

/* Bind S (NULL: SQL NULL) with SQLite's destructor D (copy or keep). */
static void bind_text(sqlite3_stmt *st, int idx, const char *s, sqlite3_destructor_type d)
{
	if (!st)
		return;
	bind_note(st, s ? sqlite3_bind_text64(st, idx, s, strlen(s), d, SQLITE_UTF8)
			: sqlite3_bind_null(st, idx));
}

void store_bind_text(sqlite3_stmt *st, int idx, const char *s)
{
	bind_text(st, idx, s, SQLITE_TRANSIENT);
}

void store_bind_static(sqlite3_stmt *st, int idx, const char *s)
{
	bind_text(st, idx, s, SQLITE_STATIC);
}

void store_bind_int(sqlite3_stmt *st, int idx, long long v)
{
	if (st)
		bind_note(st, sqlite3_bind_int64(st, idx, (sqlite3_int64)v));
}

void store_bind_blob(sqlite3_stmt *st, int idx, const void *data, size_t n)
{
	if (st)
		bind_note(st, sqlite3_bind_blob64(st, idx, n ? data : "", n, SQLITE_STATIC));
}

int store_step_done(struct store *s, sqlite3_stmt *st, const char *what, struct err *e)
{
	int rc;
	if (!st)
		return -ERR_DB;
	rc = store_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(s, rc, what, e);
	return 0;
}

void store_now(char *buf, size_t n)
{
	struct timespec ts;
	struct tm tm;
	util_now(&ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

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

/* With milliseconds, so records made in one second keep their order. */
void store_now_ms(char *buf, size_t n)
{
	struct timespec ts;
	struct tm tm;
	char base[32];
	util_now(&ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, n, "%.20s.%03dZ", base, (int)((ts.tv_nsec / 1000000) % 1000));
}

int store_exec(struct store *s, const char *sql, const char *what, struct err *e)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : store_fail(s, rc, what, e);
}

int store_begin(struct store *s, struct err *e)
{
	int rc;
	if (s->in_txn)
		return err_set(e, ERR_INTERNAL, "internal error: nested transaction");
	if (s->readonly)
		return err_set(e, ERR_DB, "database '%s' is read-only for you (%s): you can read it but "
			       "not change it; see 'Sharing a database' in the README", s->path, s->readonly);
	rc = store_exec(s, "BEGIN IMMEDIATE", "cannot start writing", e);
	if (rc == 0)
		s->in_txn = 1;
	return rc;
}

int store_commit(struct store *s, struct err *e)
{
	int rc = store_exec(s, "COMMIT", "cannot save", e);
	if (rc) {
		store_rollback(s);
		return rc;
	}
	s->in_txn = 0;
	return 0;
}

void store_rollback(struct store *s)
{
	if (s->in_txn || !sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	s->in_txn = 0;
}
