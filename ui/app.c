/* The state the UI's views share (struct app, ui/app.h): the message line
 * and the search. Below every view: it calls no other file of ui/, so the
 * views and the loop in ui.c all point here and nothing points back. */
#include <stdarg.h>

#include "src/search.h"
#include "src/util.h"
#include "ui/app.h"
#include "src/banned.h"

void ui_app_msg(struct app *a, int err, const char *fmt, ...)
{
	va_list ap;
	sb_reset(&a->msg);
	va_start(ap, fmt);
	sb_vaddf(&a->msg, fmt, ap);
	va_end(ap);
	a->msg_err = err;
	{
		struct strbuf line = STRBUF_INIT;
		sb_addf(&line, "%s%s", err ? "! " : "", sb_str(&a->msg));
		if (a->nmsglog == UI_MSG_LOG) {
			free(a->msglog[0]);
			memmove(a->msglog, a->msglog + 1, (UI_MSG_LOG - 1) * sizeof *a->msglog);
			a->nmsglog--;
		}
		xgrow(&a->msglog, &a->capmsglog, a->nmsglog + 1, sizeof *a->msglog);
		a->msglog[a->nmsglog++] = sb_detach(&line);
	}
}

void ui_app_search(struct app *a, const char *typed)
{
	struct search *q = NULL;
	if (typed)
		search_begin(a->s, typed, &q);   /* copies TYPED, which may be A's own */
	search_free(a->search);
	a->search = q;
}

void ui_app_layout(struct app *a)
{
	a->two_pane = a->cols >= 70 && a->rows >= 20;
	a->pane_h = a->rows - 2 > 1 ? a->rows - 2 : 1;
	if (a->two_pane) {
		/* two fifths for the tree (30 columns at least), moved by the
		 * user's split (< and >), each pane at least 20 columns */
		int dflt = a->cols * 2 / 5 < 30 ? 30 : a->cols * 2 / 5;
		int w = dflt + a->split;
		if (w < 20)
			w = 20;
		if (w > a->cols - 21)
			w = a->cols - 21;
		a->split = w - dflt;
		a->tree_w = w;
		a->det_x = a->tree_w + 1;
		a->det_w = a->cols - a->det_x;
		a->detail_full = 0;
	} else {
		a->tree_w = a->cols;
		a->det_x = 0;
		a->det_w = a->cols;
		if (a->focus == UI_F_DETAIL)
			a->detail_full = 1;
		a->focus = UI_F_TREE;
	}
}

int ui_app_may_record(const struct app *a, const struct task_row *t)
{
	if (a->actor.role == UROLE_OFFICE)
		return 1;
	if (a->actor.role != UROLE_LIAISON || !a->actor.dept)
		return 0;
	for (size_t i = 0; i < t->ndepts; i++)
		if (!strcmp(t->depts[i].dept, a->actor.dept))
			return 1;
	return 0;
}
