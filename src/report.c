/* The annual evaluation: figures from one query per plan, then Markdown,
 * JSON and a self-contained HTML page with inline SVG bar charts. */
#include <time.h>

#include "src/json.h"
#include "src/report.h"
#include "src/state.h"
#include "src/text.h"
#include "src/util.h"
#include "store/store.h"
#include "store/store_report.h"
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
	free(r->plans);
	free(r->titles);
	free(r->made);
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
	sb_addf(sb, "（%s）\n- 制表日期：%s\n- 口径：状态取牵头单位最新记录；已完成仅计已销号任务；"
		"未报送指本年度无任何记录。\n\n", r->plans, r->made);
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

void report_json(const struct report *r, struct strbuf *sb)
{
	struct json j;
	json_init(&j, sb, "  ");
	json_object_begin(&j, JSON_LINES);
	json_key_int(&j, "year", r->year);
	json_key(&j, "plans");
	json_array_begin(&j, JSON_INLINE);
	for (const char *p = r->plans; *p; ) {
		size_t n = strcspn(p, ",");
		char *k = xstrndup(p, n);
		json_str(&j, k);
		free(k);
		p += n + (p[n] == ',');
	}
	json_end(&j);
	json_key_str(&j, "title", r->titles);
	json_key_str(&j, "made", r->made);
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
		"@media print { body { max-width: none; margin: 0; } h2 { page-break-after: avoid; } "
		"tr, svg { page-break-inside: avoid; } }\n"
		"</style>\n</head>\n<body>\n");
	sb_addf(sb, "<h1>%d年度监测评估报告</h1>\n<p>计划：", r->year);
	html_text(sb, r->titles);
	sb_adds(sb, "（");
	html_text(sb, r->plans);
	sb_addf(sb, "）<br/>制表日期：%s<br/>口径：状态取牵头单位最新记录；已完成仅计已销号任务；"
		"未报送指本年度无任何记录。</p>\n", r->made);

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
