/* The report form. Fields in order: status (a letter picks one and moves
 * on), note (several lines), evidence and its title (Enter adds an item,
 * Tab completes a path), period. Tab and Shift-Tab move between fields,
 * Ctrl-D (or F2) saves from anywhere, Esc cancels (asking first when
 * something was typed). Saving goes through record_report, so the role
 * rules, the period rules and the note rules are the store's; a refusal
 * keeps the form and everything typed in it. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>

#include "src/evidence.h"
#include "src/record.h"
#include "src/state.h"
#include "src/status.h"
#include "src/text.h"
#include "src/util.h"
#include "ui/draw.h"
#include "ui/form.h"
#include "ui/textbox.h"
#include "src/banned.h"

enum field { F_STATUS, F_NOTE, F_EVIDENCE, F_TITLE, F_PERIOD, F_COUNT };

/* The status keys, in the order shown. */
static const struct {
	wint_t key, digit;
	enum status st;
} choices[] = {
	{ 'n', '1', ST_NOT_STARTED }, { 'p', '2', ST_IN_PROGRESS }, { 'b', '3', ST_BEHIND },
	{ 'd', '4', ST_DONE }, { 'o', '5', ST_ONGOING },
};
#define NCHOICES (sizeof choices / sizeof choices[0])

struct item {
	char *value, *title;
	enum evidence_kind kind;
};

struct ui_form {
	char *task, *plan, *text, *dept, *based_on;
	enum status status, was;      /* chosen; the department's last (WAS valid when HAS_LAST) */
	int has_last, approved;
	char *last_period, *last_note;
	char period[8], due[11];
	struct ui_textbox note, evidence, title, when;
	struct item *items;
	size_t nitems, cap;
	enum field focus;
	int confirm;                  /* asking whether to throw the report away */
	void (*saved)(struct app *a, const char *task, const char *plan);
};

static void items_free(struct ui_form *f)
{
	for (size_t i = 0; i < f->nitems; i++) {
		free(f->items[i].value);
		free(f->items[i].title);
	}
	free(f->items);
	f->items = NULL;
	f->nitems = f->cap = 0;
}

void ui_form_free(struct app *a)
{
	struct ui_form *f = a->form;
	if (!f)
		return;
	free(f->task);
	free(f->plan);
	free(f->text);
	free(f->dept);
	free(f->based_on);
	free(f->last_period);
	free(f->last_note);
	ui_textbox_release(&f->note);
	ui_textbox_release(&f->evidence);
	ui_textbox_release(&f->title);
	ui_textbox_release(&f->when);
	items_free(f);
	free(f);
	a->form = NULL;
}

static const char *hint(const struct ui_form *f)
{
	switch (f->focus) {
	case F_STATUS: return "n p b d o picks the status, Enter keeps it | Tab next | C-d save | Esc cancel";
	case F_NOTE: return "the note: Enter starts a line | Tab next | C-d save | Esc cancel";
	case F_EVIDENCE: return "a file (Tab completes), a 文号 or a link; Enter adds it | C-d save | Esc cancel";
	case F_TITLE: return "its title (empty: the file's name, the 文号 or the link) | Enter adds | C-d save";
	default: return "the quarter reported | Enter or C-d saves | Esc cancel";
	}
}

static void focus(struct app *a, enum field to)
{
	a->form->focus = to;
	ui_app_msg(a, 0, "%s", hint(a->form));
}

void ui_form_open(struct app *a, const struct ui_form_open *o)
{
	struct ui_form *f;
	const struct dept_state *ds = o->ds;
	ui_form_free(a);
	f = a->form = xcalloc(1, sizeof *a->form);
	f->task = xstrdup(o->task->id);
	f->plan = xstrdup(o->task->plan);
	f->text = xstrdup(o->task->text ? o->task->text : "");
	f->dept = xstrdup(o->dept);
	f->based_on = xstrdup(ds ? ds->record_id : "");
	f->has_last = ds && ds->has_record;
	f->was = f->has_last ? ds->status : ST_NOT_STARTED;
	f->status = f->was;
	f->approved = ds && ds->closeoff == REVIEW_APPROVED;
	f->last_period = xstrdup(ds && ds->period ? ds->period : "");
	f->last_note = xstrdup(ds && ds->note ? ds->note : "");
	snprintf(f->period, sizeof f->period, "%s", o->period ? o->period : "");
	snprintf(f->due, sizeof f->due, "%s", o->due ? o->due : "");
	f->note.multi = 1;
	ui_textbox_set(&f->when, f->period);
	f->saved = o->saved;
	a->mode = UI_M_FORM;
	focus(a, F_STATUS);
}

static void close_form(struct app *a)
{
	ui_form_free(a);
	a->mode = UI_M_BROWSE;
}

static int changed(const struct ui_form *f)
{
	return f->status != f->was || f->note.text.len || f->evidence.text.len || f->nitems ||
	       strcmp(sb_str(&f->when.text), f->period);
}

/* Take the evidence typed as an item: checked now, so a mistyped path is
 * said at once and never stored as a 文号. 0, or -1 with the message shown. */
static int add_item(struct app *a)
{
	struct ui_form *f = a->form;
	const char *typed = sb_str(&f->evidence.text);
	struct err e = { 0, "" };
	enum evidence_kind kind;
	struct item *it;
	if (evidence_validate(typed, &kind, &e)) {
		ui_app_msg(a, 1, "%s", e.msg);
		f->focus = F_EVIDENCE;
		return -1;
	}
	xgrow(&f->items, &f->cap, f->nitems + 1, sizeof *f->items);
	it = &f->items[f->nitems++];
	it->kind = kind;
	it->value = xstrdup(typed);
	it->title = f->title.text.len ? xstrdup(sb_str(&f->title.text)) : evidence_default_title(typed, kind);
	ui_textbox_set(&f->evidence, NULL);
	ui_textbox_set(&f->title, NULL);
	ui_app_msg(a, 0, "%s '%s' added (%zu in all); another, or C-d saves the report",
		   evidence_kind_name(kind), it->title, f->nitems);
	f->focus = F_EVIDENCE;
	return 0;
}

static void save(struct app *a)
{
	struct ui_form *f = a->form;
	struct record_req req;
	struct record_result r;
	struct evidence_add *ev;
	struct err e = { 0, "" };
	const char *when = sb_str(&f->when.text);
	char *task, *plan;
	void (*saved)(struct app *, const char *, const char *) = f->saved;
	int rc;

	if (f->evidence.text.len && add_item(a))
		return;
	if (*when && !period_valid(when)) {
		ui_app_msg(a, 1, "'%s' is no quarter: write one like 2025Q4 (empty: the reporting period)", when);
		f->focus = F_PERIOD;
		return;
	}
	memset(&req, 0, sizeof req);
	req.task = f->task;
	req.dept = f->dept;
	req.period = *when ? when : NULL;
	req.status = f->status;
	req.note = sb_str(&f->note.text);
	req.based_on = f->based_on;
	/* the office typing another quarter means a backfill, which the
	 * history shows; anyone else is held to the open period */
	req.backfill = a->actor.role == UROLE_OFFICE && *when && strcmp(when, f->period);
	ev = xcalloc(f->nitems + 1, sizeof *ev);
	for (size_t i = 0; i < f->nitems; i++) {
		ev[i].kind = f->items[i].kind;
		ev[i].value = f->items[i].value;
		ev[i].title = f->items[i].title;
	}
	rc = record_report(a->s, a->login, &req, ev, f->nitems, &r, &e);
	free(ev);
	if (rc) {
		ui_app_msg(a, 1, "not saved: %s (the report is kept; Esc to give up)", e.msg);
		if (status_note_missing((int)f->status, sb_str(&f->note.text)))
			f->focus = F_NOTE;
		return;
	}
	if (r.conflict) {
		char at[40];
		date_local(r.newer.at ? r.newer.at : "", 0, at, sizeof at);
		ui_app_msg(a, 1, "reported %s, but %s recorded %s (%s) at %s in between; both are kept",
			   f->task, r.newer.who ? r.newer.who : "?", status_name(r.newer.status),
			   r.newer.period ? r.newer.period : "", at);
	} else {
		char nev[32] = "";
		if (r.nevidence)
			snprintf(nev, sizeof nev, ", %d evidence", r.nevidence);
		ui_app_msg(a, 0, "reported %s for %s: %s%s %s%s%s%s", f->task, f->dept, r.period,
			   r.backfill ? " (a backfill)" : "", status_name(f->status), nev,
			   r.close_off ? "; close-off requested, pending review" : "",
			   r.closed ? "; the close-off stays approved" : "");
	}
	record_result_release(&r);
	task = xstrdup(f->task);
	plan = xstrdup(f->plan);
	close_form(a);
	if (saved)
		saved(a, task, plan);
	free(task);
	free(plan);
}

/* Tab in the evidence field: complete a path there; 1 when it did. */
static int complete(struct app *a)
{
	struct ui_form *f = a->form;
	const char *typed = sb_str(&f->evidence.text);
	struct strbuf names = STRBUF_INIT;
	char *done = NULL;
	int n, moved;
	/* anything but a link may be the start of a file's name */
	if (!*typed || evidence_guess(typed) == EV_URL)
		return 0;
	n = evidence_complete(typed, &done, &names);
	if (!n && evidence_guess(typed) != EV_FILE) {
		free(done);
		sb_release(&names);
		return 0;
	}
	moved = strcmp(done, typed) != 0;
	if (moved)
		ui_textbox_set(&f->evidence, done);
	if (n > 1)
		ui_app_msg(a, 0, "%s", sb_str(&names));
	else if (!n)
		ui_app_msg(a, 1, "no file starts '%s'", typed);
	else
		ui_app_msg(a, 0, "%s", hint(f));
	free(done);
	sb_release(&names);
	return moved || n != 1;
}

static struct ui_textbox *box_of(struct ui_form *f)
{
	switch (f->focus) {
	case F_NOTE: return &f->note;
	case F_EVIDENCE: return &f->evidence;
	case F_TITLE: return &f->title;
	case F_PERIOD: return &f->when;
	default: return NULL;
	}
}

static void status_key(struct app *a, int kind, wint_t ch)
{
	struct ui_form *f = a->form;
	size_t i;
	if (kind == OK && (ch == '\n' || ch == '\r' || ch == ' ')) {
		focus(a, F_NOTE);
		return;
	}
	if (kind == KEY_CODE_YES && (ch == KEY_LEFT || ch == KEY_RIGHT)) {
		for (i = 0; i < NCHOICES && choices[i].st != f->status; i++)
			;
		i = (i + (ch == KEY_RIGHT ? 1 : NCHOICES - 1)) % NCHOICES;
		f->status = choices[i].st;
		return;
	}
	if (kind == KEY_CODE_YES && ch == KEY_DOWN) {
		focus(a, F_NOTE);
		return;
	}
	if (kind == KEY_CODE_YES && ch == KEY_UP)
		return;   /* the first field */
	for (i = 0; kind == OK && i < NCHOICES; i++)
		if (ch == choices[i].key || ch == choices[i].digit) {
			f->status = choices[i].st;
			focus(a, F_NOTE);
			if (f->status == ST_BEHIND)
				ui_app_msg(a, 0, "behind: say why in the note (required) | C-d save | Esc cancel");
			return;
		}
	ui_app_msg(a, 1, "the status: n not-started, p in-progress, b behind, d done, o ongoing (Enter keeps %s)",
		   status_name(f->status));
}

void ui_form_key(struct app *a, int kind, wint_t ch)
{
	struct ui_form *f = a->form;
	struct ui_textbox *box;
	if (!f) {
		a->mode = UI_M_BROWSE;
		return;
	}
	if (kind == KEY_CODE_YES && ch == KEY_RESIZE)
		return;
	if (f->confirm) {
		f->confirm = 0;
		if (kind == OK && (ch == 'y' || ch == 'Y')) {
			close_form(a);
			ui_app_msg(a, 0, "report thrown away; nothing was saved");
		} else {
			ui_app_msg(a, 0, "%s", hint(f));
		}
		return;
	}
	if ((kind == OK && ch == 4) || (kind == KEY_CODE_YES && ch == KEY_F(2))) {
		save(a);
		return;
	}
	if (kind == OK && ch == 27) {
		if (!changed(f)) {
			close_form(a);
			ui_app_msg(a, 0, "no report");
		} else {
			f->confirm = 1;
			ui_app_msg(a, 1, "throw this report away? y discards, any other key keeps it");
		}
		return;
	}
	if (kind == OK && ch == '\t') {
		if (f->focus == F_EVIDENCE && complete(a))
			return;
		focus(a, (enum field)((f->focus + 1) % F_COUNT));
		return;
	}
	if (kind == KEY_CODE_YES && ch == KEY_BTAB) {
		focus(a, (enum field)((f->focus + F_COUNT - 1) % F_COUNT));
		return;
	}
	if (f->focus == F_STATUS) {
		status_key(a, kind, ch);
		return;
	}
	box = box_of(f);
	if (f->focus != F_NOTE) {
		/* one-line fields: Up and Down go between fields, Enter acts */
		if (kind == KEY_CODE_YES && ch == KEY_UP) {
			focus(a, (enum field)(f->focus - 1));
			return;
		}
		if (kind == KEY_CODE_YES && ch == KEY_DOWN) {
			if (f->focus + 1 < F_COUNT)
				focus(a, (enum field)(f->focus + 1));
			return;
		}
		if ((kind == OK && (ch == '\n' || ch == '\r')) || (kind == KEY_CODE_YES && ch == KEY_ENTER)) {
			if (f->focus == F_PERIOD)
				save(a);
			else if (f->evidence.text.len)
				add_item(a);
			else
				focus(a, F_PERIOD);
			return;
		}
		/* Backspace on an empty evidence line takes the last item back */
		if (f->focus == F_EVIDENCE && !f->evidence.text.len && f->nitems &&
		    ((kind == KEY_CODE_YES && ch == KEY_BACKSPACE) || (kind == OK && (ch == 127 || ch == 8)))) {
			struct item *it = &f->items[--f->nitems];
			ui_textbox_set(&f->evidence, it->value);
			ui_textbox_set(&f->title, it->title);
			free(it->value);
			free(it->title);
			ui_app_msg(a, 0, "item taken back to edit; Enter adds it again");
			return;
		}
	} else if (kind == KEY_CODE_YES && ch == KEY_UP && !f->note.cur) {
		focus(a, F_STATUS);
		return;
	}
	ui_textbox_key(box, kind, ch);
}

/* ---- drawing ---- */

#define LABEL_W 9

static void label(int y, const struct ui_form *f, enum field which, const char *text, int w)
{
	enum ui_paint p = f->focus == which ? UI_P_CURSOR : UI_P_BOLD;
	struct ui_line l = { NULL, 0, 0 };
	ui_line_addpad(&l, p, text, LABEL_W - 1, 'l');
	ui_draw_line(y, 0, LABEL_W < w ? LABEL_W : w, &l, UI_P_NORMAL, 0);
	ui_line_release(&l);
}

/* The status choices from column X on row *Y, wrapping onto the next rows
 * (indented to X); *Y ends on the row after them. */
static void draw_choices(const struct ui_form *f, int *y, int x, int w, int ymax)
{
	struct ui_line l = { NULL, 0, 0 };
	int col = 0;
	for (size_t i = 0; i < NCHOICES; i++) {
		struct strbuf sb = STRBUF_INIT;
		int cw;
		int sel = choices[i].st == f->status;
		sb_addf(&sb, "%s%c %s%s", sel ? "[" : " ", (char)choices[i].key, status_name(choices[i].st),
			sel ? "]" : " ");
		cw = text_width(sb_str(&sb)) + 1;
		if (col && col + cw > w - x && *y < ymax) {
			ui_draw_line((*y)++, x, w - x, &l, UI_P_NORMAL, 0);
			ui_line_release(&l);
			col = 0;
		}
		ui_line_add(&l, sel ? (f->focus == F_STATUS ? UI_P_CURSOR : UI_P_BOLD) : UI_P_NORMAL, sb_str(&sb));
		ui_line_add(&l, UI_P_NORMAL, " ");
		col += cw;
		sb_release(&sb);
	}
	ui_draw_line((*y)++, x, w - x, &l, UI_P_NORMAL, 0);
	ui_line_release(&l);
}

/* Rows the status choices take from column X at width W. */
static int choice_rows(const struct ui_form *f, int x, int w)
{
	int rows = 1, col = 0;
	for (size_t i = 0; i < NCHOICES; i++) {
		int cw = (int)strlen(status_name(choices[i].st)) + 5;
		if (col && col + cw > w - x) {
			rows++;
			col = 0;
		}
		col += cw;
	}
	(void)f;
	return rows;
}

void ui_form_draw(struct app *a, int h, int w)
{
	struct ui_form *f = a->form;
	struct ui_line l = { NULL, 0, 0 };
	struct strbuf sb = STRBUF_INIT;
	char **text = NULL;
	size_t ntext;
	int y = 0, fixed, avail, textrows, noterows, itemrows, crow;
	if (!f || h < 4 || w < 20)
		return;
	/* the title bar: what is reported, for whom, for which period */
	sb_addf(&sb, "report %s for %s", f->task, f->dept);
	if (f->period[0])
		sb_addf(&sb, " | %s%s%s", f->period, f->due[0] ? " due " : "", f->due);
	ui_line_add(&l, UI_P_BAR, sb_str(&sb));
	ui_draw_line(y++, 0, w, &l, UI_P_BAR, 0);
	ui_line_release(&l);
	sb_reset(&sb);

	/* what the rows below need; the task's text and the note's box give
	 * way on a small screen */
	crow = choice_rows(f, LABEL_W, w);
	/* bar, status, last, note's label, evidence, title, period */
	fixed = 6 + crow;
	{
		struct strbuf esc = STRBUF_INIT;
		text_escape(&esc, f->text, 0);
		ntext = text_wrap(sb_str(&esc), w - 1, &text);
		sb_release(&esc);
	}
	avail = h - fixed;
	textrows = (int)ntext < 2 ? (int)ntext : 2;
	itemrows = (int)f->nitems;
	if (textrows + itemrows + 1 > avail)
		itemrows = avail - 1 - textrows > 1 ? avail - 1 - textrows : (f->nitems ? 1 : 0);
	if (textrows + itemrows + 1 > avail)
		textrows = avail - 1 - itemrows > 0 ? avail - 1 - itemrows : 0;
	noterows = avail - textrows - itemrows;
	if (noterows > 8)
		noterows = 8;
	if (noterows < 1)
		noterows = 1;
	for (int i = 0; i < textrows; i++) {
		/* the second row holds the rest, cut with a '~' */
		sb_reset(&sb);
		for (size_t k = (size_t)i; k < ntext && (i == textrows - 1 || k == (size_t)i); k++)
			sb_adds(&sb, text[k]);
		ui_draw_text(y++, 0, w, UI_P_DIM, sb_str(&sb));
	}
	text_lines_free(text, ntext);

	label(y, f, F_STATUS, "status", w);
	draw_choices(f, &y, LABEL_W, w, h - 1);
	sb_reset(&sb);
	if (f->has_last)
		sb_addf(&sb, "last: %s %s", status_name(f->was), f->last_period);
	else
		sb_adds(&sb, "nothing reported yet");
	if (f->approved)
		sb_adds(&sb, "; the close-off is approved: it stays so until the office reopens it");
	ui_draw_text(y++, LABEL_W, w - LABEL_W, UI_P_DIM, sb_str(&sb));

	label(y, f, F_NOTE, "note", w);
	sb_reset(&sb);
	if (f->last_note[0])
		sb_addf(&sb, "last: %s", f->last_note);
	ui_draw_text(y++, LABEL_W, w - LABEL_W, UI_P_DIM, sb_str(&sb));
	{
		int ny = y;
		y += noterows;
		ui_textbox_draw(&f->note, ny, 2, w - 2, noterows, UI_P_NORMAL, f->focus == F_NOTE, 0);
	}

	label(y, f, F_EVIDENCE, "evidence", w);
	ui_textbox_draw(&f->evidence, y++, LABEL_W, w - LABEL_W, 1, UI_P_NORMAL, f->focus == F_EVIDENCE, 0);
	label(y, f, F_TITLE, "title", w);
	if (!f->title.text.len && f->evidence.text.len && f->focus != F_TITLE) {
		enum evidence_kind k = evidence_guess(sb_str(&f->evidence.text));
		char *t = evidence_default_title(sb_str(&f->evidence.text), k);
		ui_draw_text(y++, LABEL_W, w - LABEL_W, UI_P_DIM, t);
		free(t);
	} else {
		ui_textbox_draw(&f->title, y++, LABEL_W, w - LABEL_W, 1, UI_P_NORMAL, f->focus == F_TITLE, 0);
	}
	for (int i = 0; i < itemrows && (size_t)i < f->nitems; i++) {
		const struct item *it = &f->items[i];
		sb_reset(&sb);
		if (i == itemrows - 1 && f->nitems > (size_t)itemrows)
			sb_addf(&sb, "  ... %zu items of evidence in all", f->nitems);
		else
			sb_addf(&sb, "  %d [%s] %s%s%s", i + 1, evidence_kind_name(it->kind), it->title,
				it->kind == EV_FILE ? "  " : "", it->kind == EV_FILE ? it->value : "");
		ui_draw_text(y++, 0, w, UI_P_NORMAL, sb_str(&sb));
	}
	label(y, f, F_PERIOD, "period", w);
	ui_textbox_draw(&f->when, y++, LABEL_W, 12 < w - LABEL_W ? 12 : w - LABEL_W, 1, UI_P_NORMAL,
			f->focus == F_PERIOD, 0);
	if (y < h) {
		sb_reset(&sb);
		sb_addf(&sb, "%s", !f->period[0] || !strcmp(sb_str(&f->when.text), f->period) ? ""
			: a->actor.role == UROLE_OFFICE ? "(not the reporting period: a backfill if it is closed)"
			: "(not the reporting period)");
		ui_draw_text(y - 1, LABEL_W + 13, w - LABEL_W - 13, UI_P_DIM, sb_str(&sb));
	}
	for (; y < h; y++)
		ui_draw_line(y, 0, w, NULL, UI_P_NORMAL, 0);
	if (f->focus == F_STATUS)
		ui_draw_cursor(-1, 0);
	sb_release(&sb);
}
