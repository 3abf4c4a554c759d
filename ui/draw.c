/* All curses painting of the UI: line buffers of text and paint roles, their
 * clipping and padding by display width (through src/text.h), colours, and the
 * screen dump of script mode. No other ui/ file writes to the screen. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <unistr.h>
#include <wchar.h>

#include "src/text.h"
#include "src/util.h"
#include "ui/draw.h"
#include "src/banned.h"

static int use_color;
static attr_t paint_attr[UI_P_COUNT];
static short paint_pair[UI_P_COUNT];

static void seg_push(struct ui_line *l, enum ui_paint p, char *text)
{
	xgrow(&l->segs, &l->cap, l->n + 1, sizeof *l->segs);
	l->segs[l->n].paint = p;
	l->segs[l->n].extra = 0;
	l->segs[l->n].text = text;
	l->n++;
}

void ui_line_add(struct ui_line *l, enum ui_paint p, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	text_escape(&sb, s ? s : "", 0);
	seg_push(l, p, sb_detach(&sb));
}

void ui_line_addf(struct ui_line *l, enum ui_paint p, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	ui_line_add(l, p, sb_str(&sb));
	sb_release(&sb);
}

void ui_line_addpad(struct ui_line *l, enum ui_paint p, const char *s, int width, char align)
{
	struct strbuf esc = STRBUF_INIT, out = STRBUF_INIT;
	if (width < 0)
		width = 0;
	text_escape(&esc, s ? s : "", 0);
	text_pad(&out, sb_str(&esc), width, align);
	sb_release(&esc);
	seg_push(l, p, sb_detach(&out));
}

void ui_line_extra(struct ui_line *l, int attr)
{
	for (size_t i = 0; i < l->n; i++)
		l->segs[i].extra |= attr;
}

int ui_line_width(const struct ui_line *l)
{
	int w = 0;
	for (size_t i = 0; i < l->n; i++)
		w += text_width(l->segs[i].text);
	return w;
}

void ui_line_release(struct ui_line *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->segs[i].text);
	free(l->segs);
	memset(l, 0, sizeof *l);
}

struct ui_line *ui_lines_new(struct ui_lines *ls)
{
	xgrow(&ls->v, &ls->cap, ls->n + 1, sizeof *ls->v);
	memset(&ls->v[ls->n], 0, sizeof ls->v[ls->n]);
	return &ls->v[ls->n++];
}

void ui_lines_wrap(struct ui_lines *ls, enum ui_paint p, const char *s, int width, int indent)
{
	struct strbuf esc = STRBUF_INIT;
	char **lines = NULL;
	size_t n;
	int w = width - indent;
	if (w < 4)
		w = 4;
	text_escape(&esc, s ? s : "", 1);
	n = text_wrap(sb_str(&esc), w, &lines);
	for (size_t i = 0; i < n; i++) {
		struct ui_line *l = ui_lines_new(ls);
		if (indent > 0)
			ui_line_addf(l, UI_P_NORMAL, "%*s", indent, "");
		ui_line_add(l, p, lines[i]);
	}
	if (n == 0)
		ui_lines_new(ls);
	text_lines_free(lines, n);
	sb_release(&esc);
}

void ui_lines_release(struct ui_lines *ls)
{
	for (size_t i = 0; i < ls->n; i++)
		ui_line_release(&ls->v[i]);
	free(ls->v);
	memset(ls, 0, sizeof *ls);
}

static void paint_set(enum ui_paint p, attr_t a, short fg)
{
	paint_attr[p] = a;
	paint_pair[p] = 0;
	if (use_color && fg >= 0) {
		short pair = (short)(p + 1);
		init_pair(pair, fg, -1);
		paint_pair[p] = pair;
	}
}

int ui_draw_init(int mode)
{
	const char *nc = getenv("NO_COLOR");
	use_color = 0;
	ui_draw_release();
	if (mode == 1 || (mode == -1 && !(nc && *nc)))
		use_color = has_colors();
	if (use_color) {
		start_color();
		if (use_default_colors() == ERR)
			assume_default_colors(COLOR_WHITE, COLOR_BLACK);
	}
	paint_set(UI_P_NORMAL, A_NORMAL, -1);
	paint_set(UI_P_DIM, A_DIM, -1);
	paint_set(UI_P_BOLD, A_BOLD, -1);
	paint_set(UI_P_CURSOR, A_REVERSE, -1);
	paint_set(UI_P_BAR, A_REVERSE, -1);
	paint_set(UI_P_ERROR, A_BOLD, COLOR_RED);
	paint_set(UI_P_OK, A_NORMAL, COLOR_GREEN);
	paint_set(UI_P_MATCH, A_UNDERLINE | A_BOLD, COLOR_MAGENTA);
	paint_set(UI_P_HEAD, A_BOLD, -1);
	paint_set(UI_P_BORDER, A_NORMAL, -1);
	paint_set(UI_P_ST_NOT_STARTED, A_DIM, -1);
	paint_set(UI_P_ST_IN_PROGRESS, A_NORMAL, COLOR_YELLOW);
	paint_set(UI_P_ST_BEHIND, A_BOLD, COLOR_RED);
	paint_set(UI_P_ST_DONE, A_NORMAL, COLOR_GREEN);
	paint_set(UI_P_ST_ONGOING, A_NORMAL, COLOR_CYAN);
	paint_set(UI_P_ST_PENDING, A_BOLD, COLOR_GREEN);
	paint_set(UI_P_ST_RETURNED, A_BOLD, COLOR_MAGENTA);
	return use_color;
}

enum ui_paint ui_draw_shown_paint(enum shown s)
{
	switch (s) {
	case SHOWN_IN_PROGRESS: return UI_P_ST_IN_PROGRESS;
	case SHOWN_BEHIND: return UI_P_ST_BEHIND;
	case SHOWN_DONE: return UI_P_ST_DONE;
	case SHOWN_ONGOING: return UI_P_ST_ONGOING;
	case SHOWN_PENDING: return UI_P_ST_PENDING;
	case SHOWN_RETURNED: return UI_P_ST_RETURNED;
	default: return UI_P_ST_NOT_STARTED;
	}
}

enum ui_paint ui_draw_status_paint(enum status st)
{
	switch (st) {
	case ST_IN_PROGRESS: return UI_P_ST_IN_PROGRESS;
	case ST_BEHIND: return UI_P_ST_BEHIND;
	case ST_DONE: return UI_P_ST_DONE;
	case ST_ONGOING: return UI_P_ST_ONGOING;
	default: return UI_P_ST_NOT_STARTED;
	}
}

static void attr_use(enum ui_paint p, int extra)
{
	attr_set(paint_attr[p] | (attr_t)extra, paint_pair[p], NULL);
}

/* The frame. Between ui_draw_begin and ui_draw_flush the painting calls are
 * recorded per screen row as spans (columns X..X+W-1 and what goes there);
 * the flush paints a row again, as a row of erase() and repaint would come
 * out, only where its spans differ from the frame before. Putting wide text
 * through curses for every row on every key was a fifth of a keystroke's
 * time (issue 11, tests/bench/keys: 0.16 ms a key with this, 0.20
 * without). The frame before is forgotten by ui_draw_forget
 * (ui_tree_invalidate calls it on a resize); frame_fit only sizes the
 * records to the screen. */
struct span {
	int x, w;
	size_t off, len;   /* its record in the row's REC */
};

struct frow {
	struct strbuf rec; /* records: 'L' fill extra, then per segment paint extra text NUL; or 'V' */
	struct span *v;
	size_t n, cap;
};

static struct frow *frame_now, *frame_was;
static int frame_h, frame_w;    /* LINES and COLS the rows were made for */
static int was_valid;           /* FRAME_WAS is what the screen holds */
static int cursor_y = -1, cursor_x;
static int cursor_shown = -1;   /* the curs_set state applied; -1 not known */
static wchar_t *wide;           /* put_text's buffer */
static size_t wide_cap;

static void rows_free(struct frow *r, int h)
{
	for (int y = 0; r && y < h; y++) {
		sb_release(&r[y].rec);
		free(r[y].v);
	}
	free(r);
}

void ui_draw_release(void)
{
	free(wide);
	wide = NULL;
	wide_cap = 0;
	rows_free(frame_now, frame_h);
	rows_free(frame_was, frame_h);
	frame_now = frame_was = NULL;
	frame_h = frame_w = 0;
	was_valid = 0;
	cursor_shown = -1;
}

void ui_draw_forget(void)
{
	was_valid = 0;
}

/* Rows for the current screen size (a guard: the records are never indexed
 * past LINES, whoever changed it); a new size starts from a cleared screen. */
static void frame_fit(void)
{
	if (frame_now && frame_h == LINES && frame_w == COLS)
		return;
	ui_draw_release();
	frame_h = LINES > 0 ? LINES : 0;
	frame_w = COLS;
	frame_now = xcalloc((size_t)frame_h + 1, sizeof *frame_now);
	frame_was = xcalloc((size_t)frame_h + 1, sizeof *frame_was);
}

void ui_draw_begin(void)
{
	frame_fit();
	for (int y = 0; y < frame_h; y++) {
		sb_reset(&frame_now[y].rec);
		frame_now[y].n = 0;
	}
	cursor_y = -1;
}

static int get_int(const char **p)
{
	int v;
	memcpy(&v, *p, sizeof v);
	*p += sizeof v;
	return v;
}

/* Start a span on row Y; returns the buffer its record goes to. */
static struct strbuf *span_open(int y, int x, int w)
{
	struct frow *r;
	struct span *s;
	if (!frame_now || frame_h != LINES || frame_w != COLS)
		frame_fit();
	r = &frame_now[y];
	xgrow(&r->v, &r->cap, r->n + 1, sizeof *r->v);
	s = &r->v[r->n++];
	s->x = x;
	s->w = w;
	s->off = r->rec.len;
	s->len = 0;
	return &r->rec;
}

static void span_close(int y)
{
	struct frow *r = &frame_now[y];
	struct span *s = &r->v[r->n - 1];
	s->len = r->rec.len - s->off;
}

/* Put S (escaped) at Y, X within MAXW columns; returns the columns used.
 * Text goes to curses as wide characters: waddnstr decodes each byte on its
 * own. */
static int put_text(int y, int x, int maxw, const char *s)
{
	size_t len = strlen(s), n;
	int w, plain;
	xgrow(&wide, &wide_cap, len + 1, sizeof *wide);
	n = text_fit_wide(s, maxw, wide, NULL, &w, &plain);
	if (n == (size_t)-1) {
		n = text_fit(s, maxw);
		w = text_width_n(s, n);
		if (n)
			mvaddnstr(y, x, s, (int)n);
		return w;
	}
	if (n)
		mvaddnwstr(y, x, wide, (int)n);
	return w;
}

static void put_blank(int y, int x, int w)
{
	static const wchar_t blanks[] = L"                                ";
	const int k = (int)(sizeof blanks / sizeof blanks[0]) - 1;
	if (w > 0)
		move(y, x);
	for (; w > 0; w -= k)
		addnwstr(blanks, w < k ? w : k);
}

/* Paint span K of row Y from its record. */
static void span_paint(int y, const struct frow *r, size_t k)
{
	const struct span *sp = &r->v[k];
	const char *p = r->rec.buf + sp->off, *end = p + sp->len;
	int used = 0;
	if (*p++ == 'V') {
		attr_use(UI_P_BORDER, 0);
		mvaddch(y, sp->x, '|');
		attr_use(UI_P_NORMAL, 0);
		return;
	}
	{
		enum ui_paint fill = (enum ui_paint)(unsigned char)*p++;
		int extra = get_int(&p);
		const char *segs = p;
		int room = sp->w, total = 0;
		enum ui_paint last = fill;
		/* text wider than the span loses its last column to a '~', so
		 * that a cut never passes for the whole */
		while (p < end) {
			p += 1 + sizeof(int);
			total += text_width(p);
			p += strlen(p) + 1;
		}
		if (total > sp->w && sp->w > 1)
			room = sp->w - 1;
		p = segs;
		while (p < end) {
			enum ui_paint paint = (enum ui_paint)(unsigned char)*p++;
			int sx = get_int(&p);
			const char *text = p;
			p += strlen(p) + 1;
			if (used >= room)
				continue;
			attr_use(paint, sx);
			last = paint;
			used += put_text(y, sp->x + used, room - used, text);
		}
		attr_use(fill, extra);
		put_blank(y, sp->x + used, room - used);
		if (room < sp->w) {
			attr_use(last, extra);
			mvaddch(y, sp->x + room, '~');
		}
		attr_use(UI_P_NORMAL, 0);
	}
}

static int span_same(const struct frow *a, size_t i, const struct frow *b, size_t j)
{
	const struct span *x = &a->v[i], *y = &b->v[j];
	return x->len == y->len && !memcmp(a->rec.buf + x->off, b->rec.buf + y->off, x->len);
}

/* Bring row Y of the screen to FRAME_NOW's spans: nothing when they are the
 * frame before's, else as erase() and all of the row again. */
static void row_flush(int y)
{
	struct frow *now = &frame_now[y], *was = &frame_was[y];
	int same = was_valid && now->n == was->n;
	for (size_t k = 0; same && k < now->n; k++)
		same = now->v[k].x == was->v[k].x && now->v[k].w == was->v[k].w && span_same(now, k, was, k);
	if (same)
		return;
	attr_use(UI_P_NORMAL, 0);
	move(y, 0);
	clrtoeol();
	for (size_t k = 0; k < now->n; k++)
		span_paint(y, now, k);
}

void ui_draw_lines(int y, int x, int width, const struct ui_line *first, const struct ui_line *l,
		   enum ui_paint fill, int extra)
{
	const struct ui_line *part[2] = { first, l };
	struct strbuf *rec;
	size_t need = 2 + sizeof extra;
	char *p;
	if (y < 0 || y >= LINES || x < 0 || width <= 0)
		return;
	if (x + width > COLS)
		width = COLS - x;
	if (width <= 0)
		return;
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; part[k] && i < part[k]->n; i++)
			need += 2 + sizeof extra + strlen(part[k]->segs[i].text);
	rec = span_open(y, x, width);
	xgrow(&rec->buf, &rec->cap, rec->len + need + 1, 1);
	p = rec->buf + rec->len;
	*p++ = 'L';
	*p++ = (char)fill;
	memcpy(p, &extra, sizeof extra);
	p += sizeof extra;
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; part[k] && i < part[k]->n; i++) {
			const struct ui_seg *sg = &part[k]->segs[i];
			int sx = sg->extra | extra;
			size_t n = strlen(sg->text) + 1;
			*p++ = (char)sg->paint;
			memcpy(p, &sx, sizeof sx);
			p += sizeof sx;
			memcpy(p, sg->text, n);
			p += n;
		}
	rec->len += need;
	rec->buf[rec->len] = '\0';
	span_close(y);
}

void ui_draw_line(int y, int x, int width, const struct ui_line *l, enum ui_paint fill, int extra)
{
	ui_draw_lines(y, x, width, NULL, l, fill, extra);
}

void ui_draw_text(int y, int x, int width, enum ui_paint p, const char *s)
{
	struct ui_line l = { NULL, 0, 0 };
	ui_line_add(&l, p, s);
	ui_draw_line(y, x, width, &l, p, 0);
	ui_line_release(&l);
}

void ui_draw_clear(int y0, int y1, int x, int width)
{
	for (int y = y0; y < y1; y++)
		ui_draw_line(y, x, width, NULL, UI_P_NORMAL, 0);
}

void ui_draw_vline(int x, int y0, int y1)
{
	if (x < 0 || x >= COLS)
		return;
	for (int y = y0 < 0 ? 0 : y0; y < y1 && y < LINES; y++) {
		sb_addc(span_open(y, x, 1), 'V');
		span_close(y);
	}
}

void ui_draw_cursor(int y, int x)
{
	cursor_y = y;
	cursor_x = x;
}

void ui_draw_suspend(void)
{
	def_prog_mode();
	endwin();
}

void ui_draw_resume(void)
{
	/* stdscr still holds the last frame: curses paints all of it again */
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	cursor_shown = -1;
}

void ui_draw_flush(void)
{
	struct frow *t;
	int shown = cursor_y >= 0;
	frame_fit();
	for (int y = 0; y < frame_h; y++)
		row_flush(y);
	t = frame_was;
	frame_was = frame_now;
	frame_now = t;
	was_valid = 1;
	if (shown != cursor_shown) {
		curs_set(shown);
		/* a hidden cursor can stay where the update leaves it: no motion */
		leaveok(stdscr, shown ? FALSE : TRUE);
		cursor_shown = shown;
	}
	if (shown)
		move(cursor_y, cursor_x);
	refresh();
}

int ui_draw_dump(const char *path, struct err *e)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return err_set(e, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
	ui_draw_dump_to(f, "");
	if (fclose(f))
		return err_set(e, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
	return 0;
}

void ui_draw_dump_to(FILE *f, const char *prefix)
{
	for (int y = 0; y < LINES; y++) {
		struct strbuf sb = STRBUF_INIT;
		for (int x = 0; x < COLS;) {
			cchar_t cc;
			wchar_t wc[CCHARW_MAX + 1];
			attr_t a;
			short pair;
			char mb[MB_LEN_MAX * (CCHARW_MAX + 1) + 1];
			int w = 1;
			if (mvin_wch(y, x, &cc) == ERR || getcchar(&cc, wc, &a, &pair, NULL) == ERR ||
			    !wc[0]) {
				sb_addc(&sb, ' ');
			} else {
				/* UTF-8 whatever the locale's codeset (a GB18030
				 * terminal's screen is dumped as the same text) */
				size_t k = 0;
				for (int i = 0; wc[i] && k + 8 < sizeof mb; i++) {
					int r = u8_uctomb((uint8_t *)mb + k, (ucs4_t)wc[i], 8);
					if (r < 1) {
						mb[k] = '?';
						r = 1;
					}
					k += (size_t)r;
				}
				mb[k] = '\0';
				sb_adds(&sb, mb);
				w = text_width(mb);
				if (w < 1)
					w = 1;
			}
			x += w;
		}
		while (sb.len && sb.buf[sb.len - 1] == ' ')
			sb.buf[--sb.len] = '\0';
		fprintf(f, "%s%s\n", prefix, sb_str(&sb));
		sb_release(&sb);
	}
}
