/* Quarterly checklists: building them from the store, rendering them as text,
 * Markdown, CSV and XLSX, and reading a filled-in CSV back. */
#include <errno.h>
#include <strings.h>
#include <time.h>
#include <xlsxwriter.h>

#include "src/checklist.h"
#include "src/csvread.h"
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

enum { C_TASK, C_TEXT, C_ROLE, C_OTHERS, C_PREV, C_NOTE, C_NEV, C_FILL_PROGRESS, C_FILL_EVIDENCE,
       C_FILL_STATUS, C_COUNT };

static const char *const col_names[C_COUNT] = {
	"任务编号", "任务内容", "本单位角色", "其他单位", "上季度末状态", "最新进展", "佐证材料数",
	"本季度进展（填写）", "本季度佐证材料（填写）", "本季度状态（填写）"
};

/* Header line labels, in the order they are written. */
#define L_TITLE "督办清单"
#define L_PLAN "计划"
#define L_DEPT "单位"
#define L_PERIOD "季度"
#define L_PREV "上季度"
#define L_MADE "制表日期"
#define L_CHAIN "数据校验码"
#define NHEAD 7  /* header lines before the blank line and the column header */

/* The indicator columns, after the tasks. */
enum { K_ID, K_NAME, K_UNIT, K_BASE, K_TARGET, K_LATEST, K_JUDGE, K_FILL_PERIOD, K_FILL_VALUE,
       K_FILL_SOURCE, K_COUNT };

static const char *const ind_col_names[K_COUNT] = {
	"指标编号", "指标名称", "单位", "基期", "目标", "最新值", "判断", "统计期（填写）",
	"本期数值（填写）", "数据来源（填写）"
};

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

/* The cells of item R of C (or the column header when C is NULL); NEV is a buffer. */
static void cells_of(const struct checklist *c, size_t r, const char *cells[C_COUNT], char nev[16])
{
	const struct checklist_item *it = c ? &c->items[r] : NULL;
	if (!it) {
		for (int i = 0; i < C_COUNT; i++)
			cells[i] = col_names[i];
		return;
	}
	snprintf(nev, 16, "%d", it->nevidence);
	cells[C_TASK] = it->task;
	cells[C_TEXT] = it->text;
	cells[C_ROLE] = role_name_zh(it->role);
	cells[C_OTHERS] = it->others;
	cells[C_PREV] = c->states[r];
	cells[C_NOTE] = it->prev_note;
	cells[C_NEV] = nev;
	cells[C_FILL_PROGRESS] = "";
	cells[C_FILL_EVIDENCE] = "";
	cells[C_FILL_STATUS] = "";
}

/* The cells of indicator row R of C (the header when C is NULL). */
static void ind_cells_of(const struct checklist *c, size_t r, const char *cells[K_COUNT])
{
	const struct checklist_ind *ci = c ? &c->inds[r] : NULL;
	if (!ci) {
		for (int i = 0; i < K_COUNT; i++)
			cells[i] = ind_col_names[i];
		return;
	}
	cells[K_ID] = ci->id;
	cells[K_NAME] = ci->name;
	cells[K_UNIT] = ci->unit;
	cells[K_BASE] = ci->baseline;
	cells[K_TARGET] = ci->target;
	cells[K_LATEST] = ci->latest;
	cells[K_JUDGE] = ci->judgement;
	cells[K_FILL_PERIOD] = "";
	cells[K_FILL_VALUE] = "";
	cells[K_FILL_SOURCE] = "";
}

static void head_lines(const struct checklist *c, const char *labels[NHEAD], const char *values[NHEAD])
{
	labels[0] = L_TITLE; values[0] = c->plan_title;
	labels[1] = L_PLAN; values[1] = c->plans;
	labels[2] = L_DEPT; values[2] = c->dept;
	labels[3] = L_PERIOD; values[3] = c->period;
	labels[4] = L_PREV; values[4] = c->prev_period;
	labels[5] = L_MADE; values[5] = c->made;
	labels[6] = L_CHAIN; values[6] = c->chain;
}

/* ---- text ---- */

static const int txt_width[C_COUNT] = { 8, 28, 4, 12, 8, 20, 4, 16, 12, 10 };
/* Shorter headers for the printed page. */
static const char *const txt_head[C_COUNT] = {
	"编号", "任务内容", "角色", "其他单位", "上季度末", "最新进展", "佐证", "本季度进展",
	"本季度佐证", "本季度状态"
};

/* The indicator table's widths and shorter headers. */
static const int txt_ind_width[K_COUNT] = { 9, 28, 5, 13, 13, 14, 10, 8, 10, 14 };
static const char *const txt_ind_head[K_COUNT] = {
	"编号", "指标", "单位", "基期", "目标", "最新值", "判断", "统计期", "本期数值", "数据来源"
};

/* A rule under the N columns of WIDTHS. */
static void txt_rule_of(struct strbuf *sb, const int *widths, int n)
{
	for (int i = 0; i < n; i++) {
		sb_adds(sb, i ? "-+-" : "");
		for (int k = 0; k < widths[i]; k++)
			sb_addc(sb, '-');
	}
	sb_addc(sb, '\n');
}

static void txt_rule(struct strbuf *sb)
{
	txt_rule_of(sb, txt_width, C_COUNT);
}

/* One row of N (at most 16) CELLS in columns of WIDTHS, the long ones wrapped. */
static void txt_row_of(struct strbuf *sb, const char *const *cells, const int *widths, int n)
{
	char **lines[16];
	size_t nl[16], most = 1;
	for (int i = 0; i < n; i++) {
		struct strbuf esc = STRBUF_INIT;
		text_escape(&esc, cells[i], 1);
		nl[i] = text_wrap(sb_str(&esc), widths[i], &lines[i]);
		if (nl[i] > most)
			most = nl[i];
		sb_release(&esc);
	}
	for (size_t l = 0; l < most; l++) {
		struct strbuf line = STRBUF_INIT;
		for (int i = 0; i < n; i++) {
			sb_adds(&line, i ? " | " : "");
			text_pad(&line, l < nl[i] ? lines[i][l] : "", widths[i], 'l');
		}
		while (line.len && line.buf[line.len - 1] == ' ')
			line.buf[--line.len] = '\0';
		sb_adds(sb, sb_str(&line));
		sb_addc(sb, '\n');
		sb_release(&line);
	}
	for (int i = 0; i < n; i++)
		text_lines_free(lines[i], nl[i]);
}

static void txt_row(struct strbuf *sb, const char *const cells[C_COUNT])
{
	txt_row_of(sb, cells, txt_width, C_COUNT);
}

void checklist_txt(const struct checklist *c, struct strbuf *sb)
{
	const char *labels[NHEAD], *values[NHEAD], *cells[C_COUNT];
	char nev[16];
	head_lines(c, labels, values);
	for (int i = 0; i < NHEAD; i++) {
		sb_adds(sb, labels[i]);
		sb_adds(sb, "：");
		text_escape(sb, values[i], 0);
		sb_addc(sb, '\n');
	}
	sb_adds(sb, "本季度状态填写：未启动、推进中、滞后（须说明原因）、已完成、持续推进\n\n");
	txt_row(sb, txt_head);
	for (size_t r = 0; r < c->nitems; r++) {
		txt_rule(sb);
		cells_of(c, r, cells, nev);
		txt_row(sb, cells);
	}
	txt_rule(sb);
	sb_addf(sb, "共 %zu 项任务\n", c->nitems);
	if (c->ninds) {
		const char *ic[K_COUNT];
		sb_adds(sb, "\n本单位报送的指标：填写统计期（年度如2024，季度如2024Q3）、本期数值和数据来源（文号或链接）\n\n");
		txt_row_of(sb, txt_ind_head, txt_ind_width, K_COUNT);
		for (size_t r = 0; r < c->ninds; r++) {
			txt_rule_of(sb, txt_ind_width, K_COUNT);
			ind_cells_of(c, r, ic);
			txt_row_of(sb, ic, txt_ind_width, K_COUNT);
		}
		txt_rule_of(sb, txt_ind_width, K_COUNT);
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

void checklist_md(const struct checklist *c, struct strbuf *sb)
{
	const char *labels[NHEAD], *values[NHEAD], *cells[C_COUNT];
	char nev[16];
	head_lines(c, labels, values);
	sb_adds(sb, "# ");
	md_cell(sb, c->dept);
	sb_addf(sb, " %s 督办清单\n\n", c->period);
	for (int i = 0; i < NHEAD; i++) {
		sb_addf(sb, "- %s：", labels[i]);
		md_cell(sb, values[i]);
		sb_addc(sb, '\n');
	}
	sb_addc(sb, '\n');
	cells_of(NULL, 0, cells, nev);
	for (int i = 0; i < C_COUNT; i++) {
		sb_adds(sb, "| ");
		md_cell(sb, cells[i]);
		sb_adds(sb, " ");
	}
	sb_adds(sb, "|\n");
	for (int i = 0; i < C_COUNT; i++)
		sb_adds(sb, i == C_NEV ? "| --: " : "| --- ");
	sb_adds(sb, "|\n");
	for (size_t r = 0; r < c->nitems; r++) {
		cells_of(c, r, cells, nev);
		for (int i = 0; i < C_COUNT; i++) {
			sb_adds(sb, "| ");
			md_cell(sb, cells[i]);
			sb_adds(sb, " ");
		}
		sb_adds(sb, "|\n");
	}
	sb_addf(sb, "\n共 %zu 项任务。\n", c->nitems);
	if (c->ninds) {
		const char *ic[K_COUNT];
		sb_adds(sb, "\n## 本单位报送的指标\n\n");
		ind_cells_of(NULL, 0, ic);
		for (int i = 0; i < K_COUNT; i++) {
			sb_adds(sb, "| ");
			md_cell(sb, ic[i]);
			sb_adds(sb, " ");
		}
		sb_adds(sb, "|\n");
		for (int i = 0; i < K_COUNT; i++)
			sb_adds(sb, "| --- ");
		sb_adds(sb, "|\n");
		for (size_t r = 0; r < c->ninds; r++) {
			ind_cells_of(c, r, ic);
			for (int i = 0; i < K_COUNT; i++) {
				sb_adds(sb, "| ");
				md_cell(sb, ic[i]);
				sb_adds(sb, " ");
			}
			sb_adds(sb, "|\n");
		}
		sb_addf(sb, "\n共 %zu 项指标。\n", c->ninds);
	}
}

/* ---- CSV ---- */

static void csv_line(struct strbuf *sb, const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_addc(sb, ',');
		out_csv_field(sb, cells[i]);
	}
	sb_adds(sb, "\r\n");
}

void checklist_csv(const struct checklist *c, int bom, struct strbuf *sb)
{
	const char *labels[NHEAD], *values[NHEAD], *cells[C_COUNT];
	char nev[16];
	if (bom)
		sb_adds(sb, "\xEF\xBB\xBF");
	head_lines(c, labels, values);
	for (int i = 0; i < NHEAD; i++) {
		const char *pair[2] = { labels[i], values[i] };
		csv_line(sb, pair, 2);
	}
	sb_adds(sb, "\r\n");
	cells_of(NULL, 0, cells, nev);
	csv_line(sb, cells, C_COUNT);
	for (size_t r = 0; r < c->nitems; r++) {
		cells_of(c, r, cells, nev);
		csv_line(sb, cells, C_COUNT);
	}
	if (c->ninds) {
		const char *ic[K_COUNT];
		sb_adds(sb, "\r\n");
		ind_cells_of(NULL, 0, ic);
		csv_line(sb, ic, K_COUNT);
		for (size_t r = 0; r < c->ninds; r++) {
			ind_cells_of(c, r, ic);
			csv_line(sb, ic, K_COUNT);
		}
	}
}

/* ---- XLSX ---- */

char *checklist_sheet_name(const char *dept, char *const *used, size_t n)
{
	struct strbuf base = STRBUF_INIT;
	char *name = NULL;
	/* forbidden characters become '_'; at most 31 characters (code points) */
	for (const char *p = dept; *p; p++)
		sb_addc(&base, strchr("[]:*?/\\", *p) ? '_' : *p);
	if (!base.len || base.buf[0] == '\'')
		sb_adds(&base, "_");
	for (int k = 1; k < 1000 && !name; k++) {
		char suffix[16] = "";
		size_t keep, chars = 0, limit;
		struct strbuf t = STRBUF_INIT;
		int clash = 0;
		if (k > 1)
			snprintf(suffix, sizeof suffix, "~%d", k);
		limit = 31 - strlen(suffix);
		for (keep = 0; keep < base.len; keep++) {
			if (((unsigned char)base.buf[keep] & 0xC0) != 0x80) {
				if (chars == limit)
					break;
				chars++;
			}
		}
		sb_add(&t, base.buf, keep);
		while (t.len && t.buf[t.len - 1] == '\'')
			t.buf[--t.len] = '\0';
		sb_adds(&t, suffix);
		for (size_t i = 0; i < n; i++)
			if (used[i] && !strcasecmp(used[i], sb_str(&t)))
				clash = 1;
		if (clash)
			sb_release(&t);
		else
			name = sb_detach(&t);
	}
	sb_release(&base);
	return name ? name : xstrdup("sheet");
}

/* Excel column width for text S: its widest line's display width (wide = 2). */
static double xl_width(const char *s)
{
	int best = 0;
	while (*s) {
		size_t n = strcspn(s, "\n");
		int w = text_width_n(s, n);
		if (w > best)
			best = w;
		s += n + (s[n] == '\n');
	}
	return best;
}

int checklist_xlsx(const struct checklist *v, size_t n, const char *path, struct err *e)
{
	static const double cap[C_COUNT] = { 10, 50, 10, 24, 12, 40, 10, 36, 24, 14 };
	static const char *statuses[] = { "未启动", "推进中", "滞后", "已完成", "持续推进", NULL };
	lxw_workbook_options wo;
	lxw_workbook *wb;
	lxw_format *bold, *wrap, *head, *fill;
	char **names = xcalloc(n ? n : 1, sizeof *names);
	lxw_error le;
	FILE *probe;

	memset(&wo, 0, sizeof wo);

	/* libxlsxwriter only opens PATH at the end: find out now if it can be written */
	if (!(probe = fopen(path, "ab"))) {
		int rc = err_set(e, ERR_IO, "cannot write '%s': %s; choose another place with -o", path,
				 strerror(errno));
		free(names);
		return rc;
	}
	fclose(probe);
	wb = workbook_new_opt(path, &wo);
	if (!wb) {
		free(names);
		return err_set(e, ERR_IO, "cannot create the workbook '%s'", path);
	}
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	wrap = workbook_add_format(wb);
	format_set_text_wrap(wrap);
	format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(wrap, LXW_BORDER_THIN);
	fill = workbook_add_format(wb);
	format_set_text_wrap(fill);
	format_set_align(fill, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(fill, LXW_BORDER_THIN);
	format_set_bg_color(fill, 0xFFF8DC);
	head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_text_wrap(head);
	format_set_border(head, LXW_BORDER_THIN);
	format_set_bg_color(head, 0xD9E1F2);
	for (size_t k = 0; k < n; k++) {
		const struct checklist *c = &v[k];
		const char *labels[NHEAD], *values[NHEAD], *cells[C_COUNT];
		double width[C_COUNT];
		lxw_worksheet *ws;
		lxw_row_t hr = NHEAD + 1, r;
		char nev[16];
		lxw_data_validation dv;

		names[k] = checklist_sheet_name(c->dept, names, k);
		ws = workbook_add_worksheet(wb, names[k]);
		if (!ws)
			continue;
		worksheet_set_landscape(ws);
		worksheet_set_paper(ws, 9); /* A4 */
		worksheet_fit_to_pages(ws, 1, 0);
		worksheet_repeat_rows(ws, hr, hr);
		worksheet_freeze_panes(ws, hr + 1, 0);
		worksheet_set_footer(ws, "&C&P / &N");
		head_lines(c, labels, values);
		for (int i = 0; i < NHEAD; i++) {
			struct strbuf esc = STRBUF_INIT;
			text_escape(&esc, values[i], 0);
			worksheet_write_string(ws, (lxw_row_t)i, 0, labels[i], bold);
			worksheet_write_string(ws, (lxw_row_t)i, 1, sb_str(&esc), NULL);
			sb_release(&esc);
		}
		cells_of(NULL, 0, cells, nev);
		for (int i = 0; i < C_COUNT; i++) {
			worksheet_write_string(ws, hr, (lxw_col_t)i, cells[i], head);
			width[i] = xl_width(cells[i]);
		}
		for (size_t it = 0; it < c->nitems; it++) {
			r = hr + 1 + (lxw_row_t)it;
			cells_of(c, it, cells, nev);
			for (int i = 0; i < C_COUNT; i++) {
				struct strbuf esc = STRBUF_INIT;
				double w;
				if (i == C_NEV) {
					worksheet_write_number(ws, r, (lxw_col_t)i, c->items[it].nevidence, wrap);
					continue;
				}
				text_escape(&esc, cells[i], 1);
				worksheet_write_string(ws, r, (lxw_col_t)i, sb_str(&esc),
						       i >= C_FILL_PROGRESS ? fill : wrap);
				w = xl_width(sb_str(&esc));
				if (w > width[i])
					width[i] = w;
				sb_release(&esc);
			}
		}
		for (int i = 0; i < C_COUNT; i++) {
			double w = width[i] + 2;
			if (i >= C_FILL_PROGRESS && w < cap[i])
				w = cap[i];
			worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, w > cap[i] ? cap[i] : w,
					     NULL);
		}
		if (c->nitems) {
			memset(&dv, 0, sizeof dv);
			dv.validate = LXW_VALIDATION_TYPE_LIST;
			dv.value_list = (char **)statuses;
			dv.show_error = LXW_VALIDATION_ON;
			dv.error_title = (char *)"状态";
			dv.error_message = (char *)"请选择：未启动、推进中、滞后、已完成、持续推进";
			dv.input_title = (char *)"本季度状态";
			dv.input_message = (char *)"从下拉列表选择";
			worksheet_data_validation_range(ws, hr + 1, C_FILL_STATUS,
							hr + (lxw_row_t)c->nitems, C_FILL_STATUS, &dv);
		}
		if (c->ninds) {
			/* the indicators below the tasks, after a blank row */
			const char *ic[K_COUNT];
			lxw_row_t ir = hr + (lxw_row_t)c->nitems + 2;
			ind_cells_of(NULL, 0, ic);
			for (int i = 0; i < K_COUNT; i++)
				worksheet_write_string(ws, ir, (lxw_col_t)i, ic[i], head);
			for (size_t it = 0; it < c->ninds; it++) {
				ind_cells_of(c, it, ic);
				for (int i = 0; i < K_COUNT; i++) {
					struct strbuf esc = STRBUF_INIT;
					text_escape(&esc, ic[i], 1);
					worksheet_write_string(ws, ir + 1 + (lxw_row_t)it, (lxw_col_t)i, sb_str(&esc),
							       i >= K_FILL_PERIOD ? fill : wrap);
					sb_release(&esc);
				}
			}
		}
	}
	le = workbook_close(wb);
	for (size_t k = 0; k < n; k++)
		free(names[k]);
	free(names);
	if (le != LXW_NO_ERROR)
		return err_set(e, ERR_IO, "cannot write '%s': %s; choose another place with -o", path,
			       lxw_strerror(le));
	return 0;
}

/* ---- reading back ---- */

static int is_label(const char *cell, const char *label)
{
	return util_starts_with(cell, label);
}

/* Cell text with white space around it and a leading "'" (our formula guard) gone. */
static char *clean(const char *s)
{
	const char *end;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	s = out_csv_unguard(s);
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
		end--;
	/* the ideographic space too */
	while (end - s >= 3 && !memcmp(end - 3, "\xE3\x80\x80", 3))
		end -= 3;
	return xstrndup(s, (size_t)(end - s));
}

static void add_problem(struct checklist_file *f, size_t *cap, size_t line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void add_problem(struct checklist_file *f, size_t *cap, size_t line, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	xgrow(&f->problems, cap, f->nproblems + 1, sizeof *f->problems);
	f->problems[f->nproblems].line = line;
	f->problems[f->nproblems++].msg = sb_detach(&sb);
}

/* The indicator rows of D after their header at row H: the filled-in ones
 * into OUT->inds, those that cannot be taken into its problems. */
static void read_indicators(const struct csv_doc *d, size_t h, struct checklist_file *out, size_t *pcap)
{
	static const int want[4] = { K_ID, K_FILL_PERIOD, K_FILL_VALUE, K_FILL_SOURCE };
	size_t col[4], cap = 0;
	for (int c = 0; c < 4; c++) {
		const char *label = ind_col_names[want[c]];
		const char *paren = strstr(label, "（");
		size_t n = paren ? (size_t)(paren - label) : strlen(label);
		col[c] = (size_t)-1;
		for (size_t k = 0; k < d->rows[h].nfields && col[c] == (size_t)-1; k++) {
			char *key = clean(d->rows[h].fields[k]);
			if (!strncmp(key, label, n) && (!key[n] || util_starts_with(key + n, "（") ||
							util_starts_with(key + n, "(")))
				col[c] = k;
			free(key);
		}
	}
	for (size_t i = h + 1; i < d->nrows; i++) {
		const struct csv_row *r = &d->rows[i];
		char *id = clean(csv_field(r, col[0])), *per = clean(csv_field(r, col[1]));
		char *val = clean(csv_field(r, col[2])), *src = clean(csv_field(r, col[3]));
		if (col[1] == (size_t)-1 || col[2] == (size_t)-1) {
			if (*id)
				add_problem(out, pcap, r->line, "%s: the columns '%s' and '%s' are missing; keep "
					    "the columns of the exported checklist", id, ind_col_names[K_FILL_PERIOD],
					    ind_col_names[K_FILL_VALUE]);
		} else if (!*per && !*val && !*src) {
			out->skipped += *id != 0;
		} else if (!*id) {
			add_problem(out, pcap, r->line, "the row has no %s", ind_col_names[K_ID]);
		} else if (!*val) {
			add_problem(out, pcap, r->line, "%s: the period or the source is filled in but not the "
				    "value (本期数值)", id);
		} else if (!*per) {
			add_problem(out, pcap, r->line, "%s: the value %s needs its period (统计期): a year like "
				    "2024 or a quarter like 2024Q3", id, val);
		} else {
			struct checklist_ind_fill *f;
			xgrow(&out->inds, &cap, out->ninds + 1, sizeof *out->inds);
			f = &out->inds[out->ninds++];
			f->line = r->line;
			f->indicator = id;
			f->period = per;
			f->value = val;
			f->source = src;
			id = per = val = src = NULL;
		}
		free(id);
		free(per);
		free(val);
		free(src);
	}
}

int checklist_read_csv(const char *buf, size_t len, const char *name, struct checklist_file *out,
		       struct err *e)
{
	struct csv_doc d;
	size_t hrow = (size_t)-1, col[C_COUNT], rcap = 0, pcap = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = csv_parse(buf, len, name, &d, e)))
		return rc;
	out->encoding = d.encoding;
	for (size_t i = 0; i < d.nrows && hrow == (size_t)-1; i++) {
		const struct csv_row *r = &d.rows[i];
		char *k = clean(csv_field(r, 0));
		if (!strcmp(k, L_DEPT) || !strcmp(k, L_PERIOD) || !strcmp(k, L_PLAN)) {
			char **slot = !strcmp(k, L_DEPT) ? &out->dept : !strcmp(k, L_PERIOD) ? &out->period
												  : &out->plans;
			free(*slot);
			*slot = clean(csv_field(r, 1));
		} else if (is_label(k, col_names[C_TASK])) {
			hrow = i;
		}
		free(k);
	}
	if (hrow == (size_t)-1) {
		rc = err_set(e, ERR_INPUT, "cannot read '%s': no column header starting with '%s'; "
			     "import a checklist made by 'duban checklist --format csv', filled in and saved as CSV",
			     name, col_names[C_TASK]);
		goto fail;
	}
	if (!out->dept || !*out->dept || !out->period || !*out->period) {
		rc = err_set(e, ERR_INPUT, "cannot read '%s': the header lines '%s' and '%s' above line %zu "
			     "are missing; they say whose checklist it is: keep them when filling it in",
			     name, L_DEPT, L_PERIOD, d.rows[hrow].line);
		goto fail;
	}
	if (!period_valid(out->period)) {
		rc = err_set(e, ERR_INPUT, "cannot read '%s': the quarter '%s' in its header is not a "
			     "quarter like 2024Q3", name, out->period);
		goto fail;
	}
	for (int c = 0; c < C_COUNT; c++) {
		const struct csv_row *h = &d.rows[hrow];
		col[c] = (size_t)-1;
		for (size_t i = 0; i < h->nfields; i++) {
			char *k = clean(h->fields[i]);
			/* the fill-in columns match without their "（填写）" */
			const char *paren = strstr(col_names[c], "（");
			size_t n = paren ? (size_t)(paren - col_names[c]) : strlen(col_names[c]);
			if (!strncmp(k, col_names[c], n) && (k[n] == '\0' || util_starts_with(k + n, "（") ||
							     util_starts_with(k + n, "(")))
				col[c] = i;
			free(k);
			if (col[c] != (size_t)-1)
				break;
		}
		if (col[c] == (size_t)-1 && (c == C_TASK || c == C_FILL_PROGRESS || c == C_FILL_STATUS ||
					     c == C_FILL_EVIDENCE)) {
			rc = err_set(e, ERR_INPUT, "cannot read '%s' line %zu: the column '%s' is missing; "
				     "keep the columns of the exported checklist", name, h->line, col_names[c]);
			goto fail;
		}
	}
	for (size_t i = hrow + 1; i < d.nrows; i++) {
		const struct csv_row *r = &d.rows[i];
		char *first = clean(csv_field(r, 0));
		if (is_label(first, ind_col_names[K_ID])) {
			/* the indicators' header: the rest of the file is theirs */
			free(first);
			read_indicators(&d, i, out, &pcap);
			break;
		}
		free(first);
		char *task = clean(csv_field(r, col[C_TASK]));
		char *st = clean(csv_field(r, col[C_FILL_STATUS]));
		char *prog = clean(csv_field(r, col[C_FILL_PROGRESS]));
		char *ev = clean(csv_field(r, col[C_FILL_EVIDENCE]));
		int sv = *st ? status_parse(st) : -1;
		if (!*task) {
			if (*st || *prog || *ev)
				add_problem(out, &pcap, r->line, "the row has no %s", col_names[C_TASK]);
		} else if (!*st && !*prog && !*ev) {
			out->skipped++;
		} else if (!*st) {
			add_problem(out, &pcap, r->line, "%s: progress is filled in but not the status; "
				    "give one of 未启动 推进中 滞后 已完成 持续推进", task);
		} else if (sv < 0) {
			add_problem(out, &pcap, r->line, "%s: unknown status '%s'; use 未启动 推进中 滞后 "
				    "已完成 持续推进 (or not-started in-progress behind done ongoing)", task, st);
		} else if (sv == ST_BEHIND && !*prog) {
			add_problem(out, &pcap, r->line, "%s: a task reported behind needs its progress "
				    "column to say why", task);
		} else {
			struct checklist_fill *f;
			xgrow(&out->rows, &rcap, out->nrows + 1, sizeof *out->rows);
			f = &out->rows[out->nrows++];
			f->line = r->line;
			f->task = task;
			f->status = sv;
			f->progress = prog;
			f->evidence = ev;
			task = prog = ev = NULL;
		}
		free(task);
		free(st);
		free(prog);
		free(ev);
	}
	csv_doc_release(&d);
	return 0;
fail:
	csv_doc_release(&d);
	checklist_file_release(out);
	return rc;
}

void checklist_file_release(struct checklist_file *f)
{
	for (size_t i = 0; i < f->nrows; i++) {
		free(f->rows[i].task);
		free(f->rows[i].progress);
		free(f->rows[i].evidence);
	}
	for (size_t i = 0; i < f->nproblems; i++)
		free(f->problems[i].msg);
	for (size_t i = 0; i < f->ninds; i++) {
		free(f->inds[i].indicator);
		free(f->inds[i].period);
		free(f->inds[i].value);
		free(f->inds[i].source);
	}
	free(f->inds);
	free(f->rows);
	free(f->problems);
	free(f->dept);
	free(f->period);
	free(f->plans);
	memset(f, 0, sizeof *f);
}

char *checklist_fill_note(const struct checklist_fill *f)
{
	struct strbuf sb = STRBUF_INIT;
	sb_adds(&sb, f->progress);
	if (*f->evidence)
		sb_addf(&sb, "%s佐证材料：%s", sb.len ? "\n" : "", f->evidence);
	if (!sb.buf)
		return xstrdup("");
	return sb_detach(&sb);
}
