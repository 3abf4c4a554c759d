/* Help generated from the key-binding table it is handed (actions.c's), plus
 * the meaning of the tree's letters and markers, shown in the pager. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>

#include "src/status.h"
#include "src/text.h"
#include "src/util.h"
#include "ui/help.h"
#include "ui/pager.h"
#include "src/banned.h"

static void build(struct app *a, void *ctx, struct ui_lines *out, int w)
{
	const struct ui_binding *keys = ctx;
	(void)a;
	ui_line_add(ui_lines_new(out), UI_P_HEAD, "Keys");
	for (const struct ui_binding *b = keys; b->fn; b++) {
		struct ui_line *l = ui_lines_new(out);
		int rest = w - 12 - 16;
		ui_line_addpad(l, UI_P_BOLD, b->keyname, 12, 'l');
		ui_line_addpad(l, UI_P_DIM, b->name, 16, 'l');
		if (rest >= 20) {
			char **v = NULL;
			size_t n = text_wrap(b->desc, rest, &v);
			for (size_t i = 0; i < n; i++) {
				if (i)
					ui_line_addf(l = ui_lines_new(out), UI_P_NORMAL, "%28s", "");
				ui_line_add(l, UI_P_NORMAL, v[i]);
			}
			text_lines_free(v, n);
		} else {
			ui_lines_wrap(out, UI_P_NORMAL, b->desc, w, 4);
		}
	}
	ui_lines_new(out);
	ui_line_add(ui_lines_new(out), UI_P_HEAD, "Prompts and the note editor");
	ui_lines_wrap(out, UI_P_NORMAL, "In a prompt: Enter accepts, Esc cancels, Backspace and C-u edit. "
		      "In the note editor: Enter starts a new line, C-d or F2 saves, Esc cancels (asks "
		      "before throwing text away), C-e continues in $EDITOR.", w, 0);
	ui_lines_new(out);
	ui_line_add(ui_lines_new(out), UI_P_HEAD, "Tree");
	ui_lines_wrap(out, UI_P_NORMAL, "+ folded, - unfolded, > the cursor. Before a task's number, "
		      "its lead department's status:", w, 0);
	for (int st = 0; st < ST_COUNT; st++) {
		static const char letters[] = "NPBDO";
		struct ui_line *l = ui_lines_new(out);
		ui_line_addf(l, UI_P_NORMAL, "  %c  ", letters[st]);
		ui_line_addf(l, UI_P_NORMAL, "%s %s", status_name((enum status)st),
			     status_name_zh((enum status)st));
	}
	ui_lines_wrap(out, UI_P_NORMAL, "With a department filter, * marks a task the department "
		      "leads and . one it takes part in. Roll-ups read '12/21 done, 2 behind', or "
		      "'12/21 2!' when the pane is narrow; done counts approved close-offs.", w, 0);
}

void ui_help_open(struct app *a, const struct ui_binding *keys)
{
	static const struct ui_pager_ops ops = { build, NULL, NULL };
	/* the pager's context is not ours to free: no free_ctx */
	ui_pager_open(a, "duban help", &ops, (void *)keys);
}
