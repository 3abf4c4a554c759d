/* Tables of indicators and of their values as offices keep them in Excel or
 * WPS, as the workbook (.xlsx) or saved as CSV (UTF-8 with or without BOM,
 * or GB18030), both read as the same rows (src/grid.h): which table a
 * file is by its column header, each row read with its line, and the import
 * of either into the store, all rows or none. The bundled indicators
 * (data/indicators/) come in the same way. */
#ifndef DUBAN_INDICATOR_TABLE_H
#define DUBAN_INDICATOR_TABLE_H

#include <stddef.h>

#include "src/csvread.h"
#include "src/indicator.h"
#include "src/util.h"

struct store;

enum ind_table_kind { IND_TABLE_DEFS, IND_TABLE_VALUES };

/* A row of a table of indicators. Which columns the table has decides what
 * a row sets: a column present sets its field (an empty cell: not known),
 * a column absent keeps what the store has. */
struct ind_def_row {
	size_t line;                  /* 0: read but refused (its reason is in problems) */
	char *plan, *name;
	char *unit;                   /* NULL: no unit column */
	char *note;                   /* NULL: no note column */
	int direction, kind;          /* -1: no column or an empty cell */
	int has_baseline;             /* the table has a baseline column */
	int baseline_year;            /* 0: not known */
	char *baseline;               /* as typed, "" not known */
	int has_targets;
	struct ind_target *targets; size_t ntargets;   /* values as typed */
	int has_depts;
	char **depts; size_t ndepts;  /* as typed, not resolved */
};

/* A row of a table of values: every cell as typed. */
struct ind_value_row {
	size_t line;
	char *indicator;              /* an id or a name */
	char *plan;                   /* "" when the table has no plan column */
	char *period, *value, *source, *dept, *note;
};


struct ind_table {
	enum ind_table_kind kind;
	const char *encoding;         /* static: the CSV's encoding, or "XLSX" */
	char *sheet;                  /* the workbook's sheet read; NULL for a CSV */
	struct strbuf note;           /* lines for the user: a workbook named .csv, other
					 sheets with a table passed over */
	struct ind_def_row *defs; size_t ndefs;
	struct ind_value_row *values; size_t nvalues;
	struct row_problem *problems; size_t nproblems;   /* rows that cannot be read */
	size_t skipped;               /* empty rows */
};

/* Read the table BUF (LEN bytes) named NAME: a CSV, or an XLSX workbook
 * (from Excel, WPS or LibreOffice; src/grid.c tells which by the bytes),
 * whose first visible sheet with a header is read. The header is the first
 * row with a cell 指标, 指标名称 or 指标编号 (or indicator, name); a table with
 * a 数值 (value) column is one of values, else one with a 单位 (unit) column
 * one of indicators. PLAN (may be NULL) is the plan of rows without a plan
 * cell. Refused (-ERR_INPUT naming NAME, the sheet and the line): not a
 * table duban can read, no header (in no sheet), a header that is neither.
 * Rows that cannot be read are in problems, by line (the sheet's row
 * number). Release with ind_table_release. */
int ind_table_read(const char *buf, size_t len, const char *name, const char *plan,
		   struct ind_table *out, struct err *e);
void ind_table_release(struct ind_table *t);

struct ind_import_opts {
	const char *plan;             /* the plan of rows without one, or NULL */
	int dry_run;                  /* check everything, write nothing */
	const char *who;              /* the acting login */
};

struct ind_import_result {
	enum ind_table_kind kind;
	const char *encoding;         /* static: the CSV's encoding, or "XLSX" */
	char *sheet;                  /* the sheet read, NULL for a CSV */
	char *note;                   /* "" or lines to tell the user (a workbook named
					 .csv, sheets passed over) */
	size_t rows;                  /* rows taken */
	size_t added, changed, unchanged, corrections;  /* definitions; values that correct one */
	size_t skipped;
};

/* Import the table at PATH (CSV or XLSX, as ind_table_read): definitions
 * (office only) or values (each held to the role rules), all rows or none.
 * Appends a line per row taken to OUT ("f.csv:3: FYP14-I4 知识产权使用费年进出口总额:
 * new"; a sheet's rows as "f.xlsx[Sheet1]:3: ...") and a line per row
 * refused to PROBLEMS ("f.csv:7: ..."). 0 with R filled, or a negative code
 * with E saying how many rows were refused and the database as it was.
 * Release R with ind_import_result_release either way. */
int ind_import_file(struct store *s, const char *path, const struct ind_import_opts *o,
		    struct strbuf *out, struct strbuf *problems, struct ind_import_result *r,
		    struct err *e);
void ind_import_result_release(struct ind_import_result *r);

#endif
