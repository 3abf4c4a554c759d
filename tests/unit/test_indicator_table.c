/* The tables of indicators and of values (src/indicator_table.h) read from a
 * CSV and from an XLSX workbook written here with libxlsxwriter: the same
 * table gives the same rows either way; numbers, percentages, dates and
 * formulas' cached values as a user sees them; the first visible sheet with
 * a header is read; what is not a table is refused saying why. */
#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "src/indicator_table.h"
#include "src/util.h"
#include "tests/unit/fixture.h"
#include "tests/unit/test.h"

static char wb_path[] = "/tmp/duban-test-indtable-XXXXXX";

/* The bytes of the workbook written at wb_path (caller frees). */
static char *wb_bytes(size_t *len)
{
	struct err e = { 0, "" };
	char *buf = NULL;
	if (util_read_file(wb_path, 16 << 20, &buf, len, &e)) {
		printf("  %s\n", e.msg);
		*len = 0;
		return xstrdup("");
	}
	return buf;
}

static lxw_workbook *wb_new(void)
{
	return workbook_new(wb_path);
}

static const char defs_csv[] =
	"计划,指标,单位,基期年份,基期值,2025年目标,报送单位\n"
	"FYP14,知识产权使用费年进出口总额,亿元,2020,3194.4,3500,国家知识产权局、商务部\n"
	"FYP14,知识产权保护社会满意度,分,2020,80.05分,82,国家知识产权局\n"
	"FYP14,,件,2020,1,2,国家知识产权局\n";

/* defs_csv as a user keeps it in Excel: numbers typed as numbers. */
static void write_defs(lxw_worksheet *ws)
{
	static const char *const head[] = { "计划", "指标", "单位", "基期年份", "基期值", "2025年目标", "报送单位" };
	for (int c = 0; c < 7; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
	worksheet_write_string(ws, 1, 0, "FYP14", NULL);
	worksheet_write_string(ws, 1, 1, "知识产权使用费年进出口总额", NULL);
	worksheet_write_string(ws, 1, 2, "亿元", NULL);
	worksheet_write_number(ws, 1, 3, 2020, NULL);
	worksheet_write_number(ws, 1, 4, 3194.4, NULL);
	worksheet_write_number(ws, 1, 5, 3500, NULL);
	worksheet_write_string(ws, 1, 6, "国家知识产权局、商务部", NULL);
	worksheet_write_string(ws, 2, 0, "FYP14", NULL);
	worksheet_write_string(ws, 2, 1, "知识产权保护社会满意度", NULL);
	worksheet_write_string(ws, 2, 2, "分", NULL);
	worksheet_write_number(ws, 2, 3, 2020, NULL);
	worksheet_write_string(ws, 2, 4, "80.05分", NULL);
	worksheet_write_number(ws, 2, 5, 82, NULL);
	worksheet_write_string(ws, 2, 6, "国家知识产权局", NULL);
	worksheet_write_string(ws, 3, 0, "FYP14", NULL);
	worksheet_write_string(ws, 3, 2, "件", NULL);
	worksheet_write_number(ws, 3, 3, 2020, NULL);
	worksheet_write_number(ws, 3, 4, 1, NULL);
	worksheet_write_number(ws, 3, 5, 2, NULL);
	worksheet_write_string(ws, 3, 6, "国家知识产权局", NULL);
}

static const char values_csv[] =
	"指标,统计期,数值,来源\n"
	"知识产权使用费年进出口总额,2024,3987.1,新华社 2025-07-17\n"
	"专利密集型产业增加值占GDP比重,2023,12.44%,2025-07-17\n"
	"知识产权保护社会满意度,2024,82.36,\n"
	"知识产权质押融资登记金额,2024,\"８，５３９．９\",\n"
	"每万人口高价值发明专利拥有量,,15,\n";

/* values_csv in a sheet: numbers, a percentage, a formula, a date. */
static void write_values(lxw_workbook *wb, lxw_worksheet *ws)
{
	lxw_format *pct = workbook_add_format(wb), *date = workbook_add_format(wb);
	lxw_datetime day = { 2025, 7, 17, 0, 0, 0 };
	format_set_num_format(pct, "0.00%");
	format_set_num_format(date, "yyyy-mm-dd");
	worksheet_write_string(ws, 0, 0, "指标", NULL);
	worksheet_write_string(ws, 0, 1, "统计期", NULL);
	worksheet_write_string(ws, 0, 2, "数值", NULL);
	worksheet_write_string(ws, 0, 3, "来源", NULL);
	worksheet_write_string(ws, 1, 0, "知识产权使用费年进出口总额", NULL);
	worksheet_write_number(ws, 1, 1, 2024, NULL);
	worksheet_write_number(ws, 1, 2, 3987.1, NULL);
	worksheet_write_string(ws, 1, 3, "新华社 2025-07-17", NULL);
	worksheet_write_string(ws, 2, 0, "专利密集型产业增加值占GDP比重", NULL);
	worksheet_write_number(ws, 2, 1, 2023, NULL);
	worksheet_write_number(ws, 2, 2, 0.1244, pct);
	worksheet_write_datetime(ws, 2, 3, &day, date);
	worksheet_write_string(ws, 3, 0, "知识产权保护社会满意度", NULL);
	worksheet_write_number(ws, 3, 1, 2024, NULL);
	worksheet_write_formula_num(ws, 3, 2, "=80+2.36", NULL, 82.36);
	worksheet_write_string(ws, 4, 0, "知识产权质押融资登记金额", NULL);
	worksheet_write_number(ws, 4, 1, 2024, NULL);
	worksheet_write_string(ws, 4, 2, "８，５３９．９", NULL);
	worksheet_write_string(ws, 5, 0, "每万人口高价值发明专利拥有量", NULL);
	worksheet_write_number(ws, 5, 2, 15, NULL);
}

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* 1 when the tables A and B hold the same rows and problems. */
static int same_table(const struct ind_table *a, const struct ind_table *b)
{
	int same = a->kind == b->kind && a->ndefs == b->ndefs && a->nvalues == b->nvalues &&
		   a->nproblems == b->nproblems;
	for (size_t i = 0; same && i < a->ndefs; i++) {
		const struct ind_def_row *x = &a->defs[i], *y = &b->defs[i];
		same = x->line == y->line && same_str(x->plan, y->plan) && same_str(x->name, y->name) &&
		       same_str(x->unit, y->unit) && same_str(x->note, y->note) &&
		       x->direction == y->direction && x->kind == y->kind &&
		       x->has_baseline == y->has_baseline && x->baseline_year == y->baseline_year &&
		       same_str(x->baseline, y->baseline) && x->has_targets == y->has_targets &&
		       x->ntargets == y->ntargets && x->has_depts == y->has_depts && x->ndepts == y->ndepts;
		for (size_t k = 0; same && k < x->ntargets; k++)
			same = x->targets[k].year == y->targets[k].year &&
			       same_str(x->targets[k].value, y->targets[k].value);
		for (size_t k = 0; same && k < x->ndepts; k++)
			same = same_str(x->depts[k], y->depts[k]);
	}
	for (size_t i = 0; same && i < a->nvalues; i++) {
		const struct ind_value_row *x = &a->values[i], *y = &b->values[i];
		same = x->line == y->line && same_str(x->indicator, y->indicator) &&
		       same_str(x->plan, y->plan) && same_str(x->period, y->period) &&
		       same_str(x->value, y->value) && same_str(x->source, y->source) &&
		       same_str(x->dept, y->dept) && same_str(x->note, y->note);
		if (!same)
			printf("  row %zu: '%s' '%s' '%s' vs '%s' '%s' '%s'\n", i, x->period, x->value,
			       x->source, y->period, y->value, y->source);
	}
	for (size_t i = 0; same && i < a->nproblems; i++)
		same = a->problems[i].line == b->problems[i].line &&
		       !strcmp(a->problems[i].msg, b->problems[i].msg);
	return same;
}

TEST(workbook_reads_as_its_csv)
{
	struct ind_table c, x;
	struct err e = { 0, "" };
	lxw_workbook *wb;
	char *buf;
	size_t len;

	/* the table of indicators */
	CHECK_INT(ind_table_read(defs_csv, sizeof defs_csv - 1, "d.csv", NULL, &c, &e), 0);
	wb = wb_new();
	write_defs(workbook_add_worksheet(wb, "指标"));
	CHECK_INT(workbook_close(wb), LXW_NO_ERROR);
	buf = wb_bytes(&len);
	CHECK_INT(ind_table_read(buf, len, "d.xlsx", NULL, &x, &e), 0);
	free(buf);
	CHECK_INT(x.kind, IND_TABLE_DEFS);
	CHECK_STR(x.encoding, "XLSX");
	CHECK_STR(x.sheet, "指标");
	CHECK(c.sheet == NULL);
	CHECK_INT(x.ndefs, 3);
	CHECK(same_table(&c, &x));
	if (x.ndefs == 3 && x.defs[0].ntargets == 1) {
		/* numbers as typed, no 3194.4000000000001 */
		CHECK_STR(x.defs[0].baseline, "3194.4");
		CHECK_INT(x.defs[0].baseline_year, 2020);
		CHECK_STR(x.defs[0].targets[0].value, "3500");
		CHECK_INT(x.defs[0].targets[0].year, 2025);
		CHECK_STR(x.defs[1].baseline, "80.05分");
	}
	/* the row without a name is a problem of its row in both */
	CHECK_INT(x.nproblems, 1);
	if (x.nproblems == 1) {
		CHECK_INT(x.problems[0].line, 4);
		CHECK(strstr(x.problems[0].msg, "no indicator name") != NULL);
	}
	ind_table_release(&c);
	ind_table_release(&x);

	/* the table of values */
	CHECK_INT(ind_table_read(values_csv, sizeof values_csv - 1, "v.csv", NULL, &c, &e), 0);
	wb = wb_new();
	write_values(wb, workbook_add_worksheet(wb, "数值"));
	CHECK_INT(workbook_close(wb), LXW_NO_ERROR);
	buf = wb_bytes(&len);
	CHECK_INT(ind_table_read(buf, len, "v.xlsx", NULL, &x, &e), 0);
	free(buf);
	CHECK_INT(x.kind, IND_TABLE_VALUES);
	CHECK_INT(x.nvalues, 4);
	CHECK(same_table(&c, &x));
	if (x.nvalues == 4) {
		CHECK_STR(x.values[0].value, "3987.1");
		CHECK_STR(x.values[0].period, "2024");
		CHECK_STR(x.values[1].value, "12.44%");     /* a percentage cell as shown */
		CHECK_STR(x.values[1].source, "2025-07-17"); /* a date cell as a date */
		CHECK_STR(x.values[2].value, "82.36");      /* a formula's cached value */
		CHECK_STR(x.values[3].value, "８，５３９．９"); /* text as typed: the store reads it */
		CHECK_INT(x.values[3].line, 5);
	}
	CHECK_INT(x.nproblems, 1);
	if (x.nproblems == 1) {
		CHECK_INT(x.problems[0].line, 6);
		CHECK(strstr(x.problems[0].msg, "no period") != NULL);
	}
	CHECK_STR(sb_str(&x.note), "");
	ind_table_release(&c);
	ind_table_release(&x);
}

TEST(which_sheet)
{
	struct ind_table t;
	struct err e = { 0, "" };
	lxw_workbook *wb = wb_new();
	lxw_worksheet *notes = workbook_add_worksheet(wb, "填表说明");
	lxw_worksheet *old = workbook_add_worksheet(wb, "旧表");
	char *buf;
	size_t len;

	/* a sheet of notes, a hidden table, the table, another table */
	worksheet_write_string(notes, 0, 0, "请按统计期填写数值", NULL);
	worksheet_write_string(old, 0, 0, "指标", NULL);
	worksheet_write_string(old, 0, 1, "单位", NULL);
	worksheet_write_string(old, 1, 0, "旧指标", NULL);
	worksheet_hide(old);
	write_values(wb, workbook_add_worksheet(wb, "数值"));
	write_defs(workbook_add_worksheet(wb, "指标"));
	CHECK_INT(workbook_close(wb), LXW_NO_ERROR);
	buf = wb_bytes(&len);
	CHECK_INT(ind_table_read(buf, len, "w.xlsx", NULL, &t, &e), 0);
	CHECK_STR(t.sheet, "数值");
	CHECK_INT(t.kind, IND_TABLE_VALUES);
	CHECK_INT(t.nvalues, 4);
	CHECK(strstr(sb_str(&t.note), "passed over the other sheets with one ('指标')") != NULL);
	CHECK(strstr(sb_str(&t.note), "旧表") == NULL);
	ind_table_release(&t);
	/* the same bytes named .csv: read as what they are, and said */
	CHECK_INT(ind_table_read(buf, len, "w.csv", NULL, &t, &e), 0);
	CHECK_STR(t.sheet, "数值");
	CHECK(strstr(sb_str(&t.note), "'w.csv' is an Excel workbook, not CSV text") != NULL);
	ind_table_release(&t);
	free(buf);
}

TEST(workbooks_refused)
{
	struct ind_table t;
	struct err e = { 0, "" };
	struct strbuf bomb = STRBUF_INIT;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	char *buf;
	size_t len;

	/* no sheet with a header: what was looked for is named */
	wb = wb_new();
	ws = workbook_add_worksheet(wb, "Sheet1");
	worksheet_write_string(ws, 0, 0, "名称", NULL);
	worksheet_write_string(ws, 0, 1, "数量", NULL);
	workbook_add_worksheet(wb, "Sheet2");
	CHECK_INT(workbook_close(wb), LXW_NO_ERROR);
	buf = wb_bytes(&len);
	CHECK_INT(ind_table_read(buf, len, "n.xlsx", NULL, &t, &e), -ERR_INPUT);
	CHECK(strstr(e.msg, "cannot read 'n.xlsx': none of its 2 sheets has a column header with a "
			    "column 指标 (or 指标名称, 指标编号)") != NULL);
	CHECK(strstr(e.msg, "统计期, 数值") != NULL);
	CHECK(t.ndefs == 0 && t.nvalues == 0 && t.sheet == NULL);
	/* the same named .xls... an old workbook's bytes are refused by what they are */
	CHECK_INT(ind_table_read("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", 12, "o.xlsx", NULL, &t, &e), -ERR_INPUT);
	CHECK(strstr(e.msg, "97-2003") != NULL);
	/* damaged: the workbook cut in half */
	CHECK_INT(ind_table_read(buf, len / 2, "cut.xlsx", NULL, &t, &e), -ERR_INPUT);
	CHECK(strstr(e.msg, "'cut.xlsx'") != NULL);
	free(buf);

	/* an empty sheet */
	wb = wb_new();
	workbook_add_worksheet(wb, "Sheet1");
	CHECK_INT(workbook_close(wb), LXW_NO_ERROR);
	buf = wb_bytes(&len);
	CHECK_INT(ind_table_read(buf, len, "e.xlsx", NULL, &t, &e), -ERR_INPUT);
	CHECK(strstr(e.msg, "none of its 1 sheets has a column header") != NULL);
	CHECK(strstr(e.msg, "(the sheet is empty)") != NULL);
	free(buf);

	/* the only table on a hidden sheet */
	wb = wb_new();
	workbook_add_worksheet(wb, "Sheet1");
	ws = workbook_add_worksheet(wb, "数值");
	write_values(wb, ws);
	worksheet_hide(ws);
	CHECK_INT(workbook_close(wb), LXW_NO_ERROR);
	buf = wb_bytes(&len);
	CHECK_INT(ind_table_read(buf, len, "h.xlsx", NULL, &t, &e), -ERR_INPUT);
	CHECK(strstr(e.msg, "the only sheet with a column header, '数值', is hidden") != NULL);
	free(buf);

	/* a header that is neither table: the sheet and the row are named */
	wb = wb_new();
	ws = workbook_add_worksheet(wb, "表1");
	worksheet_write_string(ws, 0, 0, "标题", NULL);
	worksheet_write_string(ws, 2, 0, "指标", NULL);
	worksheet_write_string(ws, 2, 1, "备注", NULL);
	CHECK_INT(workbook_close(wb), LXW_NO_ERROR);
	buf = wb_bytes(&len);
	CHECK_INT(ind_table_read(buf, len, "x.xlsx", NULL, &t, &e), -ERR_INPUT);
	CHECK(strstr(e.msg, "cannot read 'x.xlsx' sheet '表1' line 3: is it a table of indicators") != NULL);
	free(buf);

	/* text named .xlsx, and a zip bomb */
	CHECK_INT(ind_table_read("指标,数值\n", 14, "t.xlsx", NULL, &t, &e), -ERR_INPUT);
	CHECK(strstr(e.msg, "'t.xlsx': it is not an Excel workbook, though named like one") != NULL);
	CHECK(strstr(e.msg, "this file is text); if it is a CSV table, name it .csv") != NULL);
	sb_addf(&bomb, "%s/tests/bad/files/checklist-zip-bomb.xlsx", fixture_src());
	CHECK_INT(util_read_file(sb_str(&bomb), 16 << 20, &buf, &len, &e), 0);
	CHECK_INT(ind_table_read(buf, len, "b.xlsx", NULL, &t, &e), -ERR_INPUT);
	CHECK(strstr(e.msg, "zip bomb") != NULL);
	free(buf);
	sb_release(&bomb);
}

int main(void)
{
	int fd = mkstemp(wb_path);
	if (fd < 0) {
		perror("mkstemp");
		return 1;
	}
	close(fd);
	RUN(workbook_reads_as_its_csv);
	RUN(which_sheet);
	RUN(workbooks_refused);
	unlink(wb_path);
	TEST_END();
}
