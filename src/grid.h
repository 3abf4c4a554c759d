/* A table file as rows of cells, whichever way it came: a CSV (src/csvread.c)
 * is one grid, an XLSX workbook (src/xlsx.c) one grid per sheet, each row
 * with its line (the CSV's line, the sheet's row number) and each cell with
 * its column. What the file is goes by its bytes, not only its name. The
 * tables duban takes back (checklists, indicators) read their rows here. */
#ifndef DUBAN_GRID_H
#define DUBAN_GRID_H

#include <stddef.h>

#include "src/csvread.h"
#include "src/err.h"
#include "src/xlsx.h"

struct grid_cell {
	int col;                  /* from 0 */
	const char *text;         /* never NULL */
	const char *formula;      /* a workbook cell's formula (its text is the cached
				     value), NULL for a constant and in a CSV */
};

struct grid_row {
	size_t line;              /* from 1 */
	struct grid_cell *cells;  /* in column order, the cells borrowed from the source */
	size_t n;
};

struct grid {
	const char *sheet;        /* the sheet's name; NULL for a CSV */
	int hidden;               /* the sheet is hidden (1) or very hidden (2) */
	struct grid_row *rows;
	size_t n;
};

/* The grid of a CSV document or of one sheet; it borrows the text of D or SH,
 * which must outlive it. Release with grid_release. */
void grid_of_csv(const struct csv_doc *d, struct grid *g);
void grid_of_sheet(const struct xlsx_sheet *sh, struct grid *g);
void grid_release(struct grid *g);

/* The cell of R in column COL, or NULL; its text ("" when none); its formula
 * (NULL when none). */
const struct grid_cell *grid_cell_at(const struct grid_row *r, int col);
const char *grid_text(const struct grid_row *r, int col);
const char *grid_formula(const struct grid_row *r, int col);

/* A whole file as grids. */
struct grid_file {
	int xlsx;                 /* 1: a workbook */
	int misnamed;             /* 1: a workbook whose name ends in .csv or .txt */
	const char *encoding;     /* static: the CSV's encoding, or "XLSX" */
	struct grid *grids;       /* the CSV's one, or the workbook's sheets in order */
	size_t n;
	struct csv_doc csv;       /* the source the grids borrow from */
	struct xlsx_book book;
};

/* Read the LEN bytes at BUF from NAME (named in messages): a workbook when
 * they start as a ZIP archive does, whatever the name; a file named .xlsx
 * or .xlsm that is not one, and an Excel 97-2003 (or password-protected)
 * file, are refused saying what to save instead; anything else is a CSV
 * (csv_parse). Returns 0 with F filled (release with grid_file_release), or
 * -ERR_INPUT with E saying what is wrong and F empty. */
int grid_file_read(const char *buf, size_t len, const char *name, struct grid_file *f, struct err *e);
void grid_file_release(struct grid_file *f);

#endif
