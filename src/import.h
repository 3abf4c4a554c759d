/* Importing plan documents: read, parse, resolve departments, and store the
 * plan in one transaction, with a report a user can read. */
#ifndef DUBAN_IMPORT_H
#define DUBAN_IMPORT_H

#include "src/dept.h"
#include "src/plan_parse.h"
#include "src/util.h"
#include "src/model.h"

struct store;

struct import_opts {
	const char *key;             /* --key, or NULL for the document's own */
	const char *title;           /* --title, or NULL */
	int year;                    /* --year, or 0 */
	enum plan_encoding encoding; /* --encoding, ENC_AUTO by default */
	int dry_run;                 /* parse and check everything, store nothing */
	int replace;                 /* let a different title replace the plan under KEY */
	int confirm;                 /* accept a corrected text that leaves records on text they
				      * were not made for (changed beyond recognition, retired) */
	const char *who;             /* login recorded as importer */
	const struct dept_table *depts; /* the alias table to seed from, or NULL */
};

/* Import the document at PATH into S, in any format plan_read reads. Appends
 * a summary to OUT ("imported '2024.txt' as plan 2024 …", the numbered items
 * left untracked, with DRY_RUN the outline found) and one line per warning to
 * WARN ("2024.txt:19: warning: …"). Returns 0 when the plan was stored, found
 * unchanged, or recognised as a summary with no tasks (nothing stored, OUT
 * says so); otherwise a negative code with E set and the database as before. */
int import_file(struct store *s, const char *path, const struct import_opts *o,
		struct strbuf *out, struct strbuf *warn, struct err *e);

/* The same for the N files at PATHS in one transaction: all are stored or,
 * when one fails (E names it and says nothing was kept), none. */
int import_files(struct store *s, char *const *paths, size_t n, const struct import_opts *o,
		 struct strbuf *out, struct strbuf *warn, struct err *e);

/* The same for LEN bytes at BUF that came from PATH (named in messages). */
int import_buffer(struct store *s, const char *path, const char *buf, size_t len,
		  const struct import_opts *o, struct strbuf *out, struct strbuf *warn, struct err *e);

/* 1 if KEY is a valid plan key: 1-32 ASCII letters and digits. */
int import_key_valid(const char *key);

#endif
