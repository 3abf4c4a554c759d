/* Painting helpers: every curses output call of the UI lives in draw.c. Views
 * render text plus attributes into a line buffer (htop's RichString) and hand
 * it to ui_draw_line, which escapes, measures (src/text.h), clips and pads. */
#ifndef DUBAN_UI_DRAW_H
#define DUBAN_UI_DRAW_H

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <stddef.h>

#include "src/status.h"
#include "src/state.h"
#include "src/util.h"

/* Roles of painted text, mapped to colours and attributes by ui_draw_attr. */
enum ui_paint {
	UI_P_NORMAL, UI_P_DIM, UI_P_BOLD, UI_P_CURSOR, UI_P_BAR, UI_P_ERROR, UI_P_OK,
	UI_P_MATCH, UI_P_HEAD, UI_P_BORDER,
	UI_P_ST_NOT_STARTED, UI_P_ST_IN_PROGRESS, UI_P_ST_BEHIND, UI_P_ST_DONE, UI_P_ST_ONGOING,
	UI_P_ST_PENDING, UI_P_ST_RETURNED,
	UI_P_COUNT
};

struct ui_seg {
	enum ui_paint paint;
	int extra;       /* extra curses attributes (A_REVERSE for the cursor row) */
	char *text;      /* already escaped: no control characters */
};

/* One screen line of segments. A zeroed struct is an empty line. */
struct ui_line {
	struct ui_seg *segs;
	size_t n, cap;
};

/* Append S (from anywhere, escaped here) painted as P. */
void ui_line_add(struct ui_line *l, enum ui_paint p, const char *s);
void ui_line_addf(struct ui_line *l, enum ui_paint p, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Append S padded or cut to exactly WIDTH columns (escaped first). */
void ui_line_addpad(struct ui_line *l, enum ui_paint p, const char *s, int width, char align);
/* Add A_REVERSE etc. to every segment (the cursor row). */
void ui_line_extra(struct ui_line *l, int attr);
int ui_line_width(const struct ui_line *l);
void ui_line_release(struct ui_line *l);

/* An array of lines (a view's content). */
struct ui_lines {
	struct ui_line *v;
	size_t n, cap;
};
struct ui_line *ui_lines_new(struct ui_lines *ls);
/* Wrap S (escaped, '\n' kept) at WIDTH - INDENT columns with text_wrap and
 * append the lines, each starting with INDENT spaces. */
void ui_lines_wrap(struct ui_lines *ls, enum ui_paint p, const char *s, int width, int indent);
void ui_lines_release(struct ui_lines *ls);

/* Colours: MODE -1 auto (terminal colours unless NO_COLOR), 0 never, 1 always.
 * Call after initscr/newterm. Returns 1 when colour is in use. */
int ui_draw_init(int mode);

/* A frame: ui_draw_begin, then the calls below (which only record what goes
 * where), then ui_draw_flush paints the rows that changed since the last
 * frame, as if the screen had been erased and all of it drawn again. Spans
 * not drawn in a frame are blank. ui_draw_release frees the records (at exit). */
void ui_draw_begin(void);
void ui_draw_release(void);
/* Forget the frame before: the next flush paints every row (after a resize;
 * called through ui_tree_invalidate). */
void ui_draw_forget(void);

/* Draw L at row Y, columns X..X+WIDTH-1: clipped, and padded with spaces in
 * the paint of FILL (plus EXTRA). */
void ui_draw_line(int y, int x, int width, const struct ui_line *l, enum ui_paint fill, int extra);
/* The same for FIRST's segments followed by L's (a mark before a kept line). */
void ui_draw_lines(int y, int x, int width, const struct ui_line *first, const struct ui_line *l,
		   enum ui_paint fill, int extra);
/* Draw S (escaped here) as one line in paint P at Y, X, WIDTH columns. */
void ui_draw_text(int y, int x, int width, enum ui_paint p, const char *s);
/* Blank rows Y0..Y1-1 of columns X..X+WIDTH-1. */
void ui_draw_clear(int y0, int y1, int x, int width);
/* A vertical '|' border at column X from row Y0 to Y1-1. */
void ui_draw_vline(int x, int y0, int y1);
/* Show the terminal cursor at Y, X, or hide it (Y < 0); the last call of a
 * frame holds (ui_draw_begin hides it). */
void ui_draw_cursor(int y, int x);
/* Leave curses mode for an outside program (def_prog_mode + endwin), and
 * come back (reset_prog_mode + a full redraw). */
void ui_draw_suspend(void);
void ui_draw_resume(void);

/* Paint the frame and push the screen to the terminal. */
void ui_draw_flush(void);

/* Write the screen as text lines (trailing spaces trimmed) to PATH. */
int ui_draw_dump(const char *path, struct err *e);
/* The same to F, each line after PREFIX; F's errors are the caller's. */
void ui_draw_dump_to(FILE *f, const char *prefix);

/* The paint of a status. */
enum ui_paint ui_draw_status_paint(enum status st);
/* The paint of a shown state (src/state.h): a status's, pending and returned
 * their own. */
enum ui_paint ui_draw_shown_paint(enum shown s);

#endif
