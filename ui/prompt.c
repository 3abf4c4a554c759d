/* The message-line prompt: a line of text typed with get_wch (so Chinese input
 * works), or a single key. Accepting or cancelling calls back into the action
 * that opened it, which may open the next prompt of a dialogue. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <limits.h>
#include <unistr.h>
#include <wchar.h>

#include "src/text.h"
#include "src/util.h"
#include "ui/draw.h"
#include "ui/prompt.h"
#include "src/banned.h"

struct ui_prompt {
	char *label;
	struct strbuf text;
	struct ui_prompt_ops ops;
};

void ui_prompt_addwc(struct strbuf *sb, wint_t ch)
{
	/* curses hands wide characters, Unicode in every locale (glibc's
	 * wchar_t); the text is UTF-8 whatever the terminal's codeset */
	uint8_t mb[8];
	int r = u8_uctomb(mb, (ucs4_t)ch, (int)sizeof mb);
	if (r > 0)
		sb_add(sb, (const char *)mb, (size_t)r);
}

void ui_prompt_delwc(struct strbuf *sb)
{
	while (sb->len) {
		unsigned char c = (unsigned char)sb->buf[--sb->len];
		if ((c & 0xc0) != 0x80)
			break;
	}
	if (sb->buf)
		sb->buf[sb->len] = '\0';
}

void ui_prompt_free(struct app *a)
{
	if (!a->prompt)
		return;
	free(a->prompt->label);
	sb_release(&a->prompt->text);
	free(a->prompt);
	a->prompt = NULL;
}

void ui_prompt_start(struct app *a, const char *label, const char *init, const struct ui_prompt_ops *ops)
{
	ui_prompt_free(a);
	a->prompt = xcalloc(1, sizeof *a->prompt);
	a->prompt->label = xstrdup(label);
	a->prompt->ops = *ops;
	if (init)
		sb_adds(&a->prompt->text, init);
	a->mode = UI_M_PROMPT;
}

void ui_prompt_key(struct app *a, int kind, wint_t ch)
{
	struct ui_prompt *p = a->prompt;
	if (!p) {
		a->mode = UI_M_BROWSE;
		return;
	}
	if (kind == OK && ch == 27) {
		void (*cancel)(struct app *) = p->ops.cancel;
		a->mode = UI_M_BROWSE;
		ui_prompt_free(a);
		if (cancel)
			cancel(a);
		return;
	}
	if (p->ops.choose) {
		void (*choose)(struct app *, wint_t) = p->ops.choose;
		if (kind == KEY_CODE_YES && ch == KEY_RESIZE)
			return;
		a->mode = UI_M_BROWSE;
		ui_prompt_free(a);
		choose(a, kind == OK ? ch : 0);
		return;
	}
	if (kind == OK && (ch == '\n' || ch == '\r')) {
		char *text = sb_detach(&p->text);
		void (*accept)(struct app *, const char *) = p->ops.accept;
		a->mode = UI_M_BROWSE;
		ui_prompt_free(a);
		if (accept)
			accept(a, text ? text : "");
		free(text);
		return;
	}
	if ((kind == KEY_CODE_YES && ch == KEY_BACKSPACE) || (kind == OK && (ch == 127 || ch == 8)))
		ui_prompt_delwc(&p->text);
	else if (kind == OK && ch == 21) /* C-u */
		sb_reset(&p->text);
	else if (kind == OK && ch >= 32)
		ui_prompt_addwc(&p->text, ch);
	else
		return;
	if (p->ops.change)
		p->ops.change(a, sb_str(&p->text));
}

void ui_prompt_draw(struct app *a, int y, int w)
{
	struct ui_prompt *p = a->prompt;
	struct ui_line l = { NULL, 0, 0 };
	struct strbuf esc = STRBUF_INIT;
	const char *shown;
	int lw, room;
	if (!p)
		return;
	/* a choice's label is all there is to read: it may take the line; a
	 * question leaves half the line for the answer */
	int max = p->ops.choose ? w - 1 : w / 2;
	ui_line_add(&l, UI_P_BOLD, p->label);
	lw = ui_line_width(&l);
	if (lw > max) {
		ui_line_release(&l);
		ui_line_addpad(&l, UI_P_BOLD, p->label, max, 'l');
		lw = max;
	}
	text_escape(&esc, sb_str(&p->text), 0);
	room = w - lw - 1;
	shown = sb_str(&esc);
	/* show the end of a long answer */
	while (*shown && text_width(shown) > room) {
		shown++;
		while ((*shown & 0xc0) == 0x80)
			shown++;
	}
	ui_line_add(&l, UI_P_NORMAL, shown);
	ui_draw_line(y, 0, w, &l, UI_P_NORMAL, 0);
	if (!p->ops.choose)
		ui_draw_cursor(y, lw + text_width(shown));
	else
		ui_draw_cursor(-1, 0);
	ui_line_release(&l);
	sb_release(&esc);
}
