/* The pager view that help and history use: a title bar and lines, built
 * when it opens and again whenever ui_tree_invalidate moves A->GEN (a
 * resize, or a write by this or another process), scrolled with the usual
 * keys. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <limits.h>

#include "src/util.h"
#include "ui/pager.h"
#include "src/banned.h"

struct ui_pager {
	char *title;
	struct ui_pager_ops ops;
	void *ctx;
	struct ui_lines lines;
	int built, top, h;
	unsigned long gen;         /* A->GEN when the lines were built */
};

void ui_pager_free(struct app *a)
{
	struct ui_pager *p = a->pager;
	if (!p)
		return;
	if (p->ops.free_ctx)
		p->ops.free_ctx(p->ctx);
	ui_lines_release(&p->lines);
	free(p->title);
	free(p);
	a->pager = NULL;
}

void ui_pager_open(struct app *a, const char *title, const struct ui_pager_ops *ops, void *ctx)
{
	ui_pager_free(a);
	a->pager = xcalloc(1, sizeof *a->pager);
	a->pager->title = xstrdup(title);
	a->pager->ops = *ops;
	a->pager->ctx = ctx;
	a->mode = UI_M_PAGER;
}

void ui_pager_key(struct app *a, int kind, wint_t ch)
{
	struct ui_pager *p = a->pager;
	int page = p && p->h > 2 ? p->h - 2 : 1;
	if (!p) {
		a->mode = UI_M_BROWSE;
		return;
	}
	if (p->ops.key && p->ops.key(a, p->ctx, kind, ch))
		return;
	if (kind == OK) {
		switch (ch) {
		case 'q': case 27: case 'h':
			ui_pager_free(a);
			a->mode = UI_M_BROWSE;
			return;
		case 'j': case '\n': p->top++; break;
		case 'k': p->top--; break;
		case ' ': p->top += page; break;
		case 'g': p->top = 0; break;
		case 'G': p->top = INT_MAX / 2; break;
		default: break;
		}
	} else if (kind == KEY_CODE_YES) {
		switch (ch) {
		case KEY_DOWN: p->top++; break;
		case KEY_UP: p->top--; break;
		case KEY_NPAGE: p->top += page; break;
		case KEY_PPAGE: p->top -= page; break;
		case KEY_HOME: p->top = 0; break;
		case KEY_END: p->top = INT_MAX / 2; break;
		case KEY_LEFT:
			ui_pager_free(a);
			a->mode = UI_M_BROWSE;
			return;
		default: break;
		}
	}
}

void ui_pager_draw(struct app *a, int h, int w)
{
	struct ui_pager *p = a->pager;
	struct ui_line head = { NULL, 0, 0 };
	int rows = h - 1;
	if (!p || h < 2)
		return;
	if (!p->built || p->gen != a->gen) {
		ui_lines_release(&p->lines);
		p->ops.build(a, p->ctx, &p->lines, w - 1);
		p->built = 1;
		p->gen = a->gen;
	}
	p->h = h;
	if (p->top > (int)p->lines.n - rows)
		p->top = (int)p->lines.n - rows;
	if (p->top < 0)
		p->top = 0;
	ui_line_add(&head, UI_P_BAR, p->title);
	ui_line_addf(&head, UI_P_BAR, "  (%d-%d of %zu; q closes)", p->lines.n ? p->top + 1 : 0,
		     p->top + rows < (int)p->lines.n ? p->top + rows : (int)p->lines.n, p->lines.n);
	ui_draw_line(0, 0, w, &head, UI_P_BAR, 0);
	ui_line_release(&head);
	for (int r = 0; r < rows; r++) {
		size_t i = (size_t)(p->top + r);
		ui_draw_line(1 + r, 1, w - 1, i < p->lines.n ? &p->lines.v[i] : NULL, UI_P_NORMAL, 0);
		ui_draw_text(1 + r, 0, 1, UI_P_NORMAL, " ");
	}
	ui_draw_cursor(-1, 0);
}
