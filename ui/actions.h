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

#endif
