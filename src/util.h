/* Small helpers every module uses: allocation that cannot return NULL, a growable
 * string buffer (git's strbuf, reduced), and file reading. Include it after the
 * system headers a file needs. */
#ifndef DUBAN_UTIL_H
#define DUBAN_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "src/err.h"

/* Allocation. On failure these call the die hook (which the UI sets so the
 * terminal is restored), print "duban: out of memory" and exit(ERR_INTERNAL). */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Grow *P (an array of *CAP elements of SIZE bytes) to hold at least NEED. */
void xgrow(void *pp, size_t *cap, size_t need, size_t size);

/* A hook run before the process exits on a fatal error (out of memory). */
void util_set_die_hook(void (*hook)(void));
void util_die(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

/* A growable NUL-terminated byte string. A zeroed struct is a valid empty one;
 * sb_release frees it and leaves it empty again. */
struct strbuf {
	char *buf;
	size_t len;
	size_t cap;
};
#define STRBUF_INIT { NULL, 0, 0 }
void sb_add(struct strbuf *sb, const char *s, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addc(struct strbuf *sb, char c);
void sb_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void sb_reset(struct strbuf *sb);
/* Always a valid C string, "" for an empty buffer. */
const char *sb_str(const struct strbuf *sb);
/* Hand the buffer to the caller (who frees it) and leave SB empty. */
char *sb_detach(struct strbuf *sb);
void sb_release(struct strbuf *sb);

/* Read the whole file PATH into *BUF (NUL-terminated, caller frees) and *LEN.
 * Refuses files over MAX bytes, directories and unreadable files with a message
 * naming PATH. Returns 0 or -ERR_IO / -ERR_INPUT. */
int util_read_file(const char *path, size_t max, char **buf, size_t *len, struct err *e);

/* The time now into *TS. For tests, root may set DUBAN_NOW to seconds since
 * the epoch (a scripted history made at chosen times: a report on time, one
 * a day late); anyone else's DUBAN_NOW is ignored, so no one backdates a
 * record. Every clock of duban's records, periods and deadlines reads this. */
struct timespec;
void util_now(struct timespec *ts);

/* 1 if S begins with PREFIX. */
int util_starts_with(const char *s, const char *prefix);

#endif
