/* Plans as task tables: a spreadsheet (序号 / 任务 / 牵头单位 / 参与单位 /
 * 完成时限), a table in a Word file or web page that holds the measures, or
 * the table `duban plan export` writes (whose 任务编号 column keeps each task's
 * id, so that an edited table comes back onto the same tasks). */
#ifndef DUBAN_PLAN_TABLE_H
#define DUBAN_PLAN_TABLE_H

#include "src/doc.h"
#include "src/plan_parse.h"

/* The column labels of a task table, as `duban plan export` writes them and
 * the importer reads them (other spellings are read too: 重点任务, 责任单位,
 * 配合单位 …). */
#define PLAN_TABLE_ID       "任务编号"
#define PLAN_TABLE_CHAPTER  "章"
#define PLAN_TABLE_SECTION  "节"
#define PLAN_TABLE_TASK     "任务"
#define PLAN_TABLE_LEAD     "牵头单位"
#define PLAN_TABLE_PART     "参与单位"
#define PLAN_TABLE_LISTS    "部门原文"
#define PLAN_TABLE_KIND     "类型"

/* Look in DOC (read from NAME) for a task table: a row naming a task column
 * and a department column (牵头单位, 责任单位 …) within a table's first rows.
 * Returns 1 and fills *PLAN (release with plan_doc_release; title, 文号 and
 * date from DOC's metadata or the rows above the header, year/kind/key by
 * plan_doc_finish) when there is one; 0 when DOC holds no task table (*PLAN
 * empty); -ERR_INPUT with E set when the table cannot be taken (a task with
 * a department cell that names nobody readable, no task rows). */
int plan_table_read(const struct doc *doc, const char *name, struct plan_doc *plan, struct err *e);

/* Why DOC (a spreadsheet) has no task table, into E: the columns found and
 * the ones needed. Returns -ERR_INPUT. */
int plan_table_refuse(const struct doc *doc, const char *name, struct err *e);

#endif
