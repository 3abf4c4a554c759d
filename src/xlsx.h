/* Reading Excel workbooks (.xlsx, also WPS's) as their users see them: a
 * workbook of sheets, each a list of rows of cell strings. Shared strings,
 * inline strings and rich-text runs come out as their text (phonetic guides
 * left out), numbers as Excel shows them in General format (percentages as
 * 80.05%), dates (by their number format) as 2024-10-08, booleans as
 * TRUE/FALSE, formulas as their cached value (the formula kept beside it).
 * Hidden sheets and hidden columns are marked, not dropped: the caller
 * decides. A general module: the plan importer and the checklist import both
 * read workbooks through it. */
#ifndef DUBAN_XLSX_H
#define DUBAN_XLSX_H

#include <stddef.h>

#include "src/err.h"

/* Limits on what one workbook may hold. */
#define XLSX_SHEETS_MAX 4096   /* the --all checklist of a national rollout has about 700 */
#define XLSX_CELLS_MAX  (4u * 1024 * 1024)

struct xlsx_cell {
	int col;                /* from 0 (A) */
	char *text;             /* never NULL */
	char *formula;          /* the cell's formula as written (without '='; "" for a
				   shared one's followers), NULL for a constant */
};

struct xlsx_row {
	int row;                /* from 1, as Excel numbers it */
	struct xlsx_cell *cells;/* in column order */
	size_t ncells;
};

struct xlsx_sheet {
	char *name;
	int hidden;             /* 0 visible, 1 hidden, 2 very hidden */
	struct xlsx_row *rows;  /* in row order, rows without cells left out */
	size_t nrows;
	unsigned char *col_hidden;  /* [0, ncols_hidden): 1 when the column is hidden */
	size_t ncols_hidden;
};

struct xlsx_book {
	struct xlsx_sheet *sheets;  /* in the workbook's order */
	size_t nsheets;
};

/* Read the LEN bytes at BUF, a workbook from NAME (named in messages). Returns
 * 0 and fills *BOOK (release with xlsx_book_release), or -ERR_INPUT with E
 * saying what is wrong (not a workbook, damaged, encrypted, over the limits,
 * a zip bomb) and what to do; *BOOK is then empty. */
int xlsx_read(const char *buf, size_t len, const char *name, struct xlsx_book *book,
	      struct err *e);
void xlsx_book_release(struct xlsx_book *book);

/* The text of column COL in ROW, "" when the row has no such cell. */
const char *xlsx_cell_text(const struct xlsx_row *row, int col);

/* 1 when column COL of SHEET is hidden. */
int xlsx_col_is_hidden(const struct xlsx_sheet *sheet, int col);

/* "A" -> 0, "AB" -> 27; the row number after the letters in *ROW (0 if none).
 * -1 when REF does not start with a column. */
int xlsx_ref_col(const char *ref, int *row);

/* Excel's serial day number (1900 system) as "2024-10-08" into OUT (room for
 * 11 bytes); 0 on success, -1 when out of range. */
int xlsx_serial_date(double serial, char *out, size_t cap);

#endif
