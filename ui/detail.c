/* The detail pane: a task's full text wrapped for Chinese (UAX #14 through
 * text_wrap), its departments with role and current status, their latest
 * notes, the evidence and the close-off review; or a plan's, chapter's or
 * section's title and roll-up. The selected task is read when it is first
 * shown; the lines are built for every frame (keeping them saved less than
 * a tenth of a keystroke's time: issue 11). */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <limits.h>

#include "src/status.h"
#include "src/text.h"
#include "src/util.h"
#include "ui/detail.h"
#include "ui/draw.h"
#include "ui/tree.h"
#include "src/banned.h"

struct ui_detail {
	char *task;                    /* id of the task read, or NULL */
	unsigned long gen;             /* A->GEN when it was read */
	int have_state;
	struct task_state st;
	struct evidence_info *ev;
	size_t nev;
	/* the reporting period of the task's plan, its due date, and the
	 * departments with a status record for it */
	char period[8], due[11];
	char **reported;
	size_t nreported;
	struct ui_lines lines;         /* as last drawn */
	struct strbuf key, shown;      /* node_key's buffer; the node drawn last */
	int top, h;
};

static struct ui_detail *det(struct app *a)
{
	if (!a->detail)
		a->detail = xcalloc(1, sizeof *a->detail);
	return a->detail;
}

/* Forget the task read. */
static void forget(struct app *a)
{
	struct ui_detail *d = det(a);
	if (d->have_state)
		store_task_state_release(&d->st);
	store_evidence_list_free(d->ev, d->nev);
	d->ev = NULL;
	d->nev = 0;
	store_strv_free(d->reported, d->nreported);
	d->reported = NULL;
	d->nreported = 0;
	d->period[0] = d->due[0] = '\0';
	d->have_state = 0;
	free(d->task);
	d->task = NULL;
}

void ui_detail_free(struct app *a)
{
	if (!a->detail)
		return;
	forget(a);
	ui_lines_release(&a->detail->lines);
	sb_release(&a->detail->key);
	sb_release(&a->detail->shown);
	free(a->detail);
	a->detail = NULL;
}

static void load(struct app *a, const struct task_row *t)
{
	struct ui_detail *d = det(a);
	struct err e = { 0, "" };
	if (d->task && !strcmp(d->task, t->id) && d->gen == a->gen)
		return;
	forget(a);
	d->task = xstrdup(t->id);
	d->gen = a->gen;
	memset(&d->st, 0, sizeof d->st);
	if (store_task_state(a->s, t->id, &d->st, &e)) {
		ui_app_msg(a, 1, "%s", e.msg);
		return;
	}
	d->have_state = 1;
	if (store_evidence_list(a->s, t->id, NULL, &d->ev, &d->nev, &e)) {
		ui_app_msg(a, 1, "%s", e.msg);
		d->ev = NULL;
		d->nev = 0;
	}
	if (store_report_period(a->s, t->plan, d->period, d->due, &e) ||
	    (d->period[0] && store_task_reported(a->s, t->id, d->period, &d->reported, &d->nreported, &e))) {
		ui_app_msg(a, 1, "%s", e.msg);
		d->period[0] = d->due[0] = '\0';
	}
}

static int has_reported(const struct ui_detail *d, const char *dept)
{
	for (size_t i = 0; i < d->nreported; i++)
		if (!strcmp(d->reported[i], dept))
			return 1;
	return 0;
}

/* Append L to LS when it fits in W columns; else its text wrapped (one
 * paint, indented), so that nothing is cut. L is consumed. */
static void add_fitted(struct ui_lines *ls, struct ui_line *l, int w)
{
	struct strbuf sb = STRBUF_INIT;
	if (ui_line_width(l) <= w) {
		*ui_lines_new(ls) = *l;
		return;
	}
	for (size_t i = 0; i < l->n; i++)
		sb_adds(&sb, l->segs[i].text);
	ui_lines_wrap(ls, UI_P_NORMAL, sb_str(&sb), w, 0);
	sb_release(&sb);
	ui_line_release(l);
}

const struct task_state *ui_detail_state(struct app *a)
{
	struct ui_sel sel;
	ui_tree_selected(a, &sel);
	if (sel.kind != UI_N_TASK)
		return NULL;
	load(a, sel.task);
	return det(a)->have_state ? &det(a)->st : NULL;
}

static void status_tag(struct ui_line *l, enum status st)
{
	ui_line_addf(l, ui_draw_status_paint(st), "[%s] %s", status_name(st), status_name_zh(st));
}

/* The task's state as every face words it (src/state.h). */
static void shown_tag(struct ui_line *l, const struct task_state *st)
{
	enum shown s = state_shown_of(st->status, st->silent, st->review);
	ui_line_addf(l, ui_draw_shown_paint(s), "[%s] %s", shown_name(s), shown_name_zh(s));
}

static void add_blank(struct ui_lines *ls)
{
	ui_lines_new(ls);
}

static void add_head(struct ui_lines *ls, const char *s)
{
	add_blank(ls);
	ui_line_add(ui_lines_new(ls), UI_P_HEAD, s);
}

static void build_task(struct app *a, const struct ui_sel *sel, int w, struct ui_lines *ls)
{
	struct ui_detail *d = det(a);
	const struct task_row *t = sel->task;
	const struct task_state *st = d->have_state ? &d->st : NULL;
	struct ui_line *l = ui_lines_new(ls);
	char *h;

	ui_line_addf(l, UI_P_BOLD, "%s  ", t->id);
	if (st) {
		shown_tag(l, st);
		if (st->period[0])
			ui_line_addf(l, UI_P_DIM, "  %s", st->period);
	}
	if (st && st->review != REVIEW_NONE) {
		l = ui_lines_new(ls);
		ui_line_add(l, UI_P_NORMAL, "close-off: ");
		ui_line_add(l, st->review == REVIEW_APPROVED ? UI_P_OK
			    : st->review == REVIEW_RETURNED ? UI_P_ERROR : UI_P_BOLD,
			    review_state_name(st->review));
		if (st->review == REVIEW_RETURNED && st->review_reason && st->review_reason[0])
			ui_lines_wrap(ls, UI_P_NORMAL, st->review_reason, w, 2);
	}
	h = ui_tree_heading(t->chapter, t->chapter_title, 0);
	ui_lines_wrap(ls, UI_P_DIM, h, w, 0);
	free(h);
	if (t->section && t->section_title && t->section_title[0]) {
		h = ui_tree_heading(t->section, t->section_title, 1);
		ui_lines_wrap(ls, UI_P_DIM, h, w, 0);
		free(h);
	}
	add_blank(ls);
	ui_lines_wrap(ls, UI_P_NORMAL, t->text, w, 0);

	add_head(ls, "Departments");
	for (size_t i = 0; i < t->ndepts; i++) {
		const struct dept_state *ds = NULL;
		struct ui_line dl = { NULL, 0, 0 };
		for (size_t k = 0; st && k < st->ndepts; k++)
			if (!strcmp(st->depts[k].dept, t->depts[i].dept))
				ds = &st->depts[k];
		ui_line_addf(&dl, UI_P_BOLD, "%s", t->depts[i].role == ROLE_LEAD ? "* " : "  ");
		ui_line_add(&dl, a->dept && !strcmp(a->dept, t->depts[i].dept) ? UI_P_BOLD : UI_P_NORMAL,
			    t->depts[i].dept);
		ui_line_addf(&dl, UI_P_DIM, " %s ", role_name_zh(t->depts[i].role));
		if (ds && ds->has_record) {
			status_tag(&dl, ds->status);
			ui_line_addf(&dl, UI_P_DIM, " %s", ds->period);
		} else {
			ui_line_add(&dl, UI_P_DIM, "[silent]");
		}
		if (ds && ds->nevidence)
			ui_line_addf(&dl, UI_P_DIM, " +%d evidence", ds->nevidence);
		/* the deadline: whether this department still owes a report
		 * for the period (the status line names it) */
		if (d->period[0] && !has_reported(d, t->depts[i].dept)) {
			enum deadline dl_light = deadline_light(a->today, d->due);
			if (dl_light == DUE_OVER)
				ui_line_add(&dl, UI_P_ST_BEHIND, " ! overdue");
			else if (dl_light == DUE_SOON)
				ui_line_addf(&dl, UI_P_ST_IN_PROGRESS, " due in %d d", date_days(a->today, d->due));
			else
				ui_line_add(&dl, UI_P_DIM, " to report");
		}
		add_fitted(ls, &dl, w);
	}
	if (t->open) {
		/* the document's list is open-ended: 等, 等有关部门, 会同有关部门 */
		l = ui_lines_new(ls);
		ui_line_add(l, UI_P_DIM, "  等 (the list is open)");
	}

	if (st) {
		int any = 0;
		char at[40];
		for (size_t k = 0; k < st->ndepts; k++) {
			const struct dept_state *ds = &st->depts[k];
			/* its newest note, a note alone too (which changes no
			 * status: a silent department may have one) */
			if (!ds->note || !ds->note[0])
				continue;
			if (!any++)
				add_head(ls, "Latest notes");
			l = ui_lines_new(ls);
			ui_line_addf(l, UI_P_BOLD, "%s ", ds->has_record ? ds->period : "note");
			ui_line_add(l, UI_P_NORMAL, ds->dept);
			date_local(ds->at, 0, at, sizeof at);
			ui_line_addf(l, UI_P_DIM, " %s %s", ds->who, at);
			ui_lines_wrap(ls, UI_P_NORMAL, ds->note, w, 2);
		}
	}
	if (d->nev) {
		add_head(ls, "Evidence (v views)");
		for (size_t i = 0; i < d->nev; i++) {
			const struct evidence_info *v = &d->ev[i];
			struct strbuf sb = STRBUF_INIT;
			char at[40];
			date_local(v->at ? v->at : "", 0, at, sizeof at);
			sb_addf(&sb, "%zu [%s] %s", i + 1, evidence_kind_name(v->kind), v->title ? v->title : "");
			if (v->kind == EV_FILE)
				sb_addf(&sb, " (%s, %lld bytes)", v->file_name ? v->file_name : "", v->size);
			else
				sb_addf(&sb, ": %s", v->value ? v->value : "");
			sb_addf(&sb, " | %s %s %s", v->dept ? v->dept : "", v->who ? v->who : "", at);
			ui_lines_wrap(ls, UI_P_NORMAL, sb_str(&sb), w, 0);
			sb_release(&sb);
		}
	}
	add_blank(ls);
	if (ui_app_may_record(a, t)) {
		ui_lines_wrap(ls, UI_P_DIM, "s report a note e evidence v view H history", w, 0);
	} else {
		ui_lines_wrap(ls, UI_P_DIM, "v evidence  H history", w, 0);
		ui_lines_wrap(ls, UI_P_DIM, a->actor.role == UROLE_LIAISON ? "(not a task of your department: "
			      "you look, you do not record here)" : "(you look, you do not record)", w, 0);
	}
}

static void build_node(const struct ui_sel *sel, int w, struct ui_lines *ls)
{
	const struct rollup *r = &sel->roll;
	struct strbuf sb = STRBUF_INIT;
	char *h = NULL;
	struct ui_line *l = ui_lines_new(ls);
	ui_line_addf(l, UI_P_BOLD, "plan %s", sel->plan->key);
	ui_line_addf(l, UI_P_DIM, "  %s %d", sel->plan->kind ? sel->plan->kind : "", sel->plan->year);
	ui_lines_wrap(ls, sel->kind == UI_N_PLAN ? UI_P_HEAD : UI_P_DIM, sel->plan->title, w, 0);
	if (sel->chapter) {
		h = ui_tree_heading(sel->chapter->number, sel->chapter->title, 0);
		ui_lines_wrap(ls, sel->kind == UI_N_CHAPTER ? UI_P_HEAD : UI_P_DIM, h, w, 0);
		free(h);
	}
	if (sel->kind == UI_N_SECTION && sel->section) {
		h = ui_tree_heading(sel->section->number, sel->section->title, 1);
		ui_lines_wrap(ls, UI_P_HEAD, h, w, 0);
		free(h);
	}
	add_blank(ls);
	rollup_format(r, &sb);
	ui_line_add(ui_lines_new(ls), UI_P_BOLD, sb_str(&sb));
	sb_release(&sb);
	add_blank(ls);
#define ROW(name, n, st)                                                                  \
	do {                                                                              \
		l = ui_lines_new(ls);                                                     \
		ui_line_addpad(l, ui_draw_status_paint(st), name, 14, 'l');             \
		ui_line_addf(l, UI_P_NORMAL, "%5d", n);                                   \
	} while (0)
	ROW("done", r->done, ST_DONE);
	ROW("pending", r->pending, ST_DONE);
	ROW("returned", r->returned, ST_BEHIND);
	ROW("in-progress", r->in_progress, ST_IN_PROGRESS);
	ROW("behind", r->behind, ST_BEHIND);
	ROW("ongoing", r->ongoing, ST_ONGOING);
	ROW("not-started", r->not_started, ST_NOT_STARTED);
	ROW("silent", r->silent, ST_NOT_STARTED);
	ROW("total", r->total, ST_COUNT);
#undef ROW
	if (sel->kind == UI_N_PLAN) {
		add_blank(ls);
		l = ui_lines_new(ls);
		ui_line_addf(l, UI_P_DIM, "%d chapters, %d sections, %d tasks", sel->plan->nchapters,
			     sel->plan->nsections, sel->plan->ntasks);
		if (sel->plan->source)
			ui_lines_wrap(ls, UI_P_DIM, sel->plan->source, w, 0);
	}
	add_blank(ls);
	ui_line_add(ui_lines_new(ls), UI_P_DIM, "Enter/l unfold  h fold  p next plan  ? help");
}

static void key_str(struct strbuf *k, const char *s)
{
	sb_add(k, s, strlen(s) + 1);
}

static void key_int(struct strbuf *k, long long v)
{
	sb_add(k, (const char *)&v, sizeof v);
}

/* Into K, which node SEL is: a task by its id, a plan, chapter or section
 * by its plan and numbers. */
static void node_key(const struct ui_sel *sel, struct strbuf *k)
{
	if (sel->kind == UI_N_TASK) {
		sb_addc(k, 'T');
		key_str(k, sel->task->id);
		return;
	}
	sb_addc(k, 'N');
	key_int(k, sel->kind);
	key_str(k, sel->plan->key);
	key_int(k, sel->chapter ? sel->chapter->number : -1);
	key_int(k, sel->kind == UI_N_SECTION && sel->section ? sel->section->number : -1);
}

void ui_detail_draw(struct app *a, int y, int x, int w, int h, int focused)
{
	struct ui_detail *d = det(a);
	struct ui_sel sel;
	ui_tree_selected(a, &sel);
	sb_reset(&d->key);
	if (sel.kind != UI_N_NONE)
		node_key(&sel, &d->key);
	/* another node: from its top */
	if (d->key.len != d->shown.len || memcmp(d->key.buf, d->shown.buf, d->key.len)) {
		d->top = 0;
		sb_reset(&d->shown);
		sb_add(&d->shown, d->key.buf, d->key.len);
	}
	ui_lines_release(&d->lines);
	if (sel.kind == UI_N_TASK) {
		load(a, sel.task);
		build_task(a, &sel, w - 1, &d->lines);
	} else if (sel.kind != UI_N_NONE) {
		build_node(&sel, w - 1, &d->lines);
	}
	d->h = h;
	if (d->top > (int)d->lines.n - h)
		d->top = (int)d->lines.n - h;
	if (d->top < 0)
		d->top = 0;
	for (int r = 0; r < h; r++) {
		size_t i = (size_t)(d->top + r);
		/* column x: a scroll marker when there is more above or below */
		char m[2] = " ";
		struct ui_seg seg = { UI_P_BOLD, 0, m };
		struct ui_line l = { &seg, 1, 1 };
		if (r == 0 && d->top > 0)
			m[0] = '^';
		else if (r == h - 1 && d->top + h < (int)d->lines.n)
			m[0] = 'v';
		else if (focused && r == 0)
			m[0] = '>';
		ui_draw_lines(y + r, x, w, &l, i < d->lines.n ? &d->lines.v[i] : NULL, UI_P_NORMAL, 0);
	}
}

void ui_detail_scroll(struct app *a, int delta, int page)
{
	struct ui_detail *d = det(a);
	int h = d->h > 1 ? d->h - 1 : 1;
	if (delta == INT_MAX)
		d->top = INT_MAX / 2;
	else if (delta == -INT_MAX)
		d->top = 0;
	else
		d->top += page ? delta * h : delta;
	if (d->top > (int)d->lines.n - d->h)
		d->top = (int)d->lines.n - d->h;
	if (d->top < 0)
		d->top = 0;
}
