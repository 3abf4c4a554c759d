/* Checklist pieces without a database: the CSV reader, formula guarding,
 * sheet names, the filled-in checklist parser and carry-over scoring (issue 5). */
#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "src/carryover.h"
#include "src/checklist.h"
#include "src/checklist_read.h"
#include "src/checklist_xlsx.h"
#include "src/evidence.h"
#include "src/xlsx.h"
#include "src/csvread.h"
#include "src/text.h"
#include "tests/unit/test.h"

TEST(csv_quotes_newlines_crlf)
{
	const char in[] = "\xEF\xBB\xBF" "a,\"b,\"\"c\"\"\",d\r\n\"multi\r\nline\",,\"\"\r\nlast";
	struct csv_doc d;
	struct err e = { 0, "" };
	CHECK_INT(csv_parse(in, sizeof in - 1, "t.csv", &d, &e), 0);
	CHECK_STR(d.encoding, "UTF-8 with BOM");
	CHECK_INT(d.nrows, 3);
	CHECK_STR(csv_field(&d.rows[0], 1), "b,\"c\"");
	CHECK_STR(csv_field(&d.rows[1], 0), "multi\nline");
	CHECK_INT(d.rows[1].nfields, 3);
	CHECK_INT(d.rows[2].line, 4);
	CHECK_STR(csv_field(&d.rows[2], 0), "last");
	CHECK_STR(csv_field(&d.rows[2], 5), "");
	csv_doc_release(&d);
}

TEST(csv_unclosed_quote_names_line)
{
	const char in[] = "a,b\nc,\"open\nmore\n";
	struct csv_doc d;
	struct err e = { 0, "" };
	CHECK_INT(csv_parse(in, sizeof in - 1, "t.csv", &d, &e), -ERR_INPUT);
	CHECK(strstr(e.msg, "'t.csv' line 2") != NULL);
}

TEST(csv_gb18030_and_bad_bytes)
{
	const char gb[] = "\xb5\xa5\xce\xbb,\xd6\xd0\xd1\xeb\xd0\xfb\xb4\xab\xb2\xbf\n"; /* 单位,中央宣传部 */
	const char bad[] = "ok\n\xff\xff\n";
	char *out;
	const char *enc;
	struct err e = { 0, "" };
	CHECK_INT(csv_decode(gb, sizeof gb - 1, "g.csv", &out, &enc, &e), 0);
	CHECK_STR(enc, "GB18030");
	CHECK_STR(out, "单位,中央宣传部\n");
	free(out);
	CHECK_INT(csv_decode(bad, sizeof bad - 1, "b.csv", &out, &enc, &e), -ERR_INPUT);
	CHECK(strstr(e.msg, "line 2") != NULL);
	CHECK_INT(csv_decode("\xff\xfe" "a\0", 4, "u.csv", &out, &enc, &e), -ERR_INPUT);
	CHECK(strstr(e.msg, "UTF-16") != NULL);
}

TEST(sheet_names)
{
	char *used[3];
	used[0] = checklist_sheet_name("国家/知识产权局[a]:*?", NULL, 0);
	CHECK_STR(used[0], "国家_知识产权局_a____");
	used[1] = checklist_sheet_name("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三", used, 1);
	CHECK_INT(text_width(used[1]), 62); /* 31 characters */
	used[2] = checklist_sheet_name("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四", used, 2);
	CHECK(strcmp(used[1], used[2]) != 0);
	CHECK(strstr(used[2], "~2") != NULL);
	for (int i = 0; i < 3; i++)
		free(used[i]);
}

TEST(read_filled_checklist)
{
	const char in[] =
		"督办清单,计划\r\n计划,2024\r\n单位,中央宣传部,,\r\n季度,2024Q3\r\n\r\n"
		"任务编号,任务内容,本单位角色,本季度进展（填写）,本季度佐证材料（填写）,本季度状态（填写）\r\n"
		"2024-2,x,牵头,\"已完成\n初稿\",文号,推进中\r\n"
		"2024-9,x,参与,,,\r\n"
		"2024-11,x,牵头,进展,,\r\n"
		"2024-12,x,牵头,,,滞后\r\n"
		"2024-13,x,牵头,,,done\r\n"
		"2024-14,x,牵头,,,还行\r\n"
		"\t2024-15 ,\u3000y\u3000,牵头,,,'=1\r\n";
	struct checklist_file f;
	struct err e = { 0, "" };
	CHECK_INT(checklist_read_csv(in, sizeof in - 1, "f.csv", &f, &e), 0);
	CHECK_STR(f.dept, "中央宣传部");
	CHECK_STR(f.period, "2024Q3");
	CHECK_INT(f.nrows, 3);
	CHECK_INT(f.skipped, 1);
	CHECK_INT(f.nproblems, 3);
	if (f.nrows == 3 && f.nproblems == 3) {
		CHECK_STR(f.rows[0].task, "2024-2");
		CHECK_STR(f.rows[0].text, "x");
		CHECK_INT(f.rows[0].line, 7);
		CHECK_INT(f.rows[0].status, ST_IN_PROGRESS);
		CHECK_STR(f.rows[0].progress, "已完成\n初稿");
		CHECK_STR(f.rows[0].evidence, "文号");
		/* progress without a status: a note alone */
		CHECK_STR(f.rows[1].task, "2024-11");
		CHECK_INT(f.rows[1].status, -1);
		CHECK_INT(f.rows[2].status, ST_DONE);
		CHECK_INT(f.problems[0].line, 11);  /* behind without a note (the cell above takes two lines) */
		CHECK(strstr(f.problems[1].msg, "unknown status '还行'") != NULL);
		/* the TAB before a numeric id and the guard "'" are dropped, the id
		 * and the ideographic spaces trimmed, and '=1' is no status */
		CHECK(strstr(f.problems[2].msg, "2024-15: unknown status '=1'") != NULL);
	}
	checklist_file_release(&f);
}

TEST(read_workbook_refuses_what_is_not_one)
{
	struct checklist_book b;
	struct err e = { 0, "" };
	CHECK_INT(checklist_read("a,b\n", 4, "x.xlsx", &b, &e), -ERR_INPUT);
	CHECK(strstr(e.msg, "not an Excel workbook") != NULL);
	CHECK_INT(checklist_read("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", 12, "x.xls", &b, &e), -ERR_INPUT);
	CHECK(strstr(e.msg, "97-2003") != NULL);
	CHECK_INT(checklist_read("PK\3\4junk", 8, "x.csv", &b, &e), -ERR_INPUT);
	CHECK(strstr(e.msg, "'x.csv'") != NULL);
}

TEST(read_refuses_missing_header)
{
	const char in[] = "任务编号,本季度进展（填写）,本季度佐证材料（填写）,本季度状态（填写）\n2024-2,,,\n";
	struct checklist_file f;
	struct err e = { 0, "" };
	CHECK_INT(checklist_read_csv(in, sizeof in - 1, "f.csv", &f, &e), -ERR_INPUT);
	CHECK(strstr(e.msg, "单位") != NULL);
}

TEST(evidence_in_cells)
{
	struct evidence_found *v;
	struct strbuf rest = STRBUF_INIT;
	size_t n = evidence_scan("国知发保字〔2024〕3号\n《关于印发…的通知》（国办发[2021]20号）；"
				 "见 https://www.cnipa.gov.cn/art/2024/1/1/art_1.html。;附件1.pdf;"
				 "国家知识产权局公告第５０３号、京知局（2024）15号\n印发国知发〔2023〕7号",
				 &v, &rest);
	CHECK_INT(n, 6);
	if (n == 6) {
		CHECK_INT(v[0].kind, EV_DOCNO);
		CHECK_STR(v[0].value, "国知发保字〔2024〕3号");
		CHECK_STR(v[0].title, "国知发保字〔2024〕3号");
		/* brackets as typed become 〔〕, the words beside it the title */
		CHECK_STR(v[1].value, "国办发〔2021〕20号");
		CHECK_STR(v[1].title, "《关于印发…的通知》");
		CHECK_INT(v[2].kind, EV_URL);
		CHECK_STR(v[2].value, "https://www.cnipa.gov.cn/art/2024/1/1/art_1.html");
		CHECK_STR(v[2].title, "见");
		/* 第N号 after 公告, full-width digits; two in one piece */
		CHECK_STR(v[3].value, "国家知识产权局公告第503号");
		CHECK_STR(v[4].value, "京知局〔2024〕15号");
		/* the verb before a 文号 is not its issuer */
		CHECK_STR(v[5].value, "国知发〔2023〕7号");
		CHECK_STR(v[5].title, "印发");
	}
	/* neither: a line of the rest, never a file to read */
	CHECK_STR(sb_str(&rest), "附件1.pdf");
	evidence_found_free(v, n);
	sb_release(&rest);
	n = evidence_scan("  ；\n", &v, &rest);
	CHECK_INT(n, 0);
	CHECK_STR(sb_str(&rest), "");
	evidence_found_free(v, n);
	sb_release(&rest);
}

TEST(xlsx_formulas_and_percentages)
{
	/* a workbook as a program writes one: a percentage typed as 80.05%,
	 * a formula with its cached value, a plain number */
	char path[] = "/tmp/duban-test-xlsx-XXXXXX";
	int fd = mkstemp(path);
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *pct;
	struct xlsx_book book;
	struct err e = { 0, "" };
	char *buf = NULL;
	size_t len = 0;
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	close(fd);
	wb = workbook_new(path);
	ws = workbook_add_worksheet(wb, "指标");
	pct = workbook_add_format(wb);
	format_set_num_format(pct, "0.00%");
	worksheet_write_number(ws, 0, 0, 0.8005, pct);
	worksheet_write_formula_str(ws, 0, 1, "=\"推进\"&\"中\"", NULL, "推进中");
	worksheet_write_number(ws, 0, 2, 4100.5, NULL);
	CHECK_INT(workbook_close(wb), LXW_NO_ERROR);
	CHECK_INT(util_read_file(path, 1 << 20, &buf, &len, &e), 0);
	CHECK_INT(xlsx_read(buf, len, "t.xlsx", &book, &e), 0);
	if (book.nsheets == 1 && book.sheets[0].nrows == 1 && book.sheets[0].rows[0].ncells == 3) {
		const struct xlsx_row *r = &book.sheets[0].rows[0];
		CHECK_STR(xlsx_cell_text(r, 0), "80.05%");
		CHECK(r->cells[0].formula == NULL);
		CHECK_STR(xlsx_cell_text(r, 1), "推进中");
		CHECK_STR(r->cells[1].formula, "\"推进\"&\"中\"");
		CHECK_STR(xlsx_cell_text(r, 2), "4100.5");
	} else {
		CHECK(!"one sheet, one row of three cells");
	}
	xlsx_book_release(&book);
	free(buf);
	/* a workbook of many sheets is read whole (it was cut at 256) */
	wb = workbook_new(path);
	for (int i = 0; i < 700; i++) {
		char name[32];
		snprintf(name, sizeof name, "单位%d", i);
		ws = workbook_add_worksheet(wb, name);
		worksheet_write_string(ws, 0, 0, name, NULL);
	}
	CHECK_INT(workbook_close(wb), LXW_NO_ERROR);
	CHECK_INT(util_read_file(path, 16 << 20, &buf, &len, &e), 0);
	CHECK_INT(xlsx_read(buf, len, "t.xlsx", &book, &e), 0);
	CHECK_INT(book.nsheets, 700);
	if (book.nsheets == 700)
		CHECK_STR(book.sheets[699].name, "单位699");
	xlsx_book_release(&book);
	free(buf);
	unlink(path);
}

TEST(carryover_scores)
{
	struct carry_score c;
	carryover_score("加快修订《国防专利条例》。", "推進修訂《國防專利條例》。", "中央军委装备发展部",
			"中央军委装备发展部", &c);
	CHECK(c.score >= CARRYOVER_THRESHOLD);
	CHECK_STR(c.shared_titles, "《国防专利条例》");
	CHECK(c.same_lead);
	carryover_score_release(&c);
	carryover_score("推进《中华人民共和国商标法》《中华人民共和国商标法实施条例》修改。",
			"推進商標法、著作權法相關司法解釋修改。", "国家知识产权局", "最高人民法院", &c);
	CHECK(c.score < CARRYOVER_THRESHOLD);
	CHECK_STR(c.shared_titles, "");
	carryover_score_release(&c);
	carryover_score("推进《中华人民共和国反不正当竞争法》修改。", "修訂出臺《商業秘密保護規定》。",
			"市场监管总局", "市场监管总局", &c);
	CHECK(c.score < CARRYOVER_THRESHOLD);
	carryover_score_release(&c);
}

int main(void)
{
	RUN(csv_quotes_newlines_crlf);
	RUN(csv_unclosed_quote_names_line);
	RUN(csv_gb18030_and_bad_bytes);
	RUN(sheet_names);
	RUN(read_filled_checklist);
	RUN(read_workbook_refuses_what_is_not_one);
	RUN(evidence_in_cells);
	RUN(xlsx_formulas_and_percentages);
	RUN(read_refuses_missing_header);
	RUN(carryover_scores);
	text_cleanup();
	TEST_END();
}
