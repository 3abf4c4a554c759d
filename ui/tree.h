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
};

/* Load the plan list into A->tree. Returns 0 or a store error. */
int ui_tree_open(struct app *a, struct err *e);
void ui_tree_free(struct app *a);

/* What changed, for ui_tree_invalidate: one or more of these. */
enum ui_change {
	UI_CH_DATA = 1,    /* the store: this UI wrote to PLAN (NULL: any), or another process wrote */
	UI_CH_DEPT = 2,    /* A->DEPT was set anew */
	UI_CH_STATUS = 4,  /* A->STATUS was set anew */
	UI_CH_SEARCH = 8,  /* A->SEARCH was set anew (ui_app_search) */
	UI_CH_SIZE = 16,   /* the screen's size (the layout in A) */
};

/* The one way to tell the UI that what it shows may be stale; every write
 * path, filter, search, resize and the check for other processes' writes
 * calls it, and nothing else drops what the UI keeps. WHAT is a set of enum
 * ui_change. DATA drops what was read from the store (PLAN's status rows,
 * or every plan's, the department sets, the search's answers, which span
 * plans); DEPT the rows shown under the old filter; SIZE the frame painted
 * before (ui_draw_forget). These change A->GEN, which makes the tree
 * lines, the detail's task state and the pager's lines kept so far stale;
 * SEARCH changes A->SEARCH_GEN, which the task lines' match marks follow.
 * Then the rows are laid out anew, keeping the cursor on the same node (or
 * its nearest visible parent). */
void ui_tree_invalidate(struct app *a, unsigned what, const char *plan);
/* Whether another process wrote since the rows were read (the store's
 * data_version moved): if so, ui_tree_invalidate(A, UI_CH_DATA, NULL) and 1. */
int ui_tree_poll(struct app *a);

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
 * filters that would hide it (through ui_tree_invalidate). 0 or
 * -ERR_NOTFOUND with E. */
int ui_tree_jump(struct app *a, const struct task_row *task, struct err *e);

/* Move to the next (DIR 1) or previous (-1) task matching A->search, starting
 * at the cursor when INCLUSIVE. LOAD: read plans not loaded yet (else only
 * search what is in memory, for incremental search). 1 if found. */
int ui_tree_search(struct app *a, int dir, int inclusive, int load);

/* 1 when row R (NULL: a task without one) passes the filter A->SHOW. */
int ui_tree_row_shows(const struct app *a, const struct status_row *r);

/* The reporting period the plan under the cursor owes, and its due date
 * ("" when none; store_report_period). PERIOD 8 bytes, DUE 11. */
void ui_tree_period(struct app *a, char period[8], char due[11]);

/* Move to the next (DIR 1) or previous (-1) task after the cursor, across
 * sections and plans and round again, whose row (the department's own
 * under a department filter, else the lead's) passes the filters and WANT.
 * 1 if there is one. Reads the rows of the plans it passes. */
int ui_tree_next(struct app *a, int dir, int (*want)(const struct app *a, const struct status_row *r));
/* Go to the first of the N tasks V (in the tree's order) after the cursor
 * (DIR 1) or before it (-1), round again; through ui_tree_jump, so filters
 * that hide it are cleared. 1 if it went. */
int ui_tree_goto(struct app *a, const struct task_ref *v, size_t n, int dir);

/* What the rows shown (every plan's) owe: tasks not reported for their
 * plan's period (PERIOD, the newest such, and its DUE), returned and
 * pending close-offs. */
struct ui_queue {
	int to_report, returned, pending;
	char period[8], due[11];
};
void ui_tree_queue(struct app *a, struct ui_queue *q);

/* Remember the cursor (where a search started), and go back to it. */
void ui_tree_mark(struct app *a);
void ui_tree_to_mark(struct app *a);

#endif
