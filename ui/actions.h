/* The key bindings of the browse view (tig's keymap): one table of key, name,
 * description and handler, which the help view lists as it is. */
#ifndef DUBAN_UI_ACTIONS_H
#define DUBAN_UI_ACTIONS_H

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <wchar.h>

#include "ui/app.h"

struct ui_binding {
	int kind;              /* OK for a character, KEY_CODE_YES for a curses key */
	wint_t key;
	const char *keyname;   /* as the help shows it: "j", "Down", "C-l" */
	const char *name;      /* the action: "move-down" */
	const char *desc;
	void (*fn)(struct app *a);
};

/* The table, ended by an entry with fn NULL. */
extern const struct ui_binding ui_bindings[];

/* Run the action bound to the key; 0 when nothing is bound to it. */
int ui_actions_key(struct app *a, int kind, wint_t ch);
/* Free what a dialogue in progress holds. */
void ui_actions_free(void);

#endif
