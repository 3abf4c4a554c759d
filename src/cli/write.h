/* Files the command line writes: a report or checklist whole or not at all
 * (a temporary file beside it, then renamed), and a stored evidence file
 * byte for byte to exactly the path given. "-" is standard output. */
#ifndef DUBAN_CLI_WRITE_H
#define DUBAN_CLI_WRITE_H

#include <stddef.h>

#include "src/err.h"

/* Write LEN bytes of DATA to PATH (NULL or "-": standard output). A file is
 * written whole or not at all: into a temporary file beside it, then renamed;
 * the file is mode 0644. 0 or -ERR_IO. */
int cli_write_file(const char *path, const char *data, size_t len, struct err *e);

/* A temporary file beside PATH (same folder, so rename is atomic), created
 * empty, mode 0644: its name in *TMP (caller frees, or hands it to cli_temp_commit). */
int cli_temp_beside(const char *path, char **tmp, struct err *e);
/* Move the finished TMP onto PATH, or remove it when RC says it failed; frees
 * TMP. Returns RC, or -ERR_IO when the rename fails. */
int cli_temp_commit(char *tmp, const char *path, int rc, struct err *e);

/* Have MAKE (a writer of a file by name, like an XLSX workbook) write to PATH
 * whole or not at all (a temporary file beside it, then renamed); with PATH
 * NULL or "-", to a temporary file copied to standard output, refused on a
 * terminal (WHAT names the kind of file: "an XLSX workbook"). Returns MAKE's
 * code, or -ERR_IO / -ERR_USAGE. */
int cli_write_made(const char *path, const char *what,
		   int (*make)(const void *arg, const char *file, struct err *e), const void *arg,
		   struct err *e);

/* Write LEN bytes of DATA to PATH (or "-": standard output), creating it and
 * refusing an existing file unless FORCE; never follows a link; mode 0644
 * less the umask. 0 or -ERR_IO. */
int cli_write_new(const char *path, const void *data, size_t len, int force, struct err *e);

#endif
