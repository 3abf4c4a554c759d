/* The tree view (tig's main view for duban): the list of plans, and for each
 * unfolded plan its chapters, sections and tasks with statuses and roll-ups.
 * A plan's outline and tasks are read when it is unfolded or searched, its
 * status rows when it is first shown; nothing else is read at start. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <limits.h>

#include "src/search.h"
#include "src/shorten.h"
#include "src/text.h"
#include "src/util.h"
#include "ui/draw.h"
#include "ui/tree.h"
#include "src/banned.h"

/* A node's drawn line (after the cursor mark), kept with the node so that a
 * cursor move builds no line: good while nothing was invalidated since
 * (GEN, and for a task SEARCH_GEN, are the app's: ui_tree_invalidate) and
 * the node's fold flag is OPEN.
 * Building every line on every key was more than a fifth of a keystroke's
 * time (issue 11, tests/bench/keys: 0.16 ms a key with these, 0.20 without). */
struct tline {
	struct ui_line line;
	int built, open;
	unsigned long gen, search_gen;
};

struct tplan {
	struct plan_info info;
	int open;
	/* status rows: ALL, every task's, read when the plan is first shown
	 * without a department filter and kept while one is on; ROWS, the rows
	 * shown: ALL, or under the department filter ROWS_DEPT this plan's
	 * share of the tree's set for that department (struct dset) */
	struct status_row *all;
	size_t nall;
	int all_loaded;
	int rows_loaded;
	char *rows_dept;
	struct status_row *rows;     /* not owned */
	size_t nrows;
	/* outline and tasks, once unfolded or searched */
	int loaded;
	struct outline_chapter *ch;
	size_t nch;
	struct outline_section *sec;
	size_t nsec;
	int *ch_open, *sec_open;
	struct task_row *tasks;
	size_t ntasks;
	int *st;          /* per task: index into rows, -1 none */
	/* ROWS added up the outline (src/rollup.c): built whenever the rows
	 * shown or the outline change, so a roll-up is a look-up */
	struct rollup_tree roll;
	/* the lines drawn for the plan and for each chapter, section and task */
	struct tline line, *ch_line, *sec_line, *task_line;
	/* the reporting period its tasks owe (store_report_period), read
	 * when first needed and again after ui_tree_invalidate(DATA) */
	int period_read;
	char period[8], due[11];
};

struct item {
	enum ui_node kind;
	int plan, ch, sec, task;   /* indexes; -1 when not applicable */
};

/* The status rows of every task one department takes part in, all plans
 * together: one query by index (a department has at most about a thousand
 * tasks) instead of one per plan shown, each of which reads all the plan's
 * tasks. Sorted by plan, so that plan I's share is ROWS[START[I] ..
 * START[I + 1]). The last DSETS departments are kept, so going back and
 * forth between filters reads nothing (issue 11, tests/bench/keys: 0.16 ms
 * a key with four, 0.19 with one); a write drops them all. */
struct plan_key {
	const char *key;
	size_t plan;
};

struct dset {
	char *dept;
	struct status_row *rows;
	size_t n;
	size_t *start;
	unsigned long used;          /* 0: free */
};
#define DSETS 4

struct ui_tree {
	struct tplan *plans;
	size_t nplans;
	struct item *items;
	size_t nitems, cap;
	size_t cur, top;
	int h;
	struct item mark;
	struct dset dsets[DSETS];
	unsigned long dset_clock;
	struct plan_key *by_key;   /* sorted by key, for dset_read */
};

/* Add P's rows shown up its outline (the plan alone while the outline is
 * not read: a folded plan's row shows only its own roll-up). */
static void roll_build(struct tplan *p)
{
	rollup_tree_release(&p->roll);
	rollup_tree_init(&p->roll, p->ch, p->nch, p->sec, p->nsec);
	rollup_tree_add_rows(&p->roll, p->rows, p->nrows);
}

static void rebuild(struct app *a);

static void tlines_free(struct tline *v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		ui_line_release(&v[i].line);
	free(v);
}

static void plan_unload(struct tplan *p)
{
	tlines_free(p->ch_line, p->nch);
	tlines_free(p->sec_line, p->nsec);
	tlines_free(p->task_line, p->ntasks);
	p->ch_line = p->sec_line = p->task_line = NULL;
	store_plan_outline_free(p->ch, p->nch, p->sec, p->nsec);
	store_task_rows_free(p->tasks, p->ntasks);
	free(p->ch_open);
	free(p->sec_open);
	free(p->st);
	p->ch = NULL, p->sec = NULL, p->tasks = NULL;
	p->ch_open = p->sec_open = p->st = NULL;
	p->nch = p->nsec = p->ntasks = 0;
	p->loaded = 0;
	roll_build(p);        /* its titles were the outline's */
}

/* Forget the rows P shows (a department's share, or ALL); rows_ensure
 * finds them again. */
static void rows_drop(struct tplan *p)
{
	free(p->rows_dept);
	p->rows_dept = NULL;
	p->rows = NULL;
	p->nrows = 0;
	p->rows_loaded = 0;
	for (size_t i = 0; p->loaded && i < p->ntasks; i++)
		p->st[i] = -1;
	rollup_tree_release(&p->roll);
}

static void rows_free(struct tplan *p)
{
	rows_drop(p);
	p->period_read = 0;
	store_status_rows_free(p->all, p->nall);
	p->all = NULL;
	p->nall = 0;
	p->all_loaded = 0;
}

/* Free department set D, first taking its rows from the plans that show them. */
static void dset_free(struct ui_tree *t, struct dset *d)
{
	if (!d->used)
		return;
	for (size_t i = 0; i < t->nplans; i++)
		if (t->plans[i].rows_dept && !strcmp(t->plans[i].rows_dept, d->dept))
			rows_drop(&t->plans[i]);
	store_status_rows_free(d->rows, d->n);
	free(d->start);
	free(d->dept);
	memset(d, 0, sizeof *d);
}

static int cmp_plan_key(const void *x, const void *y)
{
	return strcmp(((const struct plan_key *)x)->key, ((const struct plan_key *)y)->key);
}

/* The index of plan KEY, or T->NPLANS. */
static size_t plan_index(const struct ui_tree *t, const char *key)
{
	struct plan_key want = { key, 0 };
	const struct plan_key *k = t->nplans ? bsearch(&want, t->by_key, t->nplans, sizeof *t->by_key,
						       cmp_plan_key) : NULL;
	return k ? k->plan : t->nplans;
}

/* Read department A->DEPT's rows into D: in the store's (document) order
 * within each plan, placed by plan with a counting sort (rows of a plan not
 * in the tree, if any, last). */
static void dset_read(struct app *a, struct dset *d)
{
	struct ui_tree *t = a->tree;
	struct err e = { 0, "" };
	struct status_row *v = NULL;
	size_t n = 0, *pi, *next;
	d->dept = xstrdup(a->dept);
	d->start = xcalloc(t->nplans + 2, sizeof *d->start);
	if (store_queue_rows(a->s, NULL, a->dept, &v, &n, &e)) {
		ui_app_msg(a, 1, "%s", e.msg);
		return;
	}
	pi = xcalloc(n + 1, sizeof *pi);
	for (size_t i = 0; i < n; i++) {
		pi[i] = plan_index(t, v[i].plan);
		d->start[pi[i] + 1]++;
	}
	for (size_t i = 0; i < t->nplans; i++)
		d->start[i + 1] += d->start[i];
	next = xcalloc(t->nplans + 1, sizeof *next);
	memcpy(next, d->start, (t->nplans + 1) * sizeof *next);
	d->rows = xcalloc(n + 1, sizeof *d->rows);
	for (size_t i = 0; i < n; i++)
		d->rows[next[pi[i]]++] = v[i];
	d->n = n;
	free(next);
	free(pi);
	free(v);                         /* the rows themselves are D->ROWS' now */
}

/* The set of department A->DEPT, read now if it is not kept. */
static struct dset *dset_get(struct app *a)
{
	struct ui_tree *t = a->tree;
	struct dset *old = &t->dsets[0];
	for (size_t i = 0; i < DSETS; i++) {
		struct dset *d = &t->dsets[i];
		if (d->used && !strcmp(d->dept, a->dept)) {
			d->used = ++t->dset_clock;
			return d;
		}
		if (d->used < old->used)
			old = d;
	}
	dset_free(t, old);
	dset_read(a, old);
	old->used = ++t->dset_clock;
	return old;
}

/* Point each task at its status row (both lists are in document order). */
static void rows_map(struct tplan *p)
{
	size_t j = 0;
	if (!p->loaded)
		return;
	for (size_t i = 0; i < p->ntasks; i++) {
		p->st[i] = -1;
		while (j < p->nrows && p->rows[j].seq < p->tasks[i].seq)
			j++;
		if (j < p->nrows && !strcmp(p->rows[j].task, p->tasks[i].id))
			p->st[i] = (int)j;
		else
			for (size_t k = 0; k < p->nrows; k++)
				if (!strcmp(p->rows[k].task, p->tasks[i].id)) {
					p->st[i] = (int)k;
					break;
				}
	}
}

static void rows_ensure(struct app *a, struct tplan *p)
{
	struct ui_tree *t = a->tree;
	struct err e = { 0, "" };
	/* the rows stay until ui_tree_invalidate drops them */
	if (p->rows_loaded)
		return;
	rows_drop(p);
	p->rows_loaded = 1;
	if (a->dept) {
		struct dset *d = dset_get(a);
		size_t i = (size_t)(p - t->plans);
		p->rows_dept = xstrdup(a->dept);
		if (d->start[i + 1] > d->start[i]) {
			p->rows = d->rows + d->start[i];
			p->nrows = d->start[i + 1] - d->start[i];
		}
	} else {
		/* read once; a failure leaves no rows until ui_tree_invalidate */
		if (!p->all_loaded &&
		    store_queue_rows(a->s, p->info.key, NULL, &p->all, &p->nall, &e)) {
			ui_app_msg(a, 1, "%s", e.msg);
			p->all = NULL;
			p->nall = 0;
		}
		p->all_loaded = 1;
		p->rows = p->all;
		p->nrows = p->nall;
	}
	rows_map(p);
	roll_build(p);
}

static int plan_load(struct app *a, struct tplan *p)
{
	struct err e = { 0, "" };
	struct task_filter f;
	if (p->loaded)
		return 0;
	memset(&f, 0, sizeof f);
	f.plan = p->info.key;
	f.role = -1;
	if (store_plan_outline(a->s, p->info.key, &p->ch, &p->nch, &p->sec, &p->nsec, &e) ||
	    store_task_query(a->s, &f, &p->tasks, &p->ntasks, &e)) {
		ui_app_msg(a, 1, "%s", e.msg);
		plan_unload(p);
		return -1;
	}
	p->ch_open = xcalloc(p->nch + 1, sizeof *p->ch_open);
	p->sec_open = xcalloc(p->nsec + 1, sizeof *p->sec_open);
	p->st = xcalloc(p->ntasks + 1, sizeof *p->st);
	p->ch_line = xcalloc(p->nch + 1, sizeof *p->ch_line);
	p->sec_line = xcalloc(p->nsec + 1, sizeof *p->sec_line);
	p->task_line = xcalloc(p->ntasks + 1, sizeof *p->task_line);
	p->loaded = 1;
	rows_ensure(a, p);
	rows_map(p);
	roll_build(p);
	return 0;
}

int ui_tree_open(struct app *a, struct err *e)
{
	struct ui_tree *t = xcalloc(1, sizeof *t);
	struct plan_info *v = NULL;
	size_t n = 0;
	int rc = store_plan_list(a->s, &v, &n, e);
	a->tree = t;
	if (rc)
		return rc;
	t->plans = xcalloc(n + 1, sizeof *t->plans);
	for (size_t i = 0; i < n; i++) {
		t->plans[i].info = v[i];
		memset(&v[i], 0, sizeof v[i]);
	}
	t->nplans = n;
	store_plan_list_free(v, n);
	t->by_key = xcalloc(n + 1, sizeof *t->by_key);
	for (size_t i = 0; i < n; i++) {
		t->by_key[i].key = t->plans[i].info.key;
		t->by_key[i].plan = i;
	}
	qsort(t->by_key, n, sizeof *t->by_key, cmp_plan_key);
	rebuild(a);
	return 0;
}

void ui_tree_free(struct app *a)
{
	struct ui_tree *t = a->tree;
	if (!t)
		return;
	for (size_t i = 0; i < DSETS; i++)
		dset_free(t, &t->dsets[i]);
	for (size_t i = 0; i < t->nplans; i++) {
		plan_unload(&t->plans[i]);
		rows_free(&t->plans[i]);
		rollup_tree_release(&t->plans[i].roll);
		ui_line_release(&t->plans[i].line.line);
		store_plan_info_release(&t->plans[i].info);
	}
	free(t->by_key);
	free(t->plans);
	free(t->items);
	free(t);
	a->tree = NULL;
}

void ui_tree_invalidate(struct app *a, unsigned what, const char *plan)
{
	struct ui_tree *t = a->tree;
	if (what & UI_CH_DATA) {
		/* a department's set spans plans: drop them all */
		for (size_t i = 0; i < DSETS; i++)
			dset_free(t, &t->dsets[i]);
		/* notes are searched: the search is asked again */
		ui_app_search(a, a->search ? search_typed(a->search) : NULL);
		what |= UI_CH_SEARCH;
		for (size_t i = 0; i < t->nplans; i++)
			if (!plan || !strcmp(plan, t->plans[i].info.key))
				rows_free(&t->plans[i]);
	}
	/* the rows shown follow the department filter; a plan's own rows
	 * (ALL) stay, as they are what the store holds */
	if (what & UI_CH_DEPT)
		for (size_t i = 0; i < t->nplans; i++)
			rows_drop(&t->plans[i]);
	if (what & UI_CH_SIZE)
		ui_draw_forget();
	/* what was built from the rows, the store or for the old size is
	 * stale; nothing kept depends on the status filter */
	if (what & (UI_CH_DATA | UI_CH_DEPT | UI_CH_SIZE))
		a->gen++;
	if (what & UI_CH_SEARCH)
		a->search_gen++;
	rebuild(a);
}

int ui_tree_poll(struct app *a)
{
	int v = store_data_version(a->s);
	if (v == a->data_version)
		return 0;
	a->data_version = v;
	ui_tree_invalidate(a, UI_CH_DATA, NULL);
	return 1;
}

static int filtering(const struct app *a)
{
	return a->dept || a->show != UI_SHOW_ALL;
}

int ui_tree_row_shows(const struct app *a, const struct status_row *r)
{
	enum shown sh;
	if (a->show == UI_SHOW_ALL)
		return 1;
	if (!r)
		return 0;
	if (a->show == UI_SHOW_TO_REPORT)
		return r->period[0] && !r->reported;
	sh = state_shown_of(r->status, r->silent, r->review);
	/* not started: nothing recorded yet counts too, as its letter says */
	if (a->show == SHOWN_NOT_STARTED)
		return sh == SHOWN_NOT_STARTED || sh == SHOWN_SILENT;
	return (int)sh == a->show;
}

static int task_visible(const struct app *a, const struct tplan *p, size_t i)
{
	int r = p->st[i];
	if (a->dept && r < 0)
		return 0;
	return ui_tree_row_shows(a, r >= 0 ? &p->rows[r] : NULL);
}

static int count_visible(const struct app *a, const struct tplan *p, int chapter, int section)
{
	int n = 0;
	for (size_t i = 0; i < p->ntasks; i++)
		if (p->tasks[i].chapter == chapter && (section < 0 || p->tasks[i].section == section) &&
		    task_visible(a, p, i))
			n++;
	return n;
}

static void push(struct ui_tree *t, enum ui_node kind, int plan, int ch, int sec, int task)
{
	xgrow(&t->items, &t->cap, t->nitems + 1, sizeof *t->items);
	t->items[t->nitems].kind = kind;
	t->items[t->nitems].plan = plan;
	t->items[t->nitems].ch = ch;
	t->items[t->nitems].sec = sec;
	t->items[t->nitems].task = task;
	t->nitems++;
}

static void push_tasks(struct app *a, struct tplan *p, int pi, int ci, int si, int section)
{
	int chapter = p->ch[ci].number;
	for (size_t i = 0; i < p->ntasks; i++)
		if (p->tasks[i].chapter == chapter && p->tasks[i].section == section &&
		    task_visible(a, p, i))
			push(a->tree, UI_N_TASK, pi, ci, si, (int)i);
}

static int item_same(const struct item *x, const struct item *y)
{
	return x->kind == y->kind && x->plan == y->plan && x->ch == y->ch && x->sec == y->sec &&
	       x->task == y->task;
}

static void select_item(struct ui_tree *t, const struct item *want)
{
	size_t best = 0;
	int found = 0;
	for (size_t i = 0; i < t->nitems; i++) {
		const struct item *it = &t->items[i];
		if (item_same(it, want)) {
			t->cur = i;
			return;
		}
		/* nearest visible parent: the plan, then its chapter, then section */
		if (it->plan == want->plan &&
		    (it->kind == UI_N_PLAN ||
		     (it->kind == UI_N_CHAPTER && it->ch == want->ch) ||
		     (it->kind == UI_N_SECTION && it->sec == want->sec && want->sec >= 0))) {
			best = i;
			found = 1;
		}
	}
	t->cur = found ? best : (t->cur < t->nitems ? t->cur : 0);
}

/* Lay out the visible rows anew after a fold or filter change, keeping the
 * cursor on the same node (or its nearest visible parent). */
static void rebuild(struct app *a)
{
	struct ui_tree *t = a->tree;
	struct item old = { UI_N_NONE, -1, -1, -1, -1 };
	if (t->cur < t->nitems)
		old = t->items[t->cur];
	t->nitems = 0;
	for (size_t pi = 0; pi < t->nplans; pi++) {
		struct tplan *p = &t->plans[pi];
		push(t, UI_N_PLAN, (int)pi, -1, -1, -1);
		if (!p->open || plan_load(a, p))
			continue;
		rows_ensure(a, p);
		for (size_t ci = 0; ci < p->nch; ci++) {
			int num = p->ch[ci].number;
			if (filtering(a) && !count_visible(a, p, num, -1))
				continue;
			push(t, UI_N_CHAPTER, (int)pi, (int)ci, -1, -1);
			if (!p->ch_open[ci])
				continue;
			push_tasks(a, p, (int)pi, (int)ci, -1, 0);
			for (size_t si = 0; si < p->nsec; si++) {
				if (p->sec[si].chapter != num)
					continue;
				if (filtering(a) && !count_visible(a, p, num, p->sec[si].number))
					continue;
				push(t, UI_N_SECTION, (int)pi, (int)ci, (int)si, -1);
				if (p->sec_open[si])
					push_tasks(a, p, (int)pi, (int)ci, (int)si, p->sec[si].number);
			}
		}
	}
	if (old.kind != UI_N_NONE)
		select_item(t, &old);
	if (t->cur >= t->nitems)
		t->cur = t->nitems ? t->nitems - 1 : 0;
}

/* The roll-up of plan, chapter or section IT (zero when the outline has no
 * such node), looked up in its plan's roll-up tree. */
static struct rollup node_roll(const struct tplan *p, const struct item *it)
{
	static const struct rollup none;
	const struct rollup_node *n;
	if (it->kind == UI_N_PLAN || it->ch < 0)
		return p->roll.plan;
	n = rollup_tree_node(&p->roll, p->ch[it->ch].number,
			     it->kind == UI_N_SECTION ? p->sec[it->sec].number : 0);
	return n ? n->r : none;
}

static const char *const zh_digits[] = { "", "一", "二", "三", "四", "五", "六", "七", "八", "九" };

static void zh_number(struct strbuf *sb, int n)
{
	if (n <= 0 || n >= 100) {
		sb_addf(sb, "%d", n);
		return;
	}
	if (n >= 20)
		sb_adds(sb, zh_digits[n / 10]);
	if (n >= 10)
		sb_adds(sb, "十");
	sb_adds(sb, zh_digits[n % 10]);
}

char *ui_tree_heading(int number, const char *title, int section)
{
	struct strbuf sb = STRBUF_INIT, num = STRBUF_INIT;
	zh_number(&num, number);
	if (section)
		sb_addf(&sb, "（%s）", sb_str(&num));
	else
		sb_addf(&sb, "%s、", sb_str(&num));
	/* titles that already carry their number are shown as they are */
	if (util_starts_with(title, sb_str(&sb)))
		sb_reset(&sb);
	sb_adds(&sb, title);
	sb_release(&num);
	return sb_detach(&sb);
}

/* "12/21 done, 2 behind" (rollup_format) or, when AVAIL is short, "12/21 2!". */
static void rollup_line(struct ui_line *l, const struct rollup *r, int avail)
{
	struct strbuf lng = STRBUF_INIT;
	rollup_format(r, &lng);
	if (avail - text_width(sb_str(&lng)) >= 14) {
		ui_line_addf(l, r->behind ? UI_P_ST_BEHIND : UI_P_DIM, " %s", sb_str(&lng));
	} else {
		ui_line_addf(l, UI_P_DIM, " %d/%d", r->done, r->total);
		if (r->behind)
			ui_line_addf(l, UI_P_ST_BEHIND, " %d!", r->behind);
	}
	sb_release(&lng);
}

static int task_matches(struct app *a, struct tplan *p, size_t i);

/* Read P's reporting period and due date once (a failure: none). */
static void period_read(struct app *a, struct tplan *p)
{
	struct err e = { 0, "" };
	if (p->period_read)
		return;
	p->period_read = 1;
	if (store_report_period(a->s, p->info.key, p->period, p->due, &e)) {
		p->period[0] = p->due[0] = '\0';
		ui_app_msg(a, 1, "%s", e.msg);
	}
}

static const char *plan_due(struct app *a, struct tplan *p)
{
	period_read(a, p);
	return p->due;
}

/* Build into LINE what row IT shows at W columns, after the cursor mark. */
static void line_build(struct app *a, const struct item *it, int w, struct ui_line *line)
{
	struct ui_tree *t = a->tree;
	struct tplan *p = &t->plans[it->plan];
	struct ui_line head = { NULL, 0, 0 }, tail = { NULL, 0, 0 };
	struct rollup ru;
	int hw;
	char *title = NULL;
	const char *mark = NULL;

	switch (it->kind) {
	case UI_N_PLAN: {
		struct strbuf sb = STRBUF_INIT;
		ru = node_roll(p, it);
		rollup_line(&tail, &ru, w);
		ui_line_addf(&head, UI_P_BOLD, "%s %s ", p->open ? "-" : "+", p->info.key);
		shorten_plan(p->info.title, p->info.year, &sb);
		title = sb_detach(&sb);
		break;
	}
	case UI_N_CHAPTER:
		ru = node_roll(p, it);
		rollup_line(&tail, &ru, w);
		mark = p->ch_open[it->ch] ? "-" : "+";
		ui_line_addf(&head, UI_P_NORMAL, " %s ", mark);
		title = ui_tree_heading(p->ch[it->ch].number, p->ch[it->ch].title, 0);
		break;
	case UI_N_SECTION:
		ru = node_roll(p, it);
		rollup_line(&tail, &ru, w);
		mark = p->sec_open[it->sec] ? "-" : "+";
		ui_line_addf(&head, UI_P_NORMAL, "  %s ", mark);
		title = ui_tree_heading(p->sec[it->sec].number, p->sec[it->sec].title, 1);
		break;
	case UI_N_TASK: {
		const struct task_row *tk = &p->tasks[it->task];
		int r = p->st[it->task];
		enum shown sh = r >= 0 ? state_shown_of(p->rows[r].status, p->rows[r].silent, p->rows[r].review)
			      : SHOWN_SILENT;
		const char *role = " ";
		struct strbuf sb = STRBUF_INIT;
		char light[4] = " ";
		enum ui_paint lp = UI_P_NORMAL;
		if (a->dept && r >= 0)
			role = p->rows[r].role == ROLE_LEAD ? "*" : ".";
		/* the deadline light, in the indent: '!' overdue, the days
		 * left when due soon (the department's, or the lead's) */
		if (r >= 0 && p->rows[r].period[0] && !p->rows[r].reported) {
			const char *due = plan_due(a, p);
			switch (deadline_light(a->today, due)) {
			case DUE_OVER:
				light[0] = '!';
				lp = UI_P_ST_BEHIND;
				break;
			case DUE_SOON:
				light[0] = (char)('0' + date_days(a->today, due));
				lp = UI_P_ST_IN_PROGRESS;
				break;
			default:
				break;
			}
		}
		ui_line_add(&head, UI_P_NORMAL, it->sec >= 0 ? "   " : "  ");
		ui_line_add(&head, lp, light);
		ui_line_addf(&head, ui_draw_shown_paint(sh), "%c", r >= 0 ? shown_letter(sh) : '?');
		ui_line_addf(&head, UI_P_BOLD, "%s", role);
		ui_line_addf(&head, a->search && task_matches(a, p, (size_t)it->task) ? UI_P_MATCH
			     : UI_P_NORMAL, "%s", tk->label);
		ui_line_add(&head, UI_P_NORMAL, " ");
		shorten_task(tk->text, &sb);
		title = sb_detach(&sb);
		break;
	}
	default:
		break;
	}
	hw = w - 1 - ui_line_width(&head) - ui_line_width(&tail);
	for (size_t i = 0; i < head.n; i++)
		ui_line_add(line, head.segs[i].paint, head.segs[i].text);
	ui_line_addpad(line, it->kind == UI_N_PLAN ? UI_P_BOLD : UI_P_NORMAL, title, hw, 'l');
	for (size_t i = 0; i < tail.n; i++)
		ui_line_add(line, tail.segs[i].paint, tail.segs[i].text);
	free(title);
	ui_line_release(&head);
	ui_line_release(&tail);
}

static int *open_flag(struct ui_tree *t, const struct item *it);


/* The line of a node. */
static struct tline *tline_of(struct tplan *p, const struct item *it)
{
	switch (it->kind) {
	case UI_N_PLAN: return &p->line;
	case UI_N_CHAPTER: return &p->ch_line[it->ch];
	case UI_N_SECTION: return &p->sec_line[it->sec];
	default: return &p->task_line[it->task];
	}
}

/* The line of IT at W columns: the one kept with the node if it is good,
 * else built now. */
static const struct ui_line *line_get(struct app *a, const struct item *it, int w)
{
	struct tplan *p = &a->tree->plans[it->plan];
	struct tline *l = tline_of(p, it);
	const int *flag = open_flag(a->tree, it);
	int open = flag ? *flag : 0;
	if (!l->built || l->gen != a->gen || l->open != open ||
	    (it->kind == UI_N_TASK && l->search_gen != a->search_gen)) {
		rows_ensure(a, p);
		ui_line_release(&l->line);
		line_build(a, it, w, &l->line);
		l->built = 1;
		l->gen = a->gen;
		l->search_gen = a->search_gen;
		l->open = open;
	}
	return &l->line;
}

static void draw_item(struct app *a, const struct item *it, int y, int x, int w, int cursor, int focused)
{
	static char marks[2][2] = { " ", ">" };
	struct ui_seg seg = { UI_P_BOLD, 0, marks[cursor != 0] };
	struct ui_line mark = { &seg, 1, 1 };
	int extra = cursor ? (focused ? A_REVERSE : A_BOLD) : 0;
	ui_draw_lines(y, x, w, &mark, line_get(a, it, w), UI_P_NORMAL, extra);
}

void ui_tree_draw(struct app *a, int y, int x, int w, int h, int focused)
{
	struct ui_tree *t = a->tree;
	t->h = h;
	if (h <= 0)
		return;
	if (t->cur < t->top)
		t->top = t->cur;
	if (t->cur >= t->top + (size_t)h)
		t->top = t->cur - (size_t)h + 1;
	if (t->top + (size_t)h > t->nitems)
		t->top = t->nitems > (size_t)h ? t->nitems - (size_t)h : 0;
	for (int r = 0; r < h; r++) {
		size_t i = t->top + (size_t)r;
		if (i < t->nitems)
			draw_item(a, &t->items[i], y + r, x, w, i == t->cur, focused);
		else
			ui_draw_line(y + r, x, w, NULL, UI_P_NORMAL, 0);
	}
	if (!t->nitems)
		ui_draw_text(y, x, w, UI_P_DIM, " no plans: import one with 'duban import FILE'");
}

const char *ui_tree_plan_key(struct app *a)
{
	struct ui_tree *t = a->tree;
	return t->cur < t->nitems ? t->plans[t->items[t->cur].plan].info.key : NULL;
}

void ui_tree_selected(struct app *a, struct ui_sel *out)
{
	struct ui_tree *t = a->tree;
	const struct item *it;
	struct tplan *p;
	memset(out, 0, sizeof *out);
	if (t->cur >= t->nitems)
		return;
	it = &t->items[t->cur];
	p = &t->plans[it->plan];
	out->kind = it->kind;
	out->plan = &p->info;
	rows_ensure(a, p);
	if (it->ch >= 0)
		out->chapter = &p->ch[it->ch];
	if (it->sec >= 0)
		out->section = &p->sec[it->sec];
	if (it->kind == UI_N_TASK) {
		out->task = &p->tasks[it->task];
		if (p->st[it->task] >= 0)
			out->row = &p->rows[p->st[it->task]];
	}
	if (it->kind != UI_N_TASK)
		out->roll = node_roll(p, it);
}

void ui_tree_move(struct app *a, int delta)
{
	struct ui_tree *t = a->tree;
	long c = (long)t->cur + delta;
	if (delta == INT_MAX)
		c = (long)t->nitems - 1;
	else if (delta == -INT_MAX)
		c = 0;
	if (c < 0)
		c = 0;
	if (c >= (long)t->nitems)
		c = (long)t->nitems - 1;
	t->cur = c < 0 ? 0 : (size_t)c;
}

void ui_tree_page(struct app *a, int dir)
{
	int h = a->tree->h > 1 ? a->tree->h - 1 : 1;
	ui_tree_move(a, dir * h);
}

static int *open_flag(struct ui_tree *t, const struct item *it)
{
	struct tplan *p = &t->plans[it->plan];
	switch (it->kind) {
	case UI_N_PLAN: return &p->open;
	case UI_N_CHAPTER: return &p->ch_open[it->ch];
	case UI_N_SECTION: return &p->sec_open[it->sec];
	default: return NULL;
	}
}

int ui_tree_fold(struct app *a, int open)
{
	struct ui_tree *t = a->tree;
	int *flag;
	if (t->cur >= t->nitems)
		return 0;
	flag = open_flag(t, &t->items[t->cur]);
	if (!flag)
		return 1;
	if (open == 1 && *flag && t->cur + 1 < t->nitems) {
		/* already open: step onto the first child */
		t->cur++;
		return 0;
	}
	*flag = open < 0 ? !*flag : open;
	rebuild(a);
	return 0;
}

void ui_tree_parent(struct app *a)
{
	struct ui_tree *t = a->tree;
	const struct item *it;
	int *flag;
	if (t->cur >= t->nitems)
		return;
	it = &t->items[t->cur];
	flag = open_flag(t, it);
	if (flag && *flag) {
		*flag = 0;
		rebuild(a);
		return;
	}
	for (size_t i = t->cur; i-- > 0;) {
		const struct item *up = &t->items[i];
		if (up->plan != it->plan)
			break;
		if ((it->kind == UI_N_TASK && it->sec >= 0 && up->kind == UI_N_SECTION) ||
		    (up->kind == UI_N_CHAPTER && it->kind > UI_N_CHAPTER &&
		     !(it->kind == UI_N_TASK && it->sec >= 0)) ||
		    up->kind == UI_N_PLAN) {
			t->cur = i;
			return;
		}
	}
}

static void select_task(struct app *a, size_t pi, size_t ti)
{
	struct ui_tree *t = a->tree;
	struct tplan *p = &t->plans[pi];
	struct item want = { UI_N_TASK, (int)pi, -1, -1, (int)ti };
	const struct task_row *tk = &p->tasks[ti];
	p->open = 1;
	for (size_t c = 0; c < p->nch; c++)
		if (p->ch[c].number == tk->chapter) {
			p->ch_open[c] = 1;
			want.ch = (int)c;
		}
	for (size_t s = 0; s < p->nsec; s++)
		if (tk->section && p->sec[s].chapter == tk->chapter && p->sec[s].number == tk->section) {
			p->sec_open[s] = 1;
			want.sec = (int)s;
		}
	rebuild(a);
	select_item(t, &want);
}

void ui_tree_switch_plan(struct app *a, int dir)
{
	struct ui_tree *t = a->tree;
	size_t pi = 0, n = t->nplans;
	struct item want = { UI_N_PLAN, 0, -1, -1, -1 };
	if (!n)
		return;
	if (t->cur < t->nitems)
		pi = (size_t)t->items[t->cur].plan;
	if (t->cur < t->nitems && (t->items[t->cur].kind != UI_N_PLAN || !t->plans[pi].open))
		; /* first press: this plan */
	else
		pi = (pi + n + (size_t)(dir > 0 ? 1 : n - 1)) % n;
	for (size_t i = 0; i < n; i++)
		t->plans[i].open = i == pi;
	want.plan = (int)pi;
	rebuild(a);
	select_item(t, &want);
	ui_app_msg(a, 0, "plan %s: %s", t->plans[pi].info.key, t->plans[pi].info.title);
}

int ui_tree_jump(struct app *a, const struct task_row *task, struct err *e)
{
	struct ui_tree *t = a->tree;
	for (size_t pi = 0; pi < t->nplans; pi++) {
		struct tplan *p = &t->plans[pi];
		if (strcmp(p->info.key, task->plan))
			continue;
		if (plan_load(a, p))
			break;
		for (size_t i = 0; i < p->ntasks; i++) {
			if (strcmp(p->tasks[i].id, task->id))
				continue;
			rows_ensure(a, p);
			if (!task_visible(a, p, i)) {
				free(a->dept);
				a->dept = NULL;
				a->show = UI_SHOW_ALL;
				ui_tree_invalidate(a, UI_CH_DEPT | UI_CH_STATUS, NULL);
				plan_load(a, p);
				rows_ensure(a, p);
				ui_app_msg(a, 0, "filters cleared to show %s", task->id);
			}
			select_task(a, pi, i);
			return 0;
		}
	}
	return err_set(e, ERR_NOTFOUND, "task %s is not shown (its plan was not read)", task->id);
}

static int task_matches(struct app *a, struct tplan *p, size_t i)
{
	return a->search && search_match(a->search, p->info.key, p->tasks[i].id);
}

/* The task index the cursor stands on or just before, in plan P. */
static long cursor_task(struct ui_tree *t, const struct item *it)
{
	struct tplan *p = &t->plans[it->plan];
	if (it->kind == UI_N_TASK)
		return it->task;
	if (it->kind == UI_N_PLAN || !p->loaded)
		return -1;
	for (size_t i = 0; i < p->ntasks; i++)
		if (p->tasks[i].chapter == p->ch[it->ch].number &&
		    (it->kind == UI_N_CHAPTER || p->tasks[i].section == p->sec[it->sec].number))
			return (long)i - 1;
	return -1;
}

int ui_tree_search(struct app *a, int dir, int inclusive, int load)
{
	struct ui_tree *t = a->tree;
	size_t np = t->nplans, cp = 0;
	long ct = -1;
	if (!a->search || !np)
		return 0;
	if (t->cur < t->nitems) {
		cp = (size_t)t->items[t->cur].plan;
		ct = cursor_task(t, &t->items[t->cur]);
	}
	if (inclusive && t->cur < t->nitems && t->items[t->cur].kind == UI_N_TASK)
		ct -= dir;
	for (size_t step = 0; step <= np; step++) {
		size_t pi = dir > 0 ? (cp + step) % np : (cp + np * 2 - step) % np;
		struct tplan *p = &t->plans[pi];
		struct err e = { 0, "" };
		char *const *ids;
		size_t nids;
		long from, to;
		if (!p->loaded && !load)
			continue;
		if (search_plan(a->search, p->info.key, &ids, &nids, &e)) {
			ui_app_msg(a, 1, "%s", e.msg);
			return 0;
		}
		if (!nids || plan_load(a, p))
			continue;
		rows_ensure(a, p);
		if (!p->ntasks)
			continue;
		if (dir > 0) {
			from = step == 0 ? ct + 1 : 0;
			to = step == np ? ct : (long)p->ntasks - 1;
			for (long i = from; i <= to && i < (long)p->ntasks; i++)
				if (i >= 0 && task_visible(a, p, (size_t)i) && task_matches(a, p, (size_t)i)) {
					select_task(a, pi, (size_t)i);
					return 1;
				}
		} else {
			from = step == 0 ? ct - 1 : (long)p->ntasks - 1;
			to = step == np ? ct : 0;
			if (step == 0 && t->cur < t->nitems && t->items[t->cur].kind != UI_N_TASK)
				from = ct;
			for (long i = from; i >= to && i >= 0; i--)
				if (i < (long)p->ntasks && task_visible(a, p, (size_t)i) &&
				    task_matches(a, p, (size_t)i)) {
					select_task(a, pi, (size_t)i);
					return 1;
				}
		}
	}
	return 0;
}

void ui_tree_mark(struct app *a)
{
	struct ui_tree *t = a->tree;
	if (t->cur < t->nitems)
		t->mark = t->items[t->cur];
	else
		t->mark.kind = UI_N_NONE;
}

void ui_tree_to_mark(struct app *a)
{
	struct ui_tree *t = a->tree;
	if (t->mark.kind != UI_N_NONE)
		select_item(t, &t->mark);
}

void ui_tree_period(struct app *a, char period[8], char due[11])
{
	struct ui_tree *t = a->tree;
	period[0] = due[0] = '\0';
	if (t->cur >= t->nitems)
		return;
	{
		struct tplan *p = &t->plans[t->items[t->cur].plan];
		period_read(a, p);
		memcpy(period, p->period, 8);
		memcpy(due, p->due, 11);
	}
}

/* Where the cursor is for a walk to the next or previous task: its plan,
 * and the seq a task must pass (*AFTER for the next, *BEFORE for the
 * previous) to be after or before it. */
static void walk_from(struct ui_tree *t, size_t *pi, int *after, int *before)
{
	const struct item *it;
	const struct tplan *p;
	*pi = 0;
	*after = *before = INT_MIN;
	if (t->cur >= t->nitems)
		return;
	it = &t->items[t->cur];
	p = &t->plans[it->plan];
	*pi = (size_t)it->plan;
	if (it->kind == UI_N_TASK) {
		*after = *before = p->tasks[it->task].seq;
	} else if (it->kind != UI_N_PLAN && p->loaded) {
		/* a chapter or section: from its first task */
		for (size_t i = 0; i < p->ntasks; i++)
			if (p->tasks[i].chapter == p->ch[it->ch].number &&
			    (it->kind == UI_N_CHAPTER || p->tasks[i].section == p->sec[it->sec].number)) {
				*after = p->tasks[i].seq - 1;
				*before = p->tasks[i].seq;
				break;
			}
	}
}

/* Select task ID of plan PI (loading it); 1 when it is there. */
static int select_id(struct app *a, size_t pi, const char *id)
{
	struct tplan *p = &a->tree->plans[pi];
	if (plan_load(a, p))
		return 0;
	for (size_t i = 0; i < p->ntasks; i++)
		if (!strcmp(p->tasks[i].id, id)) {
			select_task(a, pi, i);
			return 1;
		}
	return 0;
}

int ui_tree_next(struct app *a, int dir, int (*want)(const struct app *a, const struct status_row *r))
{
	struct ui_tree *t = a->tree;
	size_t np = t->nplans, cp;
	int after, before;
	if (!np)
		return 0;
	walk_from(t, &cp, &after, &before);
	for (size_t step = 0; step <= np; step++) {
		size_t pi = dir > 0 ? (cp + step) % np : (cp + np * 2 - step) % np;
		struct tplan *p = &t->plans[pi];
		rows_ensure(a, p);
		for (size_t k = 0; k < p->nrows; k++) {
			const struct status_row *r = &p->rows[dir > 0 ? k : p->nrows - 1 - k];
			if (!ui_tree_row_shows(a, r) || !want(a, r))
				continue;
			/* in the cursor's plan: after it, or (back there
			 * after going round) before it */
			if (step == 0 && (dir > 0 ? r->seq <= after : r->seq >= before))
				continue;
			if (step == np && (dir > 0 ? r->seq > after : r->seq < before))
				continue;
			if (select_id(a, pi, r->task))
				return 1;
		}
	}
	return 0;
}

int ui_tree_goto(struct app *a, const struct task_ref *v, size_t n, int dir)
{
	struct ui_tree *t = a->tree;
	size_t cp, best = n;
	int after, before;
	long bestkey = 0;
	if (!n)
		return 0;
	walk_from(t, &cp, &after, &before);
	/* the first after the cursor in the tree's order, going round */
	for (size_t i = 0; i < n; i++) {
		size_t pi = plan_index(t, v[i].plan);
		long key;
		if (pi == t->nplans)
			continue;
		if (dir > 0)
			key = (pi > cp || (pi == cp && v[i].seq > after)) ? (long)pi * 1000000L + v[i].seq
			      : (long)(pi + t->nplans) * 1000000L + v[i].seq;
		else
			key = (pi < cp || (pi == cp && v[i].seq < before)) ? -((long)pi * 1000000L + v[i].seq)
			      : -(((long)pi - (long)t->nplans) * 1000000L + v[i].seq);
		if (best == n || key < bestkey) {
			best = i;
			bestkey = key;
		}
	}
	if (best == n)
		return 0;
	{
		struct task_row want;
		struct err e = { 0, "" };
		memset(&want, 0, sizeof want);
		want.id = v[best].task;
		want.plan = v[best].plan;
		if (ui_tree_jump(a, &want, &e)) {
			ui_app_msg(a, 1, "%s", e.msg);
			return 0;
		}
	}
	return 1;
}

void ui_tree_queue(struct app *a, struct ui_queue *q)
{
	struct ui_tree *t = a->tree;
	memset(q, 0, sizeof *q);
	for (size_t pi = 0; pi < t->nplans; pi++) {
		struct tplan *p = &t->plans[pi];
		rows_ensure(a, p);
		for (size_t k = 0; k < p->nrows; k++) {
			const struct status_row *r = &p->rows[k];
			if (r->period[0] && !r->reported) {
				if (!q->to_report++ || strcmp(r->period, q->period) > 0) {
					period_read(a, p);
					memcpy(q->period, r->period, sizeof q->period);
					memcpy(q->due, p->due, sizeof q->due);
				}
			}
			if (r->review == REVIEW_RETURNED)
				q->returned++;
			if (r->review == REVIEW_PENDING)
				q->pending++;
		}
	}
}
