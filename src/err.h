/* Errors that a user can act on. Library code (src/, store/) fills a struct err
 * and returns a negative code; only the CLI and the UI decide how to show it and
 * which exit status follows. */
#ifndef DUBAN_ERR_H
#define DUBAN_ERR_H

#include <stddef.h>

/* Exit statuses, also used (negated) as library return codes. Listed in the man page. */
enum err_code {
	ERR_OK = 0,
	ERR_INTERNAL = 1,  /* a bug or an out-of-memory condition */
	ERR_USAGE = 2,     /* bad command-line arguments */
	ERR_INPUT = 3,     /* a document, CSV or note that cannot be taken as it is */
	ERR_NOTFOUND = 4,  /* unknown task, department, plan, user, evidence */
	ERR_DENIED = 5,    /* the role rules refuse the action */
	ERR_CONFLICT = 6,  /* someone else changed what the action was based on */
	ERR_DB = 7,        /* the database cannot be used: not duban's, read-only, locked, full, damaged */
	ERR_IO = 8,        /* a file could not be read or written */
	ERR_VERIFY = 9     /* duban verify found a row, link, trigger or head that does not fit */
};

struct err {
	int code;        /* an enum err_code, 0 when nothing went wrong */
	char msg[1024];  /* lowercase, names the subject in quotes and what to do */
};

/* Fill E (if not NULL) with CODE and a printf-style message; returns -CODE so
 * callers can write `return err_set(e, ERR_INPUT, "...")`. */
int err_set(struct err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Reset E to "no error". */
void err_clear(struct err *e);

#endif
