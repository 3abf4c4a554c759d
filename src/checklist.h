/* Quarterly checklists (督办清单): what one department is asked about in one
 * quarter, built from the store and rendered as printable text, Markdown and
 * CSV for Excel/WPS (the XLSX workbook is src/checklist_xlsx.c, reading a
 * filled-in one back src/checklist_read.c). Every form carries the same
 * header lines (plan, department, quarter, the date, the chain's head and
 * how to fill it in) so a file filled in for another department or quarter
 * is recognised and refused. */
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

/* The task table's columns, in the order CSV and Markdown write them. */
enum checklist_col {
	CKC_TASK, CKC_TEXT, CKC_ROLE, CKC_OTHERS, CKC_PREV, CKC_NOTE, CKC_NEV, CKC_FILL_PROGRESS,
	CKC_FILL_EVIDENCE, CKC_FILL_STATUS, CKC_COUNT
};
/* Their headers: 任务编号 ... 本季度状态（填写）. */
extern const char *const checklist_col_names[CKC_COUNT];

/* The indicator table's columns, after the tasks. */
enum checklist_ind_col {
	CKI_ID, CKI_NAME, CKI_UNIT, CKI_BASE, CKI_TARGET, CKI_LATEST, CKI_JUDGE, CKI_FILL_PERIOD,
	CKI_FILL_VALUE, CKI_FILL_SOURCE, CKI_COUNT
};
extern const char *const checklist_ind_col_names[CKI_COUNT];

/* The header lines' labels that say whose checklist it is. */
#define CHECKLIST_L_PLAN "计划"
#define CHECKLIST_L_DEPT "单位"
#define CHECKLIST_L_PERIOD "季度"
/* How many header lines there are, before a blank line and the column header. */
#define CHECKLIST_NHEAD 8

/* What the department writes, said on every form: the statuses it may give
 * and how to write evidence. */
extern const char checklist_fill_help[];

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

/* The header lines of C: CHECKLIST_NHEAD labels and values (borrowed). */
void checklist_head(const struct checklist *c, const char *labels[CHECKLIST_NHEAD],
		    const char *values[CHECKLIST_NHEAD]);
/* The cells of task R of C (borrowed; NEV is the room for the evidence
 * count), or the column headers when C is NULL. The fill-in cells are "". */
void checklist_cells(const struct checklist *c, size_t r, const char *cells[CKC_COUNT], char nev[16]);
/* The cells of indicator R of C, or the headers when C is NULL. */
void checklist_ind_cells(const struct checklist *c, size_t r, const char *cells[CKI_COUNT]);

/* Renderers, appending to SB. Text: laid out task by task within 100
 * columns (A4 portrait or landscape), long texts wrapped by display width,
 * lines to write on, control characters escaped. Markdown: a table with '|'
 * escaped. CSV: RFC 4180, CRLF, a UTF-8 BOM when BOM is set, cells guarded
 * against formulas by out_csv_field (src/output.h), and ids that Excel would
 * take for a date or a number (2024-1) led by a TAB, which keeps them text
 * and which the import drops. */
void checklist_txt(const struct checklist *c, struct strbuf *sb);
void checklist_md(const struct checklist *c, struct strbuf *sb);
void checklist_csv(const struct checklist *c, int bom, struct strbuf *sb);


#endif
