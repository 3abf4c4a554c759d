/* The history of a task (store_history) in the pager: one heading line per
 * event and its full note, reason or evidence description wrapped below. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>

#include "src/status.h"
#include "src/util.h"
#include "store/store.h"
#include "ui/history.h"
#include "ui/pager.h"
#include "src/banned.h"

static void build(struct app *a, void *ctx, struct ui_lines *out, int w)
{
	const char *task = ctx;
	struct history_item *v = NULL;
	size_t n = 0;
	struct err e = { 0, "" };
	if (store_history(a->s, task, &v, &n, &e)) {
		ui_lines_wrap(out, UI_P_ERROR, e.msg, w, 0);
		return;
	}
	if (!n)
		ui_line_add(ui_lines_new(out), UI_P_DIM, "nothing recorded yet");
	for (size_t i = 0; i < n; i++) {
		struct ui_line *l = ui_lines_new(out);
		char at[40];
		date_local(v[i].at ? v[i].at : "", 1, at, sizeof at);
		ui_line_addf(l, UI_P_DIM, "%s ", at);
		ui_line_addf(l, UI_P_BOLD, "%s ", v[i].kind ? v[i].kind : "");
		ui_line_add(l, UI_P_NORMAL, v[i].dept ? v[i].dept : "");
		ui_line_addf(l, UI_P_DIM, " %s", v[i].who ? v[i].who : "");
		ui_lines_wrap(out, UI_P_NORMAL, v[i].summary ? v[i].summary : "", w, 2);
		if (v[i].detail && v[i].detail[0] && (!v[i].summary || strcmp(v[i].detail, v[i].summary)))
			ui_lines_wrap(out, UI_P_DIM, v[i].detail, w, 4);
	}
	store_history_free(v, n);
}

void ui_history_open(struct app *a, const char *task)
{
	static const struct ui_pager_ops ops = { build, free, NULL };
	struct strbuf title = STRBUF_INIT;
	sb_addf(&title, "history of %s", task);
	ui_pager_open(a, sb_str(&title), &ops, xstrdup(task));
	sb_release(&title);
}

static void build_messages(struct app *a, void *ctx, struct ui_lines *out, int w)
{
	(void)ctx;
	if (!a->nmsglog)
		ui_line_add(ui_lines_new(out), UI_P_DIM, "no messages yet");
	for (size_t i = 0; i < a->nmsglog; i++)
		ui_lines_wrap(out, a->msglog[i][0] == '!' ? UI_P_ERROR : UI_P_NORMAL, a->msglog[i], w, 0);
}

void ui_history_messages(struct app *a)
{
	static const struct ui_pager_ops ops = { build_messages, NULL, NULL };
	ui_pager_open(a, "messages of this session, oldest first", &ops, NULL);
	/* at the newest */
	ui_pager_key(a, KEY_CODE_YES, KEY_END);
}
