/* The one-line prompt on the message line: text input (search, jump,
 * department, evidence) or a single-key choice (status, review). */
#ifndef DUBAN_UI_PROMPT_H
#define DUBAN_UI_PROMPT_H

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <wchar.h>

#include "ui/app.h"

struct ui_prompt_ops {
	void (*accept)(struct app *a, const char *text); /* Enter; the prompt is closed first */
	void (*change)(struct app *a, const char *text); /* after each edit, or NULL */
	void (*cancel)(struct app *a);                   /* Esc, or NULL */
	void (*choose)(struct app *a, wint_t key);       /* single-key mode: any key but Esc */
};

/* Open a prompt LABEL with initial text INIT (may be NULL) and switch to
 * UI_M_PROMPT. With ops->choose set, one key answers. */
void ui_prompt_start(struct app *a, const char *label, const char *init, const struct ui_prompt_ops *ops);
void ui_prompt_key(struct app *a, int kind, wint_t ch);
/* Draw on row Y, W columns wide; places the terminal cursor. */
void ui_prompt_draw(struct app *a, int y, int w);
void ui_prompt_free(struct app *a);

/* Append the UTF-8 form of CH to SB (shared with the editor). */
void ui_prompt_addwc(struct strbuf *sb, wint_t ch);
/* Remove the last character of SB. */
void ui_prompt_delwc(struct strbuf *sb);

#endif
