/* The reminders written out: the wording of a 催办单 once (head, body,
 * what each task is chased for), then Markdown, HTML, CSV and JSON around it. */
#include "src/remind.h"
#include "src/checklist.h"
#include "src/json.h"
#include "src/report.h"
#include "src/status.h"
#include "src/output.h"
#include "src/util.h"
#include "src/banned.h"

static const struct bulletin *order_b;
static int order_cmp(const void *a, const void *b)
{
	const struct bulletin_dept *x = &order_b->depts[*(const size_t *)a];
	const struct bulletin_dept *y = &order_b->depts[*(const size_t *)b];
	if (x->nitems != y->nitems)
		return x->nitems < y->nitems ? 1 : -1;
	return strcmp(x->dept, y->dept);
}

size_t remind_order(const struct bulletin *b, int every, size_t **order)
{
	size_t n = 0;
	*order = xcalloc(b->ndepts + 1, sizeof **order);
	for (size_t i = 0; i < b->ndepts; i++)
		if (every || b->depts[i].nitems)
			(*order)[n++] = i;
	order_b = b;
	if (n)
		qsort(*order, n, sizeof **order, order_cmp);
	return n;
}

/* What task IT is chased for: "未报送；退回：缺少印发文件；滞后". */
static void why_text(const struct bulletin_item *it, struct strbuf *sb)
{
	const char *sep = "";
	if (it->why & BULLETIN_SILENT) {
		sb_adds(sb, "未报送");
		sep = "；";
	}
	if (it->why & BULLETIN_RETURNED) {
		sb_addf(sb, "%s销号退回", sep);
		if (*it->reason)
			sb_addf(sb, "：%s", it->reason);
		sep = "；";
	}
	if (it->why & BULLETIN_BEHIND)
		sb_addf(sb, "%s进展滞后", sep);
}

/* The body of D's 催办单 as plain text. */
static void body_text(const struct bulletin *b, const struct bulletin_dept *d, struct strbuf *sb)
{
	const struct bulletin_quarter *q = &b->quarters[b->nq - 1];
	int left = date_days(b->made, q->due);
	char qz[32];
	bulletin_quarter_zh(b->period, qz, sizeof qz);
	sb_addf(sb, "根据%s任务进展报送安排，报送截止日期为%s", qz, q->due);
	if (left > 0)
		sb_addf(sb, "（尚余%d天）", left);
	else if (left == 0)
		sb_adds(sb, "（今日截止）");
	else
		sb_addf(sb, "（已逾期%d天）", -left);
	if (!d->nitems) {
		sb_addf(sb, "。截至%s，贵单位本季度任务均已报送，无退回或滞后事项。", b->made);
		return;
	}
	sb_addf(sb, "。截至%s，贵单位有%zu项任务需抓紧办理：未报送%d项，销号退回%d项，进展滞后%d项。",
		b->made, d->nitems, d->nsilent, d->nreturned, d->nbehind);
	if (left >= 0)
		sb_addf(sb, "请于%s前报送本季度进展，退回的任务补充材料后重新报送，滞后的任务说明原因和"
			"下一步安排。", q->due);
	else
		sb_adds(sb, "请于收到本单后尽快报送本季度进展，退回的任务补充材料后重新报送，滞后的任务"
			"说明原因和下一步安排。");
}

static void liaisons_text(const struct bulletin_dept *d, const char *sep, struct strbuf *sb)
{
	for (size_t i = 0; i < d->nliaisons; i++)
		sb_addf(sb, "%s%s", i ? sep : "", d->liaisons[i]);
}

/* ---- Markdown ---- */

void remind_md(const struct bulletin *b, const size_t *order, size_t n, struct strbuf *sb)
{
	for (size_t k = 0; k < n; k++) {
		const struct bulletin_dept *d = &b->depts[order[k]];
		struct strbuf t = STRBUF_INIT;
		if (k)
			sb_adds(sb, "\n---\n\n");
		sb_adds(sb, "# 催办单\n\n**");
		report_md_escape(sb, d->dept);
		sb_adds(sb, "**：\n\n");
		body_text(b, d, &t);
		report_md_escape(sb, sb_str(&t));
		sb_adds(sb, "\n\n");
		if (d->nitems) {
			sb_adds(sb, "| 序号 | 任务编号 | 本单位角色 | 催办事项 | 任务内容 |\n"
				"| --: | --- | --- | --- | --- |\n");
			for (size_t i = 0; i < d->nitems; i++) {
				const struct bulletin_item *it = &d->items[i];
				sb_reset(&t);
				why_text(it, &t);
				sb_addf(sb, "| %zu | ", i + 1);
				report_md_escape(sb, it->task);
				sb_addf(sb, " | %s | ", role_name_zh(it->role));
				report_md_escape(sb, sb_str(&t));
				sb_adds(sb, " | ");
				report_md_escape(sb, it->text);
				sb_adds(sb, " |\n");
			}
			sb_addc(sb, '\n');
		}
		sb_reset(&t);
		liaisons_text(d, "、", &t);
		sb_adds(sb, "- 联络员：");
		report_md_escape(sb, d->nliaisons ? sb_str(&t) : "（未登记）");
		sb_addf(sb, "\n- 报送期：%s，截止%s\n\n联席会议办公室  \n%s\n", b->period,
			b->quarters[b->nq - 1].due, b->made);
		sb_release(&t);
	}
}

/* ---- HTML ---- */

void remind_html(const struct bulletin *b, const size_t *order, size_t n, struct strbuf *sb)
{
	char qz[32];
	bulletin_quarter_zh(b->period, qz, sizeof qz);
	sb_adds(sb, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\"/>\n");
	sb_addf(sb, "<title>%s催办单</title>\n", qz);
	/* 公文-like: a serif (仿宋) body with the first line of each paragraph
	 * indented two characters, a bold serif title, an A4 page per department */
	sb_adds(sb, "<style>\n"
		"@page { size: A4; margin: 25mm 22mm 22mm; }\n"
		"body { font-family: \"FangSong\", \"STFangsong\", \"Noto Serif CJK SC\", \"Source Han Serif SC\", "
		"\"SimSun\", serif; font-size: 14pt; line-height: 1.75; color: #000; max-width: 42em; margin: 1em auto; }\n"
		"h1 { font-family: \"Noto Serif CJK SC\", \"Source Han Serif SC\", \"SimSun\", serif; font-weight: bold; "
		"font-size: 22pt; text-align: center; letter-spacing: .5em; margin: 0 0 1em; }\n"
		"p { margin: 0; text-align: justify; } p.body { text-indent: 2em; } p.to { font-weight: bold; }\n"
		"p.sign { text-align: right; margin-top: 2em; } p.meta { font-size: 10.5pt; color: #333; }\n"
		"table { border-collapse: collapse; width: 100%; margin: 1em 0; font-size: 10.5pt; line-height: 1.4; }\n"
		"th, td { border: 1px solid #000; padding: 2px 5px; vertical-align: top; }\n"
		"th { font-family: \"Noto Sans CJK SC\", \"SimHei\", sans-serif; font-weight: normal; background: #eee; "
		"white-space: nowrap; }\n"
		"td.n { text-align: right; white-space: nowrap; } td.id { white-space: nowrap; }\n"
		"section.sheet { break-after: page; page-break-after: always; }\n"
		"section.sheet:last-of-type { break-after: auto; page-break-after: auto; }\n"
		"@media print { body { max-width: none; margin: 0; } tr { break-inside: avoid; } }\n"
		"</style>\n</head>\n<body>\n");
	for (size_t k = 0; k < n; k++) {
		const struct bulletin_dept *d = &b->depts[order[k]];
		struct strbuf t = STRBUF_INIT;
		sb_adds(sb, "<section class=\"sheet\">\n<h1>催办单</h1>\n<p class=\"to\">");
		report_html_escape(sb, d->dept);
		sb_adds(sb, "：</p>\n<p class=\"body\">");
		body_text(b, d, &t);
		report_html_escape(sb, sb_str(&t));
		sb_adds(sb, "</p>\n");
		if (d->nitems) {
			sb_adds(sb, "<table>\n<thead><tr><th>序号</th><th>任务编号</th><th>本单位角色</th>"
				"<th>催办事项</th><th>任务内容</th></tr></thead>\n<tbody>\n");
			for (size_t i = 0; i < d->nitems; i++) {
				const struct bulletin_item *it = &d->items[i];
				sb_reset(&t);
				why_text(it, &t);
				sb_addf(sb, "<tr><td class=\"n\">%zu</td><td class=\"id\">", i + 1);
				report_html_escape(sb, it->task);
				sb_addf(sb, "</td><td>%s</td><td>", role_name_zh(it->role));
				report_html_escape(sb, sb_str(&t));
				sb_adds(sb, "</td><td>");
				report_html_escape(sb, it->text);
				sb_adds(sb, "</td></tr>\n");
			}
			sb_adds(sb, "</tbody>\n</table>\n");
		}
		sb_reset(&t);
		liaisons_text(d, "、", &t);
		sb_adds(sb, "<p class=\"meta\">联络员：");
		report_html_escape(sb, d->nliaisons ? sb_str(&t) : "（未登记）");
		sb_addf(sb, "；报送期：%s，截止 %s</p>\n<p class=\"sign\">联席会议办公室<br/>%s</p>\n"
			"</section>\n", b->period, b->quarters[b->nq - 1].due, b->made);
		sb_release(&t);
	}
	sb_adds(sb, "</body>\n</html>\n");
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

void remind_csv(const struct bulletin *b, const size_t *order, size_t n, int bom, struct strbuf *sb)
{
	static const char *const head[] = {
		"单位", "联络员", "季度", "截止日期", "未报送", "销号退回", "进展滞后", "催办任务数"
	};
	if (bom)
		sb_adds(sb, "\xEF\xBB\xBF");
	csv_line(sb, head, 8);
	for (size_t k = 0; k < n; k++) {
		const struct bulletin_dept *d = &b->depts[order[k]];
		struct strbuf who = STRBUF_INIT;
		char c[4][24];
		const char *cells[8];
		liaisons_text(d, ";", &who);
		snprintf(c[0], sizeof c[0], "%d", d->nsilent);
		snprintf(c[1], sizeof c[1], "%d", d->nreturned);
		snprintf(c[2], sizeof c[2], "%d", d->nbehind);
		snprintf(c[3], sizeof c[3], "%zu", d->nitems);
		cells[0] = d->dept;
		cells[1] = sb_str(&who);
		cells[2] = b->period;
		cells[3] = b->quarters[b->nq - 1].due;
		cells[4] = c[0];
		cells[5] = c[1];
		cells[6] = c[2];
		cells[7] = c[3];
		csv_line(sb, cells, 8);
		sb_release(&who);
	}
}

/* ---- JSON ---- */

void remind_json(const struct bulletin *b, const size_t *order, size_t n, struct strbuf *sb)
{
	const struct bulletin_quarter *q = &b->quarters[b->nq - 1];
	struct json j;
	json_init(&j, sb, "  ");
	json_object_begin(&j, JSON_LINES);
	json_key_str(&j, "period", b->period);
	json_key_str(&j, "due", q->due);
	json_key_str(&j, "state", q->open ? "open" : "closed");
	json_key_int(&j, "days_left", date_days(b->made, q->due));
	json_key_str(&j, "made", b->made);
	json_key(&j, "departments");
	json_array_begin(&j, JSON_LINES);
	for (size_t k = 0; k < n; k++) {
		const struct bulletin_dept *d = &b->depts[order[k]];
		json_object_begin(&j, JSON_LINES);
		json_key_str(&j, "dept", d->dept);
		json_key(&j, "liaisons");
		json_array_begin(&j, JSON_INLINE);
		for (size_t i = 0; i < d->nliaisons; i++)
			json_str(&j, d->liaisons[i]);
		json_end(&j);
		json_key(&j, "counts");
		json_object_begin(&j, JSON_INLINE);
		json_key_int(&j, "tasks", (long long)d->nitems);
		json_key_int(&j, "not_reported", d->nsilent);
		json_key_int(&j, "returned", d->nreturned);
		json_key_int(&j, "behind", d->nbehind);
		json_end(&j);
		json_key(&j, "tasks");
		json_array_begin(&j, JSON_LINES);
		for (size_t i = 0; i < d->nitems; i++) {
			const struct bulletin_item *it = &d->items[i];
			json_object_begin(&j, JSON_INLINE);
			json_key_str(&j, "id", it->task);
			json_key_str(&j, "plan", it->plan);
			json_key_str(&j, "role", role_name(it->role));
			json_key(&j, "why");
			json_array_begin(&j, JSON_INLINE);
			if (it->why & BULLETIN_SILENT)
				json_str(&j, "not_reported");
			if (it->why & BULLETIN_RETURNED)
				json_str(&j, "returned");
			if (it->why & BULLETIN_BEHIND)
				json_str(&j, "behind");
			json_end(&j);
			json_key_str(&j, "shown", shown_name(it->shown));
			json_key_str(&j, "period", it->period);
			json_key_str(&j, "reason", it->reason);
			json_key_str(&j, "text", it->text);
			json_end(&j);
		}
		json_end(&j);
		json_end(&j);
	}
	json_end(&j);
	json_end(&j);
	sb_addc(sb, '\n');
}
