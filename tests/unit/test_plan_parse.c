/* Unit tests for plan_parse: the five real plan documents in data/plans/ with
 * their noise, and generic damage built here from strings (GB18030, BOM + CRLF,
 * page numbers, running heads) plus every refusal. */
#include <iconv.h>
#include <stdint.h>

#include "src/plan_parse.h"
#include "src/util.h"
#include "tests/unit/test.h"
#include "tests/unit/plan_find.h"

/* ---- helpers ---------------------------------------------------------- */

static char *read_plan(const char *file, size_t *len)
{
	const char *root = getenv("DUBAN_SRC");
	struct strbuf path = STRBUF_INIT;
	struct err e = { 0 };
	char *buf = NULL;

	sb_addf(&path, "%s/data/plans/%s", root && *root ? root : ".", file);
	if (util_read_file(path.buf, PLAN_MAX_BYTES, &buf, len, &e)) {
		printf("  cannot read %s: %s\n", path.buf, e.msg);
		buf = NULL;
		*len = 0;
	}
	sb_release(&path);
	return buf;
}

/* Parse a document from data/plans/; 0 on success. */
static int parse_plan(const char *file, struct plan_doc *doc)
{
	struct err e = { 0 };
	size_t len;
	char *buf = read_plan(file, &len);
	int rc;

	memset(doc, 0, sizeof *doc);
	if (!buf)
		return -1;
	rc = plan_parse(buf, len, file, ENC_AUTO, doc, &e);
	if (rc)
		printf("  %s: %s\n", file, e.msg);
	free(buf);
	return rc;
}

static const char *text(const struct plan_task *t)
{
	return t ? t->text : "(no task)";
}

static int starts(const char *s, const char *prefix)
{
	return s && util_starts_with(s, prefix);
}

static int ends(const char *s, const char *suffix)
{
	size_t n = s ? strlen(s) : 0, m = strlen(suffix);
	return s && n >= m && !strcmp(s + n - m, suffix);
}

static int has_warning(const struct plan_doc *d, const char *needle)
{
	size_t i;

	for (i = 0; i < d->nwarnings; i++)
		if (strstr(d->warnings[i].msg, needle))
			return 1;
	return 0;
}

/* Does any title, text or department of D contain NEEDLE? */
static int doc_contains(const struct plan_doc *d, const char *needle)
{
	size_t i, j;

	if (strstr(d->title, needle))
		return 1;
	for (i = 0; i < d->nchapters; i++)
		if (strstr(d->chapters[i].title, needle))
			return 1;
	for (i = 0; i < d->nsections; i++)
		if (strstr(d->sections[i].title, needle))
			return 1;
	for (i = 0; i < d->ntasks; i++) {
		if (strstr(d->tasks[i].text, needle))
			return 1;
		for (j = 0; j < d->tasks[i].ndepts; j++)
			if (strstr(d->tasks[i].depts[j], needle))
				return 1;
	}
	return 0;
}

static int doc_is_zero(const struct plan_doc *d)
{
	static const struct plan_doc zero;
	return !memcmp(d, &zero, sizeof zero);
}

/* Same tasks (labels, texts, departments) in A and B. */
static int same_tasks(const struct plan_doc *a, const struct plan_doc *b)
{
	size_t i, j;

	if (a->ntasks != b->ntasks || a->nchapters != b->nchapters || a->nsections != b->nsections)
		return 0;
	for (i = 0; i < a->ntasks; i++) {
		const struct plan_task *x = &a->tasks[i], *y = &b->tasks[i];
		if (strcmp(x->label, y->label) || strcmp(x->text, y->text) || x->ndepts != y->ndepts ||
		    x->chapter != y->chapter || x->section != y->section || x->line != y->line) {
			printf("  task %s differs\n", x->label);
			return 0;
		}
		for (j = 0; j < x->ndepts; j++)
			if (strcmp(x->depts[j], y->depts[j]))
				return 0;
	}
	return 1;
}

/* Expect a refusal: -ERR_INPUT, a message, a zeroed doc. Returns the message. */
static const char *refused(const char *buf, size_t len, enum plan_encoding enc)
{
	static struct err e;
	struct plan_doc d;
	int rc;

	memset(&e, 0, sizeof e);
	memset(&d, 0xA5, sizeof d);
	rc = plan_parse(buf, len, "x.txt", enc, &d, &e);
	CHECK_INT(rc, -ERR_INPUT);
	CHECK_INT(e.code, ERR_INPUT);
	CHECK(e.msg[0] != '\0');
	CHECK(strstr(e.msg, "x.txt") != NULL);
	CHECK(doc_is_zero(&d));
	if (rc == 0)
		plan_doc_release(&d);
	return e.msg;
}

/* ---- the real documents ------------------------------------------------ */

TEST(plan_2024_structure)
{
	struct plan_doc d;

	CHECK_INT(parse_plan("2024-national-plan.txt", &d), 0);
	CHECK_INT(d.kind, PLAN_ANNUAL);
	CHECK_INT(d.nchapters, 7);
	CHECK_INT(d.nsections, 13);
	CHECK_INT(d.ntasks, 110);
	CHECK_STR(d.title, "2024年知识产权强国建设推进计划");
	CHECK_INT(d.year, 2024);
	CHECK_STR(d.key, "2024");
	CHECK_INT(d.encoding, ENC_UTF8);
	CHECK_INT(d.traditional, 0);
	CHECK_INT(d.pinyin_removed, 0);
	if (d.nsections == 13 && d.nchapters == 7) {
		CHECK_STR(d.sections[0].title, "完善知识产权法律法规规章");
		CHECK_INT(d.sections[0].number, 1);
		CHECK_STR(d.chapters[0].title, "完善知识产权制度");
		CHECK_STR(d.chapters[6].title, "加强组织保障");
		CHECK_INT(d.chapters[6].number, 7);
	}
	if (d.ntasks == 110) {
		/* chapters 六 and 七 have no sections */
		CHECK_INT(d.tasks[94].section, -1);
		CHECK_INT(d.tasks[94].chapter, 5);
		CHECK_INT(d.tasks[109].chapter, 6);
		CHECK_INT(d.tasks[0].section, 0);
		CHECK_STR(d.tasks[56].label, "57");
		CHECK_INT(d.tasks[56].number, 57);
	}
	plan_doc_release(&d);
	CHECK(doc_is_zero(&d));
}

TEST(plan_2024_tasks)
{
	struct plan_doc d;
	const struct plan_task *t;
	size_t i;

	CHECK_INT(parse_plan("2024-national-plan.txt", &d), 0);
	t = task(&d, "5");
	CHECK_STR(text(t), "研究起草生物遗传资源获取和惠益分享管理条例。");
	CHECK_STR(depts(t), "生态环境部");
	CHECK_STR(depts(task(&d, "14")), "国家自然科学基金委");
	CHECK_STR(text(task(&d, "14")), "修订《国家自然科学基金资助项目研究成果管理办法》。");
	CHECK_STR(depts(task(&d, "71")), "中国科学院");
	t = task(&d, "45");
	CHECK_INT(t ? t->ndepts : 0, 10);
	CHECK_STR(depts(t), "中央宣传部|最高人民法院|最高人民检察院|公安部|农业农村部|文化和旅游部|"
		  "海关总署|市场监管总局|国家知识产权局|国家林草局");
	CHECK(strstr(text(task(&d, "31")), "依法严厉打击各类侵犯知识产权犯罪") != NULL);
	CHECK_STR(depts(task(&d, "53")), "中央宣传部|科技部|农业农村部|商务部|国家知识产权局|国家林草局");
	t = task(&d, "105");
	CHECK(starts(text(t), "开展《纲要》和《规划》实施情况年度监测评估"));
	CHECK_STR(depts(t), "联席会议办公室|联席会议成员单位");
	t = task(&d, "110");
	CHECK_STR(depts(t), "联席会议办公室");
	CHECK_STR(text(t), "编制年度知识产权强国建设发展报告。");
	CHECK(!doc_contains(&d, "上述各项任务分工中"));
	CHECK(has_warning(&d, "上述各项任务分工中"));
	/* spaces kept next to Latin words, dropped next to Han */
	CHECK(strstr(text(task(&d, "40")), "完善 DNA 分子指纹数据库") != NULL);
	CHECK(strstr(text(task(&d, "31")), "“昆仑2024”") != NULL);
	CHECK_STR(depts(task(&d, "9")), "财政部|国家知识产权局|中央宣传部");
	CHECK_STR(text(task(&d, "15")), "更新发布《中国生物多样性保护战略与行动计划(2023—2030年)》。");
	for (i = 0; i < d.ntasks; i++) {
		CHECK(d.tasks[i].ndepts >= 1);
		CHECK(!d.tasks[i].lead_explicit);
		CHECK(!strstr(d.tasks[i].text, "负责"));
	}
	plan_doc_release(&d);
}

TEST(plan_2025_traditional_pinyin)
{
	struct plan_doc d;
	const struct plan_task *t;

	CHECK_INT(parse_plan("2025-national-plan-article-traditional.txt", &d), 0);
	CHECK_INT(d.kind, PLAN_ANNUAL);
	CHECK_INT(d.nchapters, 7);
	CHECK_INT(d.nsections, 13);
	CHECK_INT(d.ntasks, 118);
	CHECK_STR(d.title, "2025年知識產權強國建設推進計劃");
	CHECK_INT(d.year, 2025);
	CHECK_STR(d.key, "2025");
	CHECK_INT(d.traditional, 1);
	CHECK(d.pinyin_removed > 0);
	CHECK(has_warning(&d, "pinyin"));
	t = task(&d, "1");
	CHECK(t && t->line == 28);   /* the plan's task, not the article's "——" bullet */
	CHECK_STR(text(t), "加快推進《中華人民共和國商標法》《集成電路布圖設計保護條例》修改。");
	CHECK_STR(depts(t), "國家知識產權局|司法部");
	CHECK(!doc_contains(&d, "(lián)"));
	CHECK(!doc_contains(&d, "(fā)"));
	CHECK(!doc_contains(&d, "(guī)"));
	CHECK(!doc_contains(&d, "(wǎng)"));
	CHECK(!doc_contains(&d, "——"));
	CHECK(strstr(text(task(&d, "90")), "(試行)") != NULL);
	CHECK_STR(depts(task(&d, "114")), "聯席會議辦公室|聯席會議成員單位");
	CHECK_STR(depts(task(&d, "61")), "科技部|各項目主管部門");
	CHECK_STR(depts(task(&d, "47")), "中央宣傳部|工業和信息化部|國管局");
	CHECK_STR(d.sections[0].title, "完善知識產權法律法規規章");
	CHECK(!doc_contains(&d, "上述各項任務分工中"));
	plan_doc_release(&d);
}

TEST(plan_2020_ocr)
{
	struct plan_doc d;
	const struct plan_task *t;

	CHECK_INT(parse_plan("2020-national-plan-notice-ocr.txt", &d), 0);
	CHECK_INT(d.kind, PLAN_ANNUAL);
	CHECK_INT(d.nchapters, 5);
	CHECK_INT(d.nsections, 13);
	CHECK_INT(d.ntasks, 100);
	CHECK_STR(d.title, "2020年深入实施国家知识产权战略加快建设知识产权强国推进计划");
	CHECK_INT(d.year, 2020);
	CHECK_STR(d.key, "2020");
	if (d.nsections == 13) {
		/* chapter 2's first section from "一)完善法律法规规章" */
		CHECK_INT(d.sections[2].chapter, 1);
		CHECK_INT(d.sections[2].number, 1);
		CHECK_STR(d.sections[2].title, "完善法律法规规章");
		/* chapter 3's first section from "-)" */
		CHECK_INT(d.sections[6].chapter, 2);
		CHECK_INT(d.sections[6].number, 1);
		CHECK_STR(d.sections[6].title, "提高知识产权审查质量和效率");
		CHECK_STR(d.sections[8].title, "加强知识产权综合运用");
		CHECK_INT(d.sections[10].chapter, 4);
	}
	CHECK(has_warning(&d, "'-)'"));
	CHECK(has_warning(&d, "'一)'"));
	t = task(&d, "93");
	CHECK_STR(depts(t), "中科院");
	CHECK_STR(text(t), "编制《中国科学院“十四五”知识产权发展规划纲要》。");
	CHECK(has_warning(&d, "task 93 has no opening parenthesis"));
	t = task(&d, "24");
	CHECK_STR(depts(t), "最高人民法院|最高人民检察院|公安部");
	CHECK(ends(text(t), "《关于公安机关管辖的刑事案件立案追诉标准的规定》(一)二)。"));
	CHECK_INT(t ? t->section : -9, 2);
	t = task(&d, "2");
	CHECK_STR(depts(t), "最高人民法院|司法部|知识产权局|中央宣传部");
	CHECK(strstr(text(t), "“建立提供全方位证据服务") != NULL);
	CHECK(t && !strstr(t->text, " "));
	CHECK_STR(depts(task(&d, "1")), "知识产权局");
	CHECK(!doc_contains(&d, "知 识"));
	/* chapter 四 has no sections */
	t = task(&d, "82");
	CHECK_INT(t ? t->section : -9, -1);
	CHECK_INT(t ? t->chapter : -9, 3);
	t = task(&d, "100");
	CHECK(t && !strstr(t->text, "内蒙古"));
	CHECK(ends(text(t), "在各类知识竞赛中纳入知识产权相关内容。"));
	CHECK(!doc_contains(&d, "内蒙古"));
	CHECK(!doc_contains(&d, "ICP"));
	CHECK(has_warning(&d, "after task 100"));
	plan_doc_release(&d);
}

TEST(plan_fyp14)
{
	struct plan_doc d;
	const struct plan_task *t;
	size_t i;

	CHECK_INT(parse_plan("fyp14-protection-and-use-excerpt.txt", &d), 0);
	CHECK_INT(d.kind, PLAN_FIVE_YEAR);
	CHECK_STR(d.title, "“十四五”国家知识产权保护和运用规划");
	CHECK_STR(d.key, "FYP14");
	CHECK_INT(d.year, 2021);
	CHECK_INT(d.nchapters, 3);
	CHECK_INT(d.nsections, 9);
	CHECK_INT(d.ntasks, 14);
	if (d.nchapters == 3 && d.nsections == 9) {
		CHECK_INT(d.chapters[0].number, 6);
		CHECK_INT(d.chapters[2].number, 8);
		CHECK_INT(d.sections[0].number, 13);
		CHECK_INT(d.sections[8].number, 21);
		CHECK_STR(d.sections[0].title, "主动参与知识产权全球治理");
	}
	if (d.ntasks == 14) {
		CHECK_STR(d.tasks[0].label, "13.1");
		CHECK_STR(d.tasks[1].label, "13.2");
		CHECK_STR(d.tasks[2].label, "14.1");
		CHECK_STR(d.tasks[13].label, "21.1");
		for (i = 0; i < 14; i++)
			CHECK_INT(d.tasks[i].number, (int)i + 1);
	}
	t = task(&d, "15.1");
	CHECK_INT(t ? t->lead_explicit : -1, 1);
	CHECK_STR(depts(t), "国家知识产权局|中央宣传部|农业农村部|国家林草局");
	CHECK(starts(text(t), "便利知识产权海外获权。"));
	t = task(&d, "13.1");
	CHECK_INT(t ? t->lead_explicit : -1, 0);
	CHECK_STR(depts(t), "中央宣传部|外交部|商务部|文化和旅游部|国家知识产权局");
	CHECK_STR(depts(task(&d, "18.1")), "国家知识产权局|有关部门与地方各级人民政府");
	t = task(&d, "21.1");
	CHECK(ends(text(t), "重要情况及时报告国务院。"));
	CHECK(!doc_contains(&d, "免责声明"));
	CHECK(!doc_contains(&d, "首页"));
	CHECK(!doc_contains(&d, "上一篇"));
	plan_doc_release(&d);
}

TEST(plan_summary)
{
	struct plan_doc d;

	CHECK_INT(parse_plan("2024-summary-article.txt", &d), 0);
	CHECK_INT(d.kind, PLAN_SUMMARY);
	CHECK_INT(d.nchapters, 7);
	CHECK_INT(d.ntasks, 0);
	CHECK_STR(d.title, "2024年知识产权强国建设推进计划");
	CHECK_STR(d.key, "2024");
	CHECK(has_warning(&d, "summary"));
	if (d.nchapters == 7)
		CHECK_STR(d.chapters[1].title, "强化知识产权保护");
	plan_doc_release(&d);
}

/* ---- generic noise ---------------------------------------------------- */

TEST(plan_gb18030)
{
	struct plan_doc a, b;
	struct err e = { 0 };
	size_t len, inleft, outleft, cap;
	char *buf = read_plan("2024-national-plan.txt", &len), *gb, *in, *out;
	iconv_t cd = iconv_open("GB18030", "UTF-8");

	CHECK(buf != NULL);
	CHECK(cd != (iconv_t)-1);
	if (!buf || cd == (iconv_t)-1) {
		free(buf);
		return;
	}
	cap = len * 2;
	gb = xmalloc(cap);
	in = buf;
	out = gb;
	inleft = len;
	outleft = cap;
	CHECK(iconv(cd, &in, &inleft, &out, &outleft) != (size_t)-1);
	iconv_close(cd);
	CHECK_INT(plan_parse(buf, len, "utf8.txt", ENC_AUTO, &a, &e), 0);
	CHECK_INT(plan_parse(gb, cap - outleft, "gb.txt", ENC_AUTO, &b, &e), 0);
	CHECK_INT(b.encoding, ENC_GB18030);
	CHECK_INT(b.ntasks, 110);
	CHECK_INT(b.nsections, 13);
	CHECK_INT(b.nchapters, 7);
	CHECK_STR(b.title, "2024年知识产权强国建设推进计划");
	CHECK(same_tasks(&a, &b));
	CHECK(has_warning(&b, "GB18030"));
	plan_doc_release(&b);
	/* forced encoding works too */
	CHECK_INT(plan_parse(gb, cap - outleft, "gb.txt", ENC_GB18030, &b, &e), 0);
	CHECK(same_tasks(&a, &b));
	plan_doc_release(&b);
	plan_doc_release(&a);
	free(gb);
	free(buf);
}

TEST(plan_bom_crlf)
{
	struct plan_doc a, b;
	struct err e = { 0 };
	struct strbuf sb = STRBUF_INIT;
	size_t len, i;
	char *buf = read_plan("2020-national-plan-notice-ocr.txt", &len);

	if (!buf) {
		CHECK(buf != NULL);
		return;
	}
	sb_add(&sb, "\xEF\xBB\xBF", 3);
	for (i = 0; i < len; i++) {
		if (buf[i] == '\n')
			sb_addc(&sb, '\r');
		sb_addc(&sb, buf[i]);
	}
	CHECK_INT(plan_parse(buf, len, "lf.txt", ENC_AUTO, &a, &e), 0);
	CHECK_INT(plan_parse(sb.buf, sb.len, "crlf.txt", ENC_AUTO, &b, &e), 0);
	CHECK_INT(b.encoding, ENC_UTF8);
	CHECK_INT(b.ntasks, 100);
	CHECK(same_tasks(&a, &b));
	CHECK_STR(b.title, a.title);
	CHECK_INT(b.nwarnings, a.nwarnings);
	plan_doc_release(&a);
	plan_doc_release(&b);
	sb_release(&sb);
	free(buf);
}

/* Half-width marks, page numbers between a task's lines, a running head. */
static const char synthetic[] =
	"附件\n"
	"\n"
	"2023年测试推进计划\n"
	"\n"
	"一、总体要求\n"
	"(一)第一节\n"
	"1．推进甲项工作，\n"
	"- 3 -\n"
	"完成乙项任务。(国家知识产权局负责)\n"
	"测试推进计划 页眉\n"
	"2. 推进丙项\n"
	"12\n"
	"\n"
	"工作。（科技部、\n"
	"第 4 页\n"
	"财政部负责）\n"
	"测试推进计划 页眉\n"
	"(二) 第二节\n"
	"3、推进 XML 标准\n"
	"建设。(教育部按职责分工负责)\n"
	"— 5 —\n"
	"二、组织保障\n"
	"5.编制年度报告。（联席会议办公室负责）\n"
	"测试推进计划 页眉\n"
	"6.推进丁项工作。\n"
	"7.推进戊项工作。(司法部牵头，公安部等部门负责)\n";

TEST(plan_synthetic_noise)
{
	struct plan_doc d;
	struct err e = { 0 };

	CHECK_INT(plan_parse(synthetic, strlen(synthetic), "syn.txt", ENC_AUTO, &d, &e), 0);
	CHECK_INT(d.kind, PLAN_ANNUAL);
	CHECK_STR(d.title, "2023年测试推进计划");
	CHECK_INT(d.year, 2023);
	CHECK_INT(d.nchapters, 2);
	CHECK_INT(d.nsections, 2);
	CHECK_INT(d.ntasks, 6);
	if (d.nsections == 2) {
		CHECK_STR(d.sections[0].title, "第一节");
		CHECK_STR(d.sections[1].title, "第二节");
	}
	CHECK_STR(text(task(&d, "1")), "推进甲项工作，完成乙项任务。");
	CHECK_STR(depts(task(&d, "1")), "国家知识产权局");
	CHECK_STR(text(task(&d, "2")), "推进丙项工作。");
	CHECK_STR(depts(task(&d, "2")), "科技部|财政部");
	CHECK_STR(text(task(&d, "3")), "推进 XML 标准建设。");
	CHECK_STR(depts(task(&d, "3")), "教育部");
	CHECK_STR(depts(task(&d, "5")), "联席会议办公室");
	CHECK_INT(task(&d, "5") ? task(&d, "5")->section : -9, -1);
	/* task 6 has no list but the next task follows: a warning, not an error */
	CHECK_INT(task(&d, "6") ? (int)task(&d, "6")->ndepts : -1, 0);
	CHECK(has_warning(&d, "task 6 has no department list"));
	CHECK_STR(depts(task(&d, "7")), "司法部|公安部");
	CHECK_INT(task(&d, "7") ? task(&d, "7")->lead_explicit : -1, 1);
	CHECK(has_warning(&d, "task 4 is missing"));
	CHECK(has_warning(&d, "page number '- 3 -'"));
	CHECK(has_warning(&d, "page number '12'"));
	CHECK(has_warning(&d, "page number '第4页'"));
	CHECK(has_warning(&d, "page number '—5—'"));
	CHECK(has_warning(&d, "running head"));
	CHECK(!doc_contains(&d, "页眉"));
	plan_doc_release(&d);
}

TEST(plan_refusals)
{
	static const char nul[] = "一、总则\n1. 推进\0工作。（科技部负责）\n";
	static const char nostruct[] = "这是一段普通的文字。\n它没有任何章节，也没有编号的任务。\n";
	struct strbuf sb = STRBUF_INIT;
	const char *msg;
	size_t len, i;
	char *buf = read_plan("2024-national-plan.txt", &len), *p;
	uint32_t x = 12345;
	char rnd[4096];

	msg = refused("", 0, ENC_AUTO);
	CHECK(strstr(msg, "empty") != NULL);
	msg = refused(" \n\t\r\n　\n", strlen(" \n\t\r\n　\n"), ENC_AUTO);
	CHECK(strstr(msg, "whitespace") != NULL);
	msg = refused(nul, sizeof nul - 1, ENC_AUTO);
	CHECK(strstr(msg, "binary") != NULL);
	CHECK(strstr(msg, "line 2") != NULL);
	msg = refused(nostruct, strlen(nostruct), ENC_AUTO);
	CHECK(strstr(msg, "no plan structure") != NULL);
	for (i = 0; i < sizeof rnd; i++) {
		x = x * 1103515245u + 12345u;
		rnd[i] = (char)(1 + (x >> 16) % 255);
	}
	refused(rnd, sizeof rnd, ENC_AUTO);
	/* the length is checked before a single byte is read */
	msg = refused(nostruct, (size_t)PLAN_MAX_BYTES + 1, ENC_AUTO);
	CHECK(strstr(msg, "limit") != NULL);
	if (!buf) {
		CHECK(buf != NULL);
		return;
	}
	/* a stray 0xFF at the start of line 100 of a UTF-8 file */
	for (i = 0, p = buf; i < 99; i++)
		p = strchr(p, '\n') + 1;
	sb_add(&sb, buf, (size_t)(p - buf));
	sb_addc(&sb, (char)0xFF);
	sb_add(&sb, p, len - (size_t)(p - buf));
	msg = refused(sb.buf, sb.len, ENC_AUTO);
	CHECK(strstr(msg, "line 100") != NULL);
	CHECK(strstr(msg, "UTF-8") != NULL);
	msg = refused(sb.buf, sb.len, ENC_UTF8);
	CHECK(strstr(msg, "line 100") != NULL);
	/* truncated in the middle of task 57 (line 151) */
	p = strstr(buf, "57. ");
	CHECK(p != NULL);
	if (p) {
		p = strstr(p, "代理质量监测");
		msg = refused(buf, (size_t)(p - buf) + strlen("代理质量监测"), ENC_AUTO);
		CHECK(strstr(msg, "task 57") != NULL);
		CHECK(strstr(msg, "line 151") != NULL);
		CHECK(strstr(msg, "truncated") != NULL);
	}
	sb_release(&sb);
	free(buf);
}

TEST(plan_release_zeroed)
{
	struct plan_doc d;

	memset(&d, 0, sizeof d);
	plan_doc_release(&d);
	CHECK(doc_is_zero(&d));
}

int main(void)
{
	RUN(plan_2024_structure);
	RUN(plan_2024_tasks);
	RUN(plan_2025_traditional_pinyin);
	RUN(plan_2020_ocr);
	RUN(plan_fyp14);
	RUN(plan_summary);
	RUN(plan_gb18030);
	RUN(plan_bom_crlf);
	RUN(plan_synthetic_noise);
	RUN(plan_refusals);
	RUN(plan_release_zeroed);
	TEST_END();
}
