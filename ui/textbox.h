/* A box of editable text with a cursor, for the prompt (one line), the note
 * editor and the report form (both): typing, Backspace, Delete, Left,
 * Right, Home and End (and C-a, C-e, C-u, C-k), and in a multi-line box
 * Enter, Tab, Up, Down, PgUp and PgDn. The text is UTF-8; widths come from src/text.h. */
#ifndef DUBAN_UI_TEXTBOX_H
#define DUBAN_UI_TEXTBOX_H

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <wchar.h>

#include "src/util.h"
#include "ui/draw.h"

struct ui_textbox {
	struct strbuf text;
	size_t cur;        /* byte offset of the cursor */
	int top;           /* multi: the first visual line shown */
	int multi;         /* 1: Enter starts a line and the text wraps; 0: one line */
	int width;         /* the width of the last layout (Up and Down go by it) */
	int rows;          /* multi: the rows it was last drawn on (PgUp and PgDn go by them) */
};

/* Replace the text with S (NULL: empty), the cursor at its end. */
void ui_textbox_set(struct ui_textbox *t, const char *s);
void ui_textbox_release(struct ui_textbox *t);
/* Apply key KIND/CH (as ui_input_get gives it). 1 when it was an editing
 * or moving key (C-e only in a one-line box: the note editor has its own
 * use for it), 0 when it is left to the caller. */
int ui_textbox_key(struct ui_textbox *t, int kind, wint_t ch);
/* Visual lines of the text at W columns (multi: wrapped; one line: 1). */
int ui_textbox_rows(struct ui_textbox *t, int w);
/* Draw the text in rows Y..Y+H-1, columns X..X+W-1, painted P: a
 * multi-line box wrapped and scrolled so the cursor is shown, rows past the
 * text marked '~' when MARK_END; a one-line box scrolled sideways. Places
 * the terminal cursor when CURSOR. */
void ui_textbox_draw(struct ui_textbox *t, int y, int x, int w, int h, enum ui_paint p, int cursor,
		     int mark_end);

/* Append the UTF-8 form of CH to SB. */
void ui_textbox_addwc(struct strbuf *sb, wint_t ch);

#endif
