/* Opening a database: checking it is duban's, creating it shared by a group,
 * and migrating it to this build's schema in one transaction (the schema 4
 * states are folded by store_state.c, the schema 5 chain linked by
 * store_chain.c). It stands above the other files of store/, which it calls
 * and which never call it. */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/schema.h"
#include "store/store_int.h"
#include "src/util.h"
#include "src/banned.h"

static int pragma_int(struct store *s, const char *sql, int *out, struct err *e)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = store_step(st);
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


/* Migrate to STORE_SCHEMA_VERSION in one transaction. Foreign keys are off
 * meanwhile, as SQLite requires for rebuilding a table others refer to, and
 * every reference is checked before the commit. */
static int migrate(struct store *s, struct err *e)
{
	int rc, rc_on, from = 0, bad = 0;
	store_exec(s, "PRAGMA foreign_keys=OFF", "cannot configure the database", NULL);
	if ((rc = store_begin(s, e)))
		goto out;
	/* another process may have migrated while this one waited for the lock */
	if ((rc = pragma_int(s, "PRAGMA user_version", &from, e)))
		goto fail;
	for (int v = from; v < STORE_SCHEMA_VERSION; v++) {
		char what[64];
		snprintf(what, sizeof what, "cannot migrate the schema to version %d", v + 1);
		rc = store_exec(s, store_migrations[v], what, e);
		if (rc)
			goto fail;
	}
	/* schema 4 keeps each task's state in current, folded in C */
	if (from < 4 && (rc = store_state_rebuild(s, e)))
		goto fail;
	/* schema 6 chains the append-only rows: link those already here and
	 * create the triggers of any kind a migration added */
	if ((rc = store_chain_install(s, e)))
		goto fail;
	{
		char sql[96];
		snprintf(sql, sizeof sql, "PRAGMA application_id=%d; PRAGMA user_version=%d",
			 STORE_APPLICATION_ID, STORE_SCHEMA_VERSION);
		rc = store_exec(s, sql, "cannot write the schema version", e);
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
	rc_on = store_exec(s, "PRAGMA foreign_keys=ON", "cannot configure the database", rc ? NULL : e);
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

/* NULL when this user can write PATH (an existing file) and make files
 * beside it (SQLite's -wal, -shm and -journal); else why not. */
static const char *cannot_write(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? xstrndup(path, slash == path ? 1 : (size_t)(slash - path)) : xstrdup(".");
	const char *why = NULL;
	if (access(path, W_OK) != 0)
		why = errno == EROFS ? "it is on a read-only file system" : "the file is not writable by you";
	else if (access(dir, W_OK | X_OK) != 0)
		why = errno == EROFS ? "it is on a read-only file system" : "its folder is not writable by you";
	free(dir);
	return why;
}

/* PATH as an SQLite URI with query QUERY ("mode=ro"): every byte that is
 * not unreserved or '/' percent-encoded. Caller frees. */
static char *file_uri(const char *path, const char *query)
{
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("/-._~", *p))
			sb_addc(&sb, (char)*p);
		else
			sb_addf(&sb, "%%%02X", *p);
	}
	sb_addf(&sb, "?%s", query);
	return sb_detach(&sb);
}

/* Open S->path for reading only: SQLite's read-only mode, which reads a WAL
 * database through its shared-memory file; where that file cannot be made
 * (a folder the user cannot write) and there is no WAL content another
 * process is writing, as an immutable file. */
static int open_readonly(struct store *s, struct err *e)
{
	char *uri = file_uri(s->path, "mode=ro");
	struct stat wal;
	int rc = sqlite3_open_v2(uri, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(s->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		return 0;
	{
		struct strbuf sb = STRBUF_INIT;
		sb_addf(&sb, "%s-wal", s->path);
		rc = stat(sb_str(&sb), &wal) == 0 && wal.st_size > 0;
		sb_release(&sb);
	}
	if (rc)
		return err_set(e, ERR_DB, "cannot read database '%s': it is read-only for you (%s) and another "
			       "process is writing it; try again when it has finished", s->path, s->readonly);
	sqlite3_close(s->db);
	s->db = NULL;
	uri = file_uri(s->path, "immutable=1");
	rc = sqlite3_open_v2(uri, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	return rc == SQLITE_OK ? 0 : store_fail(s, rc, "cannot open the database", e);
}

const char *store_readonly(const struct store *s)
{
	return s->readonly;
}

int store_open(const char *path, int flags, struct store **out, struct err *e)
{
	struct store *s;
	struct stat st;
	int rc, appid = 0, version = 0, ntables = 0;
	int memory = !strcmp(path, ":memory:");
	int exists = memory || stat(path, &st) == 0;
	int oflags = (flags & STORE_READONLY) ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	const char *denied = NULL;     /* why this user cannot write it, if not */

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
	if (!memory && exists) {
		s->readonly = denied = cannot_write(path);
		if (!s->readonly && (flags & STORE_READONLY))
			s->readonly = "it was opened for reading only";
	}
	if (s->readonly) {
		flags |= STORE_READONLY;
		if ((rc = open_readonly(s, e)))
			goto fail;
	} else {
		rc = sqlite3_open_v2(path, &s->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
		if (rc != SQLITE_OK) {
			rc = store_fail(s, rc, "cannot open the database", e);
			goto fail;
		}
	}
	sqlite3_extended_result_codes(s->db, 1);
	/* the chain's triggers call it: without it (in the sqlite3 shell) every
	 * write to a chained table fails */
	if (store_chain_register(s)) {
		rc = store_fail(s, sqlite3_errcode(s->db), "cannot open the database", e);
		goto fail;
	}
	sqlite3_busy_timeout(s->db, store_busy_timeout_ms());
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
	rc = store_exec(s, "PRAGMA foreign_keys=ON", "cannot configure the database", e);
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
			if (denied)
				rc = err_set(e, ERR_DB, "database '%s' has schema version %d and needs migrating, "
					     "but it is read-only for you (%s): ask someone who may write it to "
					     "run duban on it once", path, version, denied);
			else
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
	if (st && store_step(st) == SQLITE_ROW)
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
