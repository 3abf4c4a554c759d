/* Files the command line writes (reports, checklists, evidence taken back
 * out): whole or not at all, through a temporary file beside the target
 * that is renamed onto it, so a failed write (a full disk) never costs the
 * file that was there. "-" is standard output. The rules, the same for
 * every -o:
 * - an existing file is refused unless the verb was given --force
 *   (cli_write_replace); a link, folder, device, pipe or socket never is a
 *   target, --force or not, and nothing is ever written through a link;
 * - a new file is made mode 0666 less the umask (a report or checklist is
 *   made to be sent on; its notes are no more private than the database,
 *   which is shared by a group: whoever wants exports private sets a umask
 *   of 077);
 * - the only file ever removed is duban's own temporary file. */
#ifndef DUBAN_CLI_WRITE_H
#define DUBAN_CLI_WRITE_H

#include <stddef.h>

#include "src/err.h"

/* Whether an existing file may be replaced: set by src/cli/cli.c from the
 * running verb's --force (every verb with -o takes it), before its run. */
void cli_write_replace(int yes);

/* Write LEN bytes of DATA to PATH (NULL or "-": standard output) by the
 * rules above. 0 or -ERR_IO (E says why and what to do). */
int cli_write_file(const char *path, const char *data, size_t len, struct err *e);

/* For a writer that needs a file name of its own (libxlsxwriter): check
 * PATH by the rules above, then create an empty temporary file beside it
 * (same folder, so the rename is atomic); its name in *TMP (caller frees,
 * or hands it to cli_temp_commit). 0 or -ERR_IO. */
int cli_temp_beside(const char *path, char **tmp, struct err *e);
/* Move the finished TMP onto PATH (refusing, as cli_temp_beside does, a
 * target that has appeared meanwhile), or remove it when RC says the
 * writing failed; frees TMP. Returns RC, or -ERR_IO. */
int cli_temp_commit(char *tmp, const char *path, int rc, struct err *e);

/* Have MAKE (a writer of a file by name, like an XLSX workbook) write to PATH
 * whole or not at all (a temporary file beside it, then renamed); with PATH
 * NULL or "-", to a temporary file copied to standard output, refused on a
 * terminal (WHAT names the kind of file: "an XLSX workbook"). Returns MAKE's
 * code, or -ERR_IO / -ERR_USAGE. */
int cli_write_made(const char *path, const char *what,
		   int (*make)(const void *arg, const char *file, struct err *e), const void *arg,
		   struct err *e);

/* Whether PATH ("-": standard output) may be written by the rules above,
 * FORCE allowing an existing file to be replaced, and its folder is one to
 * write in: for a verb that writes to the database before its file (sync),
 * to refuse before it does. 0 or -ERR_IO. */
int cli_write_check(const char *path, int force, struct err *e);

/* cli_write_file for bytes that are not text (a stored evidence file), with
 * the replacing allowed by FORCE. */
int cli_write_new(const char *path, const void *data, size_t len, int force, struct err *e);

#endif
