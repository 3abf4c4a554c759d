/* The UI's tree and detail views after each kind of change they are told of
 * through ui_tree_invalidate (a write by this process, a filter, a resize)
 * or find by ui_tree_poll (another process's write): drawn on a curses
 * screen that writes to /dev/null, as `duban --script` does, and read back
 * with ui_draw_dump, so what is checked is what a user would see. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <unistd.h>

#include "src/import.h"
#include "src/record.h"
#include "src/search.h"
#include "src/text.h"
#include "src/util.h"
#include "store/store.h"
#include "tests/unit/fixture.h"
#include "tests/unit/test.h"
#include "ui/app.h"
#include "ui/detail.h"
#include "ui/draw.h"
#include "ui/history.h"
#include "ui/pager.h"
#include "ui/tree.h"

static char dir[] = "/tmp/duban-tree-XXXXXX";
static struct strbuf db = STRBUF_INIT;
static struct store *s;
static struct app app;
static struct strbuf screen = STRBUF_INIT;
static SCREEN *scr;
static FILE *scr_out, *scr_in;

static int open_db(void)
{
	sb_addf(&db, "%s/t.db", dir);
	s = fixture_plan_db(sb_str(&db));
	return s == NULL;
}

/* A screen of ROWS x COLS on /dev/null, as script mode sets up. */
static int screen_open(int rows, int cols)
{
	scr_out = fopen("/dev/null", "w");
	scr_in = fopen("/dev/null", "r");
	if (!scr_out || !scr_in)
		return -1;
	scr = newterm("xterm-256color", scr_out, scr_in);
	if (!scr)
		scr = newterm("vt100", scr_out, scr_in);
	if (!scr)
		return -1;
	set_term(scr);
	resize_term(rows, cols);
	ui_draw_init(0);
	return 0;
}

static void screen_close(void)
{
	endwin();
	ui_draw_release();
	delscreen(scr);
	fclose(scr_out);
	fclose(scr_in);
}

/* Draw a frame as ui.c lays it out (two panes at 80 columns and more, else
 * the tree or, with DETAIL, the detail alone) and read it back into SCREEN. */
static void frame(int detail)
{
	struct err e = { 0, "" };
	struct strbuf path = STRBUF_INIT;
	char *buf = NULL;
	size_t len = 0;
	int h = LINES - 2, tw = COLS * 2 / 5;
	ui_draw_begin();
	if (app.mode == UI_M_PAGER) {
		ui_pager_draw(&app, h, COLS);
	} else if (COLS >= 70 && LINES >= 20) {
		ui_tree_draw(&app, 0, 0, tw, h, 1);
		ui_draw_vline(tw, 0, h);
		ui_detail_draw(&app, 0, tw + 1, COLS - tw - 1, h, 0);
	} else if (detail) {
		ui_detail_draw(&app, 0, 0, COLS, h, 1);
	} else {
		ui_tree_draw(&app, 0, 0, COLS, h, 1);
	}
	ui_draw_flush();
	sb_addf(&path, "%s/screen.txt", dir);
	sb_reset(&screen);
	if (ui_draw_dump(sb_str(&path), &e) || util_read_file(sb_str(&path), 1 << 20, &buf, &len, &e))
		printf("  dump: %s\n", e.msg);
	else
		sb_add(&screen, buf, len);
	free(buf);
	sb_release(&path);
}

/* 1 if the screen shows S1 (WANT 1) or does not (WANT 0); else prints it. */
static int shows(const char *s1, int want)
{
	int got = strstr(sb_str(&screen), s1) != NULL;
	if (got != want)
		printf("  the screen %s '%s':\n%s", want ? "lacks" : "shows", s1, sb_str(&screen));
	return got == want;
}

static int record(struct store *st, const char *task, const char *dept, enum status status,
		  const char *note)
{
	struct err e = { 0, "" };
	struct record_req r;
	struct record_result out;
	memset(&r, 0, sizeof r);
	r.task = task;
	r.dept = dept;
	r.period = "2024Q3";
	r.status = status;
	r.note = note;
	if (record_progress(st, "office", &r, &out, &e)) {
		printf("  record %s: %s\n", task, e.msg);
		return -1;
	}
	record_result_release(&out);
	return 0;
}

static void go_to(const char *id)
{
	struct err e = { 0, "" };
	struct task_row t;
	if (store_task_get(s, id, &t, &e) || ui_tree_jump(&app, &t, &e)) {
		printf("  go to %s: %s\n", id, e.msg);
		return;
	}
	store_task_row_release(&t);
}

TEST(tree_shows_the_plan)
{
	struct ui_sel sel;
	go_to("2024-1");
	frame(0);
	ui_tree_selected(&app, &sel);
	CHECK_INT(sel.kind, UI_N_TASK);
	CHECK(sel.task && !strcmp(sel.task->id, "2024-1"));
	CHECK(shows(">    N 1 ", 1));
	CHECK(shows(" 0/8 done| ", 1));   /* its section's roll-up */
	CHECK(shows("2024-1  [silent]", 1));
	CHECK(shows("[behind]", 0));
}

/* This UI records: the write path's ui_tree_invalidate shows it. */
TEST(tree_after_own_write)
{
	struct ui_sel sel;
	const struct task_state *st;
	CHECK_INT(record(s, "2024-1", "国家知识产权局", ST_BEHIND, "经费尚未到位"), 0);
	ui_tree_invalidate(&app, UI_CH_DATA, "2024");
	frame(0);
	CHECK(shows(">    B 1 ", 1));
	CHECK(shows(">    N 1 ", 0));
	CHECK(shows("2024-1  [behind]", 1));
	CHECK(shows("经费尚未到位", 1));
	CHECK(shows("[silent]", 0));
	/* the section's roll-up, short at this width: 1 behind */
	CHECK(shows(" 1!", 1));
	ui_tree_selected(&app, &sel);
	CHECK(sel.row && sel.row->status == ST_BEHIND);
	st = ui_detail_state(&app);
	CHECK(st && st->status == ST_BEHIND);
	/* its own commit does not count as another process's */
	CHECK_INT(ui_tree_poll(&app), 0);
}

/* Another process records: ui_tree_poll sees data_version move. */
TEST(tree_after_other_process_write)
{
	struct err e = { 0, "" };
	struct store *s2 = NULL;
	const struct task_state *st;
	CHECK_INT(store_open(sb_str(&db), 0, &s2, &e), 0);
	if (!s2)
		return;
	CHECK_INT(record(s2, "2024-1", "国家知识产权局", ST_DONE, "已完成修改"), 0);
	CHECK_INT(record(s2, "2024-2", "中央宣传部", ST_IN_PROGRESS, NULL), 0);
	store_close(s2);
	CHECK_INT(ui_tree_poll(&app), 1);
	frame(0);
	CHECK(shows(">    W 1 ", 1));
	CHECK(shows("     P 2 ", 1));
	CHECK(shows("2024-1  [pending review]", 1));
	CHECK(shows("已完成修改", 1));
	CHECK(shows("2024-1  [behind]", 0));
	st = ui_detail_state(&app);
	CHECK(st && st->status == ST_DONE);
	CHECK_INT(ui_tree_poll(&app), 0);
	/* the plan's roll-up in the detail: the done awaits review */
	ui_tree_move(&app, -INT_MAX);
	frame(0);
	CHECK(shows("0/", 1));
	CHECK(shows("pending           1", 1));
	CHECK(shows("in-progress       1", 1));
	CHECK(shows("behind            0", 1));
}

/* Department and status filters: the tree, its roll-ups and the detail. */
TEST(tree_after_filter_change)
{
	struct err e = { 0, "" };
	struct task_filter f = { "2024", "农业农村部", -1 };
	struct task_row *v = NULL;
	size_t n = 0;
	char total[64];
	CHECK_INT(store_task_query(s, &f, &v, &n, &e), 0);
	CHECK(n > 1);
	store_task_rows_free(v, n);
	snprintf(total, sizeof total, "%-14s%5zu", "total", n);

	app.dept = xstrdup("农业农村部");
	ui_tree_invalidate(&app, UI_CH_DEPT, NULL);
	go_to("2024-4");
	frame(0);
	CHECK(shows("N*4 ", 1));        /* its lead */
	CHECK(shows("D 1 ", 0));
	CHECK(shows("P 2 ", 0));
	ui_tree_move(&app, -INT_MAX);   /* the plan: the department's roll-up */
	frame(0);
	CHECK(shows(total, 1));
	CHECK(shows("pending           0", 1));

	free(app.dept);
	app.dept = NULL;
	app.show = SHOWN_PENDING;   /* the done ones waiting for review */
	ui_tree_invalidate(&app, UI_CH_DEPT | UI_CH_STATUS, NULL);
	go_to("2024-1");
	frame(0);
	CHECK(shows(">    W 1 ", 1));
	CHECK(shows("N 4 ", 0));
	CHECK(shows("P 2 ", 0));

	app.show = UI_SHOW_ALL;
	ui_tree_invalidate(&app, UI_CH_STATUS, NULL);
	frame(0);
	CHECK(shows(">    W 1 ", 1));
	CHECK(shows("     P 2 ", 1));
	CHECK(shows("     N 4 ", 1));
}

/* The history pager, open while another process writes, shows the write. */
TEST(history_after_other_process_write)
{
	struct err e = { 0, "" };
	struct store *s2 = NULL;
	ui_history_open(&app, "2024-5");
	frame(0);
	CHECK(shows("history of 2024-5", 1));
	CHECK(shows("nothing recorded yet", 1));
	CHECK_INT(store_open(sb_str(&db), 0, &s2, &e), 0);
	if (!s2)
		return;
	CHECK_INT(record(s2, "2024-5", "生态环境部", ST_BEHIND, "条例草案待审"), 0);
	store_close(s2);
	CHECK_INT(ui_tree_poll(&app), 1);
	frame(0);
	CHECK(shows("条例草案待审", 1));
	CHECK(shows("nothing recorded yet", 0));
	ui_pager_free(&app);
	app.mode = UI_M_BROWSE;
}

static int widest_line(void)
{
	const char *p = sb_str(&screen);
	int w = 0;
	while (*p) {
		size_t n = strcspn(p, "\n");
		char *line = xstrndup(p, n);
		if (text_width(line) > w)
			w = text_width(line);
		free(line);
		p += n + (p[n] == '\n');
	}
	return w;
}

/* A smaller screen: the tree alone, its lines and the detail's laid out anew. */
TEST(tree_after_resize)
{
	resize_term(20, 60);
	ui_tree_invalidate(&app, UI_CH_SIZE, NULL);
	frame(0);
	CHECK(widest_line() <= 60);
	CHECK(shows(">    W 1 ", 1));
	/* at 60 columns the tree shows the long roll-up: "0/9 done, 1 pending" */
	CHECK(shows("done, 1 pending", 1));
	frame(1);
	CHECK(widest_line() <= 60);
	CHECK(shows(">2024-1  [pending review]", 1));   /* the detail alone, focused */
	CHECK(shows("|", 0));            /* no second pane */
	/* the task's text wrapped at the new width */
	CHECK(shows("\n 推进《中华人民共和国商标法》《中华人民共和国商标法实施条\n", 1));
	CHECK(shows("| 推进《中华人民共和国商标法》《中华人民共和国商\n", 0));
	resize_term(24, 80);
	ui_tree_invalidate(&app, UI_CH_SIZE, NULL);
	frame(0);
	CHECK(widest_line() <= 80);
	CHECK(shows("2024-1  [pending review]", 1));
	CHECK(shows("| 推进《中华人民共和国商标法》《中华人民共和国商\n", 1));
	CHECK(shows(" 推进《中华人民共和国商标法》《中华人民共和国商标法实施条\n", 0));
}

int main(void)
{
	struct err e = { 0, "" };
	setlocale(LC_ALL, "");
	if (!mkdtemp(dir) || open_db() || screen_open(24, 80)) {
		printf("FAIL setup\n");
		return 1;
	}
	memset(&app, 0, sizeof app);
	app.s = s;
	app.login = "office";
	app.show = UI_SHOW_ALL;
	if (ui_tree_open(&app, &e)) {
		printf("  %s\nFAIL setup\n", e.msg);
		return 1;
	}
	app.data_version = store_data_version(s);
	RUN(tree_shows_the_plan);
	RUN(tree_after_own_write);
	RUN(tree_after_other_process_write);
	RUN(tree_after_filter_change);
	RUN(tree_after_resize);
	RUN(history_after_other_process_write);
	ui_detail_free(&app);
	ui_tree_free(&app);
	search_free(app.search);
	free(app.dept);
	sb_release(&app.msg);
	screen_close();
	store_close(s);
	sb_release(&screen);
	{
		struct strbuf cmd = STRBUF_INIT;
		sb_addf(&cmd, "rm -rf '%s'", dir);
		if (system(sb_str(&cmd)))
			printf("  cannot remove %s\n", dir);
		sb_release(&cmd);
	}
	sb_release(&db);
	TEST_END();
}
