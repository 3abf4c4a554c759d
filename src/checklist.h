/* Quarterly checklists (督办清单): what one department is asked about in one
 * quarter, rendered as printable text, Markdown, CSV for Excel/WPS and XLSX,
 * and read back from the CSV the department filled in. The CSV and XLSX carry
 * the same header lines (plan, department, quarter, the date and the chain's
 * head) so a file filled in for another department or quarter is recognised
 * and refused. */
#ifndef DUBAN_CHECKLIST_H
#define DUBAN_CHECKLIST_H

#include <stddef.h>

#include "src/util.h"
#include "src/model.h"

struct store;

/* An indicator the department reports, as its checklist shows it: rows
 * after the tasks whose 统计期, 本期数值 and 数据来源 it fills in. */
struct checklist_ind {
	char *id, *name, *unit;
	char *baseline, *target, *latest;   /* "2020年 3194.4", "2025年 3500", "2024年 3987.1" or "未报送" */
	char *judgement;                     /* as of the quarter's year: 已提前实现, 快于预期 ... */
};

struct checklist {
	char *plans;         /* plan keys, joined by "," */
	char *plan_title;    /* plan titles, joined by "；" */
	char *dept;          /* canonical name */
	char *period;        /* the quarter to report on, "2024Q3" */
	char *prev_period;   /* the quarter before, whose end status is shown */
	char *made;          /* date made, "2024-10-08" (local) */
	char *chain;         /* the chain's head when made (store_chain_head), printed
				so that the department's copy can prove a later edit */
	struct checklist_item *items;
	size_t nitems;
	char **states;       /* per item, its state as the checklist prints it:
				已完成（已销号）, 已完成（待审核）, 退回：REASON, 推进中, 未报送 ... */
	struct checklist_ind *inds;  /* the indicators DEPT reports of the plans in force in
					the quarter (any plan, not only PLANS) */
	size_t ninds;
};

/* Build DEPT's checklist for PERIOD over the NPLANS plans PLANS (keys), one
 * query per plan, with the indicators DEPT reports of every plan in force
 * in PERIOD. -ERR_NOTFOUND when the department has no task in them and no
 * indicator. Release with checklist_release. */
int checklist_build(struct store *s, const char *const *plans, size_t nplans, const char *dept,
		    const char *period, struct checklist *out, struct err *e);
void checklist_release(struct checklist *c);
/* How the checklist writes IT's state (caller frees): 未报送, a status, or
 * 已完成（已销号）/（待审核） and a returned close-off with its reason. */
char *checklist_state_text(const struct checklist_item *it);

/* Renderers, appending to SB. Text: columns aligned by display width with the
 * long texts wrapped, at most about 150 columns (A4 landscape), control
 * characters escaped. Markdown: a table with '|' escaped. CSV: RFC 4180,
 * CRLF, a UTF-8 BOM when BOM is set, cells guarded against formulas by
 * out_csv_field (src/output.h). */
void checklist_txt(const struct checklist *c, struct strbuf *sb);
void checklist_md(const struct checklist *c, struct strbuf *sb);
void checklist_csv(const struct checklist *c, int bom, struct strbuf *sb);

/* Write the N checklists V as one XLSX workbook at PATH, a sheet per
 * checklist (named after the department: at most 31 characters, unique,
 * none of []:*?/\), A4 landscape, the column header repeated on every printed
 * page and frozen, and a drop-down of statuses in the status column.
 * -ERR_IO naming PATH when it cannot be written. */
int checklist_xlsx(const struct checklist *v, size_t n, const char *path, struct err *e);

/* The sheet name for department DEPT, unique among the N names USED. Caller frees. */
char *checklist_sheet_name(const char *dept, char *const *used, size_t n);

/* ---- reading a filled-in checklist back ---- */

struct checklist_fill {
	size_t line;         /* line of the file */
	char *task;
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

struct checklist_problem {
	size_t line;
	char *msg;
};

struct checklist_file {
	char *dept, *period, *plans;  /* as the header lines say */
	const char *encoding;         /* static */
	struct checklist_fill *rows;  /* rows with something filled in */
	size_t nrows;
	size_t skipped;               /* task rows with nothing filled in */
	struct checklist_problem *problems; /* rows that cannot be taken */
	size_t nproblems;
	struct checklist_ind_fill *inds;    /* indicator rows with a value filled in */
	size_t ninds;
};

/* Parse the CSV BUF (LEN bytes, UTF-8 with or without BOM, or GB18030) named
 * NAME. A file without the header lines or the columns is refused
 * (-ERR_INPUT naming NAME and the line); rows whose fill-in cannot be taken
 * (an unknown status, progress without a status, a behind without a note;
 * an indicator value without its period or a period without its value)
 * are listed in problems with their line. The indicator rows follow their
 * own header (指标编号 ...) after the tasks. Release with
 * checklist_file_release. */
int checklist_read_csv(const char *buf, size_t len, const char *name, struct checklist_file *out,
		       struct err *e);
void checklist_file_release(struct checklist_file *f);

/* The note recorded for a fill-in row: the progress, then "佐证材料：" and
 * the evidence on a line of its own when given. Caller frees. */
char *checklist_fill_note(const struct checklist_fill *f);

#endif
