/* The key bindings of the browse view (tig's keymap): one table of key, name,
 * description and handler, which is handed to the help view to list. */
#ifndef DUBAN_UI_ACTIONS_H
#define DUBAN_UI_ACTIONS_H

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <wchar.h>

#include "ui/app.h"
#include "ui/help.h"

/* The table, ended by an entry with fn NULL. */
extern const struct ui_binding ui_bindings[];

/* Run the action bound to the key; 0 when nothing is bound to it. */
int ui_actions_key(struct app *a, int kind, wint_t ch);
/* Free what a dialogue in progress holds. */
void ui_actions_free(void);
/* The first screen: a liaison lands on its department's tasks still to
 * report, the office hears what waits for it (close-offs to review,
 * departments past a due date); NOTICE (may be NULL) is said first. */
void ui_actions_start(struct app *a, const char *notice);
/* The name of filter A->SHOW ("to report", "behind", ...). */
const char *ui_actions_show_name(int show);

#endif
