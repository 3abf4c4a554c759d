/* Help generated from the key-binding table it is handed (actions.c's), plus
 * the meaning of the tree's letters and markers, shown in the pager. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>

#include "src/state.h"
#include "src/status.h"
#include "src/text.h"
#include "src/util.h"
#include "ui/help.h"
#include "ui/pager.h"
#include "src/banned.h"

static void build(struct app *a, void *ctx, struct ui_lines *out, int w)
{
	const struct ui_binding *keys = ctx;
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
	ui_line_add(ui_lines_new(out), UI_P_HEAD, "The queue");
	ui_lines_wrap(out, UI_P_NORMAL, "A liaison starts on its department's tasks still to report for the "
		      "reporting period: those with no status record of the department for the period its plan "
		      "reports on (a note alone is no report). t and T go to the next and previous one, across "
		      "sections and plans; w and W to the next and previous close-off waiting for review (the "
		      "office decides with r). f and a key show only the tasks to report (t), returned (r), "
		      "pending review (w), behind (b) and so on; a filters nothing. Under a department filter "
		      "everything shown is that department's own state on the task, not the lead's. The status "
		      "line names the reporting period of the plan under the cursor and its due date.", w, 0);
	ui_lines_new(out);
	ui_line_add(ui_lines_new(out), UI_P_HEAD, "The report form (s)");
	ui_lines_wrap(out, UI_P_NORMAL, "One task's report, saved as one record with its evidence: the status "
		      "(the department's last is chosen; n p b d o picks another and goes on to the note; Enter "
		      "keeps it), the note (several lines; the last note is shown above it), evidence (a file "
		      "path, Tab completes it and ~/ is your home; a 文号; or a link; Enter adds each, Backspace "
		      "on an empty line takes the last back) with its title (empty: the file's name, the 文号 or "
		      "the link), and the period. Tab and Shift-Tab move between the fields, C-d or F2 saves "
		      "(and in the queue goes on to the next task to report), Esc cancels. A path that does not "
		      "exist is refused, never taken for a 文号. A routine report: s, Enter, the note, C-d.", w, 0);
	ui_lines_new(out);
	ui_line_add(ui_lines_new(out), UI_P_HEAD, "Prompts and the note editor");
	ui_lines_wrap(out, UI_P_NORMAL, "In a prompt: Enter accepts, Esc cancels; Left, Right, Home, End "
		      "(C-a, C-e), Backspace, Delete, C-u and C-k edit; Tab completes a path. In the note "
		      "editor: Enter starts a new line, C-d or F2 saves, Esc cancels (asks before throwing text "
		      "away), C-e continues in $EDITOR. Home and End work as every common terminal sends them.", w, 0);
	ui_lines_new(out);
	ui_line_add(ui_lines_new(out), UI_P_HEAD, "Tree");
	ui_lines_wrap(out, UI_P_NORMAL, "+ folded, - unfolded, > the cursor. Before a task's number, its "
		      "lead department's state (under a department filter, the department's own):", w, 0);
	for (int sh = SHOWN_NOT_STARTED; sh < SHOWN_COUNT; sh++) {
		struct ui_line *l = ui_lines_new(out);
		ui_line_addf(l, UI_P_NORMAL, "  %c  ", shown_letter((enum shown)sh));
		ui_line_addf(l, UI_P_NORMAL, "%s %s%s", shown_name((enum shown)sh), shown_name_zh((enum shown)sh),
			     sh == SHOWN_NOT_STARTED ? " (or nothing recorded yet)" : "");
	}
	ui_lines_wrap(out, UI_P_NORMAL, "Before the letter, a task not reported for the period shows ! once "
		      "its due date has passed, or the days left (0-7) in the week before it. With a department "
		      "filter, * marks a task the department leads and . one it takes part in. Roll-ups read "
		      "'12/21 done, 2 behind', or '12/21 2!' when the pane is narrow; done counts approved "
		      "close-offs. Plans show a short title, tasks their text without what neighbours repeat; "
		      "the detail pane has the whole text. < and > move the split between the panes.", w, 0);
	(void)a;
}

void ui_help_open(struct app *a, const struct ui_binding *keys)
{
	static const struct ui_pager_ops ops = { build, NULL, NULL };
	/* the pager's context is not ours to free: no free_ctx */
	ui_pager_open(a, "duban help", &ops, (void *)keys);
}
