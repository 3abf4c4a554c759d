/* The checklist as an XLSX workbook that prints: a sheet per department, its
 * columns narrowed or dropped to fit A4 landscape at 10 pt, every row as
 * tall as its wrapped text (Excel, WPS and LibreOffice do not size rows a
 * file leaves unsized), the column header repeated on every page, the header
 * row and the id column frozen, a drop-down of statuses and the office's
 * reason beside a returned close-off. */
#ifndef DUBAN_CHECKLIST_XLSX_H
#define DUBAN_CHECKLIST_XLSX_H

#include <stddef.h>

#include "src/checklist.h"
#include "src/err.h"

/* The sheets' font size and page, in points: A4 landscape (842 pt wide)
 * less the left and right margins of 0.4 inch. */
#define CHECKLIST_FONT_PT 10.0
#define CHECKLIST_PAGE_PT (842.0 - 2 * 0.4 * 72)
/* The height of one line of text at CHECKLIST_FONT_PT (a CJK font's line
 * is about 1.45 em), and a row's padding. */
#define CHECKLIST_LINE_PT 14.5
#define CHECKLIST_ROW_PAD_PT 3.0
/* Lines left to write on in a task's row, at least. */
#define CHECKLIST_MIN_LINES 3

/* How one checklist's sheet is laid out. */
struct checklist_layout {
	int ncols;                   /* sheet columns used by the task table */
	int col[CKC_COUNT];          /* the task table's column (enum checklist_col) in each */
	int chars[CKC_COUNT];        /* per sheet column: display columns (wide = 2) a line holds */
	double width[CKC_COUNT];     /* per sheet column: its width in Excel's units (characters
					of the default font, Calibri 11, whose digit is 7 px) */
	double head_height;          /* the column header's row, in points */
	double *heights;             /* the task rows (NITEMS), then, when the sheet has
					indicators, their header and their rows, in points */
	size_t nheights;
	char **cells;                /* every task's cells (NITEMS rows of CKC_COUNT) escaped
					for a cell (text_escape, line breaks kept) */
	char **ind_cells;            /* the indicators' header and rows (NINDS + 1 of CKI_COUNT) */
	size_t nitems, ninds;
};

/* Lay out C's sheet: the columns its tasks need (其他单位, 最新进展 and
 * 佐证材料数 dropped when no task has any, unless the sheet shows
 * indicators, which use the ten columns), each as wide as its widest line
 * within bounds and together at most CHECKLIST_PAGE_PT; each row's height
 * from its cells wrapped at those widths. Release with
 * checklist_layout_release. */
void checklist_layout(const struct checklist *c, struct checklist_layout *out);
void checklist_layout_release(struct checklist_layout *l);

/* How wide a column of Excel width W prints, in points. */
double checklist_col_points(double w);

/* Write the N checklists V as one XLSX workbook at PATH, a sheet per
 * checklist (named after the department: at most 31 characters, unique,
 * none of []:*?/\), laid out by checklist_layout. -ERR_IO naming PATH when
 * it cannot be written. */
int checklist_xlsx(const struct checklist *v, size_t n, const char *path, struct err *e);

/* The sheet name for department DEPT, unique among the N names USED. Caller frees. */
char *checklist_sheet_name(const char *dept, char *const *used, size_t n);

#endif
