/* The indicator view: a pager view of one plan's indicators, each with its
 * baseline, latest value and target, a bar of the way done (with '|' where
 * the straight line from the baseline to the target stands now) and its
 * judgement coloured, all by src/indicator.h's rule; the selected one shows
 * its values. j/k choose, v records a value through the store, which holds
 * it to the role rules as it does on the command line. */
#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <time.h>

#include "src/indicator.h"
#include "src/text.h"
#include "src/util.h"
#include "store/store_indicator.h"
#include "ui/draw.h"
#include "ui/indicator.h"
#include "ui/pager.h"
#include "ui/prompt.h"
#include "ui/tree.h"
#include "src/banned.h"

#define BAR 12   /* columns of the progress bar */

struct ind_view {
	char *plan;
	size_t sel;          /* the selected indicator */
	size_t count;        /* indicators at the last build */
};

/* The value being recorded: what was answered so far. */
static struct {
	char *plan, *id, *name, *unit, *period, *value;
} dlg;

static void dlg_free(void)
{
	free(dlg.plan);
	free(dlg.id);
	free(dlg.name);
	free(dlg.unit);
	free(dlg.period);
	free(dlg.value);
	memset(&dlg, 0, sizeof dlg);
}

static void view_free(void *ctx)
{
	struct ind_view *v = ctx;
	free(v->plan);
	free(v);
	dlg_free();
}

static enum ui_paint judgement_paint(enum ind_judgement j)
{
	switch (j) {
	case J_ACHIEVED: return UI_P_ST_DONE;
	case J_AHEAD: return UI_P_ST_ONGOING;
	case J_ON_TRACK: return UI_P_ST_IN_PROGRESS;
	case J_BEHIND: return UI_P_ST_BEHIND;
	default: return UI_P_DIM;
	}
}

/* "[#######|....]": the share of the way from the start to the target done,
 * '|' where the straight line stands at the latest period; "" when there is
 * no way to measure. */
static void bar(struct strbuf *sb, const struct ind_verdict *vd)
{
	double done;
	int mark = -1;
	if (vd->j == J_ACHIEVED) {
		done = 1;
	} else if (vd->paced) {
		done = vd->progress;
		mark = (int)(vd->time * BAR);
		if (mark >= BAR)
			mark = BAR - 1;
	} else {
		return;
	}
	sb_addc(sb, '[');
	for (int i = 0; i < BAR; i++)
		sb_addc(sb, i == mark ? '|' : (i + 0.5) / BAR <= done ? '#' : '.');
	sb_addc(sb, ']');
}

/* "2020 6.3", "2025Q2 15.3"; "?" for a value not known. */
static void point(struct strbuf *sb, const char *period, int year, const char *value)
{
	if (period)
		sb_adds(sb, period);
	else if (year)
		sb_addf(sb, "%d", year);
	sb_addf(sb, "%s%s", period || year ? " " : "", value && *value ? value : "?");
}

static int by_period(const void *x, const void *y)
{
	const struct ind_value *a = *(const struct ind_value *const *)x;
	const struct ind_value *b = *(const struct ind_value *const *)y;
	double ta = ind_period_time(a->period), tb = ind_period_time(b->period);
	if (ta != tb)
		return ta < tb ? -1 : 1;
	if (strcmp(a->period, b->period))
		return strcmp(a->period, b->period);
	return strcmp(a->at, b->at);
}

static void build(struct app *a, void *ctx, struct ui_lines *out, int w)
{
	struct ind_view *v = ctx;
	struct indicator *inds = NULL;
	struct ind_value *vals = NULL;
	struct ind_verdict *vd = NULL;
	struct err e = { 0, "" };
	size_t n = 0, nv = 0, first = 0, last = 0;

	if (store_indicator_list(a->s, v->plan, NULL, &inds, &n, &e) ||
	    store_indicator_values(a->s, NULL, v->plan, &vals, &nv, &e)) {
		ui_lines_wrap(out, UI_P_ERROR, e.msg, w, 0);
		goto out;
	}
	v->count = n;
	if (!n) {
		struct strbuf sb = STRBUF_INIT;
		sb_addf(&sb, "plan %s has no indicators; the office defines them with 'duban indicator add' "
			"or 'duban indicator import'", v->plan);
		ui_lines_wrap(out, UI_P_DIM, sb_str(&sb), w, 0);
		sb_release(&sb);
		goto out;
	}
	if (v->sel >= n)
		v->sel = n - 1;
	vd = xcalloc(n, sizeof *vd);
	for (size_t i = 0; i < n; i++) {
		size_t k = 0, at = 0;
		while (at < nv && strcmp(vals[at].indicator, inds[i].id))
			at++;
		while (at + k < nv && !strcmp(vals[at + k].indicator, inds[i].id))
			k++;
		indicator_judge(&inds[i], vals + at, k, 0, &vd[i]);
	}
	{
		struct strbuf sum = STRBUF_INIT;
		indicator_summary(inds, vd, n, &sum);
		ui_lines_wrap(out, UI_P_DIM, sb_str(&sum), w, 0);
		sb_release(&sum);
		ui_lines_new(out);
	}
	for (size_t i = 0; i < n; i++) {
		const struct indicator *ind = &inds[i];
		const struct ind_target *tg = indicator_target_for(ind, vd[i].has_target ? vd[i].target_year : 0);
		const char *jz = ind_judgement_name_zh(vd[i].j, vd[i].early);
		struct ui_line *l = ui_lines_new(out);
		struct strbuf name = STRBUF_INIT, way = STRBUF_INIT;
		int sel = i == v->sel, jw = text_width(jz) + 1, idw = (int)strlen(ind->id) + 3;
		if (sel)
			first = out->n - 1;
		sb_addf(&name, "%s（%s）", ind->name, ind->unit);
		ui_line_addf(l, sel ? UI_P_BOLD : UI_P_NORMAL, "%s %s ", sel ? ">" : " ", ind->id);
		ui_line_addpad(l, sel ? UI_P_BOLD : UI_P_NORMAL, sb_str(&name), w - idw - jw > 4 ? w - idw - jw : 4, 'l');
		ui_line_addf(l, judgement_paint(vd[i].j), " %s", jz);
		if (sel)
			ui_line_extra(l, A_REVERSE);
		sb_adds(&way, "  ");
		point(&way, NULL, ind->baseline_year, ind->baseline);
		sb_adds(&way, " -> ");
		if (vd[i].latest)
			point(&way, vd[i].latest->period, 0, vd[i].latest->value);
		else
			sb_adds(&way, "未报送");
		sb_adds(&way, " -> ");
		if (tg)
			point(&way, NULL, tg->year, tg->value);
		else
			sb_adds(&way, "目标未设");
		sb_adds(&way, "  ");
		bar(&way, &vd[i]);
		ui_lines_wrap(out, UI_P_NORMAL, sb_str(&way), w, 2);
		sb_release(&name);
		sb_release(&way);
		if (sel) {
			size_t k = 0, at = 0;
			const struct ind_value **cur, **order;
			size_t nc;
			while (at < nv && strcmp(vals[at].indicator, ind->id))
				at++;
			while (at + k < nv && !strcmp(vals[at + k].indicator, ind->id))
				k++;
			ui_lines_wrap(out, judgement_paint(vd[i].j), vd[i].why, w, 4);
			nc = indicator_current_values(vals + at, k, 0, &cur);
			/* by period, a correction after what it corrects */
			order = xcalloc(k + 1, sizeof *order);
			for (size_t c = 0; c < k; c++)
				order[c] = &vals[at + c];
			qsort(order, k, sizeof *order, by_period);
			for (size_t c = 0; c < k; c++) {
				const struct ind_value *iv = order[c];
				struct strbuf sb = STRBUF_INIT;
				int counted = 0;
				for (size_t m = 0; m < nc; m++)
					counted |= cur[m] == iv;
				sb_addf(&sb, "%-7s %s%s%s", iv->period, iv->value, *iv->dept ? "  " : "", iv->dept);
				if (!counted)
					sb_adds(&sb, " (corrected later)");
				if (*iv->source)
					sb_addf(&sb, "  %s", iv->source);
				ui_lines_wrap(out, counted ? UI_P_NORMAL : UI_P_DIM, sb_str(&sb), w, 4);
				sb_release(&sb);
			}
			if (!k)
				ui_lines_wrap(out, UI_P_DIM, "no value reported yet; v records one", w, 4);
			free(order);
			free(cur);
			last = out->n - 1;
		}
	}
	ui_pager_show(a, first, last);
out:
	free(vd);
	indicator_list_free(inds, n);
	ind_values_free(vals, nv);
}

/* ---- recording a value ---- */

static void back_to_view(struct app *a)
{
	a->mode = a->pager ? UI_M_PAGER : UI_M_BROWSE;
}

static void cancelled(struct app *a)
{
	back_to_view(a);
	dlg_free();
	ui_app_msg(a, 0, "no value recorded");
}

static void source_accept(struct app *a, const char *text)
{
	struct ind_value_in in;
	struct ind_record_result r;
	struct err e = { 0, "" };
	back_to_view(a);
	memset(&in, 0, sizeof in);
	in.indicator = dlg.id;
	in.period = dlg.period;
	in.value = dlg.value;
	in.source = text;
	if (store_indicator_record(a->s, a->login, &in, &r, &e)) {
		ui_app_msg(a, 1, "%s", e.msg);
	} else {
		ui_tree_invalidate(a, UI_CH_DATA, dlg.plan);
		ui_app_msg(a, 0, "recorded %s %s = %s %s%s%s", dlg.id, r.period, r.value, dlg.unit,
			   *r.previous ? ", correcting " : "", r.previous);
	}
	dlg_free();
}

static void value_accept(struct app *a, const char *text)
{
	static const struct ui_prompt_ops ops = { source_accept, NULL, cancelled, NULL, NULL };
	struct err e = { 0, "" };
	char *canon = NULL;
	back_to_view(a);
	/* said now rather than after the source is typed */
	if (ind_value_parse(text, dlg.unit, &canon, &e)) {
		ui_app_msg(a, 1, "%s", e.msg);
		dlg_free();
		return;
	}
	free(canon);
	free(dlg.value);
	dlg.value = xstrdup(text);
	ui_prompt_start(a, "source (文号 or link; empty: none): ", NULL, &ops);
}

static void period_accept(struct app *a, const char *text)
{
	static const struct ui_prompt_ops ops = { value_accept, NULL, cancelled, NULL, NULL };
	struct strbuf label = STRBUF_INIT;
	char p[8];
	back_to_view(a);
	if (ind_period_parse(text, p)) {
		ui_app_msg(a, 1, "'%s' is no period: write a year like 2024 or a quarter like 2024Q3", text);
		dlg_free();
		return;
	}
	free(dlg.period);
	dlg.period = xstrdup(p);
	sb_addf(&label, "%s %s in %s: ", dlg.id, p, dlg.unit);
	ui_prompt_start(a, sb_str(&label), NULL, &ops);
	sb_release(&label);
}

/* v: record a value of the selected indicator. */
static void record_open(struct app *a, struct ind_view *v)
{
	static const struct ui_prompt_ops ops = { period_accept, NULL, cancelled, NULL, NULL };
	struct indicator *inds = NULL;
	struct err e = { 0, "" };
	struct strbuf label = STRBUF_INIT;
	char year[16];
	size_t n = 0;
	time_t now = time(NULL);
	struct tm tm;

	if (a->actor.role == UROLE_VIEWER) {
		ui_app_msg(a, 1, "user '%s' is a viewer and may not record anything", a->login);
		return;
	}
	if (store_indicator_list(a->s, v->plan, NULL, &inds, &n, &e)) {
		ui_app_msg(a, 1, "%s", e.msg);
		return;
	}
	if (v->sel >= n) {
		ui_app_msg(a, 1, "no indicator to record");
		indicator_list_free(inds, n);
		return;
	}
	dlg_free();
	dlg.plan = xstrdup(v->plan);
	dlg.id = xstrdup(inds[v->sel].id);
	dlg.name = xstrdup(inds[v->sel].name);
	dlg.unit = xstrdup(inds[v->sel].unit);
	indicator_list_free(inds, n);
	/* the year before this one: the latest whose figures are out */
	localtime_r(&now, &tm);
	snprintf(year, sizeof year, "%04d", tm.tm_year + 1900 - 1);
	sb_addf(&label, "%s %s: period (a year, or a quarter like 2024Q3): ", dlg.id, dlg.name);
	ui_prompt_start(a, sb_str(&label), year, &ops);
	sb_release(&label);
}

static int view_key(struct app *a, void *ctx, int kind, wint_t ch)
{
	struct ind_view *v = ctx;
	if ((kind == OK && ch == 'j') || (kind == KEY_CODE_YES && ch == KEY_DOWN)) {
		if (v->sel + 1 < v->count)
			v->sel++;
	} else if ((kind == OK && ch == 'k') || (kind == KEY_CODE_YES && ch == KEY_UP)) {
		if (v->sel > 0)
			v->sel--;
	} else if (kind == OK && (ch == 'v' || ch == '\n' || ch == '\r')) {
		record_open(a, v);
		return 1;
	} else {
		return 0;
	}
	ui_pager_rebuild(a);
	return 1;
}

void ui_indicator_open(struct app *a, const char *plan)
{
	static const struct ui_pager_ops ops = { build, view_free, view_key };
	struct ind_view *v = xcalloc(1, sizeof *v);
	struct strbuf title = STRBUF_INIT;
	v->plan = xstrdup(plan);
	sb_addf(&title, "indicators of %s: j/k choose, v records a value", plan);
	ui_pager_open(a, sb_str(&title), &ops, v);
	sb_release(&title);
}
