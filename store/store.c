/* Opening, checking and migrating the database; transactions; the statement
 * cache and the mapping of SQLite errors to messages a user can act on; the
 * small helpers every other file of store/ shares (binding, ids, clocks). */
#include <errno.h>
#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/schema.h"
#include "store/store_int.h"
#include "src/util.h"
#include "src/banned.h"

#define BUSY_TIMEOUT_MS 15000

/* How long a write waits for other writers: 15 s, or DUBAN_BUSY_TIMEOUT_MS
 * (for tests of a database locked past the timeout). */
static int busy_timeout_ms(void)
{
	const char *v = getenv("DUBAN_BUSY_TIMEOUT_MS");
	long ms = v ? strtol(v, NULL, 10) : 0;
	return ms > 0 && ms < 600000 ? (int)ms : BUSY_TIMEOUT_MS;
}

sqlite3_stmt *store_stmt(struct store *s, const char *sql, struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc;
	for (size_t i = 0; i < s->ncache; i++) {
		if (s->cache[i].sql == sql) {
			sqlite3_reset(s->cache[i].st);
			sqlite3_clear_bindings(s->cache[i].st);
			return s->cache[i].st;
		}
	}
	rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
	if (rc != SQLITE_OK) {
		store_fail(s, rc, "cannot prepare a query", e);
		return NULL;
	}
	if (s->ncache < STORE_STMT_CACHE) {
		s->cache[s->ncache].sql = sql;
		s->cache[s->ncache].st = st;
		s->ncache++;
	} else {
		/* Cache full (should not happen): keep correctness, leak nothing. */
		sqlite3_finalize(s->cache[0].st);
		s->cache[0].sql = sql;
		s->cache[0].st = st;
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
			       "try again when it has finished", what, path, busy_timeout_ms() / 1000);
	case SQLITE_READONLY:
		return err_set(e, ERR_DB, "%s: database '%s' is read-only for you; check the permissions "
			       "of the file and its folder (see 'Sharing a database' in the README)", what, path);
	case SQLITE_FULL:
		return err_set(e, ERR_DB, "%s: the disk holding '%s' is full; nothing was written; free "
			       "some space and try again", what, path);
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
	if (s)
		sqlite3_bind_text(st, idx, s, -1, d);
	else
		sqlite3_bind_null(st, idx);
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
		sqlite3_bind_int64(st, idx, (sqlite3_int64)v);
}

int store_step_done(struct store *s, sqlite3_stmt *st, const char *what, struct err *e)
{
	int rc;
	if (!st)
		return -ERR_DB;
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(s, rc, what, e);
	return 0;
}

void store_now(char *buf, size_t n)
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
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
	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(base, sizeof base, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, n, "%.20s.%03dZ", base, (int)((ts.tv_nsec / 1000000) % 1000));
}

static int exec(struct store *s, const char *sql, const char *what, struct err *e)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : store_fail(s, rc, what, e);
}

static int pragma_int(struct store *s, const char *sql, int *out, struct err *e)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*out = sqlite3_column_int(st, 0);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_NOTADB)
		return err_set(e, ERR_DB, "'%s' is not a duban database (it is not an SQLite file); "
			       "name another file with --db", s->path);
	return rc == SQLITE_OK ? 0 : store_fail(s, rc, "cannot read the database header", e);
}

int store_begin(struct store *s, struct err *e)
{
	int rc;
	if (s->in_txn)
		return err_set(e, ERR_INTERNAL, "internal error: nested transaction");
	rc = exec(s, "BEGIN IMMEDIATE", "cannot start writing", e);
	if (rc == 0)
		s->in_txn = 1;
	return rc;
}

int store_commit(struct store *s, struct err *e)
{
	int rc = exec(s, "COMMIT", "cannot save", e);
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

/* Migrate to STORE_SCHEMA_VERSION in one transaction. Foreign keys are off
 * meanwhile, as SQLite requires for rebuilding a table others refer to, and
 * every reference is checked before the commit. */
static int migrate(struct store *s, struct err *e)
{
	int rc, rc_on, from = 0, bad = 0;
	exec(s, "PRAGMA foreign_keys=OFF", "cannot configure the database", NULL);
	if ((rc = store_begin(s, e)))
		goto out;
	/* another process may have migrated while this one waited for the lock */
	if ((rc = pragma_int(s, "PRAGMA user_version", &from, e)))
		goto fail;
	for (int v = from; v < STORE_SCHEMA_VERSION; v++) {
		char what[64];
		snprintf(what, sizeof what, "cannot migrate the schema to version %d", v + 1);
		rc = exec(s, store_migrations[v], what, e);
		if (rc)
			goto fail;
	}
	/* schema 4 keeps each task's state in current, folded in C */
	if (from < 4 && (rc = store_state_rebuild(s, e)))
		goto fail;
	{
		char sql[96];
		snprintf(sql, sizeof sql, "PRAGMA application_id=%d; PRAGMA user_version=%d",
			 STORE_APPLICATION_ID, STORE_SCHEMA_VERSION);
		rc = exec(s, sql, "cannot write the schema version", e);
		if (rc)
			goto fail;
	}
	if ((rc = pragma_int(s, "SELECT count(*) FROM pragma_foreign_key_check", &bad, e)))
		goto fail;
	if (bad) {
		rc = err_set(e, ERR_DB, "cannot migrate database '%s': %d rows refer to rows that do not "
			     "exist (PRAGMA foreign_key_check lists them); it was left as it was", s->path, bad);
		goto fail;
	}
	rc = store_commit(s, e);
	goto out;
fail:
	store_rollback(s);
out:
	rc_on = exec(s, "PRAGMA foreign_keys=ON", "cannot configure the database", rc ? NULL : e);
	return rc ? rc : rc_on;
}

/* Create PATH as an empty file readable and writable by owner and group, so a
 * group of liaison officers can share it; SQLite gives -wal and -shm the same
 * mode. */
static int create_file(const char *path, struct err *e)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0660);
	if (fd < 0) {
		if (errno == EEXIST)
			return 0;
		return err_set(e, ERR_DB, "cannot create database '%s': %s", path, strerror(errno));
	}
	if (fchmod(fd, 0660) != 0) {
		/* not fatal: the umask-limited mode stays */
	}
	close(fd);
	return 0;
}

int store_open(const char *path, int flags, struct store **out, struct err *e)
{
	struct store *s;
	struct stat st;
	int rc, appid = 0, version = 0, ntables = 0;
	int memory = !strcmp(path, ":memory:");
	int exists = memory || stat(path, &st) == 0;
	int oflags = (flags & STORE_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;

	*out = NULL;
	if (!memory && exists && S_ISDIR(st.st_mode))
		return err_set(e, ERR_DB, "cannot open database '%s': it is a directory; name a file", path);
	if (!exists && !(flags & STORE_CREATE))
		return err_set(e, ERR_DB, "database '%s' does not exist", path);
	if (!exists && (flags & STORE_READONLY))
		return err_set(e, ERR_DB, "database '%s' does not exist", path);
	if (!exists) {
		rc = create_file(path, e);
		if (rc)
			return rc;
	}
	s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->created = memory || !exists || st.st_size == 0;
	rc = sqlite3_open_v2(path, &s->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		rc = store_fail(s, rc, "cannot open the database", e);
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, busy_timeout_ms());
	rc = pragma_int(s, "PRAGMA application_id", &appid, e);
	if (rc)
		goto fail;
	rc = pragma_int(s, "PRAGMA user_version", &version, e);
	if (rc)
		goto fail;
	rc = pragma_int(s, "SELECT count(*) FROM sqlite_schema", &ntables, e);
	if (rc)
		goto fail;
	if (appid != STORE_APPLICATION_ID && (appid != 0 || ntables > 0 || version != 0)) {
		rc = err_set(e, ERR_DB, "'%s' is an SQLite database of another program, not duban's "
			     "(application_id 0x%08x); name another file with --db", path, (unsigned)appid);
		goto fail;
	}
	if (version > STORE_SCHEMA_VERSION) {
		rc = err_set(e, ERR_DB, "database '%s' has schema version %d, newer than this duban "
			     "(%s) knows (%d); upgrade duban", path, version, DUBAN_VERSION,
			     STORE_SCHEMA_VERSION);
		goto fail;
	}
	rc = exec(s, "PRAGMA foreign_keys=ON", "cannot configure the database", e);
	if (rc)
		goto fail;
	if (!(flags & STORE_READONLY)) {
		/* WAL lets readers work while an office writes. On a read-only file
		 * this fails, which the first write then reports. */
		sqlite3_exec(s->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
		sqlite3_exec(s->db, "PRAGMA synchronous=NORMAL", NULL, NULL, NULL);
	}
	/* Statement journals in memory: a multi-row INSERT of an import touches
	 * more than the 64 KiB SQLite keeps before spilling the journal to a
	 * temporary file, which cost 26,000 writes of 4 KiB for a 4 MB plan. */
	sqlite3_exec(s->db, "PRAGMA temp_store=MEMORY", NULL, NULL, NULL);
	if (version == 2) {
		/* schema 2 took its final form (note match keys, the search index)
		 * before its first release; a file from a development build before
		 * that says so now rather than failing on its migration */
		int final = 0;
		rc = pragma_int(s, "SELECT count(*) FROM sqlite_schema WHERE name = 'search_tasks'", &final, e);
		if (rc)
			goto fail;
		if (!final) {
			rc = err_set(e, ERR_DB, "database '%s' was made by a development build of duban before "
				     "schema 2 was final; make a new database (its plans can be imported again)",
				     path);
			goto fail;
		}
	}
	if (version < STORE_SCHEMA_VERSION) {
		if (flags & STORE_READONLY) {
			rc = err_set(e, ERR_DB, "database '%s' has schema version %d and needs migrating; "
				     "open it once without read-only access", path, version);
			goto fail;
		}
		rc = migrate(s, e);
		if (rc)
			goto fail;
	}
	*out = s;
	return 0;
fail:
	store_close(s);
	return rc;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->ncache; i++)
		sqlite3_finalize(s->cache[i].st);
	if (s->db)
		sqlite3_close(s->db);
	free(s->path);
	free(s);
}

int store_created(const struct store *s)
{
	return s->created;
}

const char *store_path(const struct store *s)
{
	return s->path;
}

int store_data_version(struct store *s)
{
	static const char sql[] = "PRAGMA data_version";
	sqlite3_stmt *st = store_stmt(s, sql, NULL);
	int v = -1;
	if (st && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	if (st)
		sqlite3_reset(st);
	return v;
}

int store_schema_version(struct store *s)
{
	int v = 0;
	pragma_int(s, "PRAGMA user_version", &v, NULL);
	return v;
}
