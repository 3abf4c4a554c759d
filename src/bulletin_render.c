/* The bulletin written out: one table of columns (struct col) that the
 * Markdown, HTML and XLSX share, the ranking text, JSON through src/json.c,
 * and inline SVG charts drawn here. */
#include <errno.h>
#include <xlsxwriter.h>

#include "src/bulletin_render.h"
#include "src/json.h"
#include "src/report.h"
#include "src/text.h"
#include "src/util.h"
#include "src/banned.h"

/* ---- the columns of a department's figures ---- */

enum col_kind { COL_COUNT, COL_RATE_ON_TIME, COL_RATE_EVIDENCE, COL_DEADLINE_COUNT };

struct col {
	const char *zh;          /* header */
	const char *key;         /* JSON key */
	size_t off;              /* offsetof the count in struct bulletin_figures */
	enum col_kind kind;
};

#define FIG(f) offsetof(struct bulletin_figures, f)
static const struct col cols[] = {
	{ "牵头", "lead", FIG(lead), COL_COUNT },
	{ "参与", "participant", FIG(participant), COL_COUNT },
	{ "应报送", "expected", FIG(expected), COL_COUNT },
	{ "按时报送", "on_time", FIG(on_time), COL_DEADLINE_COUNT },
	{ "逾期报送", "late", FIG(late), COL_DEADLINE_COUNT },
	{ "未报送", "not_reported", FIG(silent), COL_COUNT },
	{ "按时报送率", "on_time_rate", 0, COL_RATE_ON_TIME },
	{ "滞后", "behind", FIG(behind), COL_COUNT },
	{ "已销号", "approved", FIG(approved), COL_COUNT },
	{ "待审核", "pending", FIG(pending), COL_COUNT },
	{ "退回", "returned", FIG(returned), COL_COUNT },
	{ "报完成", "done", FIG(done), COL_COUNT },
	{ "佐证率", "evidence_rate", 0, COL_RATE_EVIDENCE },
};
#define NCOLS (sizeof cols / sizeof *cols)

static int fig(const struct bulletin_figures *f, size_t off)
{
	return *(const int *)(const void *)((const char *)f + off);
}

/* Column C of F as a per-mille rate (-1: none) or a count; *COUNT says
 * which; -2 when the count has no meaning (a quarter without a due date). */
static int col_value(const struct col *c, const struct bulletin_figures *f, int has_due, int *count)
{
	*count = c->kind == COL_COUNT || c->kind == COL_DEADLINE_COUNT;
	switch (c->kind) {
	case COL_RATE_ON_TIME:
		return has_due ? bulletin_permille(f->on_time, f->expected) : -1;
	case COL_RATE_EVIDENCE:
		return bulletin_permille(f->done_evidence, f->done);
	case COL_DEADLINE_COUNT:
		return has_due ? fig(f, c->off) : -2;
	default:
		return fig(f, c->off);
	}
}

static const char *col_text(const struct col *c, const struct bulletin_figures *f, int has_due,
			    char *buf, size_t n)
{
	int count, v = col_value(c, f, has_due, &count);
	if (count && v == -2)
		snprintf(buf, n, "—");
	else if (count)
		snprintf(buf, n, "%d", v);
	else
		bulletin_percent(v, buf, n);
	return buf;
}

static int has_due(const struct bulletin *b, int q)
{
	return *b->quarters[q].due != '\0';
}

/* ---- the ranking text ---- */

/* Up to MOST names of the departments for which PRED holds, in rank order,
 * each with its figure when FIGURE is set: "甲（3项）、乙（2项）等5个单位". */
static void names_where(const struct bulletin *b, struct strbuf *sb, int most,
			int (*pred)(const struct bulletin_figures *), const char *unit,
			int (*figure)(const struct bulletin_figures *), const size_t *order)
{
	int n = 0, total = 0;
	for (size_t i = 0; i < b->ndepts; i++)
		total += !!pred(&b->depts[order[i]].q[b->nq - 1]);
	for (size_t i = 0; i < b->ndepts && n < most; i++) {
		const struct bulletin_dept *d = &b->depts[order[i]];
		const struct bulletin_figures *f = &d->q[b->nq - 1];
		if (!pred(f))
			continue;
		sb_addf(sb, "%s%s", n ? "、" : "", d->dept);
		if (figure)
			sb_addf(sb, "（%d%s）", figure(f), unit);
		n++;
	}
	if (total > n)
		sb_addf(sb, "等%d个单位", total);
}

static int all_on_time(const struct bulletin_figures *f) { return f->expected && f->on_time == f->expected; }
static int any_silent(const struct bulletin_figures *f) { return f->expected && f->silent > 0; }
static int any_late(const struct bulletin_figures *f) { return f->late > 0; }
static int any_behind(const struct bulletin_figures *f) { return f->behind > 0; }
static int silent_of(const struct bulletin_figures *f) { return f->silent; }
static int late_of(const struct bulletin_figures *f) { return f->late; }

static const struct bulletin_figures *sort_fig;
static int by_silent(const void *a, const void *b)
{
	const struct bulletin_figures *x = &sort_fig[*(const size_t *)a], *y = &sort_fig[*(const size_t *)b];
	if (x->silent != y->silent)
		return y->silent - x->silent;
	return (*(const size_t *)a > *(const size_t *)b) - (*(const size_t *)a < *(const size_t *)b);
}

void bulletin_ranking_text(const struct bulletin *b, struct strbuf *sb)
{
	const struct bulletin_figures *t = &b->total[b->nq - 1];
	size_t *rank = xcalloc(b->ndepts + 1, sizeof *rank), *silent = xcalloc(b->ndepts + 1, sizeof *silent);
	struct bulletin_figures *figs = xcalloc(b->ndepts + 1, sizeof *figs);
	char qz[32], pct[16];
	int ndue = 0, nall = 0, nsilent = 0, nlate = 0, nbehind = 0;

	for (size_t i = 0; i < b->ndepts; i++) {
		const struct bulletin_figures *f = &b->depts[i].q[b->nq - 1];
		rank[i] = silent[i] = i;
		figs[i] = *f;
		ndue += f->expected > 0;
		nall += all_on_time(f);
		nsilent += any_silent(f);
		nlate += any_late(f);
		nbehind += any_behind(f);
	}
	sort_fig = figs;
	if (b->ndepts)
		qsort(silent, b->ndepts, sizeof *silent, by_silent);
	bulletin_quarter_zh(b->period, qz, sizeof qz);
	sb_addf(sb, "%s（报送截止%s），%d个单位应报送%d项任务，按时报送%d项，按时报送率%s；逾期报送%d项，"
		"未报送%d项。", qz, b->quarters[b->nq - 1].due, ndue, t->expected, t->on_time,
		bulletin_percent(bulletin_permille(t->on_time, t->expected), pct, sizeof pct), t->late,
		t->silent);
	if (nall) {
		sb_addf(sb, "%d个单位按时报送全部任务：", nall);
		names_where(b, sb, 5, all_on_time, "", NULL, rank);
		sb_adds(sb, "。");
	} else {
		sb_adds(sb, "没有单位按时报送全部任务。");
	}
	if (nsilent) {
		sb_addf(sb, "%d个单位有任务未报送，较多的是", nsilent);
		names_where(b, sb, 3, any_silent, "项", silent_of, silent);
		sb_adds(sb, "。");
	}
	if (nlate) {
		sb_addf(sb, "%d个单位存在逾期报送：", nlate);
		names_where(b, sb, 3, any_late, "项", late_of, rank);
		sb_adds(sb, "。");
	}
	if (t->behind)
		sb_addf(sb, "滞后任务%d项，涉及%d个单位。", t->behind, nbehind);
	if (t->returned)
		sb_addf(sb, "退回销号%d项，请牵头单位补充材料后重新报送。", t->returned);
	free(rank);
	free(silent);
	free(figs);
}

static const char note_text[] =
	"口径：应报送为所持任务中本季度前未销号的任务；按时报送指本季度的首条状态记录在报送截止日"
	"当天（本地时间）结束前作出；状态（滞后、销号、退回）取截至本季度的记录；佐证率为报完成任务中"
	"附有佐证材料的比例；排名依次按按时报送率、未报送、逾期、滞后、退回、单位名称。";

/* The tamper chain's head when the bulletin was made (store/store_chain.h). */
static const char *chain_of(const struct bulletin *b)
{
	return b->chain && *b->chain ? b->chain : NULL;
}

/* ---- Markdown ---- */

static void md_row(struct strbuf *sb, const char *first, const char *second,
		   const struct bulletin_figures *f, int due)
{
	char buf[32];
	sb_adds(sb, "| ");
	report_md_escape(sb, first);
	sb_adds(sb, " | ");
	report_md_escape(sb, second);
	for (size_t c = 0; c < NCOLS; c++)
		sb_addf(sb, " | %s", col_text(&cols[c], f, due, buf, sizeof buf));
	sb_adds(sb, " |\n");
}

static void md_head(struct strbuf *sb, const char *first, const char *second)
{
	sb_addf(sb, "| %s | %s |", first, second);
	for (size_t c = 0; c < NCOLS; c++)
		sb_addf(sb, " %s |", cols[c].zh);
	sb_adds(sb, "\n| --: | --- |");
	for (size_t c = 0; c < NCOLS; c++)
		sb_adds(sb, " --: |");
	sb_addc(sb, '\n');
}

void bulletin_md(const struct bulletin *b, struct strbuf *sb)
{
	struct strbuf text = STRBUF_INIT;
	char qz[32], rank[24], buf[32];
	int q = b->nq - 1;

	bulletin_quarter_zh(b->period, qz, sizeof qz);
	sb_addf(sb, "# %s任务报送情况通报\n\n- 计划：", qz);
	report_md_escape(sb, b->titles);
	sb_addf(sb, "（%s）\n- 报送期：%s，截止%s（%s）\n- 制表日期：%s\n", b->plans, b->period,
		b->quarters[q].due, b->quarters[q].open ? "报送中" : "已关闭", b->made);
	if (chain_of(b)) {
		sb_adds(sb, "- 数据校验码：");
		report_md_escape(sb, chain_of(b));
		sb_addc(sb, '\n');
	}
	sb_adds(sb, "\n## 一、总体情况\n\n");
	bulletin_ranking_text(b, &text);
	report_md_escape(sb, sb_str(&text));
	sb_adds(sb, "\n\n## 二、各单位报送情况\n\n");
	md_head(sb, "排名", "单位");
	for (size_t i = 0; i < b->ndepts; i++) {
		snprintf(rank, sizeof rank, "%zu", i + 1);
		md_row(sb, rank, b->depts[i].dept, &b->depts[i].q[q], has_due(b, q));
	}
	md_row(sb, "", "合计", &b->total[q], has_due(b, q));
	sb_addf(sb, "\n## 三、%d年各季度情况\n\n| 单位 |", b->year);
	for (int k = 0; k < b->nq; k++)
		sb_addf(sb, " %s按时报送率 | %s未报送 |", b->quarters[k].period, b->quarters[k].period);
	sb_adds(sb, "\n| --- |");
	for (int k = 0; k < b->nq; k++)
		sb_adds(sb, " --: | --: |");
	sb_addc(sb, '\n');
	for (size_t i = 0; i <= b->ndepts; i++) {
		const struct bulletin_figures *f = i < b->ndepts ? b->depts[i].q : b->total;
		sb_adds(sb, "| ");
		report_md_escape(sb, i < b->ndepts ? b->depts[i].dept : "合计");
		for (int k = 0; k < b->nq; k++)
			sb_addf(sb, " | %s | %d", col_text(&cols[6], &f[k], has_due(b, k), buf, sizeof buf),
				f[k].silent);
		sb_adds(sb, " |\n");
	}
	for (int k = 0; k < b->nq; k++)
		if (!has_due(b, k))
			sb_addf(sb, "\n%s未开启报送期，无截止日期：报送的任务计为已报送，不分按时与逾期。\n",
				b->quarters[k].period);
	sb_addf(sb, "\n%s\n", note_text);
	sb_release(&text);
}

/* ---- JSON ---- */

static void json_rate(struct json *j, const char *key, int permille)
{
	char buf[16];
	json_key(j, key);
	if (permille < 0) {
		json_null(j);
		return;
	}
	snprintf(buf, sizeof buf, "%d.%03d", permille / 1000, permille % 1000);
	json_number(j, buf);
}

static void json_figures(struct json *j, const struct bulletin_figures *f, int due)
{
	json_object_begin(j, JSON_INLINE);
	json_key_int(j, "lead", f->lead);
	json_key_int(j, "participant", f->participant);
	json_key_int(j, "expected", f->expected);
	json_key_int(j, "reported", f->reported);
	json_key(j, "on_time");
	due ? json_int(j, f->on_time) : json_null(j);
	json_key(j, "late");
	due ? json_int(j, f->late) : json_null(j);
	json_key_int(j, "not_reported", f->silent);
	json_rate(j, "on_time_rate", due ? bulletin_permille(f->on_time, f->expected) : -1);
	json_key_int(j, "behind", f->behind);
	json_key_int(j, "approved", f->approved);
	json_key_int(j, "pending", f->pending);
	json_key_int(j, "returned", f->returned);
	json_key_int(j, "done", f->done);
	json_key_int(j, "done_with_evidence", f->done_evidence);
	json_rate(j, "evidence_rate", bulletin_permille(f->done_evidence, f->done));
	json_end(j);
}

static void json_trend(struct json *j, const struct bulletin *b, const struct bulletin_figures *f)
{
	json_array_begin(j, JSON_LINES);
	for (int k = 0; k < b->nq; k++) {
		json_object_begin(j, JSON_INLINE);
		json_key_str(j, "period", b->quarters[k].period);
		json_key(j, "figures");
		json_figures(j, &f[k], has_due(b, k));
		json_end(j);
	}
	json_end(j);
}

void bulletin_json(const struct bulletin *b, struct strbuf *sb)
{
	struct strbuf text = STRBUF_INIT;
	struct json j;
	int q = b->nq - 1;

	json_init(&j, sb, "  ");
	json_object_begin(&j, JSON_LINES);
	json_key_str(&j, "period", b->period);
	json_key_int(&j, "year", b->year);
	json_key_str(&j, "due", b->quarters[q].due);
	json_key_str(&j, "deadline", b->quarters[q].deadline);
	json_key_str(&j, "state", b->quarters[q].open ? "open" : "closed");
	json_key_str(&j, "made", b->made);
	json_key(&j, "plans");
	json_str_list(&j, b->plans, ',');
	json_key_str(&j, "sort", "on_time_rate desc, not_reported, late, behind, returned, dept");
	bulletin_ranking_text(b, &text);
	json_key_str(&j, "ranking", sb_str(&text));
	json_key(&j, "chain");   /* the tamper chain's head */
	if (chain_of(b))
		json_str(&j, chain_of(b));
	else
		json_null(&j);
	json_key(&j, "quarters");
	json_array_begin(&j, JSON_LINES);
	for (int k = 0; k < b->nq; k++) {
		json_object_begin(&j, JSON_INLINE);
		json_key_str(&j, "period", b->quarters[k].period);
		json_key(&j, "due");
		has_due(b, k) ? json_str(&j, b->quarters[k].due) : json_null(&j);
		json_key_str(&j, "deadline", b->quarters[k].deadline);
		json_end(&j);
	}
	json_end(&j);
	json_key(&j, "total");
	json_figures(&j, &b->total[q], has_due(b, q));
	json_key(&j, "total_trend");
	json_trend(&j, b, b->total);
	json_key(&j, "departments");
	json_array_begin(&j, JSON_LINES);
	for (size_t i = 0; i < b->ndepts; i++) {
		const struct bulletin_dept *d = &b->depts[i];
		json_object_begin(&j, JSON_LINES);
		json_key_int(&j, "rank", (long long)i + 1);
		json_key_str(&j, "dept", d->dept);
		json_key(&j, "figures");
		json_figures(&j, &d->q[q], has_due(b, q));
		json_key(&j, "trend");
		json_trend(&j, b, d->q);
		json_end(&j);
	}
	json_end(&j);
	json_end(&j);
	sb_addc(sb, '\n');
	sb_release(&text);
}

/* ---- HTML ---- */

static const char *const color_on_time = "#2e7d32", *const color_late = "#f9a825",
		  *const color_silent = "#c62828", *const color_undated = "#78909c";

/* Per department of the period: a bar of its expected tasks, on time, late,
 * not reported. */
static void svg_period(const struct bulletin *b, struct strbuf *sb)
{
	const int lw = 220, bw = 420, rh = 20, top = 10;
	int q = b->nq - 1, most = 1, h = top + (int)b->ndepts * rh + 30;
	for (size_t i = 0; i < b->ndepts; i++)
		if (b->depts[i].q[q].expected > most)
			most = b->depts[i].q[q].expected;
	sb_addf(sb, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"%d\" height=\"%d\" "
		"viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"各单位报送情况\">\n<title>各单位报送情况"
		"</title>\n", lw + bw + 90, h, lw + bw + 90, h);
	for (size_t i = 0; i < b->ndepts; i++) {
		const struct bulletin_figures *f = &b->depts[i].q[q];
		const int parts[3] = { f->on_time, f->late, f->silent };
		const char *colors[3] = { color_on_time, color_late, color_silent };
		const char *names[3] = { "按时报送", "逾期报送", "未报送" };
		struct strbuf lab = STRBUF_INIT;
		size_t cut = text_fit(b->depts[i].dept, 30);
		double x = lw;
		int y = top + (int)i * rh;
		sb_add(&lab, b->depts[i].dept, cut);
		if (b->depts[i].dept[cut])
			sb_adds(&lab, "…");
		sb_addf(sb, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"11\">", lw - 6, y + 14);
		report_html_escape(sb, sb_str(&lab));
		sb_adds(sb, "</text>\n");
		sb_release(&lab);
		for (int k = 0; k < 3; k++) {
			double w = (double)bw * parts[k] / most;
			if (!parts[k])
				continue;
			sb_addf(sb, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
				"<title>%s %d</title></rect>\n", x, y + 3, w, rh - 6, colors[k], names[k],
				parts[k]);
			x += w;
		}
		sb_addf(sb, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\">%d/%d</text>\n", x + 4, y + 14,
			f->on_time, f->expected);
	}
	{
		int y = top + (int)b->ndepts * rh + 10;
		const char *colors[3] = { color_on_time, color_late, color_silent };
		const char *names[3] = { "按时报送", "逾期报送", "未报送" };
		for (int k = 0; k < 3; k++)
			sb_addf(sb, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
				"<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>\n", lw + k * 90, y,
				colors[k], lw + k * 90 + 16, y + 10, names[k]);
	}
	sb_adds(sb, "</svg>\n");
}

/* A small chart of the quarters F[0..nq): a bar per quarter, its height the
 * on-time rate (grey, the share reported, for a quarter with no due date). */
static void svg_trend(const struct bulletin *b, const struct bulletin_figures *f, int w, int h,
		      struct strbuf *sb)
{
	int bw = w / 4 - 4;
	sb_addf(sb, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"spark\" width=\"%d\" height=\"%d\" "
		"viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"按时报送率趋势\">", w, h + 12, w, h + 12);
	sb_addf(sb, "<line x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\" stroke-width=\"0.5\"/>",
		h, w, h);
	for (int k = 0; k < b->nq; k++) {
		int due = has_due(b, k);
		int pm = due ? bulletin_permille(f[k].on_time, f[k].expected)
			     : bulletin_permille(f[k].reported, f[k].expected);
		double bh = pm < 0 ? 0 : (double)h * pm / 1000;
		char pct[16];
		sb_addf(sb, "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\">"
			"<title>%s %s%s</title></rect>", k * (bw + 4) + 2, h - bh, bw, bh,
			due ? color_on_time : color_undated, b->quarters[k].period, due ? "按时报送率 " : "已报送 ",
			bulletin_percent(pm, pct, sizeof pct));
		sb_addf(sb, "<text x=\"%d\" y=\"%d\" font-size=\"8\" text-anchor=\"middle\">Q%d</text>",
			k * (bw + 4) + 2 + bw / 2, h + 10, k + 1);
	}
	sb_adds(sb, "</svg>");
}

static void html_row(struct strbuf *sb, const char *first, const char *second,
		     const struct bulletin_figures *f, int due, const char *cls)
{
	char buf[32];
	sb_addf(sb, "<tr%s%s%s><td class=\"n\">", cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
	report_html_escape(sb, first);
	sb_adds(sb, "</td><td>");
	report_html_escape(sb, second);
	sb_adds(sb, "</td>");
	for (size_t c = 0; c < NCOLS; c++)
		sb_addf(sb, "<td class=\"n\">%s</td>", col_text(&cols[c], f, due, buf, sizeof buf));
	sb_adds(sb, "</tr>\n");
}

void bulletin_html(const struct bulletin *b, struct strbuf *sb)
{
	struct strbuf text = STRBUF_INIT;
	char qz[32], rank[24], buf[32];
	int q = b->nq - 1;

	bulletin_quarter_zh(b->period, qz, sizeof qz);
	sb_adds(sb, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\"/>\n");
	sb_addf(sb, "<title>%s任务报送情况通报</title>\n", qz);
	sb_adds(sb, "<style>\n"
		"@page { size: A4 landscape; margin: 15mm 15mm; }\n"
		"body { font-family: \"Noto Serif CJK SC\", \"Source Han Serif SC\", \"FangSong\", \"SimSun\", serif; "
		"font-size: 11pt; line-height: 1.6; color: #222; max-width: 70em; margin: 1em auto; }\n"
		"h1, h2, th { font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"SimHei\", \"Microsoft YaHei\", sans-serif; }\n"
		"h1 { font-size: 18pt; text-align: center; } h2 { font-size: 13pt; margin-top: 1.2em; }\n"
		"p.lead { text-indent: 2em; text-align: justify; }\n"
		"p.meta { text-align: center; color: #555; } p.note { font-size: 9pt; color: #555; text-indent: 2em; }\n"
		"table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: 9.5pt; }\n"
		"th, td { border: 1px solid #999; padding: 1px 4px; vertical-align: middle; }\n"
		"th { background: #eef; font-weight: normal; } td.n { text-align: right; white-space: nowrap; }\n"
		"tr.total td { font-weight: bold; } svg.chart { max-width: 100%; height: auto; }\n"
		"@media print { body { max-width: none; margin: 0; } h2 { break-after: avoid; } "
		"tr, svg { break-inside: avoid; } .trend { break-before: page; } }\n"
		"</style>\n</head>\n<body>\n");
	sb_addf(sb, "<h1>%s任务报送情况通报</h1>\n<p class=\"meta\">", qz);
	report_html_escape(sb, b->titles);
	sb_addf(sb, "<br/>报送期 %s，截止 %s（%s） · 制表日期 %s</p>\n", b->period, b->quarters[q].due,
		b->quarters[q].open ? "报送中" : "已关闭", b->made);
	if (chain_of(b)) {
		sb_adds(sb, "<p class=\"meta chain\">数据校验码：");
		report_html_escape(sb, chain_of(b));
		sb_adds(sb, "</p>\n");
	}
	sb_adds(sb, "<h2>一、总体情况</h2>\n<p class=\"lead\" id=\"ranking\">");
	bulletin_ranking_text(b, &text);
	report_html_escape(sb, sb_str(&text));
	sb_adds(sb, "</p>\n<h2>二、各单位报送情况</h2>\n");
	svg_period(b, sb);
	sb_adds(sb, "<table id=\"departments\">\n<thead><tr><th>排名</th><th>单位</th>");
	for (size_t c = 0; c < NCOLS; c++)
		sb_addf(sb, "<th>%s</th>", cols[c].zh);
	sb_adds(sb, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < b->ndepts; i++) {
		snprintf(rank, sizeof rank, "%zu", i + 1);
		html_row(sb, rank, b->depts[i].dept, &b->depts[i].q[q], has_due(b, q), NULL);
	}
	html_row(sb, "", "合计", &b->total[q], has_due(b, q), "total");
	sb_addf(sb, "</tbody>\n</table>\n<h2 class=\"trend\">三、%d年各季度情况</h2>\n", b->year);
	sb_adds(sb, "<table id=\"trend\">\n<thead><tr><th rowspan=\"2\">单位</th>");
	for (int k = 0; k < b->nq; k++)
		sb_addf(sb, "<th colspan=\"2\">%s%s</th>", b->quarters[k].period, has_due(b, k) ? "" : "（未开启）");
	sb_adds(sb, "<th rowspan=\"2\">趋势</th></tr>\n<tr>");
	for (int k = 0; k < b->nq; k++)
		sb_adds(sb, "<th>按时报送率</th><th>未报送</th>");
	sb_adds(sb, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i <= b->ndepts; i++) {
		const struct bulletin_figures *f = i < b->ndepts ? b->depts[i].q : b->total;
		sb_addf(sb, "<tr%s><td>", i < b->ndepts ? "" : " class=\"total\"");
		report_html_escape(sb, i < b->ndepts ? b->depts[i].dept : "合计");
		sb_adds(sb, "</td>");
		for (int k = 0; k < b->nq; k++)
			sb_addf(sb, "<td class=\"n\">%s</td><td class=\"n\">%d</td>",
				col_text(&cols[6], &f[k], has_due(b, k), buf, sizeof buf), f[k].silent);
		sb_adds(sb, "<td>");
		svg_trend(b, f, 96, 24, sb);
		sb_adds(sb, "</td></tr>\n");
	}
	sb_adds(sb, "</tbody>\n</table>\n");
	for (int k = 0; k < b->nq; k++)
		if (!has_due(b, k))
			sb_addf(sb, "<p class=\"note\">%s未开启报送期，无截止日期：报送的任务计为已报送，"
				"不分按时与逾期（趋势图中为灰色）。</p>\n", b->quarters[k].period);
	sb_addf(sb, "<p class=\"note\">%s</p>\n</body>\n</html>\n", note_text);
	sb_release(&text);
}

/* ---- XLSX ---- */

int bulletin_xlsx(const struct bulletin *b, const char *path, struct err *e)
{
	lxw_workbook_options wo;
	lxw_workbook *wb;
	lxw_worksheet *ws, *wt;
	lxw_format *title, *head, *cell, *num, *pct, *wrap, *bold, *dash;
	struct strbuf text = STRBUF_INIT;
	char qz[32], sheet_title[96];
	lxw_error le;
	FILE *probe;
	int q = b->nq - 1;
	lxw_row_t r;

	/* libxlsxwriter only opens PATH at the end: find out now if it can be written */
	if (!(probe = fopen(path, "ab")))
		return err_set(e, ERR_IO, "cannot write '%s': %s; choose another place with -o", path,
			       strerror(errno));
	fclose(probe);
	memset(&wo, 0, sizeof wo);
	if (!(wb = workbook_new_opt(path, &wo)))
		return err_set(e, ERR_IO, "cannot create the workbook '%s'", path);
	title = workbook_add_format(wb);
	format_set_bold(title);
	format_set_font_size(title, 14);
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_text_wrap(head);
	format_set_border(head, LXW_BORDER_THIN);
	format_set_align(head, LXW_ALIGN_CENTER);
	format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_bg_color(head, 0xD9E1F2);
	cell = workbook_add_format(wb);
	format_set_border(cell, LXW_BORDER_THIN);
	num = workbook_add_format(wb);
	format_set_border(num, LXW_BORDER_THIN);
	format_set_num_format(num, "0");
	pct = workbook_add_format(wb);
	format_set_border(pct, LXW_BORDER_THIN);
	format_set_num_format(pct, "0.0%");
	dash = workbook_add_format(wb);
	format_set_border(dash, LXW_BORDER_THIN);
	format_set_align(dash, LXW_ALIGN_RIGHT);
	wrap = workbook_add_format(wb);
	format_set_text_wrap(wrap);
	format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);

	bulletin_quarter_zh(b->period, qz, sizeof qz);
	snprintf(sheet_title, sizeof sheet_title, "%s任务报送情况通报", qz);
	ws = workbook_add_worksheet(wb, "情况通报");
	wt = workbook_add_worksheet(wb, "季度趋势");
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);   /* A4 */
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_set_footer(ws, "&C&P / &N");
	worksheet_write_string(ws, 0, 0, sheet_title, title);
	{
		struct strbuf meta = STRBUF_INIT, esc = STRBUF_INIT;
		sb_addf(&meta, "%s（%s） 报送期 %s，截止 %s 制表日期 %s", b->titles, b->plans, b->period,
			b->quarters[q].due, b->made);
		if (chain_of(b))
			sb_addf(&meta, " 数据校验码 %s", chain_of(b));
		text_escape(&esc, sb_str(&meta), 0);
		worksheet_write_string(ws, 1, 0, sb_str(&esc), NULL);
		sb_release(&meta);
		sb_release(&esc);
	}
	bulletin_ranking_text(b, &text);
	{
		struct strbuf esc = STRBUF_INIT;
		text_escape(&esc, sb_str(&text), 0);
		/* the merged row is about 6 + 28 + 9 * NCOLS characters wide */
		worksheet_merge_range(ws, 2, 0, 2, (lxw_col_t)(NCOLS + 1), sb_str(&esc), wrap);
		worksheet_set_row(ws, 2, 16.0 * (1 + text_width(sb_str(&esc)) / (int)(30 + 9 * NCOLS)), NULL);
		sb_release(&esc);
	}
	r = 4;
	worksheet_write_string(ws, r, 0, "排名", head);
	worksheet_write_string(ws, r, 1, "单位", head);
	for (size_t c = 0; c < NCOLS; c++)
		worksheet_write_string(ws, r, (lxw_col_t)(c + 2), cols[c].zh, head);
	worksheet_repeat_rows(ws, r, r);
	worksheet_freeze_panes(ws, r + 1, 2);
	worksheet_set_column(ws, 0, 0, 6, NULL);
	worksheet_set_column(ws, 1, 1, 28, NULL);
	worksheet_set_column(ws, 2, (lxw_col_t)(NCOLS + 1), 9, NULL);
	for (size_t i = 0; i <= b->ndepts; i++) {
		const struct bulletin_figures *f = i < b->ndepts ? &b->depts[i].q[q] : &b->total[q];
		struct strbuf esc = STRBUF_INIT;
		r++;
		if (i < b->ndepts)
			worksheet_write_number(ws, r, 0, (double)i + 1, num);
		else
			worksheet_write_blank(ws, r, 0, cell);
		text_escape(&esc, i < b->ndepts ? b->depts[i].dept : "合计", 0);
		worksheet_write_string(ws, r, 1, sb_str(&esc), i < b->ndepts ? cell : head);
		sb_release(&esc);
		for (size_t c = 0; c < NCOLS; c++) {
			int count, v = col_value(&cols[c], f, has_due(b, q), &count);
			lxw_col_t col = (lxw_col_t)(c + 2);
			if (v < 0)
				worksheet_write_string(ws, r, col, "—", dash);
			else if (count)
				worksheet_write_number(ws, r, col, v, num);
			else
				worksheet_write_number(ws, r, col, v / 1000.0, pct);
		}
	}
	worksheet_merge_range(ws, r + 2, 0, r + 2, (lxw_col_t)(NCOLS + 1), note_text, wrap);
	worksheet_set_row(ws, r + 2, 16.0 * (1 + text_width(note_text) / (int)(30 + 9 * NCOLS)), NULL);

	/* the trend: a row per department, two columns per quarter */
	worksheet_set_landscape(wt);
	worksheet_set_paper(wt, 9);
	worksheet_fit_to_pages(wt, 1, 0);
	worksheet_set_footer(wt, "&C&P / &N");
	snprintf(sheet_title, sizeof sheet_title, "%d年各季度情况", b->year);
	worksheet_write_string(wt, 0, 0, sheet_title, title);
	worksheet_write_string(wt, 2, 0, "单位", head);
	worksheet_set_column(wt, 0, 0, 28, NULL);
	worksheet_set_column(wt, 1, (lxw_col_t)(2 * b->nq), 12, NULL);
	for (int k = 0; k < b->nq; k++) {
		char h[48];
		snprintf(h, sizeof h, "%s按时报送率%s", b->quarters[k].period, has_due(b, k) ? "" : "（未开启）");
		worksheet_write_string(wt, 2, (lxw_col_t)(1 + 2 * k), h, head);
		snprintf(h, sizeof h, "%s未报送", b->quarters[k].period);
		worksheet_write_string(wt, 2, (lxw_col_t)(2 + 2 * k), h, head);
	}
	worksheet_repeat_rows(wt, 2, 2);
	worksheet_freeze_panes(wt, 3, 1);
	for (size_t i = 0; i <= b->ndepts; i++) {
		const struct bulletin_figures *f = i < b->ndepts ? b->depts[i].q : b->total;
		struct strbuf esc = STRBUF_INIT;
		r = (lxw_row_t)(3 + i);
		text_escape(&esc, i < b->ndepts ? b->depts[i].dept : "合计", 0);
		worksheet_write_string(wt, r, 0, sb_str(&esc), i < b->ndepts ? cell : head);
		sb_release(&esc);
		for (int k = 0; k < b->nq; k++) {
			int pm = has_due(b, k) ? bulletin_permille(f[k].on_time, f[k].expected) : -1;
			if (pm < 0)
				worksheet_write_string(wt, r, (lxw_col_t)(1 + 2 * k), "—", dash);
			else
				worksheet_write_number(wt, r, (lxw_col_t)(1 + 2 * k), pm / 1000.0, pct);
			worksheet_write_number(wt, r, (lxw_col_t)(2 + 2 * k), f[k].silent, num);
		}
	}
	sb_release(&text);
	le = workbook_close(wb);
	if (le != LXW_NO_ERROR)
		return err_set(e, ERR_IO, "cannot write '%s': %s; choose another place with -o", path,
			       lxw_strerror(le));
	return 0;
}
