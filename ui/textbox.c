/* Editable text: a UTF-8 buffer and a cursor byte offset. A multi-line box
 * is laid out character by character at the width it is drawn with; a
 * one-line box scrolls sideways to keep the cursor shown, a '~' marking the
 * side that is cut. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <unistr.h>
#include <wchar.h>

#include "src/text.h"
#include "src/util.h"
#include "ui/draw.h"
#include "ui/textbox.h"
#include "src/banned.h"

/* A visual line: bytes [start, end) of the text. */
struct vline {
	size_t start, end;
};

void ui_textbox_addwc(struct strbuf *sb, wint_t ch)
{
	/* curses hands wide characters, Unicode in every locale (glibc's
	 * wchar_t); the text is UTF-8 whatever the terminal's codeset */
	uint8_t mb[8];
	int r = u8_uctomb(mb, (ucs4_t)ch, (int)sizeof mb);
	if (r > 0)
		sb_add(sb, (const char *)mb, (size_t)r);
}

static size_t char_len(const char *s)
{
	size_t n = 1;
	while ((s[n] & 0xc0) == 0x80)
		n++;
	return n;
}

void ui_textbox_set(struct ui_textbox *t, const char *s)
{
	sb_reset(&t->text);
	if (s)
		sb_adds(&t->text, s);
	t->cur = t->text.len;
	t->top = 0;
}

void ui_textbox_release(struct ui_textbox *t)
{
	sb_release(&t->text);
	t->cur = 0;
	t->top = 0;
}

/* Lay the text out at width W into *V (caller frees); the cursor's line and
 * column into *CY, *CX. A one-line box is one line. */
static size_t layout(const struct ui_textbox *t, int w, struct vline **v, int *cy, int *cx)
{
	const char *s = sb_str(&t->text);
	size_t n = 0, cap = 0, i = 0, len = t->text.len;
	int col = 0;
	*v = NULL;
	xgrow(v, &cap, 1, sizeof **v);
	(*v)[0].start = 0;
	*cy = 0;
	*cx = 0;
	while (1) {
		if (i == t->cur) {
			*cy = (int)n;
			*cx = col;
		}
		if (i >= len)
			break;
		if (t->multi && s[i] == '\n') {
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
			if (t->multi && col + cw > w && col > 0) {
				(*v)[n].end = i;
				n++;
				xgrow(v, &cap, n + 1, sizeof **v);
				(*v)[n].start = i;
				col = 0;
				if (i == t->cur) {
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

static void insert(struct ui_textbox *t, const char *s, size_t n)
{
	struct strbuf nb = STRBUF_INIT;
	sb_add(&nb, sb_str(&t->text), t->cur);
	sb_add(&nb, s, n);
	sb_adds(&nb, sb_str(&t->text) + t->cur);
	sb_release(&t->text);
	t->text = nb;
	t->cur += n;
}

/* Remove bytes [FROM, TO) and put the cursor at FROM. */
static void cut(struct ui_textbox *t, size_t from, size_t to)
{
	if (to > t->text.len)
		to = t->text.len;
	if (from >= to)
		return;
	memmove(t->text.buf + from, t->text.buf + to, t->text.len - to + 1);
	t->text.len -= to - from;
	t->cur = from;
}

static size_t prev_char(const struct ui_textbox *t, size_t at)
{
	if (at == 0)
		return 0;
	at--;
	while (at > 0 && (t->text.buf[at] & 0xc0) == 0x80)
		at--;
	return at;
}

/* The byte offset in visual line L nearest to column X. */
static size_t offset_at(const struct ui_textbox *t, const struct vline *l, int x)
{
	size_t i = l->start;
	int col = 0;
	while (i < l->end) {
		size_t cl = char_len(t->text.buf + i);
		int cw = text_width_n(t->text.buf + i, cl);
		if (col + cw > x)
			break;
		col += cw;
		i += cl;
	}
	return i;
}

int ui_textbox_key(struct ui_textbox *t, int kind, wint_t ch)
{
	struct vline *v = NULL;
	int cy, cx, done = 1;
	size_t n = layout(t, t->width > 4 ? t->width : 40, &v, &cy, &cx);
	if (kind == OK && t->multi && (ch == '\n' || ch == '\r')) {
		insert(t, "\n", 1);
	} else if (kind == OK && t->multi && ch == '\t') {
		insert(t, "    ", 4);
	} else if ((kind == KEY_CODE_YES && ch == KEY_BACKSPACE) || (kind == OK && (ch == 127 || ch == 8))) {
		if (t->cur > 0)
			cut(t, prev_char(t, t->cur), t->cur);
	} else if ((kind == KEY_CODE_YES && ch == KEY_DC) || (kind == OK && ch == 4 && !t->multi)) {
		if (t->cur < t->text.len)
			cut(t, t->cur, t->cur + char_len(t->text.buf + t->cur));
	} else if ((kind == KEY_CODE_YES && ch == KEY_LEFT) || (kind == OK && ch == 2)) {
		t->cur = prev_char(t, t->cur);
	} else if ((kind == KEY_CODE_YES && ch == KEY_RIGHT) || (kind == OK && ch == 6)) {
		if (t->cur < t->text.len)
			t->cur += char_len(t->text.buf + t->cur);
	} else if (t->multi && kind == KEY_CODE_YES && ch == KEY_UP && cy > 0) {
		t->cur = offset_at(t, &v[cy - 1], cx);
	} else if (t->multi && kind == KEY_CODE_YES && ch == KEY_DOWN && (size_t)cy + 1 < n) {
		t->cur = offset_at(t, &v[cy + 1], cx);
	} else if (t->multi && kind == KEY_CODE_YES && (ch == KEY_PPAGE || ch == KEY_NPAGE)) {
		/* a page: the rows shown, less one kept for context */
		int page = t->rows > 2 ? t->rows - 1 : 1;
		long to = ch == KEY_PPAGE ? (long)cy - page : (long)cy + page;
		if (to < 0)
			to = 0;
		if (to >= (long)n)
			to = (long)n - 1;
		t->cur = offset_at(t, &v[to], cx);
	} else if ((kind == KEY_CODE_YES && ch == KEY_HOME) || (kind == OK && ch == 1)) {
		t->cur = v[cy].start;
	} else if ((kind == KEY_CODE_YES && ch == KEY_END) || (kind == OK && ch == 5 && !t->multi)) {
		t->cur = v[cy].end;
	} else if (kind == OK && ch == 21) {        /* C-u: to the line's start */
		cut(t, v[cy].start, t->cur);
	} else if (kind == OK && ch == 11) {        /* C-k: to the line's end */
		cut(t, t->cur, v[cy].end > t->cur ? v[cy].end : t->cur + (t->cur < t->text.len &&
		    t->text.buf[t->cur] == '\n'));
	} else if (kind == OK && ch >= 32 && ch != 127) {
		struct strbuf c = STRBUF_INIT;
		ui_textbox_addwc(&c, ch);
		insert(t, sb_str(&c), c.len);
		sb_release(&c);
	} else {
		done = 0;
	}
	free(v);
	return done;
}

int ui_textbox_rows(struct ui_textbox *t, int w)
{
	struct vline *v = NULL;
	int cy, cx;
	size_t n;
	if (!t->multi)
		return 1;
	t->width = w > 4 ? w : 4;
	n = layout(t, t->width, &v, &cy, &cx);
	free(v);
	return (int)n;
}

static void draw_one(struct ui_textbox *t, int y, int x, int w, enum ui_paint p, int cursor)
{
	const char *s = sb_str(&t->text);
	size_t from = 0;
	int before = text_width_n(s, t->cur), lead = 0;
	struct ui_line l = { NULL, 0, 0 };
	char *shown;
	/* keep the cursor inside: skip from the start, a '~' in its place */
	while (before - text_width_n(s, from) > w - 2 && from < t->cur) {
		from += char_len(s + from);
		lead = 1;
	}
	if (lead)
		ui_line_add(&l, UI_P_DIM, "~");
	shown = xstrdup(s + from);
	ui_line_add(&l, p, shown);
	ui_draw_line(y, x, w, &l, p, 0);
	if (cursor)
		ui_draw_cursor(y, x + lead + before - text_width_n(s, from));
	free(shown);
	ui_line_release(&l);
}

void ui_textbox_draw(struct ui_textbox *t, int y, int x, int w, int h, enum ui_paint p, int cursor,
		     int mark_end)
{
	struct vline *v = NULL;
	int cy, cx;
	size_t n;
	if (w < 2 || h < 1)
		return;
	if (!t->multi) {
		draw_one(t, y, x, w, p, cursor);
		return;
	}
	t->width = w - 1 > 4 ? w - 1 : 4;
	t->rows = h;
	n = layout(t, t->width, &v, &cy, &cx);
	if (cy < t->top)
		t->top = cy;
	if (cy >= t->top + h)
		t->top = cy - h + 1;
	if (t->top > 0 && t->top + h > (int)n)
		t->top = (int)n > h ? (int)n - h : 0;
	for (int r = 0; r < h; r++) {
		size_t i = (size_t)(t->top + r);
		if (i < n) {
			char *s = xstrndup(t->text.buf ? t->text.buf + v[i].start : "", v[i].end - v[i].start);
			ui_draw_text(y + r, x, w, p, s);
			free(s);
		} else {
			ui_draw_text(y + r, x, w, UI_P_DIM, mark_end && i == n ? "~" : "");
		}
	}
	if (cursor)
		ui_draw_cursor(y + cy - t->top, x + cx);
	free(v);
}
