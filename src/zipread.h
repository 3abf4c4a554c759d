/* Reading the parts of a ZIP container held in memory (.docx, .xlsx), through
 * libzip, with the limits that keep a hostile archive harmless: a bounded
 * number of entries, and every part read is checked against both its declared
 * size and the bytes that actually come out (a zip bomb is refused, not
 * unpacked). */
#ifndef DUBAN_ZIPREAD_H
#define DUBAN_ZIPREAD_H

#include <stddef.h>

#include "src/err.h"

/* The most any one part may unpack to, and all parts of one file together. */
#define ZIPREAD_PART_MAX  (64u * 1024 * 1024)
#define ZIPREAD_TOTAL_MAX (256u * 1024 * 1024)
/* A part whose unpacked size is more than this many times its packed size
 * (and over 1 MiB) is taken for a bomb. */
#define ZIPREAD_RATIO_MAX 1000

struct zipread;

/* 1 when BUF starts like a ZIP archive ("PK\3\4"). */
int zipread_is_zip(const char *buf, size_t len);

/* Open the LEN bytes at BUF (which must stay valid until zipread_close) as a
 * ZIP archive read from NAME (named in messages). Returns 0 and sets *OUT, or
 * -ERR_INPUT with E saying the file is damaged or not an archive. */
int zipread_open(const char *buf, size_t len, const char *name, struct zipread **out,
		 struct err *e);
void zipread_close(struct zipread *z);

/* 1 if the archive has an entry called PATH. */
int zipread_has(struct zipread *z, const char *path);

/* The bytes of entry PATH, NUL-terminated, in *OUT (caller frees) and *LEN.
 * -ERR_NOTFOUND (E set) when there is no such entry; -ERR_INPUT when the entry
 * is damaged, encrypted, bigger than ZIPREAD_PART_MAX or the archive's total,
 * or unpacks to more than it declares or than ZIPREAD_RATIO_MAX times its
 * packed size. */
int zipread_get(struct zipread *z, const char *path, char **out, size_t *len, struct err *e);

#endif
