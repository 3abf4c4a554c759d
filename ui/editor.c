/* The multi-line note editor. The text is a UTF-8 buffer with a cursor byte
 * offset; the view wraps it character by character at the screen width, with
 * every width from src/text.h. Saving hands the text to the action's callback
 * and keeps it when the store refuses. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <errno.h>
#include <unistd.h>
#include <wchar.h>

#include "src/editor.h"
#include "src/text.h"
#include "src/util.h"
#include "ui/draw.h"
#include "ui/editor.h"
#include "ui/input.h"
#include "ui/prompt.h"
#include "src/banned.h"

struct ui_editor {
	char *title;
	struct strbuf text;
	size_t cur;              /* byte offset of the cursor */
	int confirm;             /* asking whether to throw the text away */
	int top;                 /* first visual line shown */
	int width;               /* the width of the last layout */
	int (*save)(struct app *a, const char *text, struct err *e);
};

/* A visual line: bytes [start, end) of the text. */
struct vline {
	size_t start, end;
};

static size_t char_len(const char *s)
{
	size_t n = 1;
	while ((s[n] & 0xc0) == 0x80)
		n++;
	return n;
}

/* Lay the text out at width W into *V (caller frees); the cursor's line and
 * column into *CY, *CX. */
static size_t layout(const struct ui_editor *ed, int w, struct vline **v, int *cy, int *cx)
{
	const char *s = sb_str(&ed->text);
	size_t n = 0, cap = 0, i = 0, len = ed->text.len;
	int col = 0;
	*v = NULL;
	xgrow(v, &cap, 1, sizeof **v);
	(*v)[0].start = 0;
	*cy = 0;
	*cx = 0;
	while (1) {
		if (i == ed->cur) {
			*cy = (int)n;
			*cx = col;
		}
		if (i >= len)
			break;
		if (s[i] == '\n') {
			(*v)[n].end = i;
			n++;
			xgrow(v, &cap, n + 1, sizeof **v);
			(*v)[n].start = i + 1;
			col = 0;
			i++;
			continue;
		}
		{
			size_t cl = char_len(s + i);
			int cw = text_width_n(s + i, cl);
			if (col + cw > w && col > 0) {
				(*v)[n].end = i;
				n++;
				xgrow(v, &cap, n + 1, sizeof **v);
				(*v)[n].start = i;
				col = 0;
				if (i == ed->cur) {
					*cy = (int)n;
					*cx = 0;
				}
			}
			col += cw;
			i += cl;
		}
	}
	(*v)[n].end = len;
	return n + 1;
}

void ui_editor_free(struct app *a)
{
	if (!a->editor)
		return;
	free(a->editor->title);
	sb_release(&a->editor->text);
	free(a->editor);
	a->editor = NULL;
}

void ui_editor_start(struct app *a, const char *title, const char *init,
		     int (*save)(struct app *a, const char *text, struct err *e))
{
	ui_editor_free(a);
	a->editor = xcalloc(1, sizeof *a->editor);
	a->editor->title = xstrdup(title);
	a->editor->save = save;
	if (init)
		sb_adds(&a->editor->text, init);
	a->editor->cur = a->editor->text.len;
	a->editor->width = 40;
	a->mode = UI_M_EDITOR;
	ui_app_msg(a, 0, "Ctrl-D or F2 save | Esc cancel | Ctrl-E $EDITOR");
}

static void close_editor(struct app *a)
{
	ui_editor_free(a);
	a->mode = UI_M_BROWSE;
}

static void insert(struct ui_editor *ed, const char *s, size_t n)
{
	struct strbuf nb = STRBUF_INIT;
	sb_add(&nb, sb_str(&ed->text), ed->cur);
	sb_add(&nb, s, n);
	sb_adds(&nb, sb_str(&ed->text) + ed->cur);
	sb_release(&ed->text);
	ed->text = nb;
	ed->cur += n;
}

static void delete_at(struct ui_editor *ed, size_t at)
{
	size_t n;
	if (at >= ed->text.len)
		return;
	n = char_len(ed->text.buf + at);
	memmove(ed->text.buf + at, ed->text.buf + at + n, ed->text.len - at - n + 1);
	ed->text.len -= n;
}

static size_t prev_char(const struct ui_editor *ed, size_t at)
{
	if (at == 0)
		return 0;
	at--;
	while (at > 0 && (ed->text.buf[at] & 0xc0) == 0x80)
		at--;
	return at;
}

/* The byte offset in visual line L nearest to column X. */
static size_t offset_at(const struct ui_editor *ed, const struct vline *l, int x)
{
	size_t i = l->start;
	int col = 0;
	while (i < l->end) {
		size_t cl = char_len(ed->text.buf + i);
		int cw = text_width_n(ed->text.buf + i, cl);
		if (col + cw > x)
			break;
		col += cw;
		i += cl;
	}
	return i;
}

/* Ctrl-E: the text goes to the user's editor and comes back (src/editor.c);
 * the terminal is handed over meanwhile. */
static void external(struct app *a)
{
	struct ui_editor *ed = a->editor;
	struct err e = { 0, "" };
	char *buf = NULL;
	int rc;
	if (ui_input_scripted(a->in)) {
		ui_app_msg(a, 1, "$EDITOR is not run from a script");
		return;
	}
	ui_draw_suspend();
	rc = editor_run(sb_str(&ed->text), &buf, &e);
	ui_draw_resume();
	if (rc) {
		ui_app_msg(a, 1, "%s; the note here is unchanged", e.msg);
		return;
	}
	sb_reset(&ed->text);
	sb_adds(&ed->text, buf);
	ed->cur = ed->text.len;
	ui_app_msg(a, 0, "text from %s: Ctrl-D or F2 save | Esc cancel", editor_command());
	free(buf);
}

static void do_save(struct app *a)
{
	struct ui_editor *ed = a->editor;
	struct err e = { 0, "" };
	if (!ed->save || !ed->save(a, sb_str(&ed->text), &e)) {
		close_editor(a);
		return;
	}
	ui_app_msg(a, 1, "not saved: %s (the text is kept; Esc to give up)", e.msg);
}

void ui_editor_key(struct app *a, int kind, wint_t ch)
{
	struct ui_editor *ed = a->editor;
	struct vline *v = NULL;
	int cy, cx;
	size_t n;
	if (!ed) {
		a->mode = UI_M_BROWSE;
		return;
	}
	if (kind == KEY_CODE_YES && ch == KEY_RESIZE)
		return;
	if (ed->confirm) {
		ed->confirm = 0;
		if (kind == OK && (ch == 'y' || ch == 'Y')) {
			close_editor(a);
			ui_app_msg(a, 0, "note thrown away");
		} else {
			ui_app_msg(a, 0, "Ctrl-D or F2 save | Esc cancel | Ctrl-E $EDITOR");
		}
		return;
	}
	if ((kind == OK && ch == 4) || (kind == KEY_CODE_YES && ch == KEY_F(2))) {
		do_save(a);
		return;
	}
	if (kind == OK && ch == 27) {
		if (!ed->text.len) {
			close_editor(a);
			ui_app_msg(a, 0, "no note");
		} else {
			ed->confirm = 1;
			ui_app_msg(a, 1, "throw the note away? y discards, any other key keeps editing");
		}
		return;
	}
	if (kind == OK && ch == 5) {
		external(a);
		return;
	}
	n = layout(ed, ed->width, &v, &cy, &cx);
	if (kind == OK && (ch == '\n' || ch == '\r')) {
		insert(ed, "\n", 1);
	} else if (kind == OK && ch == '\t') {
		insert(ed, "    ", 4);
	} else if ((kind == KEY_CODE_YES && ch == KEY_BACKSPACE) || (kind == OK && (ch == 127 || ch == 8))) {
		if (ed->cur > 0) {
			size_t p = prev_char(ed, ed->cur);
			delete_at(ed, p);
			ed->cur = p;
		}
	} else if (kind == KEY_CODE_YES && ch == KEY_DC) {
		delete_at(ed, ed->cur);
	} else if (kind == KEY_CODE_YES && ch == KEY_LEFT) {
		ed->cur = prev_char(ed, ed->cur);
	} else if (kind == KEY_CODE_YES && ch == KEY_RIGHT) {
		if (ed->cur < ed->text.len)
			ed->cur += char_len(ed->text.buf + ed->cur);
	} else if (kind == KEY_CODE_YES && ch == KEY_UP) {
		if (cy > 0)
			ed->cur = offset_at(ed, &v[cy - 1], cx);
	} else if (kind == KEY_CODE_YES && ch == KEY_DOWN) {
		if ((size_t)cy + 1 < n)
			ed->cur = offset_at(ed, &v[cy + 1], cx);
	} else if ((kind == KEY_CODE_YES && ch == KEY_HOME) || (kind == OK && ch == 1)) {
		ed->cur = v[cy].start;
	} else if (kind == KEY_CODE_YES && ch == KEY_END) {
		ed->cur = v[cy].end;
	} else if (kind == OK && ch >= 32 && ch != 127) {
		struct strbuf c = STRBUF_INIT;
		ui_prompt_addwc(&c, ch);
		insert(ed, sb_str(&c), c.len);
		sb_release(&c);
	}
	free(v);
}

void ui_editor_draw(struct app *a, int h, int w)
{
	struct ui_editor *ed = a->editor;
	struct vline *v = NULL;
	struct ui_line head = { NULL, 0, 0 };
	int cy, cx, rows = h - 1;
	size_t n;
	if (!ed || h < 2)
		return;
	ed->width = w - 1 > 4 ? w - 1 : 4;
	n = layout(ed, ed->width, &v, &cy, &cx);
	ui_line_add(&head, UI_P_BAR, ed->title);
	ui_draw_line(0, 0, w, &head, UI_P_BAR, 0);
	ui_line_release(&head);
	if (cy < ed->top)
		ed->top = cy;
	if (cy >= ed->top + rows)
		ed->top = cy - rows + 1;
	for (int r = 0; r < rows; r++) {
		size_t i = (size_t)(ed->top + r);
		if (i < n) {
			char *s = xstrndup(ed->text.buf ? ed->text.buf + v[i].start : "", v[i].end - v[i].start);
			ui_draw_text(1 + r, 0, w, UI_P_NORMAL, s);
			free(s);
		} else {
			ui_draw_text(1 + r, 0, w, UI_P_DIM, i == n ? "~" : "");
		}
	}
	ui_draw_cursor(1 + cy - ed->top, cx);
	free(v);
}
