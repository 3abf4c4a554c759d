/* The detail pane: a task's full text wrapped for Chinese (UAX #14 through
 * text_wrap), its departments with role and current status, their latest
 * notes, the evidence and the close-off review; or a plan's, chapter's or
 * section's title and roll-up. Read only for the selected task, and cached. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <limits.h>

#include "src/text.h"
#include "src/util.h"
#include "ui/detail.h"
#include "ui/draw.h"
#include "ui/tree.h"

/* What a plan's, chapter's or section's lines show besides the plan's own
 * data: which node, and its roll-up. */
struct node_key {
	enum ui_node kind;
	const char *plan;              /* key; the tree's, valid while it is */
	int chapter, section;
	struct rollup roll;
};

struct ui_detail {
	char *task;                    /* id of the cached task, or NULL */
	int have_state;
	struct task_state st;
	struct evidence_info *ev;
	size_t nev;
	/* LINES stay until what they show changes: built for the task BUILT
	 * (NULL: for a node, struct node_key) at width BUILT_W under the
	 * department filter BUILT_DEPT; ui_detail_invalidate drops them */
	struct ui_lines lines;
	int have_lines;
	char *built;
	struct node_key node;
	int built_w;
	char *built_dept;
	int top, h;
};

static struct ui_detail *det(struct app *a)
{
	if (!a->detail)
		a->detail = xcalloc(1, sizeof *a->detail);
	return a->detail;
}

void ui_detail_invalidate(struct app *a)
{
	struct ui_detail *d = det(a);
	if (d->have_state)
		store_task_state_release(&d->st);
	store_evidence_list_free(d->ev, d->nev);
	d->ev = NULL;
	d->nev = 0;
	d->have_state = 0;
	free(d->task);
	d->task = NULL;
	d->have_lines = 0;
}

void ui_detail_free(struct app *a)
{
	if (!a->detail)
		return;
	ui_detail_invalidate(a);
	ui_lines_release(&a->detail->lines);
	free(a->detail->built);
	free(a->detail->built_dept);
	free(a->detail);
	a->detail = NULL;
}

static void load(struct app *a, const struct task_row *t)
{
	struct ui_detail *d = det(a);
	struct err e = { 0, "" };
	if (d->task && !strcmp(d->task, t->id))
		return;
	ui_detail_invalidate(a);
	d->task = xstrdup(t->id);
	d->top = 0;
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

static void add_blank(struct ui_lines *ls)
{
	ui_lines_new(ls);
}

static void add_head(struct ui_lines *ls, const char *s)
{
	add_blank(ls);
	ui_line_add(ui_lines_new(ls), UI_P_HEAD, s);
}

static void build_task(struct app *a, const struct ui_sel *sel, int w)
{
	struct ui_detail *d = det(a);
	struct ui_lines *ls = &d->lines;
	const struct task_row *t = sel->task;
	const struct task_state *st = d->have_state ? &d->st : NULL;
	struct ui_line *l = ui_lines_new(ls);
	char *h;

	ui_line_addf(l, UI_P_BOLD, "%s  ", t->id);
	if (st) {
		status_tag(l, st->status);
		if (st->period[0])
			ui_line_addf(l, UI_P_DIM, "  %s", st->period);
		if (st->silent)
			ui_line_add(l, UI_P_DIM, "  (lead silent)");
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
		for (size_t k = 0; st && k < st->ndepts; k++)
			if (!strcmp(st->depts[k].dept, t->depts[i].dept))
				ds = &st->depts[k];
		l = ui_lines_new(ls);
		ui_line_addf(l, UI_P_BOLD, "%s", t->depts[i].role == ROLE_LEAD ? "* " : "  ");
		ui_line_add(l, a->dept && !strcmp(a->dept, t->depts[i].dept) ? UI_P_BOLD : UI_P_NORMAL,
			    t->depts[i].dept);
		ui_line_addf(l, UI_P_DIM, " %s ", role_name_zh(t->depts[i].role));
		if (ds && ds->has_record) {
			status_tag(l, ds->status);
			ui_line_addf(l, UI_P_DIM, " %s", ds->period);
		} else {
			ui_line_add(l, UI_P_DIM, "[silent]");
		}
		if (ds && ds->nevidence)
			ui_line_addf(l, UI_P_DIM, " +%d evidence", ds->nevidence);
	}

	if (st) {
		int any = 0;
		for (size_t k = 0; k < st->ndepts; k++) {
			const struct dept_state *ds = &st->depts[k];
			if (!ds->has_record || !ds->note || !ds->note[0])
				continue;
			if (!any++)
				add_head(ls, "Latest notes");
			l = ui_lines_new(ls);
			ui_line_addf(l, UI_P_BOLD, "%s ", ds->period);
			ui_line_add(l, UI_P_NORMAL, ds->dept);
			ui_line_addf(l, UI_P_DIM, " %s %.10s", ds->who, ds->at);
			ui_lines_wrap(ls, UI_P_NORMAL, ds->note, w, 2);
		}
	}
	if (d->nev) {
		add_head(ls, "Evidence");
		for (size_t i = 0; i < d->nev; i++) {
			const struct evidence_info *v = &d->ev[i];
			struct strbuf sb = STRBUF_INIT;
			sb_addf(&sb, "[%s] %s", evidence_kind_name(v->kind), v->title ? v->title : "");
			if (v->kind == EV_FILE)
				sb_addf(&sb, " (%s, %lld bytes)", v->file_name ? v->file_name : "", v->size);
			else
				sb_addf(&sb, ": %s", v->value ? v->value : "");
			sb_addf(&sb, " | %s %s %.10s", v->dept ? v->dept : "", v->who ? v->who : "",
				v->at ? v->at : "");
			ui_lines_wrap(ls, UI_P_NORMAL, sb_str(&sb), w, 0);
			sb_release(&sb);
		}
	}
	add_blank(ls);
	ui_line_add(ui_lines_new(ls), UI_P_DIM, "s status a note e evidence H history");
}

static void build_node(struct app *a, const struct ui_sel *sel, int w)
{
	struct ui_lines *ls = &det(a)->lines;
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

static int node_same(const struct node_key *x, const struct node_key *y)
{
	return x->kind == y->kind && !x->plan == !y->plan && (!x->plan || !strcmp(x->plan, y->plan)) &&
	       x->chapter == y->chapter && x->section == y->section &&
	       !memcmp(&x->roll, &y->roll, sizeof x->roll);
}

void ui_detail_draw(struct app *a, int y, int x, int w, int h, int focused)
{
	struct ui_detail *d = det(a);
	struct ui_sel sel;
	struct node_key node;
	ui_tree_selected(a, &sel);
	memset(&node, 0, sizeof node);
	if (sel.kind != UI_N_TASK && sel.kind != UI_N_NONE) {
		node.kind = sel.kind;
		node.plan = sel.plan->key;
		node.chapter = sel.chapter ? sel.chapter->number : -1;
		node.section = sel.kind == UI_N_SECTION && sel.section ? sel.section->number : -1;
		node.roll = sel.roll;
	}
	if (sel.kind == UI_N_TASK)
		load(a, sel.task);
	else if (d->task)
		ui_detail_invalidate(a);
	/* the lines stay until the node, the width, the department filter (its
	 * name is in bold) or the task's state (ui_detail_invalidate) changes */
	if (!d->have_lines || d->built_w != w ||
	    (!d->built_dept != !a->dept) || (a->dept && strcmp(d->built_dept, a->dept)) ||
	    (sel.kind == UI_N_TASK ? !d->built || strcmp(d->built, sel.task->id)
	     : d->built || !node_same(&d->node, &node))) {
		ui_lines_release(&d->lines);
		if (sel.kind == UI_N_TASK)
			build_task(a, &sel, w - 1);
		else if (sel.kind != UI_N_NONE)
			build_node(a, &sel, w - 1);
		free(d->built);
		free(d->built_dept);
		d->built = sel.kind == UI_N_TASK ? xstrdup(sel.task->id) : NULL;
		d->built_dept = a->dept ? xstrdup(a->dept) : NULL;
		d->node = node;
		d->built_w = w;
		d->have_lines = 1;
	}
	d->h = h;
	if (d->top > (int)d->lines.n - h)
		d->top = (int)d->lines.n - h;
	if (d->top < 0)
		d->top = 0;
	for (int r = 0; r < h; r++) {
		size_t i = (size_t)(d->top + r);
		ui_draw_line(y + r, x + 1, w - 1, i < d->lines.n ? &d->lines.v[i] : NULL, UI_P_NORMAL, 0);
	}
	/* column x: a scroll marker when there is more above or below */
	for (int r = 0; r < h; r++) {
		char m[2] = " ";
		struct ui_seg seg = { UI_P_BOLD, 0, m };
		struct ui_line l = { &seg, 1, 1 };
		if (r == 0 && d->top > 0)
			m[0] = '^';
		else if (r == h - 1 && d->top + h < (int)d->lines.n)
			m[0] = 'v';
		else if (focused && r == 0)
			m[0] = '>';
		ui_draw_line(y + r, x, 1, &l, UI_P_BOLD, 0);
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
