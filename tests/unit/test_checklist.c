/* Checklist pieces without a database: the CSV reader, formula guarding,
 * sheet names, the filled-in checklist parser and carry-over scoring (issue 5). */
#include <stdlib.h>

#include "src/carryover.h"
#include "src/checklist.h"
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
		"2024-13,x,牵头,,,done\r\n";
	struct checklist_file f;
	struct err e = { 0, "" };
	char *note;
	CHECK_INT(checklist_read_csv(in, sizeof in - 1, "f.csv", &f, &e), 0);
	CHECK_STR(f.dept, "中央宣传部");
	CHECK_STR(f.period, "2024Q3");
	CHECK_INT(f.nrows, 2);
	CHECK_INT(f.skipped, 1);
	CHECK_INT(f.nproblems, 2);
	if (f.nrows == 2 && f.nproblems == 2) {
		CHECK_STR(f.rows[0].task, "2024-2");
		CHECK_INT(f.rows[0].line, 7);
		CHECK_INT(f.rows[0].status, ST_IN_PROGRESS);
		CHECK_INT(f.rows[1].status, ST_DONE);
		note = checklist_fill_note(&f.rows[0]);
		CHECK_STR(note, "已完成\n初稿\n佐证材料：文号");
		free(note);
		CHECK_INT(f.problems[0].line, 10);  /* progress without status */
		CHECK_INT(f.problems[1].line, 11);  /* behind without a note */
	}
	checklist_file_release(&f);
}

TEST(read_refuses_missing_header)
{
	const char in[] = "任务编号,本季度进展（填写）,本季度佐证材料（填写）,本季度状态（填写）\n2024-2,,,\n";
	struct checklist_file f;
	struct err e = { 0, "" };
	CHECK_INT(checklist_read_csv(in, sizeof in - 1, "f.csv", &f, &e), -ERR_INPUT);
	CHECK(strstr(e.msg, "单位") != NULL);
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
	RUN(read_refuses_missing_header);
	RUN(carryover_scores);
	text_cleanup();
	TEST_END();
}
