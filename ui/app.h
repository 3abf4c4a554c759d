/* The state shared by the UI's views (tig's global view state): the open
 * store, who is acting, the layout, the filters and the message line. Set up
 * and driven by ui.c; the views read it and call ui_app_msg and
 * ui_app_search (ui/app.c, which calls no view back). */
#ifndef DUBAN_UI_APP_H
#define DUBAN_UI_APP_H

#include "src/util.h"
#include "store/store.h"
#include "ui/draw.h"
#include "ui/ui.h"

struct ui_tree;
struct ui_detail;
struct ui_prompt;
struct ui_editor;
struct ui_pager;
struct ui_form;
struct ui_input;
struct search;

enum ui_mode { UI_M_BROWSE, UI_M_PROMPT, UI_M_EDITOR, UI_M_PAGER, UI_M_FORM };
enum ui_focus { UI_F_TREE, UI_F_DETAIL };

struct app {
	struct store *s;
	const char *login;
	const struct ui_opts *o;
	struct actor actor;        /* zeroed (viewer) when store_actor_get failed */
	struct ui_input *in;
	int color;
	/* layout, from ui_app_layout */
	int rows, cols;
	int two_pane;              /* 1: tree and detail side by side */
	int tree_w, det_x, det_w;  /* columns */
	int split;                 /* columns added to the tree's default width (< and >) */
	int pane_h;                /* rows of the panes (from row 0) */
	enum ui_focus focus;
	int detail_full;           /* single pane: the detail replaces the tree */
	enum ui_mode mode;
	enum ui_mode back;         /* the mode a prompt returns to, drawn under it */
	struct ui_tree *tree;
	struct ui_detail *detail;
	struct ui_prompt *prompt;
	struct ui_editor *editor;
	struct ui_pager *pager;
	struct ui_form *form;
	/* filters */
	char *dept;                /* canonical department, or NULL */
	int show;                  /* UI_SHOW_ALL, an enum shown, or UI_SHOW_TO_REPORT */
	struct search *search;     /* the search (src/search.h), or NULL */
	/* the message line, and every message of the session (oldest first,
	 * the last UI_MSG_LOG kept) for the messages view */
	struct strbuf msg;
	int msg_err;
	char **msglog;
	size_t nmsglog, capmsglog;
	int quit;
	int data_version;          /* store_data_version when the rows were read */
	/* changes with every ui_tree_invalidate: whatever was read or built
	 * for the screen under an older GEN is stale */
	unsigned long gen;
	unsigned long search_gen;  /* changes when SEARCH is replaced (the same way) */
	char today[16];            /* the local date, for deadline lights */
};

/* A->SHOW: every task, the tasks of one shown state (the department's own
 * under a department filter, else the lead's), or the tasks not reported
 * for their plan's reporting period. */
#define UI_SHOW_ALL (-1)
#define UI_SHOW_TO_REPORT SHOWN_COUNT

/* Search for TYPED from now on (NULL or blank: no search), asking the store
 * afresh. The caller tells the views: ui_tree_invalidate(A, UI_CH_SEARCH). */
void ui_app_search(struct app *a, const char *typed);

#define UI_MSG_LOG 200

/* Lay out the panes for A->ROWS x A->COLS: side by side from 70x20 (the
 * tree two fifths of the width, moved by A->SPLIT, which is kept within
 * bounds), else one at a time. */
void ui_app_layout(struct app *a);

/* 1 when the acting user may record on task T: the office, or a liaison
 * of one of its departments (the store holds every write to the same). */
int ui_app_may_record(const struct app *a, const struct task_row *t);

/* Set the message line (ERR: shown as an error); it is kept in the log
 * too, an error marked with "! ". */
void ui_app_msg(struct app *a, int err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
