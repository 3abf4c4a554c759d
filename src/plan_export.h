/* A plan as a task table, for the office to check or correct in Excel/WPS
 * and import again: a title row, a row of what the plan is (类型, 文号,
 * 成文日期), and a row per task with its id (任务编号), chapter, section,
 * text, lead and participating departments as the document wrote them (an
 * open list ends in 等) and the lists as written. Imported again (src/
 * plan_table.c), the table replaces the plan's structure; the ids keep each
 * task, and every record on it. */
#ifndef DUBAN_PLAN_EXPORT_H
#define DUBAN_PLAN_EXPORT_H

#include "src/util.h"
#include "store/store.h"

enum { PE_ID, PE_CHAPTER, PE_SECTION, PE_TASK, PE_LEAD, PE_PART, PE_LISTS, PE_NCOLS };

struct plan_export {
	char *title, *kind, *docno, *issued;
	char *(*rows)[PE_NCOLS];  /* a row per task: the PE_ columns */
	size_t nrows;
};

/* Build plan KEY's table from S. -ERR_NOTFOUND when KEY is no plan. Release
 * with plan_export_release. */
int plan_export_build(struct store *s, const char *key, struct plan_export *x, struct err *e);
void plan_export_release(struct plan_export *x);

/* The table as CSV appended to SB: CRLF, a UTF-8 BOM when BOM is set, cells
 * that Excel would take for formulas (= + - @ TAB CR first) guarded by "'". */
void plan_export_csv(const struct plan_export *x, int bom, struct strbuf *sb);

/* The table as an XLSX workbook at PATH (one sheet, A4 landscape, the header
 * row frozen and printed on every page). -ERR_IO naming PATH on failure. */
int plan_export_xlsx(const struct plan_export *x, const char *path, struct err *e);

#endif
