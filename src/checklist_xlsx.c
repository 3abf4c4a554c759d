/* The checklist workbook (libxlsxwriter) and its page: which columns a
 * department's sheet shows, how wide each is and how tall each row must be
 * for its text wrapped at that width, all measured by display width through
 * src/text.c (a CJK character is two columns, five points at 10 pt). */
#include <errno.h>
#include <math.h>
#include <strings.h>
#include <xlsxwriter.h>

#include "src/checklist_xlsx.h"
#include "src/text.h"
#include "src/util.h"
#include "src/banned.h"

/* Points a display column takes at CHECKLIST_FONT_PT: a CJK character of
 * 10 pt is two columns of 5 pt; Arial's letters and digits are about 5.6 pt
 * (0.56 em). 4% is kept for fonts that set them wider. The pixels (96 per
 * inch) a cell keeps on its sides. */
#define PT_WIDE_COL (CHECKLIST_FONT_PT * 0.50 * 1.04)
#define PT_NARROW_COL (CHECKLIST_FONT_PT * 0.56 * 1.04)
#define CELL_PAD_PX 6
/* Of the page, what the columns may take: a column's width is counted in
 * digits of the workbook's font (Arial 10, 7 pixels in Excel and WPS);
 * LibreOffice measures that digit unrounded (7.4 pixels in Liberation Sans),
 * so 8% is kept for it, and whatever scales the page to fit stays near 100%. */
#define BUDGET_PX (CHECKLIST_PAGE_PT / 0.75 * 0.92)

/* Each column's bounds in display columns; FLEX: its share of the room
 * left; DROP: left out when no task has anything in it; FILL: a column the
 * department writes in, as wide as it may be. */
static const struct colspec { int min, max, flex, drop, fill; } specs[CKC_COUNT] = {
	[CKC_TASK] = { 10, 12, 0, 0, 0 },
	[CKC_TEXT] = { 26, 60, 4, 0, 0 },
	[CKC_ROLE] = { 4, 6, 0, 0, 0 },
	[CKC_OTHERS] = { 10, 24, 2, 1, 0 },
	[CKC_PREV] = { 8, 16, 0, 0, 0 },
	[CKC_NOTE] = { 14, 40, 2, 1, 0 },
	[CKC_NEV] = { 4, 4, 0, 1, 0 },
	[CKC_FILL_PROGRESS] = { 22, 50, 2, 0, 1 },
	[CKC_FILL_EVIDENCE] = { 14, 30, 1, 0, 1 },
	[CKC_FILL_STATUS] = { 8, 10, 0, 0, 1 },
};

/* The pixels of a column whose lines hold CHARS display columns of CJK text. */
static int col_px(int chars)
{
	return (int)ceil(chars * PT_WIDE_COL / 0.75) + CELL_PAD_PX;
}

double checklist_col_points(double w)
{
	/* libxlsxwriter stores (round(7 w) + 5) / 7: a column of w prints
	 * round(7 w) + 5 pixels of the default font's 7-pixel digit */
	return (floor(w * 7 + 0.5) + 5) * 0.75;
}

/* S escaped for a cell (control characters made visible, line breaks
 * kept). Caller frees. */
static char *esc_of(const char *s)
{
	struct strbuf esc = STRBUF_INIT;
	text_escape(&esc, s, 1);
	return sb_detach(&esc);
}

/* The widest line of S (escaped), in display columns. */
static int widest(const char *s)
{
	int best = 0;
	while (*s) {
		size_t n = strcspn(s, "\n");
		int w = text_width_n(s, n);
		if (w > best)
			best = w;
		s += n + (s[n] == '\n');
	}
	return best;
}

/* The lines S (escaped) takes wrapped in a column of PX pixels: its
 * display columns are set at the width of its mix of wide (CJK) and narrow
 * characters. */
static size_t lines_of(const char *s, int px)
{
	const char *p;
	char **lines;
	size_t n, ncp = 0, total = 0;
	int cols = text_width(s), narrow, chars;
	double per;
	for (p = s; *p; p++)
		ncp += ((unsigned char)*p & 0xC0) != 0x80 && *p != '\n';
	narrow = (int)(2 * ncp) - cols;   /* characters of one column; the others take two */
	if (narrow < 0)
		narrow = 0;
	if (narrow > cols)
		narrow = cols;
	per = cols ? (narrow * PT_NARROW_COL + (cols - narrow) * PT_WIDE_COL) / cols : PT_WIDE_COL;
	chars = (int)(((px - CELL_PAD_PX) * 0.75) / per);
	if (chars < 2)
		chars = 2;
	if (!strchr(s, '\n') && cols <= chars)
		return 1;
	n = text_wrap(s, chars, &lines);
	for (size_t l = 0; l < n; l++) {
		/* a line with no break in it (a link) is broken where it must be */
		int w = text_width(lines[l]);
		total += w > chars ? (size_t)((w + chars - 1) / chars) : 1;
	}
	text_lines_free(lines, n);
	return total ? total : 1;
}

static double row_height(size_t lines)
{
	return (double)lines * CHECKLIST_LINE_PT + CHECKLIST_ROW_PAD_PT;
}

void checklist_layout(const struct checklist *c, struct checklist_layout *out)
{
	const char *cells[CKC_COUNT], *ic[CKI_COUNT];
	int content[CKC_COUNT], want[CKC_COUNT], chars[CKC_COUNT], shown[CKC_COUNT], px = 0;
	char nev[16];
	size_t k;

	memset(out, 0, sizeof *out);
	out->cells = xcalloc(c->nitems * CKC_COUNT + 1, sizeof *out->cells);
	out->ind_cells = xcalloc((c->ninds + 1) * CKI_COUNT, sizeof *out->ind_cells);
	for (int i = 0; i < CKC_COUNT; i++) {
		content[i] = 0;
		shown[i] = !specs[i].drop || c->ninds > 0;
	}
	for (size_t r = 0; r < c->nitems; r++) {
		char **esc = &out->cells[r * CKC_COUNT];
		checklist_cells(c, r, cells, nev);
		for (int i = 0; i < CKC_COUNT; i++) {
			int w;
			esc[i] = esc_of(cells[i]);
			if ((w = widest(esc[i])) > content[i])
				content[i] = w;
		}
		shown[CKC_OTHERS] |= *c->items[r].others != '\0';
		shown[CKC_NOTE] |= *c->items[r].prev_note != '\0';
		shown[CKC_NEV] |= c->items[r].nevidence > 0;
	}
	for (size_t r = 0; c->ninds && r <= c->ninds; r++) {
		char **esc = &out->ind_cells[r * CKI_COUNT];
		checklist_ind_cells(r ? c : NULL, r ? r - 1 : 0, ic);
		for (int i = 0; i < CKI_COUNT; i++) {
			int w;
			esc[i] = esc_of(ic[i]);
			if (r && i < CKC_COUNT && (w = widest(esc[i])) > content[i])
				content[i] = w;
		}
	}
	/* each column at what its content wants within bounds, the flexible
	 * ones at their least */
	for (int i = 0; i < CKC_COUNT; i++) {
		want[i] = specs[i].fill ? specs[i].max : content[i];
		if (want[i] < specs[i].min)
			want[i] = specs[i].min;
		if (want[i] > specs[i].max)
			want[i] = specs[i].max;
		chars[i] = specs[i].flex ? specs[i].min : want[i];
		if (shown[i])
			px += col_px(chars[i]);
	}
	/* too wide (long ids or states): the fixed ones back to their least */
	for (int i = 0; i < CKC_COUNT && px > BUDGET_PX; i++)
		if (shown[i] && chars[i] > specs[i].min) {
			px -= col_px(chars[i]) - col_px(specs[i].min);
			chars[i] = specs[i].min;
		}
	/* the room left, a column at a time to the flexible column furthest
	 * below its share */
	for (;;) {
		int best = -1, add;
		double best_r = 0;
		for (int i = 0; i < CKC_COUNT; i++) {
			double r;
			if (!shown[i] || !specs[i].flex || chars[i] >= want[i])
				continue;
			r = (double)(chars[i] - specs[i].min) / specs[i].flex;
			if (best < 0 || r < best_r) {
				best = i;
				best_r = r;
			}
		}
		if (best < 0)
			break;
		add = col_px(chars[best] + 1) - col_px(chars[best]);
		if (px + add > BUDGET_PX)
			break;
		px += add;
		chars[best]++;
	}
	for (int i = 0; i < CKC_COUNT; i++) {
		if (!shown[i])
			continue;
		k = (size_t)out->ncols++;
		out->col[k] = i;
		out->chars[k] = chars[i];
		out->width[k] = (col_px(chars[i]) - 5) / 7.0;
	}
	/* rows: the header, each task (room to write in), the indicators */
	checklist_cells(NULL, 0, cells, nev);
	{
		size_t most = 1;
		for (int s = 0; s < out->ncols; s++) {
			size_t n = lines_of(cells[out->col[s]], col_px(out->chars[s]));
			if (n > most)
				most = n;
		}
		out->head_height = row_height(most);
	}
	out->nheights = c->nitems + (c->ninds ? c->ninds + 1 : 0);
	out->heights = xcalloc(out->nheights + 1, sizeof *out->heights);
	for (size_t r = 0; r < c->nitems; r++) {
		size_t most = CHECKLIST_MIN_LINES;
		for (int s = 0; s < out->ncols; s++) {
			size_t n = lines_of(out->cells[r * CKC_COUNT + out->col[s]], col_px(out->chars[s]));
			if (n > most)
				most = n;
		}
		out->heights[r] = row_height(most);
	}
	for (size_t r = 0; c->ninds && r <= c->ninds; r++) {
		size_t most = r ? 2 : 1;
		for (int s = 0; s < CKI_COUNT && s < out->ncols; s++) {
			size_t n = lines_of(out->ind_cells[r * CKI_COUNT + s], col_px(out->chars[s]));
			if (n > most)
				most = n;
		}
		out->heights[c->nitems + r] = row_height(most);
	}
	out->nitems = c->nitems;
	out->ninds = c->ninds;
}

void checklist_layout_release(struct checklist_layout *l)
{
	for (size_t i = 0; l->cells && i < l->nitems * CKC_COUNT; i++)
		free(l->cells[i]);
	for (size_t i = 0; l->ind_cells && l->ninds && i < (l->ninds + 1) * CKI_COUNT; i++)
		free(l->ind_cells[i]);
	free(l->cells);
	free(l->ind_cells);
	free(l->heights);
	memset(l, 0, sizeof *l);
}

char *checklist_sheet_name(const char *dept, char *const *used, size_t n)
{
	struct strbuf base = STRBUF_INIT;
	char *name = NULL;
	/* forbidden characters become '_'; at most 31 characters (code points) */
	for (const char *p = dept; *p; p++)
		sb_addc(&base, strchr("[]:*?/\\", *p) ? '_' : *p);
	if (!base.len || base.buf[0] == '\'')
		sb_adds(&base, "_");
	for (int k = 1; k < 1000 && !name; k++) {
		char suffix[16] = "";
		size_t keep, nchars = 0, limit;
		struct strbuf t = STRBUF_INIT;
		int clash = 0;
		if (k > 1)
			snprintf(suffix, sizeof suffix, "~%d", k);
		limit = 31 - strlen(suffix);
		for (keep = 0; keep < base.len; keep++) {
			if (((unsigned char)base.buf[keep] & 0xC0) != 0x80) {
				if (nchars == limit)
					break;
				nchars++;
			}
		}
		sb_add(&t, base.buf, keep);
		while (t.len && t.buf[t.len - 1] == '\'')
			t.buf[--t.len] = '\0';
		sb_adds(&t, suffix);
		for (size_t i = 0; i < n; i++)
			if (used[i] && !strcasecmp(used[i], sb_str(&t)))
				clash = 1;
		if (clash)
			sb_release(&t);
		else
			name = sb_detach(&t);
	}
	sb_release(&base);
	return name ? name : xstrdup("sheet");
}

/* The formats of a workbook's cells. */
struct ck_formats { lxw_format *label, *value, *head, *cell, *fill, *returned, *title; };

/* Arial at CHECKLIST_FONT_PT, not the theme's font: Windows has it and
 * LibreOffice has its metric twin (Liberation Sans), so the width of a
 * column, counted in the digits of the workbook's first font, prints the same
 * in Excel, WPS and LibreOffice. */
static void ck_font(lxw_format *f)
{
	format_set_font_name(f, "Arial");
	format_set_font_scheme(f, "");
	format_set_font_size(f, CHECKLIST_FONT_PT);
}

static lxw_format *ck_format(lxw_workbook *wb, int bold, int wrap, int border, unsigned bg, unsigned fg)
{
	lxw_format *f = workbook_add_format(wb);
	ck_font(f);
	if (bold)
		format_set_bold(f);
	if (wrap)
		format_set_text_wrap(f);
	format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
	if (border)
		format_set_border(f, LXW_BORDER_THIN);
	if (bg)
		format_set_bg_color(f, bg);
	if (fg)
		format_set_font_color(f, fg);
	return f;
}

/* One department's sheet. */
static void ck_sheet(lxw_worksheet *ws, const struct checklist *c, const struct ck_formats *fm)
{
	static const char *statuses[] = { "未启动", "推进中", "滞后", "已完成", "持续推进", NULL };
	const char *labels[CHECKLIST_NHEAD], *values[CHECKLIST_NHEAD], *cells[CKC_COUNT];
	struct checklist_layout lay;
	lxw_row_t hr = CHECKLIST_NHEAD + 1;
	int span = 0;   /* pixels of the columns after the first */
	char nev[16];

	checklist_layout(c, &lay);
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9); /* A4 */
	worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.5);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, hr, hr);
	worksheet_freeze_panes(ws, hr + 1, 1);
	worksheet_set_footer(ws, "&C&P / &N");
	for (int s = 0; s < lay.ncols; s++) {
		worksheet_set_column(ws, (lxw_col_t)s, (lxw_col_t)s, lay.width[s], NULL);
		if (s)
			span += col_px(lay.chars[s]);
	}
	/* the header lines: label, and the value across the other columns */
	checklist_head(c, labels, values);
	for (int i = 0; i < CHECKLIST_NHEAD; i++) {
		struct strbuf esc = STRBUF_INIT;
		text_escape(&esc, values[i], 0);
		worksheet_write_string(ws, (lxw_row_t)i, 0, labels[i], i ? fm->label : fm->title);
		if (lay.ncols > 2)
			worksheet_merge_range(ws, (lxw_row_t)i, 1, (lxw_row_t)i, (lxw_col_t)(lay.ncols - 1),
					      sb_str(&esc), fm->value);
		else
			worksheet_write_string(ws, (lxw_row_t)i, 1, sb_str(&esc), fm->value);
		worksheet_set_row(ws, (lxw_row_t)i, row_height(lines_of(sb_str(&esc), span)), NULL);
		sb_release(&esc);
	}
	checklist_cells(NULL, 0, cells, nev);
	for (int s = 0; s < lay.ncols; s++)
		worksheet_write_string(ws, hr, (lxw_col_t)s, cells[lay.col[s]], fm->head);
	worksheet_set_row(ws, hr, lay.head_height, NULL);
	for (size_t it = 0; it < c->nitems; it++) {
		const struct checklist_item *item = &c->items[it];
		lxw_row_t r = hr + 1 + (lxw_row_t)it;
		worksheet_set_row(ws, r, lay.heights[it], NULL);
		for (int s = 0; s < lay.ncols; s++) {
			int k = lay.col[s];
			lxw_format *f = specs[k].fill ? fm->fill : fm->cell;
			if (k == CKC_NEV)
				worksheet_write_number(ws, r, (lxw_col_t)s, item->nevidence, f);
			else
				worksheet_write_string(ws, r, (lxw_col_t)s, lay.cells[it * CKC_COUNT + k],
						       k == CKC_PREV && item->closeoff == REVIEW_RETURNED ? fm->returned : f);
			if (k == CKC_FILL_PROGRESS && item->closeoff == REVIEW_RETURNED) {
				/* the office's reason where the department writes */
				struct strbuf note = STRBUF_INIT;
				lxw_comment_options co;
				memset(&co, 0, sizeof co);
				co.author = (char *)"督办办公室";
				co.width = 300;
				co.height = 100;
				sb_adds(&note, "上季度的销号申请被退回：");
				text_escape(&note, item->reason, 1);
				sb_adds(&note, "\n请在本季度进展中说明整改情况。");
				worksheet_write_comment_opt(ws, r, (lxw_col_t)s, sb_str(&note), &co);
				sb_release(&note);
			}
		}
	}
	if (c->nitems) {
		lxw_data_validation dv;
		int sc = 0;
		while (sc < lay.ncols && lay.col[sc] != CKC_FILL_STATUS)
			sc++;
		memset(&dv, 0, sizeof dv);
		dv.validate = LXW_VALIDATION_TYPE_LIST;
		dv.value_list = (char **)statuses;
		dv.show_error = LXW_VALIDATION_ON;
		dv.error_title = (char *)"状态";
		dv.error_message = (char *)"请选择：未启动、推进中、滞后、已完成、持续推进";
		dv.input_title = (char *)"本季度状态";
		dv.input_message = (char *)"从下拉列表选择；滞后须在本季度进展中说明原因";
		worksheet_data_validation_range(ws, hr + 1, (lxw_col_t)sc, hr + (lxw_row_t)c->nitems,
						(lxw_col_t)sc, &dv);
	}
	if (c->ninds) {
		/* the indicators below the tasks, after a blank row, in the same
		 * ten columns */
		lxw_row_t ir = hr + (lxw_row_t)c->nitems + 2;
		for (size_t it = 0; it <= c->ninds; it++) {
			worksheet_set_row(ws, ir + (lxw_row_t)it, lay.heights[c->nitems + it], NULL);
			for (int i = 0; i < CKI_COUNT; i++)
				worksheet_write_string(ws, ir + (lxw_row_t)it, (lxw_col_t)i,
						       lay.ind_cells[it * CKI_COUNT + i],
						       !it ? fm->head : i >= CKI_FILL_PERIOD ? fm->fill : fm->cell);
		}
	}
	checklist_layout_release(&lay);
}

int checklist_xlsx(const struct checklist *v, size_t n, const char *path, struct err *e)
{
	lxw_workbook_options wo;
	lxw_workbook *wb;
	struct ck_formats fm;
	char **names = xcalloc(n ? n : 1, sizeof *names);
	lxw_error le;
	FILE *probe;

	memset(&wo, 0, sizeof wo);
	/* libxlsxwriter only opens PATH at the end: find out now if it can be written */
	if (!(probe = fopen(path, "ab"))) {
		int rc = err_set(e, ERR_IO, "cannot write '%s': %s; choose another place with -o", path,
				 strerror(errno));
		free(names);
		return rc;
	}
	fclose(probe);
	wb = workbook_new_opt(path, &wo);
	if (!wb) {
		free(names);
		return err_set(e, ERR_IO, "cannot create the workbook '%s'", path);
	}
	/* the workbook's first format is its default, whose font sets the unit
	 * of every column's width (libxlsxwriter makes it first, Calibri 11) */
	if (!STAILQ_EMPTY(wb->formats))
		ck_font(STAILQ_FIRST(wb->formats));
	fm.title = ck_format(wb, 1, 0, 0, 0, 0);
	fm.label = ck_format(wb, 1, 0, 0, 0, 0);
	fm.value = ck_format(wb, 0, 1, 0, 0, 0);
	fm.head = ck_format(wb, 1, 1, 1, 0xD9E1F2, 0);
	fm.cell = ck_format(wb, 0, 1, 1, 0, 0);
	fm.fill = ck_format(wb, 0, 1, 1, 0xFFF8DC, 0);
	fm.returned = ck_format(wb, 1, 1, 1, 0, 0xC00000);
	for (size_t k = 0; k < n; k++) {
		lxw_worksheet *ws;
		names[k] = checklist_sheet_name(v[k].dept, names, k);
		if ((ws = workbook_add_worksheet(wb, names[k])))
			ck_sheet(ws, &v[k], &fm);
	}
	le = workbook_close(wb);
	for (size_t k = 0; k < n; k++)
		free(names[k]);
	free(names);
	if (le != LXW_NO_ERROR)
		return err_set(e, ERR_IO, "cannot write '%s': %s; choose another place with -o", path,
			       lxw_strerror(le));
	return 0;
}
