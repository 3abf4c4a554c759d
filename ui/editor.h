/* The note editor: several lines of text typed with get_wch (Chinese input
 * works), Enter for a new line, Ctrl-D or F2 to save, Esc to cancel, Ctrl-E
 * to continue in $EDITOR. Text whose save fails stays in the editor. */
#ifndef DUBAN_UI_EDITOR_H
#define DUBAN_UI_EDITOR_H

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <wchar.h>

#include "src/err.h"
#include "ui/app.h"

/* Open the editor titled TITLE on INIT (may be NULL) and switch to
 * UI_M_EDITOR. SAVE gets the text; 0 closes the editor, an error keeps the
 * text there with E's message shown. */
void ui_editor_start(struct app *a, const char *title, const char *init,
		     int (*save)(struct app *a, const char *text, struct err *e));
void ui_editor_key(struct app *a, int kind, wint_t ch);
/* Draw over rows 0..H-1; places the terminal cursor. */
void ui_editor_draw(struct app *a, int h, int w);
void ui_editor_free(struct app *a);

#endif
