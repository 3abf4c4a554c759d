/* A full-screen scrollable list of lines (help, history, messages,
 * evidence, indicators): j/k, arrows, PgUp/PgDn, Home/End, g/G scroll; q,
 * Esc or h closes it; a view may take keys of its own first (the
 * indicators' selection, the evidence list's save). */
#ifndef DUBAN_UI_PAGER_H
#define DUBAN_UI_PAGER_H

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <wchar.h>

#include "ui/app.h"
#include "ui/draw.h"

struct ui_pager_ops {
	/* Fill OUT for a width of W columns (called again after a resize or a
	 * write: ui_tree_invalidate). */
	void (*build)(struct app *a, void *ctx, struct ui_lines *out, int w);
	void (*free_ctx)(void *ctx);   /* or NULL */
	/* A key, before the pager's own: 1 when it took it (it may open a
	 * prompt over the pager, close it or open another, after which CTX is
	 * gone), or NULL. */
	int (*key)(struct app *a, void *ctx, int kind, wint_t ch);
};

/* Open the pager titled TITLE; CTX is handed to OPS and freed with it. */
void ui_pager_open(struct app *a, const char *title, const struct ui_pager_ops *ops, void *ctx);
void ui_pager_key(struct app *a, int kind, wint_t ch);
void ui_pager_draw(struct app *a, int h, int w);
void ui_pager_free(struct app *a);
/* Build the lines again at the next draw (the view's own state changed). */
void ui_pager_rebuild(struct app *a);
/* From a build: scroll so that lines FIRST..LAST are in view. */
void ui_pager_show(struct app *a, size_t first, size_t last);

#endif
