/* Sites and change files in the store (issue 17): this database's site, the
 * peers it trusts, which of its rows a peer has not acknowledged, the
 * changeset (SQLite's session extension) of those rows, and the applying of
 * a peer's changeset row by row under the role rules, in one transaction.
 * The file around the changeset (header, compression, signature) is
 * src/sync.c's. Same conventions as store.h: 0 or a negative enum err_code
 * with E filled; what is handed back belongs to the caller. */
#ifndef DUBAN_STORE_SYNC_H
#define DUBAN_STORE_SYNC_H

#include <stddef.h>

#include "src/err.h"

struct store;

/* The tables a change file carries, in the order a site applies them. An
 * office's file carries only records, stored files, evidence, indicator
 * values and their sources; the rest are the centre's alone (a file from
 * an office carrying one is refused). */
enum sync_table_id {
	SYNC_T_DEPARTMENTS, SYNC_T_DEPT_ALIASES, SYNC_T_PLANS, SYNC_T_CHAPTERS, SYNC_T_SECTIONS,
	SYNC_T_TASKS, SYNC_T_TASK_DEPTS, SYNC_T_INDICATORS, SYNC_T_INDICATOR_TARGETS,
	SYNC_T_INDICATOR_DEPTS, SYNC_T_PERIODS, SYNC_T_PROGRESS, SYNC_T_REVIEWS,
	SYNC_T_LEAD_CHANGES, SYNC_T_BLOBS, SYNC_T_EVIDENCE, SYNC_T_INDICATOR_VALUES,
	SYNC_T_INDICATOR_SOURCES, SYNC_T_COUNT
};

/* The table's name ("progress") and what N of its rows are ("record",
 * "records"). */
const char *store_sync_table_name(int t);
const char *store_sync_table_noun(int t, long long n);

/* A site name: 1 to 64 bytes of UTF-8, no space or control character. */
int store_sync_name_valid(const char *name);

/* ---- this site ---- */

struct store_sync_site {
	char *id;          /* 32 hex digits */
	char *name;
	char *public_hex;  /* the Ed25519 public key, 64 hex digits; "" before keygen */
	long long serial;  /* the number of the last change file written */
	long long head;    /* the newest link of the chain */
};

/* This database's site; -ERR_NOTFOUND (with a message saying to run sync
 * init) when it is none. Release with store_sync_site_release. */
int store_sync_site_get(struct store *s, struct store_sync_site *out, struct err *e);
void store_sync_site_release(struct store_sync_site *x);

/* Make this database the site NAME with a new random id (ID_OUT, 33
 * bytes); office only; refused when it is a site already. AGAIN: a site
 * takes a new id (and NAME), keeping its key and peers, and forgets what
 * they acknowledged: for a database put back from a backup, whose link
 * numbers its peers have seen already. */
int store_sync_init(struct store *s, const char *login, const char *name, int again, char id_out[33],
		    struct err *e);

/* Keep the site's key pair (hex: the 32-byte private key and its public
 * key); office only. A site with a key keeps it unless REPLACE. */
int store_sync_key_set(struct store *s, const char *login, const char *secret_hex,
		       const char *public_hex, int replace, struct err *e);

/* The site's private key, for signing (office only); -ERR_NOTFOUND saying
 * to run sync keygen when it has none. SECRET_HEX: 65 bytes. */
int store_sync_secret(struct store *s, const char *login, char secret_hex[65], struct err *e);

/* ---- peers ---- */

enum store_sync_role { SYNC_ROLE_CENTRE, SYNC_ROLE_OFFICE };

struct store_sync_peer {
	char *id, *name, *key_hex;
	enum store_sync_role role;
	char **depts; size_t ndepts;      /* an office's departments */
	long long acked;                  /* this site's links the peer holds */
	long long received;               /* the peer's links held here */
	/* the last change file written for it and the last applied from it
	 * (serial 0: none), and the last receipt applied from it */
	long long out_serial, out_from, out_to, out_rows; char *out_at;
	long long in_serial, in_from, in_to, in_rows, in_fresh, in_conflicts; char *in_at;
	char *receipt_at;
	/* rows an export would carry now (status only), by table */
	long long pending[SYNC_T_COUNT];
	/* this site's rows it will never carry (an office's reviews, periods,
	 * lead changes and indicator values without a department) */
	long long kept;
};

/* Trust the site ID called NAME with public key KEY_HEX: as an office
 * speaking for DEPTS (canonical names), or, with NDEPTS 0, as this site's
 * centre (one at most). Trusting a peer again replaces its name, key and
 * departments (*UPDATED 1); a peer of the same name with another id (a
 * site made again after a backup was put back) is replaced by this one
 * (*UPDATED 2). Office only. Refused: this site itself. */
int store_sync_trust(struct store *s, const char *login, const char *id, const char *name,
		     const char *key_hex, char *const *depts, size_t ndepts, int *updated,
		     struct err *e);

/* The peer named WHO (a name or an id); -ERR_NOTFOUND naming the peers
 * there are. WITH_STATUS also fills the files, the pending counts and kept.
 * Release with store_sync_peer_release. */
int store_sync_peer_get(struct store *s, const char *who, int with_status, struct store_sync_peer *out,
			struct err *e);
void store_sync_peer_release(struct store_sync_peer *p);
/* Every peer with its status, by name. Free with store_sync_peers_free. */
int store_sync_peers(struct store *s, struct store_sync_peer **out, size_t *n, struct err *e);
void store_sync_peers_free(struct store_sync_peer *v, size_t n);

/* When this site last wrote or applied a change file or receipt ("YYYY-MM-
 * DDTHH:MM:SSZ", 32 bytes), for the terminal's status line: 0, or
 * -ERR_NOTFOUND when the database is no site or never exchanged a file. */
int store_sync_last_exchange(struct store *s, char at[32], struct err *e);

/* ---- export ---- */

/* What a change file carries, filled by store_sync_export before FINISH is
 * called, and what store_sync_apply reads from a file's header. */
struct store_sync_head {
	char from[33], to[33];            /* site ids */
	char from_name[65], to_name[65];
	int receipt;                      /* 1: a receipt (no rows) */
	long long serial;                 /* the sender's file number (a receipt: its last) */
	long long first, last;            /* the sender's links it covers (a receipt: 0 0) */
	long long ack;                    /* the receiver's links the sender holds */
	long long rows;                   /* rows in the changeset */
	long long count[SYNC_T_COUNT];    /* export: rows by table */
	long long kept;                   /* export: this site's rows it will never carry */
};

/* Callbacks of an export: WRITE takes the changeset's bytes as they come
 * (0, or non-zero to stop with an error it has put in the FINISH context);
 * FINISH, called inside the transaction once the changeset is whole and
 * the file recorded, makes the file (0, or an error code with E filled:
 * then nothing is recorded). */
struct store_sync_sink {
	int (*write)(void *ctx, const void *data, int n);
	int (*finish)(void *ctx, const struct store_sync_head *h, struct err *e);
	void *ctx;
};

/* Write, as SQLite's changeset, what peer TO (a name or an id) has not
 * acknowledged and record the file, in one transaction; office only. Rows the peer sent here never go
 * back to it. To the centre an office sends only its records, stored
 * files, evidence and indicator values; to an office the centre sends
 * everything. *H says what the file carries. */
int store_sync_export(struct store *s, const char *login, const char *to,
		      const struct store_sync_sink *sink, struct store_sync_head *h, struct err *e);

/* ---- apply ---- */

enum store_sync_outcome {
	SYNC_APPLIED,     /* rows were applied (some perhaps held already) */
	SYNC_HELD,        /* the file holds nothing this site has not applied: nothing changed */
	SYNC_ACKED,       /* a receipt (or a file's acknowledgement) was taken */
	SYNC_ACK_HELD     /* a receipt already taken: nothing changed */
};

struct store_sync_result {
	enum store_sync_outcome outcome;
	char *peer;                       /* the sender's name */
	long long received;               /* the sender's links held here now */
	long long acked;                  /* this site's links the sender holds now */
	long long rows;                   /* rows the file carried */
	long long carried[SYNC_T_COUNT];  /* by table */
	long long fresh[SYNC_T_COUNT];    /* of which new here (changed, for plans and the like) */
	char **notes; size_t nnotes;      /* conflicts and warnings, one sentence each */
	size_t nconflicts;
};

/* The changeset of a verified file, read by READ as sqlite3changeset_start_strm
 * reads (up to *N bytes into BUF, *N set to the number read, 0 at the end;
 * returns 0, or non-zero for a damaged file). */
struct store_sync_in {
	const struct store_sync_head *head;
	const char *sha256;               /* of the file's payload, kept in the log */
	int (*read)(void *ctx, void *buf, int *n);
	void *ctx;
};

/* Apply a file IN whose signature src/sync.c has verified against the key
 * of peer IN->head->from, in one transaction; office only. Refused: a file
 * for another site, from a site not trusted (or no longer), with a gap
 * before it (a file between was never applied), or carrying any row that
 * breaks a rule (the message names the row and the rule): then nothing is
 * written. A file whose links were all applied already changes nothing
 * (SYNC_HELD). DRY_RUN does everything and keeps nothing. Release R with
 * store_sync_result_release. */
int store_sync_apply(struct store *s, const char *login, const struct store_sync_in *in, int dry_run,
		     struct store_sync_result *r, struct err *e);
void store_sync_result_release(struct store_sync_result *r);

#endif
