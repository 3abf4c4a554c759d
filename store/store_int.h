/* Internals shared by the files of store/: the handle, the statement cache and
 * SQLite error mapping. Not for use outside store/. */
#ifndef DUBAN_STORE_INT_H
#define DUBAN_STORE_INT_H

#include <sqlite3.h>

#include "store/store.h"

#define STORE_STMT_CACHE 96

struct store {
	sqlite3 *db;
	char *path;
	int created;
	int in_txn;
	struct { const char *sql; sqlite3_stmt *st; } cache[STORE_STMT_CACHE];
	size_t ncache;
};

/* A prepared statement for SQL (a string literal: the cache keys on its
 * address), reset and with bindings cleared. NULL on error, with E filled. */
sqlite3_stmt *store_stmt(struct store *s, const char *sql, struct err *e);

/* Turn SQLite result RC into an err naming the database and what to do.
 * WHAT says what was being done ("cannot record progress"). Returns -code. */
int store_fail(struct store *s, int rc, const char *what, struct err *e);

/* Step ST, an INSERT, UPDATE or DELETE, to its end. 0, or the code of
 * store_fail(WHAT). */
int store_step_done(struct store *s, sqlite3_stmt *st, const char *what, struct err *e);

/* Column text as a new string ("" for NULL). */
char *store_col_str(sqlite3_stmt *st, int col);

/* Bind helpers: text (NULL binds NULL) and int. */
void store_bind_text(sqlite3_stmt *st, int idx, const char *s);
/* Text that stays valid until the statement has been stepped and reset: not
 * copied. */
void store_bind_static(sqlite3_stmt *st, int idx, const char *s);

/* -ERR_DENIED unless LOGIN acts as the office; WHAT completes "only the
 * joint conference office may ..." in the message. */
int store_require_office(struct store *s, const char *login, const char *what, struct err *e);

/* Check, inside the caller's transaction, that LOGIN may write for DEPT on
 * TASK: the task exists and is not retired, DEPT is on it, and LOGIN is the
 * office or DEPT's liaison. *ROLE gets DEPT's role. Used by progress,
 * evidence and checklist import so that every path keeps the same rules. */
int store_check_write(struct store *s, const char *login, const char *task, const char *dept,
		      enum role *role, struct err *e);

/* A random 128-bit id as 32 hex digits: unique across offices. */
void store_new_id(char out[33]);
/* UTC time with milliseconds, "2024-07-01T08:00:00.123Z", into BUF (>= 28). */
void store_now_ms(char *buf, size_t n);

/* The field checks of a progress record (period, status, UTF-8 note). */
int store_progress_check_fields(const struct progress_in *in, struct err *e);
/* Insert one progress record and make it the current one of its (task,
 * department), inside the caller's transaction, after the caller's checks.
 * ID gets its new id. The one place a record is written. */
int store_progress_insert(struct store *s, const char *login, const struct progress_in *in,
			  char id[33], struct err *e);

/* Current time as "YYYY-MM-DDTHH:MM:SSZ" into BUF (>= 21 bytes). */
void store_now(char *buf, size_t n);

#endif
