/* Unit tests for the shapes of the task-division family, in general form
 * (issue 15), and for numbering that is not one run, one-task plans and
 * invisible characters in names (issue 18): each a small document built
 * here, read through plan_read as an office would import it. */
#include "src/plan_read.h"
#include "src/text.h"
#include "src/util.h"
#include "tests/unit/test.h"
#include "tests/unit/plan_find.h"

static int parse(const char *name, const char *text, struct plan_doc *d)
{
	struct err e = { 0, "" };
	int rc = plan_read(text, strlen(text), name, ENC_AUTO, d, NULL, &e);

	if (rc)
		printf("  %s: %s\n", name, e.msg);
	return rc;
}

static int warned(const struct plan_doc *d, const char *needle)
{
	size_t i;

	for (i = 0; i < d->nwarnings; i++)
		if (strstr(d->warnings[i].msg, needle))
			return 1;
	return 0;
}

/* Measures numbered 一、 … with no sections, in every list wrapper. */
TEST(family_measures)
{
	static const char doc[] =
		"关于进一步优化营商环境的\n"
		"若干措施\n"
		"国办发〔2019〕3号\n"
		"各省、自治区、直辖市人民政府：\n"
		"为深入贯彻落实党中央、国务院决策部署，现提出以下措施。\n"
		"一、加快推进外贸通关便利化，压缩通关时间。（负责部门：商务部、海关总署）\n"
		"二、降低进出口环节合规成本。（税务总局、财政部、海关总署负责，排在第一位的部门为牵头部门，下同）\n"
		"三、加强知识产权保护。（市场监管总局会同有关部门负责）\n"
		"四、推进高校科研人员职务成果转化。（教育部、科技部等和各有关省级人民政府负责）\n"
		"五、加大招商引资力度。（商务部等有关部门负责）\n"
		"六、完善配套措施。加强政策宣传解读（国家发展改革委负责），做好政策效果评估。（国务院办公厅负责）\n"
		"七、支持地方先行先试。（各省级人民政府负责）\n";
	struct plan_doc d;
	const struct plan_task *t;

	CHECK_INT(parse("measures.txt", doc, &d), 0);
	CHECK_STR(d.title, "关于进一步优化营商环境的若干措施");
	CHECK_STR(d.docno, "国办发〔2019〕3号");
	CHECK_INT(d.year, 2019);
	CHECK_STR(d.key, "2019d3");
	CHECK_INT(d.kind, PLAN_TASK_DIVISION);
	CHECK_INT(d.ntasks, 7);
	CHECK_INT(d.nchapters, 0);
	CHECK_STR(depts(task(&d, "1")), "商务部|海关总署");
	/* the trailing rule does not cost task 2 its lead */
	CHECK_STR(depts(task(&d, "2")), "税务总局|财政部|海关总署");
	CHECK(warned(&d, "排在第一位的部门为牵头部门"));
	t = task(&d, "3");
	CHECK_STR(depts(t), "市场监管总局");
	CHECK_INT(t ? t->open : 0, 1);
	t = task(&d, "4");
	CHECK_STR(depts(t), "教育部|科技部|各有关省级人民政府");
	CHECK_INT(t ? t->open : 0, 1);
	t = task(&d, "5");
	CHECK_STR(depts(t), "商务部");
	CHECK_INT(t ? t->open : 0, 1);
	/* two lists in one paragraph: both, in order; the inner one stays in the text */
	t = task(&d, "6");
	CHECK_STR(depts(t), "国家发展改革委|国务院办公厅");
	CHECK(t && strstr(t->text, "加强政策宣传解读（国家发展改革委负责），做好") != NULL);
	CHECK(t && strstr(t->lists, "（国家发展改革委负责）\n（国务院办公厅负责）") != NULL);
	CHECK_STR(depts(task(&d, "7")), "各省级人民政府");
	plan_doc_release(&d);
}

/* Tasks numbered （一） … （五十三） with no chapter above them. */
TEST(family_sections_as_tasks)
{
	static const char *const zh[] = { "", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	struct strbuf sb = STRBUF_INIT;
	struct plan_doc d;
	int i;

	sb_adds(&sb, "2026年测试重点任务分工方案\n为做好测试工作，制定本方案。\n");
	for (i = 1; i <= 53; i++) {
		sb_adds(&sb, "（");
		if (i >= 20)
			sb_adds(&sb, zh[i / 10]);
		if (i >= 10)
			sb_adds(&sb, "十");
		sb_adds(&sb, zh[i % 10]);
		sb_addf(&sb, "）推进第%d项工作。（%s负责）\n", i, i % 2 ? "科技部" : "教育部、财政部");
	}
	CHECK_INT(parse("sections.txt", sb.buf, &d), 0);
	CHECK_INT(d.ntasks, 53);
	CHECK_INT(d.kind, PLAN_TASK_DIVISION);
	if (d.ntasks == 53) {
		CHECK_STR(d.tasks[52].label, "53");
		CHECK_STR(d.tasks[52].text, "推进第53项工作。");
		CHECK_STR(depts(&d.tasks[51]), "教育部|财政部");
		CHECK_INT(d.tasks[0].chapter, -1);
	}
	plan_doc_release(&d);
	sb_release(&sb);
}

/* Preamble items are no tasks: said as untracked; an item without a list in
 * a chapter of tasks is a task without departments, with a warning. */
TEST(family_untracked)
{
	static const char doc[] =
		"测试工作实施方案\n"
		"一、总体要求\n"
		"（一）指导思想。以新发展理念为指导。\n"
		"（二）基本原则。坚持问题导向。\n"
		"二、重点任务\n"
		"（一）推进甲项工作。（科技部负责）\n"
		"（二）推进乙项工作。具体措施另行制定。（教育部牵头，财政部参与）\n"
		"（三）推进丙项工作。\n"
		"三、保障措施\n"
		"（一）加强组织领导。各地要高度重视。\n";
	struct plan_doc d;

	CHECK_INT(parse("untracked.txt", doc, &d), 0);
	CHECK_INT(d.ntasks, 3);
	CHECK_INT(d.nuntracked, 3);
	if (d.nuntracked == 3) {
		CHECK_STR(d.untracked[0].label, "1");
		CHECK_INT(d.untracked[0].line, 3);
		CHECK(strstr(d.untracked[2].text, "加强组织领导") != NULL);
	}
	CHECK_STR(depts(task(&d, "2")), "教育部|财政部");
	CHECK_INT(task(&d, "2") ? task(&d, "2")->lead_explicit : 0, 1);
	CHECK_STR(depts(task(&d, "3")), "");
	CHECK(warned(&d, "task 3 has no department list"));
	plan_doc_release(&d);
}

/* A gov.cn page: the title and 文号 only in the metadata table, the measures
 * in a table with a 指导部门 column. */
TEST(family_table_in_page)
{
	static const char page[] =
		"<html><head><meta charset=\"utf-8\"><title>政府网站</title>"
		"<script>document.write('首页');</script></head><body>"
		"<div class=\"nav\">首页 &gt; 政策 &gt; 文件</div>"
		"<table><tr><td><b>标　　题：</b></td><td>国务院办公厅关于印发测试工作方案的通知</td>"
		"<td><b>成文日期：</b></td><td>2019年03月05日</td></tr>"
		"<tr><td><b>发文字号：</b></td><td>国办发〔2019〕12号</td><td><b>发布日期：</b></td>"
		"<td>2019年03月08日</td></tr></table>"
		"<p>各省、自治区、直辖市人民政府：</p><p>现将方案印发给你们。</p>"
		"<table border=\"1\"><tr><th>序号</th><th>重点任务</th><th>指导部门</th></tr>"
		"<tr><td colspan=\"3\">一、完善制度</td></tr>"
		"<tr><td>1</td><td><p>建立指标体系。</p></td><td>生态环境部、国家统计局</td></tr>"
		"<tr><td>2</td><td>完善统计制度。</td><td>国家统计局</td></tr>"
		"<tr><td>3</td><td>推进试点。</td><td>生态环境部<br>住房城乡建设部</td></tr>"
		"</table><p style=\"display:none\">隐藏的文字</p></body></html>";
	struct plan_doc d;

	CHECK_INT(parse("page.html", page, &d), 0);
	CHECK_STR(d.title, "国务院办公厅关于印发测试工作方案的通知");
	CHECK_STR(d.docno, "国办发〔2019〕12号");
	CHECK_STR(d.date, "2019-03-05");
	CHECK_INT(d.year, 2019);
	CHECK_STR(d.key, "2019d12");
	CHECK_INT(d.kind, PLAN_TASK_DIVISION);
	CHECK_INT(d.ntasks, 3);
	CHECK_INT(d.nchapters, 1);
	CHECK_STR(depts(task(&d, "1")), "生态环境部|国家统计局");
	CHECK_STR(depts(task(&d, "3")), "生态环境部|住房城乡建设部");
	plan_doc_release(&d);
}

/* Measures in a table with a header over two rows, and a table whose rows
 * carry their lists in the task cell. */
TEST(family_tables_two_ways)
{
	static const char two_rows[] =
		"<html><body><p>2040年测试重点任务分工表</p><table border=\"1\">"
		"<tr><td rowspan=\"2\">序号</td><td rowspan=\"2\">重点任务</td><td colspan=\"2\">责任单位</td>"
		"<td rowspan=\"2\">完成时限</td></tr>"
		"<tr><td>牵头单位</td><td>配合单位</td></tr>"
		"<tr><td>1</td><td>推进甲项工作。</td><td>科技部</td><td>教育部、财政部</td><td>2040年底</td></tr>"
		"<tr><td>2</td><td>推进乙项工作。</td><td>司法部</td><td></td><td>持续推进</td></tr>"
		"</table></body></html>";
	static const char in_cell[] =
		"<html><body><p>2041年测试推进计划</p><table border=\"1\">"
		"<tr><td>序号</td><td>工作事项说明</td></tr>"
		"<tr><td>1</td><td>推进甲项工作。（科技部负责）</td></tr>"
		"<tr><td>2</td><td>推进乙项工作。（教育部牵头，财政部参与）</td></tr>"
		"</table></body></html>";
	struct plan_doc d;

	CHECK_INT(parse("two.html", two_rows, &d), 0);
	CHECK_INT(d.ntasks, 2);
	CHECK_STR(depts(task(&d, "1")), "科技部|教育部|财政部");
	CHECK_STR(depts(task(&d, "2")), "司法部");
	plan_doc_release(&d);
	CHECK_INT(parse("cell.html", in_cell, &d), 0);
	CHECK_INT(d.ntasks, 2);
	CHECK_STR(d.title, "2041年测试推进计划");
	CHECK_STR(depts(task(&d, "2")), "教育部|财政部");
	plan_doc_release(&d);
}

/* The example page with a site's footer after the last task: the footer is
 * neither text of the task nor a department list. */
TEST(family_page_footer)
{
	static const char footer[] =
		"<div class=\"footer\"><p>扫一扫在手机打开当前页</p>"
		"<p>主办单位：国务院办公厅　运行维护单位：中国政府网运行中心</p>"
		"<p>指导单位：国务院办公厅</p><p>版权所有：中国政府网</p></div>";
	const char *root = getenv("DUBAN_SRC");
	struct strbuf path = STRBUF_INIT, page = STRBUF_INIT;
	struct err e = { 0, "" };
	struct plan_doc d;
	char *buf;
	size_t len, i;

	sb_addf(&path, "%s/tests/family/guobanfa-2018-128.html", root && *root ? root : ".");
	CHECK_INT(util_read_file(path.buf, DOC_MAX_BYTES, &buf, &len, &e), 0);
	sb_add(&page, buf, len);
	sb_adds(&page, footer);
	CHECK_INT(parse("footer.html", page.buf, &d), 0);
	CHECK_INT(d.ntasks, 6);
	CHECK_INT(d.nuntracked, 13);
	for (i = 0; i < d.ntasks; i++) {
		CHECK(!strstr(d.tasks[i].text, "扫一扫"));
		CHECK(strcmp(d.tasks[i].depts[d.tasks[i].ndepts - 1], "国务院办公厅"));
	}
	plan_doc_release(&d);
	/* the same after a task */
	sb_reset(&page);
	sb_adds(&page, "2042年测试若干措施\n一、推进甲项工作。（科技部负责）\n二、推进乙项工作。（教育部负责）\n"
		"扫一扫在手机打开当前页\n主办单位：国务院办公厅\n");
	CHECK_INT(parse("footer.txt", page.buf, &d), 0);
	CHECK_INT(d.ntasks, 2);
	CHECK_STR(depts(task(&d, "2")), "教育部");
	CHECK_STR(task(&d, "2") ? task(&d, "2")->text : "", "推进乙项工作。");
	CHECK(warned(&d, "dropped 2 lines"));
	plan_doc_release(&d);
	free(buf);
	sb_release(&path);
	sb_release(&page);
}

/* A page in GB2312 whose only title is its <title>, the site's name after it. */
TEST(family_page_title_gb2312)
{
	static const char page[] =
		"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
		"<title>\xb9\xd8\xd3\xda\xd3\xa1\xb7\xa2\xb2\xe2\xca\xd4\xb4\xeb\xca\xa9\xb5\xc4\xcd\xa8\xd6\xaa"
		"_\xd6\xd0\xb9\xfa\xd5\xfe\xb8\xae\xcd\xf8</title></head><body>"
		"<p>\xd2\xbb\xa1\xa2\xbc\xd3\xbf\xec\xcd\xc6\xbd\xf8\xa1\xa3"
		"\xa3\xa8\xc9\xcc\xce\xf1\xb2\xbf\xb8\xba\xd4\xf0\xa3\xa9</p></body></html>";
	struct plan_doc d;

	CHECK_INT(parse("gb.html", page, &d), 0);
	CHECK_STR(d.title, "关于印发测试措施的通知");
	CHECK_INT(d.ntasks, 1);
	CHECK_STR(depts(task(&d, "1")), "商务部");
	CHECK(warned(&d, "the title is the web page's"));
	plan_doc_release(&d);
}

/* Numbered tasks run together in one paragraph, each after the list before. */
TEST(family_items_run_together)
{
	static const char doc[] =
		"2043年测试推进计划\n一、完善制度\n"
		"1.推进甲项工作。（科技部负责）2.推进乙项工作，制定2043年方案。（教育部负责）3.推进丙项工作。（财政部负责）\n";
	static const char items[] =
		"测试若干措施\n一、完善制度\n（一）推进丁项。（司法部负责）（二）推进戊项。（公安部负责）\n";
	struct plan_doc d;

	CHECK_INT(parse("together.txt", doc, &d), 0);
	CHECK_INT(d.ntasks, 3);
	CHECK_STR(depts(task(&d, "2")), "教育部");
	CHECK_STR(task(&d, "2") ? task(&d, "2")->text : "", "推进乙项工作，制定2043年方案。");
	CHECK_STR(depts(task(&d, "3")), "财政部");
	plan_doc_release(&d);
	CHECK_INT(parse("items.txt", items, &d), 0);
	CHECK_INT(d.ntasks, 2);
	CHECK_STR(depts(task(&d, "1")), "司法部");
	CHECK_STR(depts(task(&d, "2")), "公安部");
	plan_doc_release(&d);
}

/* A notice with points of its own (一、 二、) before the plan it sends. */
TEST(family_notice_points)
{
	static const char doc[] =
		"关于印发测试工作方案的通知\n"
		"各有关单位：\n"
		"一、高度重视\n"
		"二、加强协调\n"
		"测试工作方案\n"
		"一、总体要求\n"
		"（一）指导思想。以新发展理念为指导。\n"
		"二、重点任务\n"
		"（一）推进甲项工作。（科技部负责）\n"
		"（二）推进乙项工作。（教育部负责）\n";
	struct plan_doc d;

	CHECK_INT(parse("notice.txt", doc, &d), 0);
	CHECK_INT(d.ntasks, 2);
	CHECK_INT(d.nchapters, 2);
	if (d.nchapters == 2)
		CHECK_STR(d.chapters[1].title, "重点任务");
	CHECK_INT(d.ntasks == 2 ? d.tasks[1].chapter : -9, 1);
	CHECK_INT(d.nuntracked, 1);
	CHECK(warned(&d, "taken for a notice's points"));
	plan_doc_release(&d);
}

/* Numbering that starts again in each chapter: tasks named chapter.number. */
TEST(numbering_restarts)
{
	static const char doc[] =
		"2035年测试推进计划\n"
		"一、完善制度\n"
		"1.推进一。（科技部负责）\n"
		"2.推进二。（教育部负责）\n"
		"二、加强保护\n"
		"1.推进三。（财政部负责）\n"
		"2.推进四。（司法部负责）\n";
	struct plan_doc d;

	CHECK_INT(parse("restart.txt", doc, &d), 0);
	CHECK_INT(d.ntasks, 4);
	if (d.ntasks == 4) {
		CHECK_STR(d.tasks[0].label, "1.1");
		CHECK_STR(d.tasks[2].label, "2.1");
		CHECK_STR(d.tasks[3].label, "2.2");
		CHECK_STR(depts(&d.tasks[2]), "财政部");
	}
	CHECK(warned(&d, "start again in each chapter"));
	plan_doc_release(&d);
}

/* A number written twice, and a jump (a lost page): every task with a list is kept. */
TEST(numbering_twice_and_jump)
{
	static const char doc[] =
		"2036年测试推进计划\n"
		"一、完善制度\n"
		"1.推进一。（科技部负责）\n"
		"2.推进二。（教育部负责）\n"
		"2.推进二之二。（财政部负责）\n"
		"3.推进三。（司法部负责）\n"
		"20.推进二十。（公安部负责）\n"
		"21.推进二十一。（商务部负责）\n";
	struct plan_doc d;

	CHECK_INT(parse("twice.txt", doc, &d), 0);
	CHECK_INT(d.ntasks, 6);
	if (d.ntasks == 6) {
		CHECK_STR(d.tasks[1].label, "2");
		CHECK_STR(d.tasks[2].label, "22");   /* the next number no task has */
		CHECK_STR(depts(&d.tasks[2]), "财政部");
		CHECK_STR(d.tasks[4].label, "20");
		CHECK_STR(depts(&d.tasks[4]), "公安部");
	}
	CHECK(warned(&d, "repeats the number of an earlier task; it is kept as task 22"));
	CHECK(warned(&d, "tasks 4 to 19 are missing (a lost page?)"));
	plan_doc_release(&d);
}

/* One task is an annual plan of one task (2034-1), not a five-year plan; a
 * seven-digit number is kept. */
TEST(numbering_one_task_and_big)
{
	static const char one[] = "2034年测试推进计划\n一、总则\n1.推进甲项工作。（科技部负责）\n";
	static const char big[] = "2037年测试推进计划\n一、总则\n1.推进甲。（科技部负责）\n"
				  "1234567.推进乙。（教育部负责）\n";
	struct plan_doc d;

	CHECK_INT(parse("one.txt", one, &d), 0);
	CHECK_INT(d.kind, PLAN_ANNUAL);
	CHECK_STR(d.key, "2034");
	CHECK_INT(d.ntasks, 1);
	if (d.ntasks)
		CHECK_STR(d.tasks[0].label, "1");
	plan_doc_release(&d);
	CHECK_INT(parse("big.txt", big, &d), 0);
	CHECK_INT(d.ntasks, 2);
	if (d.ntasks == 2) {
		CHECK_STR(d.tasks[1].label, "1234567");
		CHECK_STR(depts(&d.tasks[1]), "教育部");
	}
	plan_doc_release(&d);
}

/* Default-ignorable characters are taken out of names, and said. */
TEST(invisible_characters)
{
	static const char doc[] =
		"2038年测试推进计划\n一、总则\n"
		"1.推进甲项工作。（中央\xE2\x80\x8D宣传部、科\xC2\xAD技部负责）\n"
		"2.推进乙项工作。（中央宣传部\xEF\xB8\x80、\xE2\x80\x8E公安部\xF3\xA0\x80\x81负责）\n"
		"3.推进丙项工作。（\xE3\x85\xA4司法部负责）\n";
	struct plan_doc d;

	CHECK_INT(parse("invisible.txt", doc, &d), 0);
	CHECK_STR(depts(task(&d, "1")), "中央宣传部|科技部");
	CHECK_STR(depts(task(&d, "2")), "中央宣传部|公安部");
	CHECK_STR(depts(task(&d, "3")), "司法部");
	CHECK_INT(d.invisible_removed, 6);
	CHECK(warned(&d, "invisible characters (U+200D U+00AD"));
	CHECK(warned(&d, "lines 3, 4, 5"));
	plan_doc_release(&d);
}

/* Match keys fold every default-ignorable character: a look-alike name
 * finds the department it looks like. */
TEST(match_key_invisibles)
{
	static const char *const marks[] = {
		"\xE2\x80\x8C", "\xE2\x80\x8D", "\xC2\xAD", "\xCD\x8F", "\xEF\xB8\x8F",
		"\xF3\xA0\x84\x80", "\xE2\x81\xA0", "\xE1\xA0\x8E", "\xE3\x85\xA4", "\xEF\xBE\xA0",
		"\xE1\x85\x9F", "\xE2\x80\x8E", "\xE2\x80\x8F", "\xD8\x9C", "\xF3\xA0\x81\x81",
		"\xE2\x81\xA6", "\xE2\x80\xAE",
	};
	char *plain = text_match_key("中央宣传部"), *k;
	size_t i;

	for (i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		struct strbuf sb = STRBUF_INIT;
		sb_addf(&sb, "中央%s宣传部%s", marks[i], marks[i]);
		k = text_match_key(sb.buf);
		if (strcmp(k, plain))
			printf("  mark %zu not folded\n", i);
		CHECK_STR(k, plain);
		free(k);
		sb_release(&sb);
	}
	k = text_match_key("中央宣傳部");
	CHECK_STR(k, plain);
	free(k);
	free(plain);
	text_cleanup();
}

int main(void)
{
	RUN(family_measures);
	RUN(family_sections_as_tasks);
	RUN(family_untracked);
	RUN(family_table_in_page);
	RUN(family_page_title_gb2312);
	RUN(family_tables_two_ways);
	RUN(family_page_footer);
	RUN(family_notice_points);
	RUN(family_items_run_together);
	RUN(numbering_restarts);
	RUN(numbering_twice_and_jump);
	RUN(numbering_one_task_and_big);
	RUN(invisible_characters);
	RUN(match_key_invisibles);
	TEST_END();
}
