/* The multi-line note editor. The text is a UTF-8 buffer with a cursor byte
 * offset; the view wraps it character by character at the screen width, with
 * every width from src/text.h. Saving hands the text to the action's callback
 * and keeps it when the store refuses. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <errno.h>
#include <unistd.h>
#include <wchar.h>

#include "src/editor.h"
#include "src/text.h"
#include "src/util.h"
#include "ui/draw.h"
#include "ui/editor.h"
#include "ui/input.h"
#include "ui/prompt.h"
#include "ui/textbox.h"
#include "src/banned.h"

struct ui_editor {
	char *title;
	struct ui_textbox box;
	int confirm;             /* asking whether to throw the text away */
	int (*save)(struct app *a, const char *text, struct err *e);
};

void ui_editor_free(struct app *a)
{
	if (!a->editor)
		return;
	free(a->editor->title);
	ui_textbox_release(&a->editor->box);
	free(a->editor);
	a->editor = NULL;
}

void ui_editor_start(struct app *a, const char *title, const char *init,
		     int (*save)(struct app *a, const char *text, struct err *e))
{
	ui_editor_free(a);
	a->editor = xcalloc(1, sizeof *a->editor);
	a->editor->title = xstrdup(title);
	a->editor->save = save;
	a->editor->box.multi = 1;
	ui_textbox_set(&a->editor->box, init);
	a->mode = UI_M_EDITOR;
	ui_app_msg(a, 0, "Ctrl-D or F2 save | Esc cancel | Ctrl-E $EDITOR");
}

static void close_editor(struct app *a)
{
	ui_editor_free(a);
	a->mode = UI_M_BROWSE;
}

/* Ctrl-E: the text goes to the user's editor and comes back (src/editor.c);
 * the terminal is handed over meanwhile. */
static void external(struct app *a)
{
	struct ui_editor *ed = a->editor;
	struct err e = { 0, "" };
	char *buf = NULL;
	int rc;
	if (ui_input_scripted(a->in)) {
		ui_app_msg(a, 1, "$EDITOR is not run from a script");
		return;
	}
	ui_draw_suspend();
	rc = editor_run(sb_str(&ed->box.text), &buf, &e);
	ui_draw_resume();
	if (rc) {
		ui_app_msg(a, 1, "%s; the note here is unchanged", e.msg);
		return;
	}
	ui_textbox_set(&ed->box, buf);
	ui_app_msg(a, 0, "text from %s: Ctrl-D or F2 save | Esc cancel", editor_command());
	free(buf);
}

static void do_save(struct app *a)
{
	struct ui_editor *ed = a->editor;
	struct err e = { 0, "" };
	if (!ed->save || !ed->save(a, sb_str(&ed->box.text), &e)) {
		close_editor(a);
		return;
	}
	ui_app_msg(a, 1, "not saved: %s (the text is kept; Esc to give up)", e.msg);
}

void ui_editor_key(struct app *a, int kind, wint_t ch)
{
	struct ui_editor *ed = a->editor;
	if (!ed) {
		a->mode = UI_M_BROWSE;
		return;
	}
	if (kind == KEY_CODE_YES && ch == KEY_RESIZE)
		return;
	if (ed->confirm) {
		ed->confirm = 0;
		if (kind == OK && (ch == 'y' || ch == 'Y')) {
			close_editor(a);
			ui_app_msg(a, 0, "note thrown away");
		} else {
			ui_app_msg(a, 0, "Ctrl-D or F2 save | Esc cancel | Ctrl-E $EDITOR");
		}
		return;
	}
	if ((kind == OK && ch == 4) || (kind == KEY_CODE_YES && ch == KEY_F(2))) {
		do_save(a);
		return;
	}
	if (kind == OK && ch == 27) {
		if (!ed->box.text.len) {
			close_editor(a);
			ui_app_msg(a, 0, "no note");
		} else {
			ed->confirm = 1;
			ui_app_msg(a, 1, "throw the note away? y discards, any other key keeps editing");
		}
		return;
	}
	if (kind == OK && ch == 5) {
		external(a);
		return;
	}
	ui_textbox_key(&ed->box, kind, ch);
}

void ui_editor_draw(struct app *a, int h, int w)
{
	struct ui_editor *ed = a->editor;
	struct ui_line head = { NULL, 0, 0 };
	if (!ed || h < 2)
		return;
	ui_line_add(&head, UI_P_BAR, ed->title);
	ui_draw_line(0, 0, w, &head, UI_P_BAR, 0);
	ui_line_release(&head);
	ui_textbox_draw(&ed->box, 1, 0, w, h - 1, UI_P_NORMAL, 1, 1);
}
