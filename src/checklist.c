/* Quarterly checklists: building them from the store, rendering them as text,
 * Markdown and CSV. */
#include <time.h>

#include "src/checklist.h"
#include "src/indicator.h"
#include "src/output.h"
#include "src/status.h"
#include "src/text.h"
#include "src/util.h"
#include "store/store.h"
#include "store/store_indicator.h"
#include "store/store_report.h"
#include "store/store_chain.h"
#include "src/banned.h"

const char *const checklist_col_names[CKC_COUNT] = {
	"任务编号", "任务内容", "本单位角色", "其他单位", "上季度末状态", "最新进展", "佐证材料数",
	"本季度进展（填写）", "本季度佐证材料（填写）", "本季度状态（填写）"
};

const char *const checklist_ind_col_names[CKI_COUNT] = {
	"指标编号", "指标名称", "单位", "基期", "目标", "最新值", "判断", "统计期（填写）",
	"本期数值（填写）", "数据来源（填写）"
};

const char checklist_fill_help[] =
	"本季度状态填写：未启动、推进中、滞后（须在进展中说明原因）、已完成、持续推进；"
	"佐证材料填写文号（如国知发保字〔2024〕3号）或链接，多项用分号或换行隔开";

/* Header line labels, in the order they are written. */
#define L_TITLE "督办清单"
#define L_PREV "上季度"
#define L_MADE "制表日期"
#define L_CHAIN "数据校验码"
#define L_HELP "填写说明"

/* "2020年 3194.4" (a period "2025Q2 15.3"), "2020年 未知", or NONE. */
static char *ind_text(const char *period, int year, const char *value, const char *none)
{
	struct strbuf sb = STRBUF_INIT;
	if (period)
		sb_addf(&sb, strlen(period) == 4 ? "%s年 " : "%s ", period);
	else if (year)
		sb_addf(&sb, "%d年 ", year);
	else if (!value || !*value)
		return xstrdup(none);
	sb_adds(&sb, value && *value ? value : "未知");
	return sb_detach(&sb);
}

/* The indicators DEPT reports of the plans in force in PERIOD, judged as
 * of PERIOD's year, into C. */
static int add_indicators(struct store *s, struct checklist *c, const char *dept, const char *period,
			  struct err *e)
{
	struct indicator *v = NULL;
	struct plan_info *pl = NULL;
	size_t n = 0, np = 0, cap = 0;
	int rc, year = atoi(period);

	if ((rc = store_indicator_list(s, NULL, dept, &v, &n, e)) || !n)
		return rc;
	if ((rc = store_plan_list(s, &pl, &np, e)))
		goto out;
	for (size_t i = 0; i < n && !rc; i++) {
		const struct indicator *ind = &v[i];
		struct ind_value *vals = NULL;
		struct ind_verdict vd;
		struct checklist_ind *ci;
		const struct ind_target *tg;
		size_t nv = 0, p;
		char first[8], last[8];
		for (p = 0; p < np && strcmp(pl[p].key, ind->plan); p++)
			;
		if (p == np)
			continue;
		period_plan_range(pl[p].kind, pl[p].year, first, last);
		if (strcmp(period, first) < 0 || (*last && strcmp(period, last) > 0))
			continue;
		if ((rc = store_indicator_values(s, ind->id, NULL, &vals, &nv, e)))
			break;
		indicator_judge(ind, vals, nv, year, &vd);
		tg = indicator_target_for(ind, vd.has_target ? vd.target_year : year);
		xgrow(&c->inds, &cap, c->ninds + 1, sizeof *c->inds);
		ci = &c->inds[c->ninds++];
		ci->id = xstrdup(ind->id);
		ci->name = xstrdup(ind->name);
		ci->unit = xstrdup(ind->unit);
		ci->baseline = ind_text(NULL, ind->baseline_year, ind->baseline, "未知");
		ci->target = tg ? ind_text(NULL, tg->year, tg->value, "未设") : xstrdup("未设");
		ci->latest = vd.latest ? ind_text(vd.latest->period, 0, vd.latest->value, "") : xstrdup("未报送");
		ci->judgement = xstrdup(ind_judgement_name_zh(vd.j, vd.early));
		ind_values_free(vals, nv);
	}
out:
	store_plan_list_free(pl, np);
	indicator_list_free(v, n);
	return rc;
}

int checklist_build(struct store *s, const char *const *plans, size_t nplans, const char *dept,
		    const char *period, struct checklist *out, struct err *e)
{
	struct strbuf keys = STRBUF_INIT, titles = STRBUF_INIT;
	char prev[16], made[16];
	size_t cap = 0;
	time_t now = time(NULL);
	struct tm tm;
	int rc = 0;

	memset(out, 0, sizeof *out);
	{
		/* read first: what the checklist shows was all chained by then */
		char head[STORE_CHAIN_HEAD_SIZE];
		rc = store_chain_head(s, head, e);
		out->chain = xstrdup(head);
	}
	period_previous(period, prev, sizeof prev);
	localtime_r(&now, &tm);
	strftime(made, sizeof made, "%Y-%m-%d", &tm);
	for (size_t i = 0; i < nplans && !rc; i++) {
		struct plan_info p;
		struct checklist_item *v;
		size_t n;
		if ((rc = store_plan_get(s, plans[i], &p, e)))
			break;
		sb_addf(&keys, "%s%s", i ? "," : "", p.key);
		sb_addf(&titles, "%s%s", i ? "；" : "", p.title);
		store_plan_info_release(&p);
		if ((rc = store_checklist_items(s, plans[i], dept, prev, &v, &n, e)))
			break;
		xgrow(&out->items, &cap, out->nitems + n, sizeof *out->items);
		if (n)
			memcpy(out->items + out->nitems, v, n * sizeof *v);
		out->nitems += n;
		free(v);
	}
	out->plans = sb_detach(&keys);
	out->plan_title = sb_detach(&titles);
	out->dept = xstrdup(dept);
	out->period = xstrdup(period);
	out->prev_period = xstrdup(prev);
	out->made = xstrdup(made);
	if (!out->plans)
		out->plans = xstrdup("");
	if (!out->plan_title)
		out->plan_title = xstrdup("");
	out->states = xcalloc(out->nitems + 1, sizeof *out->states);
	for (size_t i = 0; i < out->nitems; i++)
		out->states[i] = checklist_state_text(&out->items[i]);
	if (!rc)
		rc = add_indicators(s, out, dept, period, e);
	if (!rc && out->nitems == 0 && out->ninds == 0)
		rc = err_set(e, ERR_NOTFOUND, "%s has no task in plan %s and reports no indicator; 'duban "
			     "tasks --plan %s --dept %s' shows it, 'duban depts' lists the departments", dept,
			     out->plans, nplans ? plans[0] : "", dept);
	if (rc)
		checklist_release(out);
	return rc;
}

char *checklist_state_text(const struct checklist_item *it)
{
	struct strbuf sb = STRBUF_INIT;
	if (!it->has_prev)
		sb_adds(&sb, "未报送");
	else if (it->closeoff == REVIEW_APPROVED)
		sb_adds(&sb, "已完成（已销号）");
	else if (it->closeoff == REVIEW_PENDING)
		sb_adds(&sb, "已完成（待审核）");
	else if (it->closeoff == REVIEW_RETURNED)
		sb_addf(&sb, "退回：%s", it->reason);
	else
		sb_adds(&sb, status_name_zh(it->prev));
	return sb_detach(&sb);
}

void checklist_release(struct checklist *c)
{
	for (size_t i = 0; c->states && i < c->nitems; i++)
		free(c->states[i]);
	free(c->states);
	store_checklist_items_free(c->items, c->nitems);
	for (size_t i = 0; i < c->ninds; i++) {
		struct checklist_ind *ci = &c->inds[i];
		free(ci->id);
		free(ci->name);
		free(ci->unit);
		free(ci->baseline);
		free(ci->target);
		free(ci->latest);
		free(ci->judgement);
	}
	free(c->inds);
	free(c->plans);
	free(c->plan_title);
	free(c->dept);
	free(c->period);
	free(c->prev_period);
	free(c->made);
	free(c->chain);
	memset(c, 0, sizeof *c);
}

void checklist_cells(const struct checklist *c, size_t r, const char *cells[CKC_COUNT], char nev[16])
{
	const struct checklist_item *it = c ? &c->items[r] : NULL;
	if (!it) {
		for (int i = 0; i < CKC_COUNT; i++)
			cells[i] = checklist_col_names[i];
		return;
	}
	snprintf(nev, 16, "%d", it->nevidence);
	cells[CKC_TASK] = it->task;
	cells[CKC_TEXT] = it->text;
	cells[CKC_ROLE] = role_name_zh(it->role);
	cells[CKC_OTHERS] = it->others;
	cells[CKC_PREV] = c->states[r];
	cells[CKC_NOTE] = it->prev_note;
	cells[CKC_NEV] = nev;
	cells[CKC_FILL_PROGRESS] = "";
	cells[CKC_FILL_EVIDENCE] = "";
	cells[CKC_FILL_STATUS] = "";
}

void checklist_ind_cells(const struct checklist *c, size_t r, const char *cells[CKI_COUNT])
{
	const struct checklist_ind *ci = c ? &c->inds[r] : NULL;
	if (!ci) {
		for (int i = 0; i < CKI_COUNT; i++)
			cells[i] = checklist_ind_col_names[i];
		return;
	}
	cells[CKI_ID] = ci->id;
	cells[CKI_NAME] = ci->name;
	cells[CKI_UNIT] = ci->unit;
	cells[CKI_BASE] = ci->baseline;
	cells[CKI_TARGET] = ci->target;
	cells[CKI_LATEST] = ci->latest;
	cells[CKI_JUDGE] = ci->judgement;
	cells[CKI_FILL_PERIOD] = "";
	cells[CKI_FILL_VALUE] = "";
	cells[CKI_FILL_SOURCE] = "";
}

void checklist_head(const struct checklist *c, const char *labels[CHECKLIST_NHEAD],
		    const char *values[CHECKLIST_NHEAD])
{
	labels[0] = L_TITLE; values[0] = c->plan_title;
	labels[1] = CHECKLIST_L_PLAN; values[1] = c->plans;
	labels[2] = CHECKLIST_L_DEPT; values[2] = c->dept;
	labels[3] = CHECKLIST_L_PERIOD; values[3] = c->period;
	labels[4] = L_PREV; values[4] = c->prev_period;
	labels[5] = L_MADE; values[5] = c->made;
	labels[6] = L_CHAIN; values[6] = c->chain;
	labels[7] = L_HELP; values[7] = checklist_fill_help;
}

/* ---- text: task by task, within 100 columns ---- */

#define TXT_WIDTH 100
#define TXT_INDENT 4   /* the fields under a task's first line */

/* LABEL：VALUE, VALUE escaped and wrapped so that every line fits
 * TXT_WIDTH, its continuation lines under its first character. */
static void txt_field(struct strbuf *sb, const char *label, const char *value)
{
	struct strbuf esc = STRBUF_INIT;
	char **lines;
	int lw = TXT_INDENT + text_width(label) + 2;
	size_t n;
	text_escape(&esc, value, 1);
	n = text_wrap(sb_str(&esc), TXT_WIDTH - lw, &lines);
	for (size_t l = 0; l < (n ? n : 1); l++) {
		for (int k = 0; k < (l ? lw : TXT_INDENT); k++)
			sb_addc(sb, ' ');
		if (!l)
			sb_addf(sb, "%s：", label);
		sb_adds(sb, l < n ? lines[l] : "");
		while (sb->len && sb->buf[sb->len - 1] == ' ')
			sb->buf[--sb->len] = '\0';
		sb_addc(sb, '\n');
	}
	text_lines_free(lines, n);
	sb_release(&esc);
}

/* LABEL： and NLINES lines to write on, ruled to TXT_WIDTH. */
static void txt_blank(struct strbuf *sb, const char *label, int nlines)
{
	int lw = TXT_INDENT + text_width(label) + 2;
	for (int l = 0; l < nlines; l++) {
		for (int k = 0; k < (l ? lw : TXT_INDENT); k++)
			sb_addc(sb, ' ');
		if (!l)
			sb_addf(sb, "%s：", label);
		for (int k = lw; k < TXT_WIDTH; k++)
			sb_addc(sb, '_');
		sb_addc(sb, '\n');
	}
}

/* An entry's first line (escaped already), wrapped, its continuation
 * lines indented. */
static void txt_first(struct strbuf *sb, const char *text)
{
	char **lines;
	size_t n = text_wrap(text, TXT_WIDTH - TXT_INDENT, &lines);
	for (size_t l = 0; l < n; l++)
		sb_addf(sb, "%s%s\n", l ? "    " : "", lines[l]);
	text_lines_free(lines, n);
}

static void txt_rule(struct strbuf *sb, char ch)
{
	for (int k = 0; k < TXT_WIDTH; k++)
		sb_addc(sb, ch);
	sb_addc(sb, '\n');
}

void checklist_txt(const struct checklist *c, struct strbuf *sb)
{
	const char *labels[CHECKLIST_NHEAD], *values[CHECKLIST_NHEAD];
	checklist_head(c, labels, values);
	for (int i = 0; i < CHECKLIST_NHEAD; i++) {
		struct strbuf line = STRBUF_INIT;
		char **lines;
		size_t n;
		sb_addf(&line, "%s：", labels[i]);
		text_escape(&line, values[i], 0);
		n = text_wrap(sb_str(&line), TXT_WIDTH, &lines);
		for (size_t l = 0; l < n; l++)
			sb_addf(sb, "%s\n", lines[l]);
		text_lines_free(lines, n);
		sb_release(&line);
	}
	for (size_t r = 0; r < c->nitems; r++) {
		const struct checklist_item *it = &c->items[r];
		struct strbuf first = STRBUF_INIT;
		txt_rule(sb, r ? '-' : '=');
		sb_addf(&first, "%zu. ", r + 1);
		text_escape(&first, it->task, 0);
		sb_addf(&first, "  %s  上季度末状态：", role_name_zh(it->role));
		text_escape(&first, c->states[r], 0);
		sb_addf(&first, "  佐证材料：%d 件", it->nevidence);
		txt_first(sb, sb_str(&first));
		sb_release(&first);
		txt_field(sb, "任务内容", it->text);
		if (*it->others)
			txt_field(sb, "其他单位", it->others);
		if (*it->prev_note)
			txt_field(sb, "最新进展", it->prev_note);
		txt_field(sb, "本季度状态", "[ ]未启动  [ ]推进中  [ ]滞后  [ ]已完成  [ ]持续推进");
		txt_blank(sb, "本季度进展", 3);
		txt_blank(sb, "本季度佐证材料", 1);
	}
	txt_rule(sb, '=');
	sb_addf(sb, "共 %zu 项任务\n", c->nitems);
	if (c->ninds) {
		sb_adds(sb, "\n本单位报送的指标：填写统计期（年度如2024，季度如2024Q3）、本期数值和数据来源（文号或链接）\n");
		for (size_t r = 0; r < c->ninds; r++) {
			const struct checklist_ind *ci = &c->inds[r];
			struct strbuf line = STRBUF_INIT;
			txt_rule(sb, r ? '-' : '=');
			sb_addf(&line, "指标 %zu. ", r + 1);
			text_escape(&line, ci->id, 0);
			sb_adds(&line, "  ");
			text_escape(&line, ci->name, 0);
			sb_adds(&line, "（");
			text_escape(&line, ci->unit, 0);
			sb_adds(&line, "）");
			txt_first(sb, sb_str(&line));
			sb_reset(&line);
			sb_addf(&line, "%s；目标 %s；最新值 %s；判断：%s", ci->baseline, ci->target, ci->latest,
				ci->judgement);
			txt_field(sb, "基期", sb_str(&line));
			sb_release(&line);
			txt_blank(sb, "统计期", 1);
			txt_blank(sb, "本期数值", 1);
			txt_blank(sb, "数据来源", 1);
		}
		txt_rule(sb, '=');
		sb_addf(sb, "共 %zu 项指标\n", c->ninds);
	}
}

/* ---- Markdown ---- */

static void md_cell(struct strbuf *sb, const char *s)
{
	struct strbuf esc = STRBUF_INIT;
	text_escape(&esc, s, 1);
	for (const char *p = sb_str(&esc); *p; p++) {
		if (*p == '|' || *p == '\\' || *p == '*' || *p == '_' || *p == '`' || *p == '<' ||
		    *p == '[' || *p == ']') {
			if (*p == '<') {
				sb_adds(sb, "&lt;");
				continue;
			}
			sb_addc(sb, '\\');
			sb_addc(sb, *p);
		} else if (*p == '\n') {
			sb_adds(sb, "<br>");
		} else {
			sb_addc(sb, *p);
		}
	}
	sb_release(&esc);
}

/* A Markdown table row of the N CELLS. */
static void md_row(struct strbuf *sb, const char *const *cells, int n)
{
	for (int i = 0; i < n; i++) {
		sb_adds(sb, "| ");
		md_cell(sb, cells[i]);
		sb_adds(sb, " ");
	}
	sb_adds(sb, "|\n");
}

void checklist_md(const struct checklist *c, struct strbuf *sb)
{
	const char *labels[CHECKLIST_NHEAD], *values[CHECKLIST_NHEAD], *cells[CKC_COUNT];
	char nev[16];
	checklist_head(c, labels, values);
	sb_adds(sb, "# ");
	md_cell(sb, c->dept);
	sb_addf(sb, " %s 督办清单\n\n", c->period);
	for (int i = 0; i < CHECKLIST_NHEAD; i++) {
		sb_addf(sb, "- %s：", labels[i]);
		md_cell(sb, values[i]);
		sb_addc(sb, '\n');
	}
	sb_addc(sb, '\n');
	checklist_cells(NULL, 0, cells, nev);
	md_row(sb, cells, CKC_COUNT);
	for (int i = 0; i < CKC_COUNT; i++)
		sb_adds(sb, i == CKC_NEV ? "| --: " : "| --- ");
	sb_adds(sb, "|\n");
	for (size_t r = 0; r < c->nitems; r++) {
		checklist_cells(c, r, cells, nev);
		md_row(sb, cells, CKC_COUNT);
	}
	sb_addf(sb, "\n共 %zu 项任务。\n", c->nitems);
	if (c->ninds) {
		const char *ic[CKI_COUNT];
		sb_adds(sb, "\n## 本单位报送的指标\n\n");
		checklist_ind_cells(NULL, 0, ic);
		md_row(sb, ic, CKI_COUNT);
		for (int i = 0; i < CKI_COUNT; i++)
			sb_adds(sb, "| --- ");
		sb_adds(sb, "|\n");
		for (size_t r = 0; r < c->ninds; r++) {
			checklist_ind_cells(c, r, ic);
			md_row(sb, ic, CKI_COUNT);
		}
		sb_addf(sb, "\n共 %zu 项指标。\n", c->ninds);
	}
}

/* ---- CSV ---- */

/* An id that Excel would read as a date or a number (2024-1 as January
 * 2024): digits and . - / : only. */
static int looks_numeric(const char *s)
{
	if (*s < '0' || *s > '9')
		return 0;
	return s[strspn(s, "0123456789.-/:")] == '\0';
}

static void csv_line(struct strbuf *sb, const char *const *cells, size_t n, int first_is_id)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_addc(sb, ',');
		if (!i && first_is_id && looks_numeric(cells[i])) {
			/* a TAB keeps it text in Excel and WPS, and cannot start a
			 * formula before digits; the import drops it */
			sb_addf(sb, "\"\t%s\"", cells[i]);
			continue;
		}
		out_csv_field(sb, cells[i]);
	}
	sb_adds(sb, "\r\n");
}

void checklist_csv(const struct checklist *c, int bom, struct strbuf *sb)
{
	const char *labels[CHECKLIST_NHEAD], *values[CHECKLIST_NHEAD], *cells[CKC_COUNT];
	char nev[16];
	if (bom)
		sb_adds(sb, "\xEF\xBB\xBF");
	checklist_head(c, labels, values);
	for (int i = 0; i < CHECKLIST_NHEAD; i++) {
		const char *pair[2] = { labels[i], values[i] };
		csv_line(sb, pair, 2, 0);
	}
	sb_adds(sb, "\r\n");
	checklist_cells(NULL, 0, cells, nev);
	csv_line(sb, cells, CKC_COUNT, 0);
	for (size_t r = 0; r < c->nitems; r++) {
		checklist_cells(c, r, cells, nev);
		csv_line(sb, cells, CKC_COUNT, 1);
	}
	if (c->ninds) {
		const char *ic[CKI_COUNT];
		sb_adds(sb, "\r\n");
		checklist_ind_cells(NULL, 0, ic);
		csv_line(sb, ic, CKI_COUNT, 0);
		for (size_t r = 0; r < c->ninds; r++) {
			checklist_ind_cells(c, r, ic);
			csv_line(sb, ic, CKI_COUNT, 1);
		}
	}
}
