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
