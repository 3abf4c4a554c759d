/* The annual evaluation: figures from one query per plan, then Markdown,
 * JSON and a self-contained HTML page with inline SVG bar charts. */
#include <time.h>

#include "src/json.h"
#include "src/report.h"
#include "src/state.h"
#include "src/text.h"
#include "src/util.h"
#include "store/store.h"
#include "store/store_indicator.h"
#include "store/store_report.h"
#include "store/store_chain.h"
#include "src/banned.h"

void report_parts(const struct rollup *r, struct report_parts *p)
{
	p->done = r->done;
	p->pending = r->pending;
	p->returned = r->returned;
	p->ongoing = r->ongoing;
	p->in_progress = r->in_progress;
	p->behind = r->behind;
	p->silent = r->silent;
	p->not_started = r->not_started - r->silent;
}

int report_is_behind(const struct report_task *t) { return !t->silent && t->status == ST_BEHIND; }
int report_is_silent(const struct report_task *t) { return t->silent; }
int report_any(const struct report_task *t) { (void)t; return 1; }
int report_done_without_evidence(const struct report_task *t)
{
	return !t->silent && t->status == ST_DONE && t->review != REVIEW_RETURNED && t->nevidence == 0;
}
int report_pending_review(const struct report_task *t)
{
	return t->status == ST_DONE && t->review == REVIEW_PENDING;
}

static void group_add(struct report_group **v, size_t *n, size_t *cap, const char *plan,
		      const struct rollup_node *node)
{
	struct report_group *g;
	xgrow(v, cap, *n + 1, sizeof **v);
	g = &(*v)[(*n)++];
	memset(g, 0, sizeof *g);
	g->plan = xstrdup(plan);
	g->chapter = node->chapter;
	g->section = node->section;
	g->title = xstrdup(node->title ? node->title : "");
	g->r = node->r;
}

static struct report_dept *dept_of(struct report *r, size_t *cap, const char *name)
{
	for (size_t i = 0; i < r->ndepts; i++)
		if (!strcmp(r->depts[i].dept, name))
			return &r->depts[i];
	xgrow(&r->depts, cap, r->ndepts + 1, sizeof *r->depts);
	memset(&r->depts[r->ndepts], 0, sizeof *r->depts);
	r->depts[r->ndepts].dept = xstrdup(name);
	return &r->depts[r->ndepts++];
}

static int dept_cmp(const void *a, const void *b)
{
	const struct report_dept *x = a, *y = b;
	if (x->lead.total != y->lead.total)
		return y->lead.total - x->lead.total;
	if (x->participant.total != y->participant.total)
		return y->participant.total - x->participant.total;
	return strcmp(x->dept, y->dept);
}

/* 1 if plan P is in force in year Y: its year for an annual plan, its five
 * years for a five-year plan, from its year on for any other. */
static int plan_in_force(const struct plan_info *p, int y)
{
	char first[8], last[8];
	period_plan_range(p->kind, p->year, first, last);
	return atoi(first) <= y && (!*last || atoi(last) >= y);
}

/* The indicators of the plans in force in YEAR (PLAN: only that plan's),
 * judged as of the end of YEAR, and the summary sentence. */
static int add_indicators(struct store *s, struct report *r, int year, const char *plan, struct err *e)
{
	struct plan_info *pl;
	struct indicator *defs;
	struct ind_verdict *vd;
	size_t np, cap = 0;
	struct strbuf sum = STRBUF_INIT;
	int rc;

	if ((rc = store_plan_list(s, &pl, &np, e)))
		return rc;
	for (size_t p = 0; p < np && !rc; p++) {
		struct indicator *v = NULL;
		struct ind_value *vals = NULL;
		size_t n = 0, nv = 0, at = 0;
		if (!plan_in_force(&pl[p], year) || (plan && strcmp(plan, pl[p].key)))
			continue;
		if ((rc = store_indicator_list(s, pl[p].key, NULL, &v, &n, e)) ||
		    (rc = store_indicator_values(s, NULL, pl[p].key, &vals, &nv, e))) {
			indicator_list_free(v, n);
			break;
		}
		for (size_t i = 0; i < n; i++) {
			struct report_indicator *ri;
			size_t k = 0;
			xgrow(&r->inds, &cap, r->ninds + 1, sizeof *r->inds);
			ri = &r->inds[r->ninds++];
			memset(ri, 0, sizeof *ri);
			ri->def = v[i];
			/* the values come by indicator, in the order of V (plan order)
			 * or another: take the ones of this indicator wherever they are */
			ri->values = xcalloc(nv + 1, sizeof *ri->values);
			for (at = 0; at < nv; at++)
				if (vals[at].indicator && !strcmp(vals[at].indicator, v[i].id)) {
					ri->values[k++] = vals[at];
					memset(&vals[at], 0, sizeof vals[at]);
				}
			ri->nvalues = k;
			ri->ncur = indicator_current_values(ri->values, k, year, &ri->cur);
			indicator_judge(&ri->def, ri->values, k, year, &ri->v);
		}
		free(v);
		ind_values_free(vals, nv);
	}
	store_plan_list_free(pl, np);
	if (rc)
		return rc;
	defs = xcalloc(r->ninds + 1, sizeof *defs);
	vd = xcalloc(r->ninds + 1, sizeof *vd);
	for (size_t i = 0; i < r->ninds; i++) {
		defs[i] = r->inds[i].def;
		vd[i] = r->inds[i].v;
	}
	indicator_summary(defs, vd, r->ninds, &sum);
	r->ind_summary = sb_detach(&sum);
	free(defs);
	free(vd);
	return 0;
}

static int add_plan(struct store *s, struct report *r, const char *plan, size_t caps[4], struct err *e)
{
	struct outline_chapter *ch;
	struct outline_section *sec;
	struct report_row *rows;
	struct rollup_tree rt;
	size_t nch, nsec, nrows;
	int rc;

	if ((rc = store_plan_outline(s, plan, &ch, &nch, &sec, &nsec, e)))
		return rc;
	if ((rc = store_report_rows(s, plan, &rows, &nrows, e))) {
		store_plan_outline_free(ch, nch, sec, nsec);
		return rc;
	}
	rollup_tree_init(&rt, ch, nch, sec, nsec);
	for (size_t i = 0; i < nrows; i++) {
		struct report_row *w = &rows[i];
		struct report_dept *d = dept_of(r, &caps[3], w->dept);
		if (w->role == ROLE_LEAD && (i == 0 || strcmp(rows[i - 1].task, w->task))) {
			struct report_task *t;
			xgrow(&r->tasks, &caps[2], r->ntasks + 1, sizeof *r->tasks);
			t = &r->tasks[r->ntasks++];
			memset(t, 0, sizeof *t);
			t->task = xstrdup(w->task);
			t->plan = xstrdup(plan);
			t->text = xstrdup(w->text);
			t->lead = xstrdup(w->dept);
			t->chapter = w->chapter;
			t->section = w->section;
			t->status = w->status;
			t->silent = !w->has_record;
			t->review = w->review;
			t->period = xstrdup(w->period);
			t->reason = xstrdup(w->reason);
			t->note = xstrdup(w->note);
			t->nevidence = w->nevidence;
			rollup_add(&r->overall, t->status, t->silent, t->review);
			rollup_tree_add(&rt, t->chapter, t->section, t->status, t->silent, t->review);
			rollup_add(&d->lead, t->status, t->silent, t->review);
		} else if (w->role == ROLE_PARTICIPANT) {
			rollup_add(&d->participant, w->status, !w->has_record,
				   w->status == ST_DONE ? REVIEW_APPROVED : REVIEW_NONE);
		}
	}
	for (size_t i = 0; i < rt.n; i++) {
		if (rt.nodes[i].section)
			group_add(&r->sections, &r->nsections, &caps[1], plan, &rt.nodes[i]);
		else
			group_add(&r->chapters, &r->nchapters, &caps[0], plan, &rt.nodes[i]);
	}
	rollup_tree_release(&rt);
	store_plan_outline_free(ch, nch, sec, nsec);
	store_report_rows_free(rows, nrows);
	return 0;
}

int report_build(struct store *s, int year, const char *plan, struct report *out, struct err *e)
{
	struct strbuf keys = STRBUF_INIT, titles = STRBUF_INIT;
	struct plan_info *pl;
	size_t np, caps[4] = { 0, 0, 0, 0 }, nfound = 0;
	char made[16];
	time_t now = time(NULL);
	struct tm tm;
	int rc;

	memset(out, 0, sizeof *out);
	out->year = year;
	localtime_r(&now, &tm);
	strftime(made, sizeof made, "%Y-%m-%d", &tm);
	out->made = xstrdup(made);
	{
		/* read first: the records the report counts were all chained by then */
		char head[STORE_CHAIN_HEAD_SIZE];
		rc = store_chain_head(s, head, e);
		out->chain = xstrdup(head);
		if (rc)
			goto done;
	}
	if ((rc = store_plan_list(s, &pl, &np, e)))
		goto done;
	for (size_t i = 0; i < np && !rc; i++) {
		if (pl[i].year != year || (plan && strcmp(plan, pl[i].key)))
			continue;
		sb_addf(&keys, "%s%s", nfound ? "," : "", pl[i].key);
		sb_addf(&titles, "%s%s", nfound ? "；" : "", pl[i].title);
		nfound++;
		rc = add_plan(s, out, pl[i].key, caps, e);
	}
	store_plan_list_free(pl, np);
	if (rc)
		goto done;
	if (!nfound) {
		rc = plan ? err_set(e, ERR_NOTFOUND, "no plan '%s' of the year %d; 'duban plans' lists the "
				    "plans held", plan, year)
			  : err_set(e, ERR_NOTFOUND, "no plan for the year %d; 'duban plans' lists the plans "
				    "held, 'duban import FILE' adds one", year);
		goto done;
	}
	if (out->ndepts)
		qsort(out->depts, out->ndepts, sizeof *out->depts, dept_cmp);
	rc = carryover_links(s, year, &out->carry, &out->ncarry, e);
	if (rc == -ERR_NOTFOUND) {
		err_clear(e);
		rc = 0;
	}
	if (!rc)
		rc = add_indicators(s, out, year, plan, e);
	if (!rc)
		rc = carryover_compared(s, year, &out->carry_compared, e);
done:
	out->plans = sb_detach(&keys);
	out->titles = sb_detach(&titles);
	if (!out->plans)
		out->plans = xstrdup("");
	if (!out->titles)
		out->titles = xstrdup("");
	if (rc)
		report_release(out);
	return rc;
}

static void groups_free(struct report_group *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].plan);
		free(v[i].title);
	}
	free(v);
}

void report_release(struct report *r)
{
	groups_free(r->chapters, r->nchapters);
	groups_free(r->sections, r->nsections);
	for (size_t i = 0; i < r->ndepts; i++)
		free(r->depts[i].dept);
	free(r->depts);
	for (size_t i = 0; i < r->ntasks; i++) {
		struct report_task *t = &r->tasks[i];
		free(t->task);
		free(t->plan);
		free(t->text);
		free(t->lead);
		free(t->period);
		free(t->reason);
		free(t->note);
	}
	free(r->tasks);
	carryover_links_free(r->carry, r->ncarry);
	for (size_t i = 0; i < r->ninds; i++) {
		indicator_release(&r->inds[i].def);
		ind_values_free(r->inds[i].values, r->inds[i].nvalues);
		free(r->inds[i].cur);
	}
	free(r->inds);
	free(r->ind_summary);
	free(r->plans);
	free(r->titles);
	free(r->made);
	free(r->chain);
	memset(r, 0, sizeof *r);
}

/* ---- shared pieces ---- */

static const char *const part_names[8] = {
	"done", "pending", "returned", "ongoing", "in_progress", "behind", "not_started", "silent"
};
static const char *const part_zh[8] = {
	"已完成（已销号）", "待审核", "退回", "持续推进", "推进中", "滞后", "未启动", "未报送"
};
static const char *const part_color[8] = {
	"#2e7d32", "#81c784", "#ef6c00", "#00838f", "#f9a825", "#c62828", "#9e9e9e", "#e0e0e0"
};

static void parts_array(const struct rollup *r, int v[8])
{
	struct report_parts p;
	report_parts(r, &p);
	v[0] = p.done; v[1] = p.pending; v[2] = p.returned; v[3] = p.ongoing;
	v[4] = p.in_progress; v[5] = p.behind; v[6] = p.not_started; v[7] = p.silent;
}

static const char *group_name(const struct report *r, const struct report_group *g, struct strbuf *sb)
{
	sb_reset(sb);
	if (strchr(r->plans, ','))
		sb_addf(sb, "%s ", g->plan);
	sb_adds(sb, g->title);
	return sb_str(sb);
}

/* ---- indicators, in every format ---- */

static const char *const judgement_color[J_COUNT] = {
	"#2e7d32", "#00838f", "#f9a825", "#c62828", "#9e9e9e", "#757575"
};

/* A year and a value as the report writes them: "2020年 3194.4", "2020年 未知". */
static void year_value_zh(struct strbuf *sb, int year, const char *value)
{
	if (year)
		sb_addf(sb, "%d年 ", year);
	sb_adds(sb, value && *value ? value : "未知");
}

/* The target RI is judged against, else the one for the year. */
static const struct ind_target *ind_target_shown(const struct report_indicator *ri, int year)
{
	return indicator_target_for(&ri->def, ri->v.has_target ? ri->v.target_year : year);
}

/* The cells of RI's row: baseline, latest value, target. */
static void ind_cells(const struct report_indicator *ri, int year, struct strbuf *base, struct strbuf *latest,
		      struct strbuf *target)
{
	const struct ind_target *tg = ind_target_shown(ri, year);
	if (ri->def.baseline_year || *ri->def.baseline)
		year_value_zh(base, ri->def.baseline_year, ri->def.baseline);
	else
		sb_adds(base, "未知");
	if (ri->v.latest) {
		const char *p = ri->v.latest->period;
		if (strlen(p) == 4)
			sb_addf(latest, "%s年 %s", p, ri->v.latest->value);
		else
			sb_addf(latest, "%s %s", p, ri->v.latest->value);
	} else {
		sb_adds(latest, "未报送");
	}
	if (tg)
		year_value_zh(target, tg->year, tg->value);
	else
		sb_adds(target, "未设");
}

/* ---- Markdown ---- */

static void md_text(struct strbuf *sb, const char *s)
{
	struct strbuf esc = STRBUF_INIT;
	text_escape(&esc, s, 0);
	for (const char *p = sb_str(&esc); *p; p++) {
		if (strchr("|\\*_`[]", *p))
			sb_addc(sb, '\\');
		if (*p == '<')
			sb_adds(sb, "&lt;");
		else
			sb_addc(sb, *p);
	}
	sb_release(&esc);
}

static void md_rollup_head(struct strbuf *sb, const char *first)
{
	sb_addf(sb, "| %s | 任务数 |", first);
	for (int i = 0; i < 8; i++)
		sb_addf(sb, " %s |", part_zh[i]);
	sb_adds(sb, "\n| --- | --: |");
	for (int i = 0; i < 8; i++)
		sb_adds(sb, " --: |");
	sb_addc(sb, '\n');
}

static void md_rollup_row(struct strbuf *sb, const char *label, const struct rollup *r)
{
	int v[8];
	parts_array(r, v);
	sb_adds(sb, "| ");
	md_text(sb, label);
	sb_addf(sb, " | %d |", r->total);
	for (int i = 0; i < 8; i++)
		sb_addf(sb, " %d |", v[i]);
	sb_addc(sb, '\n');
}

static void md_task_list(struct strbuf *sb, const struct report *r, const char *title,
			 int (*pred)(const struct report_task *))
{
	size_t n = 0;
	for (size_t i = 0; i < r->ntasks; i++)
		n += (size_t)!!pred(&r->tasks[i]);
	sb_addf(sb, "\n### %s（%zu）\n\n", title, n);
	if (!n) {
		sb_adds(sb, "无。\n");
		return;
	}
	sb_adds(sb, "| 任务 | 牵头单位 | 状态 | 最新进展 | 任务内容 |\n| --- | --- | --- | --- | --- |\n");
	for (size_t i = 0; i < r->ntasks; i++) {
		const struct report_task *t = &r->tasks[i];
		if (!pred(t))
			continue;
		sb_addf(sb, "| %s | ", t->task);
		md_text(sb, t->lead);
		sb_addf(sb, " | %s | ", shown_name_zh(state_shown_of(t->status, t->silent, t->review)));
		md_text(sb, t->note);
		sb_adds(sb, " | ");
		md_text(sb, t->text);
		sb_adds(sb, " |\n");
	}
}

static void md_indicators(const struct report *r, struct strbuf *sb)
{
	if (!r->ninds)
		return;
	sb_adds(sb, "## 主要指标监测情况\n\n");
	md_text(sb, r->ind_summary);
	sb_adds(sb, "\n\n| 编号 | 指标 | 单位 | 属性 | 基期 | 最新值 | 目标 | 判断 | 依据 |\n"
		"| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
	for (size_t i = 0; i < r->ninds; i++) {
		const struct report_indicator *ri = &r->inds[i];
		struct strbuf base = STRBUF_INIT, latest = STRBUF_INIT, target = STRBUF_INIT;
		ind_cells(ri, r->year, &base, &latest, &target);
		sb_addf(sb, "| %s | ", ri->def.id);
		md_text(sb, ri->def.name);
		sb_adds(sb, " | ");
		md_text(sb, ri->def.unit);
		sb_addf(sb, " | %s | ", ind_kind_name_zh(ri->def.kind));
		md_text(sb, sb_str(&base));
		sb_adds(sb, " | ");
		md_text(sb, sb_str(&latest));
		sb_adds(sb, " | ");
		md_text(sb, sb_str(&target));
		sb_addf(sb, " | %s | ", ind_judgement_name_zh(ri->v.j, ri->v.early));
		md_text(sb, ri->v.why);
		sb_adds(sb, " |\n");
		sb_release(&base);
		sb_release(&latest);
		sb_release(&target);
	}
	sb_adds(sb, "\n");
	md_text(sb, indicator_rule_zh);
	sb_adds(sb, "\n\n");
}

/* The state of a carried-over task's earlier task, as the Chinese report
 * words every state (src/state.h). */
static const char *carry_status_zh(const struct carry_link *l)
{
	return shown_name_zh(state_shown_of(l->from_status, l->from_silent, l->from_review));
}

/* What the report says when the year before has no annual plan, in SB
 * (reset); returns its text. */
static const char *not_compared(const struct report *r, struct strbuf *sb)
{
	sb_reset(sb);
	sb_addf(sb, "未导入%d年度推进计划，无法比对哪些任务延续上年度任务"
		"（导入后重新生成本报告即可比对）。", r->year - 1);
	return sb_str(sb);
}

void report_md(const struct report *r, struct strbuf *sb)
{
	struct strbuf name = STRBUF_INIT;
	sb_addf(sb, "# %d年度监测评估报告\n\n", r->year);
	sb_adds(sb, "- 计划：");
	md_text(sb, r->titles);
	sb_addf(sb, "（%s）\n- 制表日期：%s\n- 数据校验码：%s（制表时记录链的链头；日后可用 "
		"`duban verify --head %s` 核验制表前的记录未被改动）\n- 口径：状态取牵头单位最新记录；"
		"已完成仅计已销号任务；未报送指本年度无任何记录。\n\n", r->plans, r->made, r->chain, r->chain);
	md_indicators(r, sb);
	sb_adds(sb, "## 总体完成情况\n\n");
	md_rollup_head(sb, "范围");
	md_rollup_row(sb, "全部任务", &r->overall);
	sb_adds(sb, "\n## 分章节完成情况\n\n");
	md_rollup_head(sb, "章节");
	for (size_t i = 0; i < r->nchapters; i++) {
		md_rollup_row(sb, group_name(r, &r->chapters[i], &name), &r->chapters[i].r);
		for (size_t k = 0; k < r->nsections; k++) {
			const struct report_group *g = &r->sections[k];
			if (g->chapter == r->chapters[i].chapter && !strcmp(g->plan, r->chapters[i].plan)) {
				struct strbuf l = STRBUF_INIT;
				sb_addf(&l, "　%s", g->title);
				md_rollup_row(sb, sb_str(&l), &g->r);
				sb_release(&l);
			}
		}
	}
	sb_adds(sb, "\n## 分部门完成情况（牵头）\n\n");
	md_rollup_head(sb, "部门");
	for (size_t i = 0; i < r->ndepts; i++)
		if (r->depts[i].lead.total)
			md_rollup_row(sb, r->depts[i].dept, &r->depts[i].lead);
	sb_adds(sb, "\n## 分部门完成情况（参与）\n\n");
	md_rollup_head(sb, "部门");
	for (size_t i = 0; i < r->ndepts; i++)
		if (r->depts[i].participant.total)
			md_rollup_row(sb, r->depts[i].dept, &r->depts[i].participant);
	sb_adds(sb, "\n## 督促检查清单\n");
	md_task_list(sb, r, "滞后任务", report_is_behind);
	md_task_list(sb, r, "未报送任务", report_is_silent);
	md_task_list(sb, r, "报完成但无佐证材料", report_done_without_evidence);
	md_task_list(sb, r, "待审核销号", report_pending_review);
	if (!r->carry_compared) {
		sb_addf(sb, "\n## 延续上年度任务\n\n%s\n", not_compared(r, &name));
	} else if (!r->ncarry) {
		sb_adds(sb, "\n## 延续上年度任务（0）\n\n无。\n");
	} else {
		sb_addf(sb, "\n## 延续上年度任务（%zu）\n\n", r->ncarry);
		sb_adds(sb, "| 本年任务 | 上年任务 | 上年任务状态 | 相似度 | 共同书名 | 共同词 |\n"
			"| --- | --- | --- | --: | --- | --- |\n");
		for (size_t i = 0; i < r->ncarry; i++) {
			const struct carry_link *l = &r->carry[i];
			sb_addf(sb, "| %s | %s | %s | %.2f | ", l->to, l->from, carry_status_zh(l), l->why.score);
			md_text(sb, l->why.shared_titles);
			sb_adds(sb, " | ");
			md_text(sb, l->why.shared_words);
			sb_adds(sb, " |\n");
		}
	}
	sb_release(&name);
}

/* ---- JSON ---- */

static void json_rollup(struct json *j, const struct rollup *r)
{
	int v[8];
	parts_array(r, v);
	json_object_begin(j, JSON_INLINE);
	json_key_int(j, "total", r->total);
	for (int i = 0; i < 8; i++) {
		json_key_int(j, part_names[i], v[i]);
	}
	json_end(j);
}

static void json_tasks(struct json *j, const struct report *r, int (*pred)(const struct report_task *))
{
	json_array_begin(j, JSON_LINES);
	for (size_t i = 0; i < r->ntasks; i++) {
		const struct report_task *t = &r->tasks[i];
		if (!pred(t))
			continue;
		json_object_begin(j, JSON_INLINE);
		json_key_str(j, "id", t->task);
		json_key_str(j, "lead", t->lead);
		json_key_str(j, "status", t->silent ? "silent" : status_name(t->status));
		json_key_str(j, "review", review_state_name(t->review));
		json_key_str(j, "shown", shown_name(state_shown_of(t->status, t->silent, t->review)));
		json_key_str(j, "period", t->period);
		json_key_str(j, "note", t->note);
		json_key_int(j, "evidence", t->nevidence);
		json_key_str(j, "text", t->text);
		json_end(j);
	}
	json_end(j);
}

static void json_groups(struct json *j, const struct report_group *v, size_t n)
{
	json_array_begin(j, JSON_LINES);
	for (size_t i = 0; i < n; i++) {
		json_object_begin(j, JSON_INLINE);
		json_key_str(j, "plan", v[i].plan);
		json_key_int(j, "chapter", v[i].chapter);
		if (v[i].section) {
			json_key_int(j, "section", v[i].section);
		}
		json_key_str(j, "title", v[i].title);
		json_key(j, "rollup");
		json_rollup(j, &v[i].r);
		json_end(j);
	}
	json_end(j);
}

/* A score with three decimals, as a JSON number. */
static void json_score(struct json *j, const char *key, double v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%.3f", v);
	json_key(j, key);
	json_number(j, buf);
}

/* A number the report computed, with at most DECIMALS decimals. */
static void json_computed(struct json *j, const char *key, double v, int decimals)
{
	char buf[48];
	ind_format(v, decimals, buf, sizeof buf);
	json_key(j, key);
	json_number(j, buf);
}

static void json_indicators(struct json *j, const struct report *r)
{
	json_array_begin(j, JSON_LINES);
	for (size_t i = 0; i < r->ninds; i++) {
		const struct report_indicator *ri = &r->inds[i];
		const struct ind_target *tg = ind_target_shown(ri, r->year);
		json_object_begin(j, JSON_INLINE);
		json_key_str(j, "id", ri->def.id);
		json_key_str(j, "plan", ri->def.plan);
		json_key_str(j, "name", ri->def.name);
		json_key_str(j, "unit", ri->def.unit);
		json_key_str(j, "kind", ind_kind_name(ri->def.kind));
		json_key_str(j, "direction", ind_direction_name(ri->def.direction));
		json_key(j, "baseline");
		json_object_begin(j, JSON_INLINE);
		json_key(j, "year");
		if (ri->def.baseline_year)
			json_int(j, ri->def.baseline_year);
		else
			json_null(j);
		json_key(j, "value");
		if (*ri->def.baseline)
			json_number(j, ri->def.baseline);
		else
			json_null(j);
		json_end(j);
		json_key(j, "targets");
		json_array_begin(j, JSON_INLINE);
		for (size_t k = 0; k < ri->def.ntargets; k++) {
			json_object_begin(j, JSON_INLINE);
			json_key_int(j, "year", ri->def.targets[k].year);
			json_key(j, "value");
			json_number(j, ri->def.targets[k].value);
			json_end(j);
		}
		json_end(j);
		json_key(j, "target");
		if (tg) {
			json_object_begin(j, JSON_INLINE);
			json_key_int(j, "year", tg->year);
			json_key(j, "value");
			json_number(j, tg->value);
			json_end(j);
		} else {
			json_null(j);
		}
		json_key(j, "depts");
		json_array_begin(j, JSON_INLINE);
		for (size_t k = 0; k < ri->def.ndepts; k++)
			json_str(j, ri->def.depts[k]);
		json_end(j);
		json_key(j, "latest");
		if (ri->v.latest) {
			json_object_begin(j, JSON_INLINE);
			json_key_str(j, "period", ri->v.latest->period);
			json_key(j, "value");
			json_number(j, ri->v.latest->value);
			json_key_str(j, "source_kind", ri->v.latest->source_kind);
			json_key_str(j, "source", ri->v.latest->source);
			json_end(j);
		} else {
			json_null(j);
		}
		json_key_str(j, "judgement", ind_judgement_name(ri->v.j));
		json_key_str(j, "judgement_zh", ind_judgement_name_zh(ri->v.j, ri->v.early));
		json_key_bool(j, "early", ri->v.early);
		if (ri->v.paced) {
			json_computed(j, "expected", ri->v.expected, 4);
			json_computed(j, "progress", ri->v.progress, 4);
			json_computed(j, "time", ri->v.time, 4);
		}
		json_key_str(j, "why", ri->v.why);
		json_key(j, "values");
		json_array_begin(j, JSON_INLINE);
		for (size_t k = 0; k < ri->ncur; k++) {
			json_object_begin(j, JSON_INLINE);
			json_key_str(j, "period", ri->cur[k]->period);
			json_key(j, "value");
			json_number(j, ri->cur[k]->value);
			json_key_str(j, "source", ri->cur[k]->source);
			json_key_str(j, "who", ri->cur[k]->who);
			json_key_str(j, "at", ri->cur[k]->at);
			json_end(j);
		}
		json_end(j);
		json_end(j);
	}
	json_end(j);
}

void report_json(const struct report *r, struct strbuf *sb)
{
	struct json j;
	json_init(&j, sb, "  ");
	json_object_begin(&j, JSON_LINES);
	json_key_int(&j, "year", r->year);
	json_key(&j, "plans");
	json_str_list(&j, r->plans, ',');
	json_key_str(&j, "title", r->titles);
	json_key_str(&j, "made", r->made);
	json_key_str(&j, "chain_head", r->chain);
	json_key_str(&j, "indicator_summary", r->ind_summary);
	json_key_str(&j, "indicator_rule", indicator_rule_zh);
	json_key(&j, "indicators");
	json_indicators(&j, r);
	json_key(&j, "overall");
	json_rollup(&j, &r->overall);
	json_key(&j, "chapters");
	json_groups(&j, r->chapters, r->nchapters);
	json_key(&j, "sections");
	json_groups(&j, r->sections, r->nsections);
	json_key(&j, "departments");
	json_array_begin(&j, JSON_LINES);
	for (size_t i = 0; i < r->ndepts; i++) {
		json_object_begin(&j, JSON_INLINE);
		json_key_str(&j, "dept", r->depts[i].dept);
		json_key(&j, "lead");
		json_rollup(&j, &r->depts[i].lead);
		json_key(&j, "participant");
		json_rollup(&j, &r->depts[i].participant);
		json_end(&j);
	}
	json_end(&j);
	json_key(&j, "tasks");
	json_tasks(&j, r, report_any);
	json_key(&j, "follow_up");
	json_object_begin(&j, JSON_LINES);
	json_key(&j, "behind");
	json_tasks(&j, r, report_is_behind);
	json_key(&j, "silent");
	json_tasks(&j, r, report_is_silent);
	json_key(&j, "done_without_evidence");
	json_tasks(&j, r, report_done_without_evidence);
	json_key(&j, "pending_review");
	json_tasks(&j, r, report_pending_review);
	json_end(&j);
	json_key_bool(&j, "carryover_compared", r->carry_compared);
	json_key(&j, "carryover");
	json_array_begin(&j, JSON_LINES);
	for (size_t i = 0; i < r->ncarry; i++) {
		const struct carry_link *l = &r->carry[i];
		char st[48];
		json_object_begin(&j, JSON_INLINE);
		json_key_str(&j, "task", l->to);
		json_key_str(&j, "continues", l->from);
		json_key_str(&j, "previous_status", carryover_status_text(l, st, sizeof st));
		json_score(&j, "score", l->why.score);
		json_score(&j, "titles_score", l->why.titles);
		json_score(&j, "bigram_score", l->why.bigrams);
		json_key_bool(&j, "same_lead", l->why.same_lead);
		json_key_str(&j, "shared_titles", l->why.shared_titles);
		json_key_str(&j, "shared_words", l->why.shared_words);
		json_end(&j);
	}
	json_end(&j);
	json_end(&j);
	sb_addc(sb, '\n');
}

/* ---- HTML ---- */

static void html_text(struct strbuf *sb, const char *s)
{
	struct strbuf esc = STRBUF_INIT;
	text_escape(&esc, s, 0);
	for (const char *p = sb_str(&esc); *p; p++) {
		switch (*p) {
		case '<': sb_adds(sb, "&lt;"); break;
		case '>': sb_adds(sb, "&gt;"); break;
		case '&': sb_adds(sb, "&amp;"); break;
		case '"': sb_adds(sb, "&quot;"); break;
		case '\'': sb_adds(sb, "&#39;"); break;
		default: sb_addc(sb, *p);
		}
	}
	sb_release(&esc);
}

void report_md_escape(struct strbuf *sb, const char *s) { md_text(sb, s); }
void report_html_escape(struct strbuf *sb, const char *s) { html_text(sb, s); }

/* A stacked bar chart: one bar per label, segments per part. */
static void html_chart(struct strbuf *sb, const char *title, const char *const *labels,
		       const struct rollup *const *rs, size_t n)
{
	const int lw = 300, bw = 420, rh = 22, top = 30;
	int h = top + (int)n * rh + 40;
	sb_addf(sb, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		"viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", lw + bw + 60, h, lw + bw + 60, h);
	html_text(sb, title);
	sb_adds(sb, "\">\n<title>");
	html_text(sb, title);
	sb_adds(sb, "</title>\n");
	for (size_t i = 0; i < n; i++) {
		int v[8], y = top + (int)i * rh;
		double x = lw;
		struct strbuf lab = STRBUF_INIT;
		size_t cut = text_fit(labels[i], 40);
		parts_array(rs[i], v);
		sb_add(&lab, labels[i], cut);
		if (labels[i][cut])
			sb_adds(&lab, "…");
		sb_addf(sb, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"12\">", lw - 6, y + 15);
		html_text(sb, sb_str(&lab));
		sb_adds(sb, "</text>\n");
		sb_release(&lab);
		for (int k = 0; k < 8; k++) {
			double w = rs[i]->total ? (double)bw * v[k] / rs[i]->total : 0;
			if (v[k] == 0)
				continue;
			sb_addf(sb, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
				"<title>%s %d</title></rect>\n", x, y + 2, w, rh - 6, part_color[k],
				part_zh[k], v[k]);
			x += w;
		}
		sb_addf(sb, "<text x=\"%d\" y=\"%d\" font-size=\"12\">%d/%d</text>\n", lw + bw + 6, y + 15,
			rs[i]->done, rs[i]->total);
	}
	{
		int x = 10, y = top + (int)n * rh + 20;
		for (int k = 0; k < 8; k++) {
			sb_addf(sb, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
				"<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>\n", x, y, part_color[k],
				x + 16, y + 10, part_zh[k]);
			x += 96;
		}
	}
	sb_adds(sb, "</svg>\n");
}

static void html_rollup_table(struct strbuf *sb, const char *first)
{
	sb_addf(sb, "<table>\n<thead><tr><th>%s</th><th>任务数</th>", first);
	for (int i = 0; i < 8; i++)
		sb_addf(sb, "<th>%s</th>", part_zh[i]);
	sb_adds(sb, "</tr></thead>\n<tbody>\n");
}

static void html_rollup_row(struct strbuf *sb, const char *label, const struct rollup *r,
			    const char *cls)
{
	int v[8];
	parts_array(r, v);
	sb_addf(sb, "<tr%s%s%s><td>", cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
	html_text(sb, label);
	sb_addf(sb, "</td><td class=\"n\">%d</td>", r->total);
	for (int i = 0; i < 8; i++)
		sb_addf(sb, "<td class=\"n\">%d</td>", v[i]);
	sb_adds(sb, "</tr>\n");
}

static void html_task_list(struct strbuf *sb, const struct report *r, const char *title,
			   const char *id, int (*pred)(const struct report_task *))
{
	size_t n = 0;
	for (size_t i = 0; i < r->ntasks; i++)
		n += (size_t)!!pred(&r->tasks[i]);
	sb_addf(sb, "<h3 id=\"%s\">%s（<span class=\"count\">%zu</span>）</h3>\n", id, title, n);
	if (!n) {
		sb_adds(sb, "<p>无。</p>\n");
		return;
	}
	sb_adds(sb, "<table>\n<thead><tr><th>任务</th><th>牵头单位</th><th>状态</th><th>最新进展</th>"
		"<th>任务内容</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < r->ntasks; i++) {
		const struct report_task *t = &r->tasks[i];
		if (!pred(t))
			continue;
		sb_adds(sb, "<tr><td>");
		html_text(sb, t->task);
		sb_adds(sb, "</td><td>");
		html_text(sb, t->lead);
		sb_addf(sb, "</td><td>%s</td><td>", shown_name_zh(state_shown_of(t->status, t->silent, t->review)));
		html_text(sb, t->note);
		sb_adds(sb, "</td><td>");
		html_text(sb, t->text);
		sb_adds(sb, "</td></tr>\n");
	}
	sb_adds(sb, "</tbody>\n</table>\n");
}

/* A number as an SVG coordinate, one decimal, whatever the locale. */
static void svg_num(struct strbuf *sb, double v)
{
	char buf[48];
	ind_format(v, 1, buf, sizeof buf);
	sb_adds(sb, buf);
}

/* The chart of one indicator: its baseline, the values counted up to the
 * year and the target line, with the straight line from the baseline to
 * the target; the data in data- attributes for anyone who reads it back. */
static void html_ind_chart(struct strbuf *sb, const struct report_indicator *ri, int year)
{
	const double L = 52, W = 270, T = 34, H = 118;
	const struct ind_target *tg = ind_target_shown(ri, year);
	double base = 0, tv = 0, xmin = 1e9, xmax = -1e9, ymin = 1e300, ymax = -1e300, lo, hi;
	int has_base = ri->def.baseline_year && !ind_number(ri->def.baseline, &base);
	int has_tg = tg && !ind_number(tg->value, &tv);
	const char *color = judgement_color[ri->v.j < J_COUNT ? ri->v.j : J_UNKNOWN];
	struct strbuf lab = STRBUF_INIT;
	size_t cut;
#define XS(t) (L + ((t) - xmin) / (xmax - xmin) * W)
#define YS(v) (T + (ymax - (v)) / (ymax - ymin) * H)
	if (ri->def.baseline_year) {
		xmin = ri->def.baseline_year;
		xmax = ri->def.baseline_year;
	}
	if (has_base)
		ymin = ymax = base;
	if (tg) {
		xmin = tg->year < xmin ? tg->year : xmin;
		xmax = tg->year > xmax ? tg->year : xmax;
	}
	if (has_tg) {
		ymin = tv < ymin ? tv : ymin;
		ymax = tv > ymax ? tv : ymax;
	}
	for (size_t k = 0; k < ri->ncur; k++) {
		double t = ind_period_time(ri->cur[k]->period), v;
		if (ind_number(ri->cur[k]->value, &v))
			continue;
		xmin = t < xmin ? t : xmin;
		xmax = t > xmax ? t : xmax;
		ymin = v < ymin ? v : ymin;
		ymax = v > ymax ? v : ymax;
	}
	/* up to the year of the report at least */
	if (xmax < year && xmin <= xmax)
		xmax = year;
	if (xmin > xmax) {
		xmin = year - 1;
		xmax = year;
	}
	if (xmax - xmin < 1)
		xmin = xmax - 1;
	xmin = (double)(long)xmin;
	if (ymin > ymax) {
		ymin = 0;
		ymax = 1;
	}
	{
		double pad = (ymax - ymin) * 0.1;
		if (pad <= 0)
			pad = ymax ? (ymax < 0 ? -ymax : ymax) * 0.1 : 1;
		lo = ymin;
		hi = ymax;
		ymin -= pad;
		ymax += pad;
	}
	sb_addf(sb, "<figure class=\"indicator\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"indicator-chart\" "
		"width=\"340\" height=\"180\" viewBox=\"0 0 340 180\" role=\"img\" data-indicator=\"");
	html_text(sb, ri->def.id);
	sb_addf(sb, "\" data-judgement=\"%s\" aria-label=\"", ind_judgement_name(ri->v.j));
	html_text(sb, ri->def.name);
	sb_adds(sb, "\">\n<title>");
	html_text(sb, ri->def.name);
	sb_adds(sb, "（");
	html_text(sb, ri->def.unit);
	sb_addf(sb, "）%s</title>\n", ind_judgement_name_zh(ri->v.j, ri->v.early));
	cut = text_fit(ri->def.name, 36);
	sb_add(&lab, ri->def.name, cut);
	if (ri->def.name[cut])
		sb_adds(&lab, "…");
	sb_adds(sb, "<text x=\"4\" y=\"14\" font-size=\"12\" font-weight=\"bold\">");
	html_text(sb, sb_str(&lab));
	sb_adds(sb, "（");
	html_text(sb, ri->def.unit);
	sb_addf(sb, "）</text>\n<text x=\"336\" y=\"28\" font-size=\"11\" text-anchor=\"end\" fill=\"%s\">%s</text>\n",
		color, ind_judgement_name_zh(ri->v.j, ri->v.early));
	sb_release(&lab);
	if (!has_base && !has_tg && !ri->ncur) {
		sb_adds(sb, "<text x=\"170\" y=\"95\" font-size=\"11\" text-anchor=\"middle\" fill=\"#757575\">"
			"无可绘数据（未设基期值、目标值，未报送数值）</text>\n</svg>\n<figcaption>");
		html_text(sb, ri->v.why);
		sb_adds(sb, "</figcaption>\n</figure>\n");
		return;
	}
	/* the axes and their labels */
	sb_adds(sb, "<line class=\"axis\" x1=\"");
	svg_num(sb, L);
	sb_adds(sb, "\" y1=\"");
	svg_num(sb, T + H);
	sb_adds(sb, "\" x2=\"");
	svg_num(sb, L + W);
	sb_adds(sb, "\" y2=\"");
	svg_num(sb, T + H);
	sb_adds(sb, "\" stroke=\"#999\"/>\n");
	for (int y = (int)xmin; y <= (int)xmax; y++) {
		if (xmax - xmin > 12 && (y - (int)xmin) % 5)
			continue;
		sb_adds(sb, "<text x=\"");
		svg_num(sb, XS(y));
		sb_adds(sb, "\" y=\"");
		svg_num(sb, T + H + 14);
		sb_addf(sb, "\" font-size=\"10\" text-anchor=\"middle\">%d</text>\n", y);
	}
	for (int k = 0; k < 2 && hi > lo; k++) {
		double v = k ? hi : lo;
		char num[48];
		ind_format(v, 2, num, sizeof num);
		sb_adds(sb, "<text x=\"");
		svg_num(sb, L - 4);
		sb_adds(sb, "\" y=\"");
		svg_num(sb, YS(v) + 4);
		sb_addf(sb, "\" font-size=\"10\" text-anchor=\"end\">%s</text>\n", num);
	}
	/* the straight line from the baseline to the target, and the target */
	if (has_base && has_tg && tg->year > ri->def.baseline_year) {
		sb_adds(sb, "<line class=\"plan\" x1=\"");
		svg_num(sb, XS(ri->def.baseline_year));
		sb_adds(sb, "\" y1=\"");
		svg_num(sb, YS(base));
		sb_adds(sb, "\" x2=\"");
		svg_num(sb, XS(tg->year));
		sb_adds(sb, "\" y2=\"");
		svg_num(sb, YS(tv));
		sb_adds(sb, "\" stroke=\"#9e9e9e\" stroke-dasharray=\"2 3\"/>\n");
	}
	if (has_tg) {
		sb_addf(sb, "<line class=\"target\" data-year=\"%d\" data-value=\"%s\" x1=\"", tg->year, tg->value);
		svg_num(sb, L);
		sb_adds(sb, "\" y1=\"");
		svg_num(sb, YS(tv));
		sb_adds(sb, "\" x2=\"");
		svg_num(sb, L + W);
		sb_adds(sb, "\" y2=\"");
		svg_num(sb, YS(tv));
		sb_addf(sb, "\" stroke=\"#c62828\" stroke-dasharray=\"5 3\"/>\n<text x=\"");
		svg_num(sb, L + 2);
		sb_adds(sb, "\" y=\"");
		svg_num(sb, YS(tv) - 3);
		sb_addf(sb, "\" font-size=\"10\" fill=\"#c62828\">%d年目标 %s</text>\n", tg->year, tg->value);
	}
	if (has_base) {
		sb_addf(sb, "<circle class=\"baseline\" data-period=\"%d\" data-value=\"%s\" cx=\"",
			ri->def.baseline_year, ri->def.baseline);
		svg_num(sb, XS(ri->def.baseline_year));
		sb_adds(sb, "\" cy=\"");
		svg_num(sb, YS(base));
		sb_adds(sb, "\" r=\"3.5\" fill=\"#616161\"><title>基期</title></circle>\n");
	}
	/* the values counted, joined */
	if (ri->ncur > 1 || (ri->ncur && has_base)) {
		sb_adds(sb, "<polyline class=\"actuals\" fill=\"none\" stroke=\"");
		sb_adds(sb, color);
		sb_adds(sb, "\" stroke-width=\"1.5\" points=\"");
		if (has_base) {
			svg_num(sb, XS(ri->def.baseline_year));
			sb_addc(sb, ',');
			svg_num(sb, YS(base));
		}
		for (size_t k = 0; k < ri->ncur; k++) {
			double v;
			if (ind_number(ri->cur[k]->value, &v))
				continue;
			sb_adds(sb, k || has_base ? " " : "");
			svg_num(sb, XS(ind_period_time(ri->cur[k]->period)));
			sb_addc(sb, ',');
			svg_num(sb, YS(v));
		}
		sb_adds(sb, "\"/>\n");
	}
	for (size_t k = 0; k < ri->ncur; k++) {
		double v;
		if (ind_number(ri->cur[k]->value, &v))
			continue;
		sb_addf(sb, "<circle class=\"actual\" data-period=\"%s\" data-value=\"%s\" cx=\"", ri->cur[k]->period,
			ri->cur[k]->value);
		svg_num(sb, XS(ind_period_time(ri->cur[k]->period)));
		sb_adds(sb, "\" cy=\"");
		svg_num(sb, YS(v));
		sb_addf(sb, "\" r=\"3.5\" fill=\"%s\"><title>%s %s</title></circle>\n", color, ri->cur[k]->period,
			ri->cur[k]->value);
	}
	sb_adds(sb, "</svg>\n<figcaption>");
	html_text(sb, ri->v.why);
	sb_adds(sb, "</figcaption>\n</figure>\n");
#undef XS
#undef YS
}

static void html_indicators(const struct report *r, struct strbuf *sb)
{
	if (!r->ninds)
		return;
	sb_adds(sb, "<h2 id=\"indicators\">主要指标监测情况</h2>\n<p class=\"summary\">");
	html_text(sb, r->ind_summary);
	sb_adds(sb, "</p>\n<table class=\"ind\">\n<thead><tr><th>编号</th><th>指标</th><th>单位</th><th>属性</th><th>基期</th>"
		"<th>最新值</th><th>目标</th><th>判断</th><th>依据</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < r->ninds; i++) {
		const struct report_indicator *ri = &r->inds[i];
		struct strbuf base = STRBUF_INIT, latest = STRBUF_INIT, target = STRBUF_INIT;
		ind_cells(ri, r->year, &base, &latest, &target);
		sb_adds(sb, "<tr><td>");
		html_text(sb, ri->def.id);
		sb_adds(sb, "</td><td class=\"w\">");
		html_text(sb, ri->def.name);
		sb_adds(sb, "</td><td>");
		html_text(sb, ri->def.unit);
		sb_addf(sb, "</td><td>%s</td><td>", ind_kind_name_zh(ri->def.kind));
		html_text(sb, sb_str(&base));
		sb_adds(sb, "</td><td>");
		html_text(sb, sb_str(&latest));
		sb_adds(sb, "</td><td>");
		html_text(sb, sb_str(&target));
		sb_addf(sb, "</td><td class=\"j\" style=\"color: %s\">%s</td><td class=\"w\">",
			judgement_color[ri->v.j < J_COUNT ? ri->v.j : J_UNKNOWN], ind_judgement_name_zh(ri->v.j, ri->v.early));
		html_text(sb, ri->v.why);
		sb_adds(sb, "</td></tr>\n");
		sb_release(&base);
		sb_release(&latest);
		sb_release(&target);
	}
	sb_adds(sb, "</tbody>\n</table>\n<div class=\"charts\">\n");
	for (size_t i = 0; i < r->ninds; i++)
		html_ind_chart(sb, &r->inds[i], r->year);
	sb_adds(sb, "</div>\n<p class=\"rule\">");
	html_text(sb, indicator_rule_zh);
	sb_adds(sb, "</p>\n");
}

void report_html(const struct report *r, struct strbuf *sb)
{
	struct strbuf name = STRBUF_INIT;
	const char **labels;
	const struct rollup **rs;
	size_t n, cap = r->nchapters + r->ndepts + 1;
	char **owned;

	labels = xcalloc(cap, sizeof *labels);
	rs = xcalloc(cap, sizeof *rs);
	owned = xcalloc(cap, sizeof *owned);
	sb_adds(sb, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\"/>\n");
	sb_addf(sb, "<title>%d年度监测评估报告</title>\n", r->year);
	sb_adds(sb, "<style>\n"
		"@page { size: A4; margin: 15mm; }\n"
		"body { font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"Microsoft YaHei\", "
		"\"SimSun\", sans-serif; font-size: 10.5pt; color: #222; max-width: 60em; margin: 1em auto; }\n"
		"h1 { font-size: 18pt; } h2 { font-size: 14pt; border-bottom: 1px solid #999; }\n"
		"table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; }\n"
		"th, td { border: 1px solid #bbb; padding: 2px 4px; vertical-align: top; }\n"
		"th { background: #eef; } td.n { text-align: right; } tr.section td:first-child { padding-left: 2em; }\n"
		"svg { max-width: 100%; height: auto; }\n"
		"div.charts { display: flex; flex-wrap: wrap; gap: .5em; } figure.indicator { margin: 0; width: 340px; }\n"
		"figure.indicator figcaption { font-size: 9pt; color: #555; }\n"
		"table.ind td { white-space: nowrap; } table.ind td.w { white-space: normal; }\n"
		"@media print { body { max-width: none; margin: 0; } h2 { page-break-after: avoid; } "
		"tr, svg, figure { page-break-inside: avoid; } }\n"
		"</style>\n</head>\n<body>\n");
	sb_addf(sb, "<h1>%d年度监测评估报告</h1>\n<p>计划：", r->year);
	html_text(sb, r->titles);
	sb_adds(sb, "（");
	html_text(sb, r->plans);
	sb_addf(sb, "）<br/>制表日期：%s<br/>数据校验码：<code>%s</code>（制表时记录链的链头；日后可用 "
		"<code>duban verify --head %s</code> 核验制表前的记录未被改动）<br/>口径：状态取牵头单位最新记录；"
		"已完成仅计已销号任务；未报送指本年度无任何记录。</p>\n", r->made, r->chain, r->chain);
	html_indicators(r, sb);

	sb_adds(sb, "<h2>总体完成情况</h2>\n");
	html_rollup_table(sb, "范围");
	html_rollup_row(sb, "全部任务", &r->overall, NULL);
	sb_adds(sb, "</tbody>\n</table>\n");

	sb_adds(sb, "<h2>分章节完成情况</h2>\n");
	for (n = 0; n < r->nchapters; n++) {
		owned[n] = xstrdup(group_name(r, &r->chapters[n], &name));
		labels[n] = owned[n];
		rs[n] = &r->chapters[n].r;
	}
	html_chart(sb, "分章节完成情况", labels, rs, n);
	html_rollup_table(sb, "章节");
	for (size_t i = 0; i < r->nchapters; i++) {
		html_rollup_row(sb, labels[i], &r->chapters[i].r, NULL);
		for (size_t k = 0; k < r->nsections; k++)
			if (r->sections[k].chapter == r->chapters[i].chapter &&
			    !strcmp(r->sections[k].plan, r->chapters[i].plan))
				html_rollup_row(sb, r->sections[k].title, &r->sections[k].r, "section");
	}
	sb_adds(sb, "</tbody>\n</table>\n");
	for (size_t i = 0; i < n; i++)
		free(owned[i]);

	sb_adds(sb, "<h2>分部门完成情况（牵头）</h2>\n");
	n = 0;
	for (size_t i = 0; i < r->ndepts; i++)
		if (r->depts[i].lead.total) {
			labels[n] = r->depts[i].dept;
			rs[n++] = &r->depts[i].lead;
		}
	html_chart(sb, "分部门完成情况（牵头）", labels, rs, n);
	html_rollup_table(sb, "部门");
	for (size_t i = 0; i < n; i++)
		html_rollup_row(sb, labels[i], rs[i], NULL);
	sb_adds(sb, "</tbody>\n</table>\n");
	sb_adds(sb, "<h2>分部门完成情况（参与）</h2>\n");
	html_rollup_table(sb, "部门");
	for (size_t i = 0; i < r->ndepts; i++)
		if (r->depts[i].participant.total)
			html_rollup_row(sb, r->depts[i].dept, &r->depts[i].participant, NULL);
	sb_adds(sb, "</tbody>\n</table>\n");

	sb_adds(sb, "<h2>督促检查清单</h2>\n");
	html_task_list(sb, r, "滞后任务", "behind", report_is_behind);
	html_task_list(sb, r, "未报送任务", "silent", report_is_silent);
	html_task_list(sb, r, "报完成但无佐证材料", "no-evidence", report_done_without_evidence);
	html_task_list(sb, r, "待审核销号", "pending", report_pending_review);

	if (!r->carry_compared) {
		sb_adds(sb, "<h2>延续上年度任务</h2>\n<p>");
		html_text(sb, not_compared(r, &name));
		sb_adds(sb, "</p>\n");
	} else if (!r->ncarry) {
		sb_adds(sb, "<h2>延续上年度任务（<span class=\"count\">0</span>）</h2>\n<p>无。</p>\n");
	} else {
		sb_addf(sb, "<h2>延续上年度任务（<span class=\"count\">%zu</span>）</h2>\n", r->ncarry);
		sb_adds(sb, "<table>\n<thead><tr><th>本年任务</th><th>上年任务</th><th>上年任务状态</th>"
			"<th>相似度</th><th>共同书名</th><th>共同词</th></tr></thead>\n<tbody>\n");
		for (size_t i = 0; i < r->ncarry; i++) {
			const struct carry_link *l = &r->carry[i];
			sb_adds(sb, "<tr><td>");
			html_text(sb, l->to);
			sb_adds(sb, "</td><td>");
			html_text(sb, l->from);
			sb_addf(sb, "</td><td>%s</td><td class=\"n\">%.2f</td><td>", carry_status_zh(l),
				l->why.score);
			html_text(sb, l->why.shared_titles);
			sb_adds(sb, "</td><td>");
			html_text(sb, l->why.shared_words);
			sb_adds(sb, "</td></tr>\n");
		}
		sb_adds(sb, "</tbody>\n</table>\n");
	}
	sb_adds(sb, "</body>\n</html>\n");
	free(labels);
	free(rs);
	free(owned);
	sb_release(&name);
}
