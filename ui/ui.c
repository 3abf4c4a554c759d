/* The UI's entry point and its one input loop: curses set-up and tear-down on
 * every exit path (q, errors, SIGTERM, out of memory), the layout of the tree,
 * detail, status and message lines at any size, and dispatch of keys to the
 * mode in front (browse, prompt, editor, pager). */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include "src/search.h"
#include "src/text.h"
#include "src/util.h"
#include "store/store_sync.h"
#include "ui/actions.h"
#include "ui/app.h"
#include "ui/detail.h"
#include "ui/draw.h"
#include "ui/editor.h"
#include "ui/form.h"
#include "ui/input.h"
#include "ui/pager.h"
#include "ui/prompt.h"
#include "ui/tree.h"
#include "ui/ui.h"
#include "src/banned.h"

static volatile sig_atomic_t got_signal;
static int curses_on;
static SCREEN *screen;
static FILE *script_out, *script_in;

static void on_signal(int sig)
{
	got_signal = sig;
}

/* Restore the terminal; safe to call more than once and from the die hook. */
static void ui_cleanup(void)
{
	if (curses_on) {
		curses_on = 0;
		endwin();
	}
	ui_draw_release();
	if (screen) {
		delscreen(screen);
		screen = NULL;
	}
	if (script_out) {
		fclose(script_out);
		script_out = NULL;
	}
	if (script_in) {
		fclose(script_in);
		script_in = NULL;
	}
}

static void layout(struct app *a)
{
	a->rows = LINES;
	a->cols = COLS;
	ui_app_layout(a);
}

static const char *role_text(const struct actor *ac)
{
	return user_role_name(ac->role);
}

/* The status bar: who, the filters, the search, the last exchange of change
 * files, the database. */
static void draw_status(struct app *a, int y)
{
	const char *db = a->o->db_path ? a->o->db_path : store_path(a->s);
	struct ui_line l = { NULL, 0, 0 }, bar = { NULL, 0, 0 };
	struct strbuf right = STRBUF_INIT, left = STRBUF_INIT;
	char synced[32];
	int rw;
	/* who: "li 中央宣传部" for a liaison, "zhang (office)" otherwise */
	if (a->actor.role == UROLE_LIAISON && a->actor.dept)
		ui_line_addf(&l, UI_P_BAR, " %s %s", a->login, a->actor.dept);
	else
		ui_line_addf(&l, UI_P_BAR, " %s (%s)", a->login, role_text(&a->actor));
	/* a liaison's own department goes without saying */
	if (a->dept && !(a->actor.dept && !strcmp(a->dept, a->actor.dept)))
		ui_line_addf(&l, UI_P_BAR, " | dept:%s", a->dept);
	if (a->show != UI_SHOW_ALL)
		ui_line_addf(&l, UI_P_BAR, " | show:%s", ui_actions_show_name(a->show));
	{
		/* the reporting period of the plan under the cursor, and its
		 * deadline's light */
		char period[8], due[11];
		ui_tree_period(a, period, due);
		if (period[0]) {
			ui_line_addf(&l, UI_P_BAR, " | %s", period);
			switch (deadline_light(a->today, due)) {
			case DUE_OVER: ui_line_addf(&l, UI_P_BAR, " overdue since %s", due); break;
			case DUE_SOON: ui_line_addf(&l, UI_P_BAR, " due %s (%d d)", due, date_days(a->today, due)); break;
			default: if (due[0]) ui_line_addf(&l, UI_P_BAR, " due %s", due); break;
			}
		}
	}
	if (a->search)
		ui_line_addf(&l, UI_P_BAR, " | /%s", search_typed(a->search));
	/* a site exchanging change files: when it last did (UTC date) */
	if (store_sync_last_exchange(a->s, synced, NULL) == 0)
		ui_line_addf(&l, UI_P_BAR, " | synced %.10s", synced);
	ui_line_addf(&l, UI_P_BAR, " | %s", db);
	sb_adds(&right, a->mode == UI_M_EDITOR || a->mode == UI_M_FORM ? " C-d save  Esc cancel " :
		a->mode == UI_M_PAGER ? " q close " : " ? help  q quit ");
	rw = text_width(sb_str(&right));
	if (rw > a->cols)
		rw = 0;
	for (size_t i = 0; i < l.n; i++)
		sb_adds(&left, l.segs[i].text);
	ui_line_addpad(&bar, UI_P_BAR, sb_str(&left), a->cols - rw, 'l');
	if (rw)
		ui_line_add(&bar, UI_P_BAR, sb_str(&right));
	ui_draw_line(y, 0, a->cols, &bar, UI_P_BAR, 0);
	ui_line_release(&l);
	ui_line_release(&bar);
	sb_release(&left);
	sb_release(&right);
}

/* The message wrapped at W columns (nothing cut): its lines into *LINES. */
static size_t msg_wrap(struct app *a, int w, char ***lines)
{
	struct strbuf esc = STRBUF_INIT;
	size_t n;
	text_escape(&esc, sb_str(&a->msg), 1);
	n = text_wrap(sb_str(&esc), w > 4 ? w : 4, lines);
	sb_release(&esc);
	return n;
}

/* The rows at the bottom for the message or the prompt: as many as it
 * needs, up to a third of the screen for a message and a half for a
 * prompt, at least one. */
static int bottom_rows(struct app *a)
{
	int n, max;
	if (a->mode == UI_M_PROMPT) {
		n = ui_prompt_rows(a, a->cols);
		max = a->rows / 2;
	} else {
		char **lines = NULL;
		n = (int)msg_wrap(a, a->cols, &lines);
		text_lines_free(lines, (size_t)n);
		max = a->rows / 3;
	}
	if (n > max)
		n = max;
	return n < 1 ? 1 : n;
}

/* The message on rows Y..Y+K-1; what does not fit ends the last row, cut
 * with a '~' (the messages view, M, has all of it). */
static void draw_msg(struct app *a, int y, int k)
{
	enum ui_paint p = a->msg_err ? UI_P_ERROR : UI_P_NORMAL;
	char **lines = NULL;
	size_t n = msg_wrap(a, a->cols, &lines);
	for (int r = 0; r < k; r++) {
		struct strbuf rest = STRBUF_INIT;
		for (size_t i = (size_t)r; i < n && (r == k - 1 || i == (size_t)r); i++)
			sb_adds(&rest, lines[i]);
		ui_draw_text(y + r, 0, a->cols, p, sb_str(&rest));
		sb_release(&rest);
	}
	text_lines_free(lines, n);
}

static void draw(struct app *a)
{
	int k = bottom_rows(a);
	int h = a->rows - 1 - k;
	if (h < 1)
		h = 1;
	enum ui_mode under = a->mode == UI_M_PROMPT ? a->back : a->mode;
	ui_draw_begin();
	if (under == UI_M_EDITOR) {
		ui_editor_draw(a, h, a->cols);
	} else if (under == UI_M_FORM) {
		ui_form_draw(a, h, a->cols);
	} else if (under == UI_M_PAGER && a->pager) {
		ui_pager_draw(a, h, a->cols);
	} else if (a->two_pane) {
		ui_tree_draw(a, 0, 0, a->tree_w, h, a->focus == UI_F_TREE);
		ui_draw_vline(a->tree_w, 0, h);
		ui_detail_draw(a, 0, a->det_x, a->det_w, h, a->focus == UI_F_DETAIL);
	} else if (a->detail_full) {
		ui_detail_draw(a, 0, 0, a->cols, h, 1);
	} else {
		ui_tree_draw(a, 0, 0, a->cols, h, 1);
	}
	if (a->rows >= 2)
		draw_status(a, h);
	if (a->mode == UI_M_PROMPT) {
		ui_prompt_draw(a, h + 1, a->rows - h - 1, a->cols);
	} else {
		draw_msg(a, h + 1, a->rows - h - 1);
		if (a->mode == UI_M_EDITOR)
			ui_editor_draw(a, h, a->cols); /* puts the cursor back in the text */

	}
	ui_draw_flush();
}

static void dispatch(struct app *a, int kind, wint_t ch)
{
	if (kind == KEY_CODE_YES && ch == KEY_RESIZE) {
		layout(a);
		ui_tree_invalidate(a, UI_CH_SIZE, NULL);
		return;
	}
	switch (a->mode) {
	case UI_M_PROMPT:
		ui_prompt_key(a, kind, ch);
		break;
	case UI_M_EDITOR:
		ui_editor_key(a, kind, ch);
		break;
	case UI_M_PAGER:
		ui_pager_key(a, kind, ch);
		break;
	case UI_M_FORM:
		ui_form_key(a, kind, ch);
		break;
	default:
		if (a->msg.len && !a->msg_err)
			sb_reset(&a->msg);
		if (a->msg_err) {
			sb_reset(&a->msg);
			a->msg_err = 0;
		}
		if (kind == OK && ch == '\r')
			ch = '\n';
		if (kind == KEY_CODE_YES && ch == KEY_ENTER) {
			kind = OK;
			ch = '\n';
		}
		if (!ui_actions_key(a, kind, ch) && kind == OK)
			ui_app_msg(a, 1, "no action on that key: ? lists them");
		break;
	}
}

static int screen_open(const struct ui_opts *o, struct err *e)
{
	if (o->script) {
		const char *term = getenv("TERM");
		if (!term || !*term || !strcmp(term, "dumb") || !strcmp(term, "unknown"))
			term = "xterm-256color";
		script_out = fopen("/dev/null", "w");
		script_in = fopen("/dev/null", "r");
		if (!script_out || !script_in)
			return err_set(e, ERR_IO, "cannot open '/dev/null' for the script screen");
		screen = newterm(term, script_out, script_in);
		if (!screen) {
			term = "vt100";
			screen = newterm(term, script_out, script_in);
		}
		if (!screen)
			return err_set(e, ERR_INTERNAL, "cannot set up a '%s' screen for the script", term);
		set_term(screen);
		{
			const char *c = getenv("COLUMNS"), *l = getenv("LINES");
			int cols = c ? atoi(c) : 0, rows = l ? atoi(l) : 0;
			resize_term(rows > 0 ? rows : 24, cols > 0 ? cols : 80);
		}
	} else {
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
			return err_set(e, ERR_USAGE, "the terminal UI needs a terminal; use a command like 'duban plans'");
		screen = newterm(NULL, stdout, stdin);
		if (!screen)
			return err_set(e, ERR_USAGE, "cannot use the terminal '%s'; set TERM (e.g. xterm-256color)",
				       getenv("TERM") ? getenv("TERM") : "");
		set_term(screen);
	}
	curses_on = 1;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	ui_input_define_keys();
	set_escdelay(25);
	timeout(200);
	return 0;
}

/* A script's <save-screen NAME> step: the screen after "<save-screen NAME>"
 * and each row after a '|', as the script writes the screen it expects. The
 * dump file is opened (emptied) at the first step, *F then. */
static int save_screen(FILE **f, const char *path, const char *name, struct err *e)
{
	if (!*f && !(*f = fopen(path, "w")))
		return err_set(e, ERR_IO, "cannot write '%s': %s", path, strerror(errno));
	fprintf(*f, "<save-screen %s>\n", name);
	ui_draw_dump_to(*f, "|");
	return 0;
}

int ui_main(struct store *s, const char *login, const struct ui_opts *o, struct err *e)
{
	FILE *saved = NULL;
	struct app a;
	struct sigaction sa, old_term, old_hup, old_int;
	int rc = 0;

	memset(&a, 0, sizeof a);
	a.s = s;
	a.login = login;
	a.o = o;
	a.show = UI_SHOW_ALL;
	date_today(a.today, sizeof a.today);
	if (store_actor_get(s, login, &a.actor, e)) {
		struct err ignore = *e;
		(void)ignore;
		memset(&a.actor, 0, sizeof a.actor);
		a.actor.role = UROLE_VIEWER;
		ui_app_msg(&a, 1, "%s", e->msg);
		err_clear(e);
	}
	if (a.actor.role == UROLE_LIAISON && a.actor.dept)
		a.dept = xstrdup(a.actor.dept);
	if ((rc = ui_input_open(o->script, &a.in, e)))
		goto out;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, &old_term);
	sigaction(SIGHUP, &sa, &old_hup);
	sigaction(SIGINT, &sa, &old_int);
	util_set_die_hook(ui_cleanup);
	atexit(ui_cleanup);

	if ((rc = screen_open(o, e)))
		goto restore;
	a.color = ui_draw_init(o->color);
	layout(&a);
	if ((rc = ui_tree_open(&a, e)))
		goto restore;
	ui_actions_start(&a, o->notice);

	a.data_version = store_data_version(a.s);
	while (!a.quit && !got_signal) {
		wint_t ch = 0;
		int kind;
		{
			/* past midnight the deadline lights change */
			char today[16];
			date_today(today, sizeof today);
			if (strcmp(today, a.today)) {
				memcpy(a.today, today, sizeof a.today);
				ui_tree_invalidate(&a, UI_CH_DATA, NULL);
			}
		}
		draw(&a);
		kind = ui_input_get(a.in, &ch);
		if (kind == UI_INPUT_END)
			break;
		if (kind == UI_INPUT_SAVE) {
			/* the screen as just drawn, to the dump file */
			if (o->dump && (rc = save_screen(&saved, o->dump, ui_input_save_name(a.in), e)))
				break;
			continue;
		}
		/* the tree keeps what it read until this UI writes; another
		 * officer's write (seen within the 200 ms input timeout) drops it
		 * too, before the key acts on it */
		ui_tree_poll(&a);
		if (kind == ERR)
			continue;
		dispatch(&a, kind, ch);
	}
	if (saved) {
		if (fclose(saved) && !rc)
			rc = err_set(e, ERR_IO, "cannot write '%s': %s", o->dump, strerror(errno));
	} else if (o->dump && !rc) {
		if (!a.quit)
			draw(&a);
		rc = ui_draw_dump(o->dump, e);
	}
restore:
	ui_cleanup();
	util_set_die_hook(NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGHUP, &old_hup, NULL);
	sigaction(SIGINT, &old_int, NULL);
out:
	ui_editor_free(&a);
	ui_form_free(&a);
	ui_prompt_free(&a);
	ui_pager_free(&a);
	ui_detail_free(&a);
	ui_tree_free(&a);
	ui_actions_free();
	ui_input_close(a.in);
	store_actor_release(&a.actor);
	for (size_t i = 0; i < a.nmsglog; i++)
		free(a.msglog[i]);
	free(a.msglog);
	free(a.dept);
	search_free(a.search);
	sb_release(&a.msg);
	return rc;
}
