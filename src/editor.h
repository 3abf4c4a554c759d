/* The user's own editor ($VISUAL, else $EDITOR, else vi) on a note, for both
 * faces: the command line runs it when no note was given on a terminal, the
 * UI from its note editor (wrapping the call in its suspend and resume). */
#ifndef DUBAN_EDITOR_H
#define DUBAN_EDITOR_H

#include "src/err.h"

/* The editor command that editor_run would start. */
const char *editor_command(void);

/* Write INITIAL (may be NULL) to a new private temporary file, run the editor
 * on it and wait, then read the text back into *TEXT (caller frees; trailing
 * newlines removed). The file is removed when its text came back. When the
 * editor fails (cannot start, exits non-zero, killed) or the text cannot be
 * read, the file is kept, E names it so nothing typed is lost, and the return
 * is -ERR_IO. */
int editor_run(const char *initial, char **text, struct err *e);

#endif
