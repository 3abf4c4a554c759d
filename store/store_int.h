/* Internals shared by the files of store/: the handle, the statement cache,
 * SQLite error mapping and the reading of result rows into structs. Not for
 * use outside store/. */
#ifndef DUBAN_STORE_INT_H
#define DUBAN_STORE_INT_H

#include <stddef.h>
#include <sqlite3.h>

#include "store/store.h"

struct ind_value_in;
struct ind_record_result;

#define STORE_STMT_CACHE 128

struct store {
	sqlite3 *db;
	char *path;
	int created;
	int in_txn;
	const char *readonly;   /* opened for reading only because the user cannot write: why */
	struct { const char *sql; sqlite3_stmt *st; } cache[STORE_STMT_CACHE];
	size_t ncache;
};

/* A prepared statement for SQL (a string literal: the cache keys on its
 * address), reset and with bindings cleared. NULL on error, with E filled:
 * the bind helpers below do nothing with a NULL statement, and
 * store_step_done, store_rows and store_row_one return -ERR_DB for it, so a
 * caller that only binds and runs checks once, at the end. */
sqlite3_stmt *store_stmt(struct store *s, const char *sql, struct err *e);

/* Turn SQLite result RC into an err naming the database and what to do.
 * WHAT says what was being done ("cannot record progress"). Returns -code. */
int store_fail(struct store *s, int rc, const char *what, struct err *e);
/* How long a write waits for others, in ms: 15 s, or DUBAN_BUSY_TIMEOUT_MS. */
int store_busy_timeout_ms(void);
/* Run SQL (no parameters, no rows); 0 or store_fail's code with WHAT. */
int store_exec(struct store *s, const char *sql, const char *what, struct err *e);

/* Step ST, an INSERT, UPDATE or DELETE, to its end. 0, -ERR_DB for a NULL
 * ST, or the code of store_fail(WHAT). */
int store_step_done(struct store *s, sqlite3_stmt *st, const char *what, struct err *e);

/* ---- reading rows into structs (store_row.c) ----
 * A row map says, for each field of a C struct, which result column fills it
 * and how. store_rows reads every row of a statement into a new array of such
 * structs, store_row_one the one row of a lookup; store_rows_free and
 * store_row_release free what the map says a struct owns (its COL_TEXT
 * fields). A query that lists things is then its SQL, a map and one call. */

enum store_col_type {
	COL_TEXT,    /* char *: the column's text as a new string, "" for NULL */
	COL_INT,     /* int */
	COL_INT64,   /* long long */
	COL_SET,     /* int: 1 when the column is not NULL, else 0 */
	COL_NULL,    /* int: 1 when the column is NULL, else 0 */
	COL_STATUS,  /* enum status by its name; ST_NOT_STARTED for NULL or unknown */
	COL_ENUM     /* an enum: the index of the column's text in NAMES, else DFLT */
};

struct store_col {
	int col;                    /* result column, from 0 */
	enum store_col_type type;
	size_t off;                 /* offsetof the field in the struct */
	const char *const *names;   /* COL_ENUM: the names in the enum's order */
	int nnames, dflt;           /* COL_ENUM: their number; the value for any other text */
};

/* Field FIELD of struct T from column COL read as TYPE, and an enum field
 * from the names in array NAMES (DFLT for any other text and NULL). */
#define STORE_COL(T, col, type, field) { (col), (type), offsetof(T, field), NULL, 0, 0 }
#define STORE_COL_ENUM(T, col, field, names, dflt) \
	{ (col), COL_ENUM, offsetof(T, field), (names), (int)(sizeof(names) / sizeof *(names)), (dflt) }

struct store_rowmap {
	size_t size;                    /* sizeof the struct */
	const struct store_col *cols;
	size_t ncols;
};

/* The map of struct T from the array COLS. */
#define STORE_ROWMAP(T, cols) { sizeof(T), (cols), sizeof(cols) / sizeof *(cols) }

/* Every row of ST (bound and ready) into a new array of M's structs, each
 * zeroed and then filled from its columns: on success 0, *(T **)OUT the
 * array (NULL when there are no rows) and *N its length, to free with
 * store_rows_free(M, ...) or the public *_free that wraps it. On an error
 * nothing is kept: *OUT is NULL, *N 0 and the return is -ERR_DB for a NULL
 * ST (store_stmt has filled E) or store_fail's code with WHAT ("cannot list
 * plans") in E. */
int store_rows(struct store *s, sqlite3_stmt *st, const struct store_rowmap *m, void *out,
	       size_t *n, const char *what, struct err *e);

/* The one row of ST (a lookup by key) into ITEM, a struct of M. 0 with ITEM
 * filled; -ERR_NOTFOUND when there is no row, E untouched (the caller names
 * what was not found); -ERR_DB for a NULL ST; else store_fail's code for
 * WHAT. ITEM is zeroed on every error. ST is reset after a row, so it holds
 * no read open. */
int store_row_one(struct store *s, sqlite3_stmt *st, const struct store_rowmap *m, void *item,
		  const char *what, struct err *e);

/* store_row_one of SQL, a lookup whose one parameter ?1 is KEY (a text). */
int store_row_get(struct store *s, const char *sql, const char *key, const struct store_rowmap *m,
		  void *item, const char *what, struct err *e);

/* Free what M says ITEM owns and zero it; store_rows_free does so for the N
 * structs of array V, then frees V. */
void store_row_release(const struct store_rowmap *m, void *item);
void store_rows_free(const struct store_rowmap *m, void *v, size_t n);

/* The map of a char * array (column 0), freed with store_strv_free, and of
 * an int (column 0): with store_row_one, a lookup's one number or whether
 * it found a row at all. */
extern const struct store_rowmap store_strv_map;
extern const struct store_rowmap store_int_map;

/* The map of a struct status_row from STATUS_COLS (store_progress.c):
 * columns 0..8, task to lead. */
extern const struct store_rowmap status_row_map;

/* task_depts.role by enum role, for STORE_COL_ENUM. */
extern const char *const store_role_names[2];

/* Column text as a new string ("" for NULL). */
char *store_col_str(sqlite3_stmt *st, int col);

/* Bind helpers (no-ops on a NULL ST): text (NULL binds NULL), integers
 * and blobs. A bind that fails is not lost: the next store_step of ST (so
 * store_step_done, store_rows, store_row_one) returns its SQLite code
 * (SQLITE_TOOBIG for an item over the length limit) instead of stepping,
 * and store_fail words it. Every bind in store/ goes through these. */
void store_bind_text(sqlite3_stmt *st, int idx, const char *s);
void store_bind_int(sqlite3_stmt *st, int idx, long long v);
/* DATA stays valid until the statement has been stepped and reset. */
void store_bind_blob(sqlite3_stmt *st, int idx, const void *data, size_t n);
/* sqlite3_step(ST), or the code of a bind on ST that failed since it was
 * taken from the cache (then ST is not stepped). Every step in store/ goes
 * through this. */
int store_step(sqlite3_stmt *st);
/* Text that stays valid until the statement has been stepped and reset: not
 * copied. */
void store_bind_static(sqlite3_stmt *st, int idx, const char *s);

/* ---- users and the write rule (store_user.c) ---- */

/* -ERR_DENIED unless LOGIN acts as the office; WHAT completes "only the
 * joint conference office may ..." in the message. */
int store_require_office(struct store *s, const char *login, const char *what, struct err *e);
/* store_begin, then store_require_office inside the transaction; on a
 * refusal the transaction is rolled back. For the writes only the office
 * makes (users, reviews, settings). */
int store_begin_office(struct store *s, const char *login, const char *what, struct err *e);

/* 0 when TASK exists, with *RETIRED set unless RETIRED is NULL;
 * -ERR_NOTFOUND with a message saying what ids look like; or a database
 * error. */
int store_task_exists(struct store *s, const char *task, int *retired, struct err *e);

/* Check, inside the caller's transaction, that LOGIN may write for DEPT on
 * TASK: the task exists and is not retired, DEPT is on it, and LOGIN is the
 * office or DEPT's liaison. *ROLE gets DEPT's role. Used by progress,
 * evidence and checklist import so that every path keeps the same rules. */
int store_check_write(struct store *s, const char *login, const char *task, const char *dept,
		      enum role *role, struct err *e);

/* ---- ids and clocks (store.c) ---- */

/* A random 128-bit id as 32 hex digits: unique across offices. */
void store_new_id(char out[33]);
/* UTC time with milliseconds, "2024-07-01T08:00:00.123Z", into BUF (>= 28). */
void store_now_ms(char *buf, size_t n);
/* Current time as "YYYY-MM-DDTHH:MM:SSZ" into BUF (>= 21 bytes). */
void store_now(char *buf, size_t n);

/* ---- the derived state (store_state.c) ---- */

/* current.closeoff by enum review_state, for STORE_COL_ENUM. */
extern const char *const store_closeoff_names[4];
/* Fold the records of DEPT on TASK and the reviews of them into the current
 * table (src/state.h's rule), inside the caller's transaction. */
int store_state_refresh(struct store *s, const char *task, const char *dept, struct err *e);
/* store_state_refresh for every department with a record on TASK. */
int store_state_refresh_task(struct store *s, const char *task, struct err *e);
/* store_state_refresh for every (task, department) with a record. */
int store_state_rebuild(struct store *s, struct err *e);
/* store_state_refresh for each (task, department) row of SQL (prepared for
 * this call only, so it may read a database attached for a while). */
int store_state_refresh_pairs(struct store *s, const char *sql, struct err *e);

/* ---- periods and leads (store_office.c) ---- */

/* Hold a record of TASK for PERIOD to the period rules (src/status.h's plan
 * range, not in the future, open unless BACKFILL by the office); *BACKFILLED
 * tells whether it is recorded as a backfill. Inside the caller's
 * transaction. */
int store_period_check(struct store *s, const char *login, const char *task, const char *period,
		       int backfill, int *backfilled, struct err *e);
/* Set tasks.lead and the roles of TASK's departments from its newest lead
 * change (whose department is still on the task), else the document's first
 * department. */
int store_lead_apply(struct store *s, const char *task, struct err *e);

/* ---- the chain (store_chain.c) ---- */

/* Register duban_chain, the SQL function the chain's triggers call, on S's
 * connection. 0, or -ERR_DB. */
int store_chain_register(struct store *s);
/* Append the chain's encoding of V to SB: NULL "n;", an integer "i", its
 * digits and ";", a real "r%.17g;", text "t", its length, ":" and its
 * bytes, a blob "b", its length, ":" and its bytes. */
struct strbuf;
void store_chain_enc(struct strbuf *sb, sqlite3_value *v);
/* At the end of a migration, inside its transaction: for each kind of
 * chained row whose trigger is missing, create the trigger, and, if the kind
 * has no link yet, first link its rows in the order they were written (merged
 * with the other such kinds). */
int store_chain_install(struct store *s, struct err *e);

/* ---- progress (store_progress.c) ---- */

/* The field checks of a progress record (period, status, UTF-8 note). */
int store_progress_check_fields(const struct progress_in *in, struct err *e);
/* The period IN goes to (IN->period, else store_period_pick's) into PERIOD
 * (8 bytes), held to store_period_check. Inside the caller's transaction. */
int store_progress_place(struct store *s, const char *login, const struct progress_in *in,
			 char period[8], int *backfilled, struct err *e);
/* Insert one progress record for PERIOD (from store_progress_place) and fold
 * its (task, department)'s state again, inside the caller's transaction,
 * after the caller's checks. ID gets its new id. The one place a record is
 * written. INDEX: its note goes into the search index now; 0 when the
 * caller writes many and indexes them all at the end with
 * store_progress_index_since (FTS5 writes its pending rows out at every
 * later statement, which made a many-record write five times slower). */
int store_progress_insert(struct store *s, const char *login, const struct progress_in *in,
			  const char *period, int backfilled, int index, char id[33], struct err *e);
/* The last progress rowid, for store_progress_index_since; -1 on error. */
long long store_progress_last_row(struct store *s, struct err *e);
/* Index for search, in one statement, the notes of the records inserted
 * after rowid SINCE. */
int store_progress_index_since(struct store *s, long long since, struct err *e);
/* What store_progress_append does inside its transaction, in the caller's:
 * the role rules, the period, the check against IN->BASED_ON, the insert.
 * R is filled (zero it first); on an error the caller rolls back. */
int store_progress_write(struct store *s, const char *login, const struct progress_in *in,
			 struct progress_result *r, struct err *e);

/* ---- evidence (store_progress.c) ---- */

/* The checks of evidence IN that need no database (title, UTF-8, a link's
 * scheme), made before any transaction (store_evidence_insert makes them
 * too). */
int store_evidence_check_fields(const struct evidence_in *in, struct err *e);
/* Check and insert evidence IN inside the caller's transaction, held to the
 * role rules, the record it documents and the size limit; ID_OUT gets its
 * id ("" on an error). The one place evidence is written. */
int store_evidence_insert(struct store *s, const char *login, const struct evidence_in *in,
			  char id_out[33], struct err *e);

/* ---- indicators (store_indicator.c) ---- */

/* Check and append value IN for actor A inside the caller's transaction,
 * with store_indicator_record's rules; with IN->once, a value equal to the
 * period's latest is not appended again (R->same set). */
int store_indicator_record_in(struct store *s, const struct actor *a, const struct ind_value_in *in,
			      struct ind_record_result *r, struct err *e);

#endif
