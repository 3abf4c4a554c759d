/* The help view: a key-binding table handed to it, the status letters and
 * markers. It knows the bindings as data only (actions.c owns the table and
 * opens the help), so the arrows point from actions to help. */
#ifndef DUBAN_UI_HELP_H
#define DUBAN_UI_HELP_H

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

/* Open the help on KEYS, a table ended by an entry with fn NULL, which
 * must outlive the help (a static table). */
void ui_help_open(struct app *a, const struct ui_binding *keys);

#endif
