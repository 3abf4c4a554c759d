/* The detail pane: a task's full text wrapped for Chinese (UAX #14 through
 * text_wrap), its departments with role and current status, their latest
 * notes, the evidence and the close-off review; or a plan's, chapter's or
 * section's title and roll-up. Read only for the selected task; the lines
 * built are kept by what they show (struct kept). */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <limits.h>

#include "src/text.h"
#include "src/util.h"
#include "ui/detail.h"
#include "ui/draw.h"
#include "ui/tree.h"

/* Built lines, kept by what they show: KEY holds every field the lines are
 * built from (key_task, key_node), so coming back to a node or a task, or
 * to the same state of it, builds nothing, and lines never go stale. */
struct kept {
	struct strbuf key;
	struct ui_lines lines;
	unsigned long used;            /* 0: free */
};
#define DETAIL_KEPT 256

struct ui_detail {
	char *task;                    /* id of the cached task, or NULL */
	int have_state;
	struct task_state st;
	struct evidence_info *ev;
	size_t nev;
	struct kept kept[DETAIL_KEPT];
	unsigned long clock;
	const struct ui_lines *lines;  /* shown: a kept entry's, or NONE */
	struct ui_lines none;
	struct strbuf key;             /* key_task's or key_node's buffer */
	int top, h;
};

static struct ui_detail *det(struct app *a)
{
	if (!a->detail) {
		a->detail = xcalloc(1, sizeof *a->detail);
		a->detail->lines = &a->detail->none;
	}
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
}

void ui_detail_free(struct app *a)
{
	if (!a->detail)
		return;
	ui_detail_invalidate(a);
	for (size_t i = 0; i < DETAIL_KEPT; i++) {
		sb_release(&a->detail->kept[i].key);
		ui_lines_release(&a->detail->kept[i].lines);
	}
	sb_release(&a->detail->key);
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

static void build_task(struct app *a, const struct ui_sel *sel, int w, struct ui_lines *ls)
{
	struct ui_detail *d = det(a);
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
	if (t->open) {
		/* the document's list is open-ended: 等, 等有关部门, 会同有关部门 */
		l = ui_lines_new(ls);
		ui_line_add(l, UI_P_DIM, "  等 (the list is open)");
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
	if (s)
		sb_add(k, s, strlen(s) + 1);
	else
		sb_addc(k, '\1');
}

static void key_int(struct strbuf *k, long long v)
{
	sb_add(k, (const char *)&v, sizeof v);
}

/* Into K, everything build_task shows: the task (its row is the tree's,
 * the same for one id), its state and evidence, the width and the
 * department filter. */
static void key_task(struct app *a, const struct ui_sel *sel, int w, struct strbuf *k)
{
	const struct ui_detail *d = det(a);
	sb_addc(k, 'T');
	key_int(k, w);
	key_str(k, a->dept);
	key_str(k, sel->task->id);
	key_int(k, d->have_state);
	if (d->have_state) {
		const struct task_state *st = &d->st;
		key_int(k, st->status);
		key_int(k, st->silent);
		key_int(k, st->review);
		key_str(k, st->review_reason);
		key_str(k, st->period);
		key_str(k, st->updated);
		key_int(k, (long long)st->ndepts);
		for (size_t i = 0; i < st->ndepts; i++) {
			const struct dept_state *ds = &st->depts[i];
			key_str(k, ds->dept);
			key_int(k, ds->role);
			key_int(k, ds->has_record);
			key_int(k, ds->status);
			key_int(k, ds->nevidence);
			key_str(k, ds->period);
			key_str(k, ds->at);
			key_str(k, ds->who);
			key_str(k, ds->note);
			key_str(k, ds->record_id);
		}
	}
	key_int(k, (long long)d->nev);
	for (size_t i = 0; i < d->nev; i++) {
		const struct evidence_info *v = &d->ev[i];
		key_int(k, v->kind);
		key_int(k, v->size);
		key_str(k, v->id);
		key_str(k, v->dept);
		key_str(k, v->title);
		key_str(k, v->file_name);
		key_str(k, v->value);
		key_str(k, v->who);
		key_str(k, v->at);
	}
}

/* Into K, everything build_node shows: the node (plan data, chapter and
 * section titles are the tree's, the same for one plan key and numbers),
 * its roll-up and the width. */
static void key_node(const struct ui_sel *sel, int w, struct strbuf *k)
{
	sb_addc(k, 'N');
	key_int(k, w);
	key_int(k, sel->kind);
	key_str(k, sel->plan->key);
	key_int(k, sel->chapter ? sel->chapter->number : -1);
	key_int(k, sel->kind == UI_N_SECTION && sel->section ? sel->section->number : -1);
	sb_add(k, (const char *)&sel->roll, sizeof sel->roll);
}

void ui_detail_draw(struct app *a, int y, int x, int w, int h, int focused)
{
	struct ui_detail *d = det(a);
	struct ui_sel sel;
	struct kept *hit = NULL, *old = &d->kept[0];
	ui_tree_selected(a, &sel);
	if (sel.kind == UI_N_TASK)
		load(a, sel.task);
	else if (d->task)
		ui_detail_invalidate(a);
	d->lines = &d->none;
	sb_reset(&d->key);
	if (sel.kind == UI_N_TASK)
		key_task(a, &sel, w, &d->key);
	else if (sel.kind != UI_N_NONE)
		key_node(&sel, w, &d->key);
	for (size_t i = 0; d->key.len && i < DETAIL_KEPT && !hit; i++) {
		struct kept *kp = &d->kept[i];
		if (kp->used && kp->key.len == d->key.len && !memcmp(kp->key.buf, d->key.buf, d->key.len))
			hit = kp;
		else if (kp->used < old->used)
			old = kp;
	}
	if (d->key.len && !hit) {
		/* build it in place of the one shown longest ago */
		hit = old;
		ui_lines_release(&hit->lines);
		if (sel.kind == UI_N_TASK)
			build_task(a, &sel, w - 1, &hit->lines);
		else
			build_node(&sel, w - 1, &hit->lines);
		sb_reset(&hit->key);
		sb_add(&hit->key, d->key.buf, d->key.len);
	}
	if (hit) {
		hit->used = ++d->clock;
		d->lines = &hit->lines;
	}
	d->h = h;
	if (d->top > (int)d->lines->n - h)
		d->top = (int)d->lines->n - h;
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
		else if (r == h - 1 && d->top + h < (int)d->lines->n)
			m[0] = 'v';
		else if (focused && r == 0)
			m[0] = '>';
		ui_draw_lines(y + r, x, w, &l, i < d->lines->n ? &d->lines->v[i] : NULL, UI_P_NORMAL, 0);
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
	if (d->top > (int)d->lines->n - d->h)
		d->top = (int)d->lines->n - d->h;
	if (d->top < 0)
		d->top = 0;
}
