/* Reading a filled-in checklist back, as the department saved it: a CSV
 * (UTF-8 or GB18030) or an XLSX workbook from Excel, WPS or LibreOffice (one
 * sheet, or the --all workbook with a sheet per department). The header
 * lines and the columns are found by their labels, wherever they are; the
 * rows come back with what was filled in, and what cannot be taken is listed
 * with its line. Nothing here touches the store (src/checklist_import.c
 * does). */
#ifndef DUBAN_CHECKLIST_READ_H
#define DUBAN_CHECKLIST_READ_H

#include <stddef.h>

#include "src/csvread.h"
#include "src/err.h"

/* A task row with something filled in. */
struct checklist_fill {
	size_t line;         /* the CSV's line, or the sheet's row number */
	char *task;          /* 任务编号 */
	char *text;          /* 任务内容 as the row has it, "" when empty or the column is gone */
	int status;          /* enum status, -1 when the cell is empty */
	char *progress;      /* 本季度进展, "" if empty */
	char *evidence;      /* 本季度佐证材料, "" if empty */
};

/* A filled-in indicator row. */
struct checklist_ind_fill {
	size_t line;
	char *indicator;     /* its id */
	char *period;        /* 统计期, as typed */
	char *value;         /* 本期数值, as typed */
	char *source;        /* 数据来源, "" if empty */
};

/* One checklist: a CSV file, or one sheet of a workbook. */
struct checklist_file {
	char *sheet;                  /* the sheet's name; NULL for a CSV */
	char *dept, *period, *plans;  /* as the header lines say */
	const char *encoding;         /* static: the CSV's encoding, or "XLSX" */
	struct checklist_fill *rows;  /* rows with something filled in */
	size_t nrows;
	size_t skipped;               /* task rows with nothing filled in */
	struct row_problem *problems; /* rows that cannot be taken */
	size_t nproblems;
	struct checklist_ind_fill *inds;    /* indicator rows with a value filled in */
	size_t ninds;
};

/* What a file holds: its checklists, and the sheets that are none. */
struct checklist_book {
	struct checklist_file *files;
	size_t nfiles;
	char **others;                /* names of the sheets that hold no checklist */
	size_t nothers;
	int xlsx;                     /* 1: a workbook */
};

/* Parse the CSV BUF (LEN bytes, UTF-8 with or without BOM, or GB18030) named
 * NAME. A file without the header lines or the columns is refused
 * (-ERR_INPUT naming NAME and the line); rows whose fill-in cannot be taken
 * (an unknown status, a behind without a note; an indicator value without
 * its period or a period without its value) are listed in problems with
 * their line. A row with progress and no status is taken as a note alone
 * (status -1). The indicator rows follow their own header (指标编号 ...)
 * after the tasks. Release with checklist_file_release. */
int checklist_read_csv(const char *buf, size_t len, const char *name, struct checklist_file *out,
		       struct err *e);
void checklist_file_release(struct checklist_file *f);

/* Read the file BUF (LEN bytes) named NAME (src/grid.c says which it is): an
 * XLSX workbook when it is a ZIP archive (read by src/xlsx.c: every sheet whose
 * header lines say whose checklist it is; a sheet holding the header lines
 * without the column header, or a workbook with no checklist, is refused;
 * a formula in a cell the import reads is a problem of its row), else a CSV
 * as checklist_read_csv. Release with checklist_book_release. */
int checklist_read(const char *buf, size_t len, const char *name, struct checklist_book *out,
		   struct err *e);
void checklist_book_release(struct checklist_book *b);

#endif
