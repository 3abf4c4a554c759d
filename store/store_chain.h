/* Tamper evidence: every append-only row of the database (progress records,
 * reviews, evidence, lead changes, user changes, the opening and closing of
 * reporting periods) has a link in one hash chain, and this checks it. What
 * the chain proves and what it does not is in the README's threat model. */
#ifndef DUBAN_STORE_CHAIN_H
#define DUBAN_STORE_CHAIN_H

#include <stddef.h>

#include "src/err.h"

struct store;

/* The chain's head in short form: the number of its newest link, a colon and
 * the first 16 hex digits of that link's hash, "1234:9f3ab2c4d5e6f708";
 * "0:0000000000000000" while nothing is chained. */
#define STORE_CHAIN_HEAD_SIZE 48

/* Write the head's short form into OUT, read in one statement (the head of
 * what was committed when it runs). 0, or -ERR_DB with E filled. Reports,
 * checklists and bulletins print it so that a later edit of anything written
 * before can be proven against the printed copy (duban verify --head). */
int store_chain_head(struct store *s, char out[STORE_CHAIN_HEAD_SIZE], struct err *e);

/* What duban verify finds, each a row, link or trigger that does not fit. */
enum verify_kind {
	VERIFY_TRIGGER,     /* a chain trigger missing or not as duban writes it */
	VERIFY_GUARD,       /* a table's trigger refusing updates or deletes missing */
	VERIFY_EDITED,      /* a row no longer matches its link */
	VERIFY_DELETED,     /* a link whose row is gone */
	VERIFY_GAP,         /* links missing from the chain's numbering */
	VERIFY_ORDER,       /* a row chained after one written later than it */
	VERIFY_STRAY,       /* a link naming nothing duban chains */
	VERIFY_UNCHAINED,   /* a row without a link */
	VERIFY_USER,        /* the users table does not follow its log */
	VERIFY_BLOB,        /* a stored file no longer has its SHA-256 */
	VERIFY_HEAD,        /* the printed head given is not a link of the chain */
	VERIFY_COUNT
};

struct verify_problem {
	enum verify_kind kind;
	long long link;    /* the link's number; 0 when none */
	char *table;       /* the chained kind ("progress", "periods_closed"), "" when none */
	char *key;         /* the row's key (a record id, a login, a period), "" when none */
	char *msg;         /* one sentence naming the row and what happened */
};

/* At most this many problems are kept; nproblems counts them all. */
#define VERIFY_KEEP 50

struct verify_result {
	long long links;             /* links walked */
	char head[STORE_CHAIN_HEAD_SIZE];
	int triggers;                /* chain triggers found as written */
	long long users, user_changes, blobs;
	struct verify_problem *problems;  /* in the order found: triggers, the chain by
					     link, unchained rows, users, files, head */
	size_t nproblems, nkept;
};

/* Walk the chain inside one read transaction: every link's row must exist and
 * hash to the link (given the link before it), links must be numbered 1, 2,
 * ... without gaps, and each row written no earlier (to the second) than the
 * row before it (rows applied from change files excepted: they carry their
 * senders' times); every chained row must have a link; each chained table must
 * have its chain trigger exactly as duban writes it and triggers refusing
 * updates and deletes; the users table must be what its log of changes says;
 * every stored file must have its SHA-256. HEAD (NULL: none), a short form
 * printed earlier ("1234:9f3a...", at least 8 hex digits), must be a link of
 * the chain. 0 with *OUT filled (nproblems 0: the database verifies), to
 * release with store_verify_release; -ERR_USAGE for a HEAD that is not a short
 * form; -ERR_DB when the database cannot be read. */
int store_verify(struct store *s, const char *head, struct verify_result *out, struct err *e);
void store_verify_release(struct verify_result *r);

#endif
