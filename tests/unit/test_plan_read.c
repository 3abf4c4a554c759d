/* Unit tests for plan_read: the seed plans come out the same from .docx,
 * .pdf and saved .html (made from them by LibreOffice, tests/fixtures/formats)
 * as from their text; Word numbering, task tables in Word and Excel; and the
 * refusals that belong to formats. */
#include "src/plan_read.h"
#include "src/util.h"
#include "tests/unit/test.h"

static int read_plan(const char *rel, struct plan_doc *d, struct err *e)
{
	const char *root = getenv("DUBAN_SRC");
	struct strbuf path = STRBUF_INIT;
	char *buf = NULL;
	size_t len;
	int rc;

	memset(d, 0, sizeof *d);
	err_clear(e);
	sb_addf(&path, "%s/%s", root && *root ? root : ".", rel);
	rc = util_read_file(path.buf, DOC_MAX_BYTES, &buf, &len, e);
	if (!rc)
		rc = plan_read(buf, len, rel, ENC_AUTO, d, NULL, e);
	if (rc && e->code != ERR_INPUT)
		printf("  %s: %s\n", rel, e->msg);
	free(buf);
	sb_release(&path);
	return rc;
}

/* S without its spaces: a PDF puts a space where a font changes (中心 TISC),
 * the text did not, or the other way round. */
static char *nospace(const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	for (; *s; s++)
		if (*s != ' ')
			sb_addc(&sb, *s);
	return sb.buf ? sb_detach(&sb) : xstrdup("");
}

/* Tasks of A and B the same (labels, places, departments, text but spaces). */
static size_t same_tasks(const struct plan_doc *a, const struct plan_doc *b, const char *what)
{
	size_t i, j, same = 0;

	for (i = 0; i < a->ntasks && i < b->ntasks; i++) {
		const struct plan_task *x = &a->tasks[i], *y = &b->tasks[i];
		char *tx = nospace(x->text), *ty = nospace(y->text);
		int ok = !strcmp(x->label, y->label) && !strcmp(tx, ty) && x->ndepts == y->ndepts &&
			 x->chapter == y->chapter && x->section == y->section;
		for (j = 0; ok && j < x->ndepts; j++)
			ok = !strcmp(x->depts[j], y->depts[j]);
		if (ok)
			same++;
		else
			printf("  %s: task %s differs\n", what, x->label);
		free(tx);
		free(ty);
	}
	return same;
}

TEST(read_seeds_every_format)
{
	static const char *const seeds[] = { "2020-national-plan-notice-ocr", "2024-national-plan",
					     "2025-national-plan-article-traditional",
					     "fyp14-protection-and-use-excerpt" };
	static const char *const formats[] = { "docx", "pdf", "html" };
	size_t i, f, annual[3] = { 0, 0, 0 }, total_text = 0;

	for (i = 0; i < sizeof seeds / sizeof seeds[0]; i++) {
		struct plan_doc t;
		struct err e;
		struct strbuf p = STRBUF_INIT;
		sb_addf(&p, "data/plans/%s.txt", seeds[i]);
		CHECK_INT(read_plan(p.buf, &t, &e), 0);
		if (t.kind == PLAN_ANNUAL)
			total_text += t.ntasks;
		for (f = 0; f < 3; f++) {
			struct plan_doc d;
			sb_reset(&p);
			sb_addf(&p, "tests/fixtures/formats/%s.%s", seeds[i], formats[f]);
			CHECK_INT(read_plan(p.buf, &d, &e), 0);
			CHECK_INT(d.ntasks, t.ntasks);
			CHECK_INT(d.nchapters, t.nchapters);
			CHECK_INT(d.nsections, t.nsections);
			CHECK_STR(d.title, t.title);
			CHECK_STR(d.key, t.key);
			CHECK_INT(d.year, t.year);
			CHECK_INT(d.kind, t.kind);
			if (d.kind == PLAN_ANNUAL)
				annual[f] += same_tasks(&t, &d, p.buf);
			else
				CHECK_INT(same_tasks(&t, &d, p.buf), t.ntasks);
			plan_doc_release(&d);
		}
		plan_doc_release(&t);
		sb_release(&p);
	}
	/* 2020, 2024, 2025: 100 + 110 + 118 */
	CHECK_INT(total_text, 328);
	for (f = 0; f < 3; f++)
		CHECK_INT(annual[f], 328);
}

TEST(read_word_numbering)
{
	struct plan_doc d;
	struct err e;

	CHECK_INT(read_plan("tests/fixtures/formats/numbered.docx", &d, &e), 0);
	CHECK_STR(d.title, "2030年测试推进计划");
	CHECK_INT(d.kind, PLAN_ANNUAL);
	CHECK_INT(d.ntasks, 4);
	CHECK_INT(d.nchapters, 2);
	CHECK_INT(d.nsections, 2);
	if (d.ntasks == 4) {
		CHECK_STR(d.tasks[1].label, "2");
		CHECK_STR(d.tasks[1].text, "推进乙项工作，完成丙项。");
		CHECK_INT(d.tasks[1].ndepts, 2);
		CHECK_STR(d.tasks[2].depts[0], "司法部");
		CHECK_INT(d.tasks[2].lead_explicit, 1);
		CHECK_STR(d.tasks[3].label, "4");
		CHECK_INT(d.tasks[3].chapter, 1);
	}
	plan_doc_release(&d);
}

TEST(read_task_tables)
{
	struct plan_doc d;
	struct err e;

	CHECK_INT(read_plan("tests/fixtures/formats/table.docx", &d, &e), 0);
	CHECK_STR(d.title, "2031年测试任务分工方案");
	CHECK_INT(d.kind, PLAN_TASK_DIVISION);
	CHECK_STR(d.key, "2031d");
	CHECK_INT(d.ntasks, 3);
	CHECK_INT(d.nchapters, 2);
	if (d.ntasks == 3) {
		/* the lead cell merged down two rows leads both */
		CHECK_STR(d.tasks[1].depts[0], "科技部");
		CHECK_INT(d.tasks[1].ndepts, 3);
		CHECK_STR(d.tasks[1].depts[2], "司法部");
		CHECK_INT(d.tasks[2].chapter, 1);
		CHECK_INT(d.tasks[2].ndepts, 1);
	}
	plan_doc_release(&d);

	CHECK_INT(read_plan("tests/fixtures/formats/tasks.xlsx", &d, &e), 0);
	/* "…任务分工表" is the table's name, not the plan's */
	CHECK_STR(d.title, "2032年测试推进计划");
	CHECK_INT(d.kind, PLAN_ANNUAL);
	CHECK_STR(d.key, "2032");
	CHECK_INT(d.ntasks, 3);
	if (d.ntasks == 3) {
		CHECK_STR(d.tasks[0].depts[0], "科技部");
		CHECK_INT(d.tasks[0].ndepts, 3);
		CHECK_STR(d.tasks[1].text, "推进乙项工作。");
		CHECK_STR(d.tasks[1].depts[0], "科技部");
		CHECK_STR(d.tasks[2].label, "3");
		CHECK_INT(d.tasks[2].chapter, 1);
	}
	plan_doc_release(&d);
}

TEST(read_refusals)
{
	struct plan_doc d;
	struct err e;

	CHECK_INT(read_plan("tests/bad/files/notask.xlsx", &d, &e), -ERR_INPUT);
	CHECK(strstr(e.msg, "no task column") != NULL);
	CHECK(strstr(e.msg, "'姓名'") != NULL);
	CHECK_INT(read_plan("tests/bad/files/old.doc", &d, &e), -ERR_INPUT);
	CHECK(strstr(e.msg, ".docx") != NULL);
	CHECK_INT(d.ntasks, 0);
}

int main(void)
{
	RUN(read_seeds_every_format);
	RUN(read_word_numbering);
	RUN(read_task_tables);
	RUN(read_refusals);
	TEST_END();
}
