/* The message-line prompt: a line of text typed with get_wch (so Chinese input
 * works), or a single key. Accepting or cancelling calls back into the action
 * that opened it, which may open the next prompt of a dialogue. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <limits.h>
#include <wchar.h>

#include "src/text.h"
#include "src/util.h"
#include "ui/draw.h"
#include "ui/prompt.h"
#include "ui/textbox.h"
#include "src/banned.h"

struct ui_prompt {
	char *label;
	struct ui_textbox box;
	struct ui_prompt_ops ops;
};

void ui_prompt_free(struct app *a)
{
	if (!a->prompt)
		return;
	free(a->prompt->label);
	ui_textbox_release(&a->prompt->box);
	free(a->prompt);
	a->prompt = NULL;
}

void ui_prompt_start(struct app *a, const char *label, const char *init, const struct ui_prompt_ops *ops)
{
	ui_prompt_free(a);
	a->prompt = xcalloc(1, sizeof *a->prompt);
	a->prompt->label = xstrdup(label);
	a->prompt->ops = *ops;
	ui_textbox_set(&a->prompt->box, init);
	if (a->mode != UI_M_PROMPT)
		a->back = a->mode;
	a->mode = UI_M_PROMPT;
}

void ui_prompt_key(struct app *a, int kind, wint_t ch)
{
	struct ui_prompt *p = a->prompt;
	if (!p) {
		a->mode = a->back;
		return;
	}
	if (kind == KEY_CODE_YES && ch == KEY_RESIZE)
		return;
	if (kind == OK && ch == 27) {
		void (*cancel)(struct app *) = p->ops.cancel;
		a->mode = a->back;
		ui_prompt_free(a);
		if (cancel)
			cancel(a);
		return;
	}
	if (p->ops.choose) {
		void (*choose)(struct app *, wint_t) = p->ops.choose;
		a->mode = a->back;
		ui_prompt_free(a);
		choose(a, kind == OK ? ch : 0);
		return;
	}
	if ((kind == OK && (ch == '\n' || ch == '\r')) || (kind == KEY_CODE_YES && ch == KEY_ENTER)) {
		char *text = sb_detach(&p->box.text);
		void (*accept)(struct app *, const char *) = p->ops.accept;
		a->mode = a->back;
		ui_prompt_free(a);
		if (accept)
			accept(a, text ? text : "");
		free(text);
		return;
	}
	if (kind == OK && ch == 21) {        /* C-u: all of it, as before */
		ui_textbox_set(&p->box, NULL);
	} else if (kind == OK && ch == '\t' && p->ops.complete) {
		struct strbuf sb = STRBUF_INIT;
		sb_adds(&sb, sb_str(&p->box.text));
		if (p->ops.complete(a, &sb))
			ui_textbox_set(&p->box, sb_str(&sb));
		sb_release(&sb);
		return;
	} else if (!ui_textbox_key(&p->box, kind, ch)) {
		return;
	}
	if (p->ops.change)
		p->ops.change(a, sb_str(&p->box.text));
}

/* The label wrapped at W columns into LS; returns how many columns the
 * last line leaves for the answer on the same row (0: the answer takes a
 * row of its own). */
static int label_lines(const struct ui_prompt *p, int w, struct ui_lines *ls)
{
	int last, room;
	ui_lines_wrap(ls, UI_P_BOLD, p->label, w, 0);
	if (ls->n > 1 && !ls->v[ls->n - 1].n)
		ls->n--, ui_line_release(&ls->v[ls->n]);
	if (p->ops.choose)
		return 0;
	last = ls->n ? ui_line_width(&ls->v[ls->n - 1]) : 0;
	/* a label ending in a space keeps it before the answer */
	if (p->label[0] && p->label[strlen(p->label) - 1] == ' ')
		last++;
	room = w - last;
	return room >= w / 3 && room >= 12 ? room : 0;
}

int ui_prompt_rows(struct app *a, int w)
{
	struct ui_lines ls = { NULL, 0, 0 };
	int rows;
	if (!a->prompt)
		return 1;
	rows = label_lines(a->prompt, w, &ls) || a->prompt->ops.choose ? (int)ls.n : (int)ls.n + 1;
	ui_lines_release(&ls);
	return rows > 0 ? rows : 1;
}

void ui_prompt_draw(struct app *a, int y, int h, int w)
{
	struct ui_prompt *p = a->prompt;
	struct ui_lines ls = { NULL, 0, 0 };
	int room, rows, first = 0, ay, ax;
	if (!p || h < 1)
		return;
	room = label_lines(p, w, &ls);
	rows = (int)ls.n + (room || p->ops.choose ? 0 : 1);
	/* too many rows: the label's first ones go, a '~' says so */
	if (rows > h)
		first = rows - h;
	for (int i = first; i < (int)ls.n; i++) {
		struct ui_line *l = &ls.v[i];
		int row = y + i - first;
		if (i == first && first > 0) {
			struct ui_line m = { NULL, 0, 0 };
			ui_line_add(&m, UI_P_DIM, "~");
			ui_draw_lines(row, 0, w, &m, l, UI_P_NORMAL, 0);
			ui_line_release(&m);
		} else {
			ui_draw_line(row, 0, w, l, UI_P_NORMAL, 0);
		}
	}
	if (p->ops.choose) {
		ui_draw_cursor(-1, 0);
	} else {
		ay = y + rows - 1 - first;
		ax = room ? w - room : 0;
		ui_textbox_draw(&p->box, ay, ax, w - ax, 1, UI_P_NORMAL, 1, 0);
	}
	ui_lines_release(&ls);
}
