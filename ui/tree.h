/* The tree view: plans, chapters, sections and tasks with roll-ups, folding,
 * filters, search and jumps. Plans are loaded lazily as they are shown. */
#ifndef DUBAN_UI_TREE_H
#define DUBAN_UI_TREE_H

#include "src/rollup.h"
#include "src/status.h"
#include "store/store.h"
#include "ui/app.h"

enum ui_node { UI_N_NONE, UI_N_PLAN, UI_N_CHAPTER, UI_N_SECTION, UI_N_TASK };

/* What the cursor is on. Pointers are owned by the tree and valid until the
 * next tree call. */
struct ui_sel {
	enum ui_node kind;
	const struct plan_info *plan;
	const struct outline_chapter *chapter;   /* chapter and below */
	const struct outline_section *section;   /* section, or a task's section */
	const struct task_row *task;
	const struct status_row *row;            /* a task's status row, or NULL */
	struct rollup roll;                      /* roll-up of a plan/chapter/section */
	int loaded;                              /* the plan's roll-up is known */
};

/* Load the plan list into A->tree. Returns 0 or a store error. */
int ui_tree_open(struct app *a, struct err *e);
void ui_tree_free(struct app *a);

/* Rebuild the visible rows after a fold or filter change, keeping the cursor
 * on the same node (or its nearest visible parent). */
void ui_tree_rebuild(struct app *a);
/* After a write to PLAN (NULL: any plan): forget its status rows and search
 * hits, and every department's rows and the hits of searches over all plans
 * (they span plans), so that they are read again. */
void ui_tree_reload(struct app *a, const char *plan);

void ui_tree_draw(struct app *a, int y, int x, int w, int h, int focused);
void ui_tree_selected(struct app *a, struct ui_sel *out);
/* The chapter and section heading text ("一、完善…", "（一）…"), caller frees. */
char *ui_tree_heading(int number, const char *title, int section);

void ui_tree_move(struct app *a, int delta);   /* by rows; +-INT_MAX for ends */
void ui_tree_page(struct app *a, int dir);
/* Unfold (OPEN 1), fold (0) or toggle (-1) the node under the cursor. Returns
 * 1 when the cursor is on a task (nothing to unfold). */
int ui_tree_fold(struct app *a, int open);
void ui_tree_parent(struct app *a);
/* Go to the next plan (DIR 1) or previous (-1), unfolding it and folding the others. */
void ui_tree_switch_plan(struct app *a, int dir);

/* The key of the plan the cursor is in, NULL when there is none (borrowed). */
const char *ui_tree_plan_key(struct app *a);
/* Jump to TASK (as resolve_task found it): unfolds its parents and clears
 * filters that would hide it. 0 or -ERR_NOTFOUND with E. */
int ui_tree_jump(struct app *a, const struct task_row *task, struct err *e);

/* Move to the next (DIR 1) or previous (-1) task matching A->search, starting
 * at the cursor when INCLUSIVE. LOAD: read plans not loaded yet (else only
 * search what is in memory, for incremental search). 1 if found. */
int ui_tree_search(struct app *a, int dir, int inclusive, int load);

/* Remember the cursor (where a search started), and go back to it. */
void ui_tree_mark(struct app *a);
void ui_tree_to_mark(struct app *a);

#endif
