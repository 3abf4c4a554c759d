/* The terminal UI (ncursesw): the only part of duban that includes curses.
 * It calls src/ and store/ functions, never SQL. */
#ifndef DUBAN_UI_H
#define DUBAN_UI_H

#include "src/err.h"
#include "store/store.h"

struct ui_opts {
	int color;            /* -1 auto (terminal colours unless NO_COLOR is set), 0 never, 1 always */
	const char *script;   /* a keystroke script to run instead of reading the keyboard, or NULL */
	const char *dump;     /* with script: write the final screen here, or NULL */
	const char *db_path;  /* shown in the status line */
	const char *notice;   /* said once on the message line at start (the locale switched), or NULL */
};

/* Run the UI on S as LOGIN until the user quits. Returns 0, or a negative
 * code with E set (the terminal is restored before returning). */
int ui_main(struct store *s, const char *login, const struct ui_opts *o, struct err *e);

#endif
