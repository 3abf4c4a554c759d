/* The prompt at the bottom of the screen: text input (search, jump,
 * department, evidence) or a single-key choice (review, filters), its label
 * wrapped over as many rows as it needs. */
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
	/* Tab: complete the answer in SB (a path); 1 when it changed, or NULL */
	int (*complete)(struct app *a, struct strbuf *sb);
};

/* Open a prompt LABEL with initial text INIT (may be NULL) and switch to
 * UI_M_PROMPT. With ops->choose set, one key answers. */
void ui_prompt_start(struct app *a, const char *label, const char *init, const struct ui_prompt_ops *ops);
void ui_prompt_key(struct app *a, int kind, wint_t ch);
/* The rows the prompt needs at W columns: its label wrapped (nothing is
 * cut), and the answer after it or on a row of its own. */
int ui_prompt_rows(struct app *a, int w);
/* Draw on rows Y..Y+H-1, W columns wide (fewer rows than it needs: its
 * first ones give way, marked '~'); places the terminal cursor. */
void ui_prompt_draw(struct app *a, int y, int h, int w);
void ui_prompt_free(struct app *a);

#endif
