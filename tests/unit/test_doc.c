/* Unit tests for the document readers (src/doc*.c, src/xlsx.c): the format
 * found from the bytes, what each reader keeps and leaves out, and every
 * refusal of the bad-input catalogue's files. Fixtures: tests/fixtures/formats
 * (made by its make.sh), tests/bad/files, and the gov.cn example page. */
#include "src/doc.h"
#include "src/util.h"
#include "src/xlsx.h"
#include "tests/unit/test.h"

static char *slurp(const char *rel, size_t *len)
{
	const char *root = getenv("DUBAN_SRC");
	struct strbuf path = STRBUF_INIT;
	struct err e = { 0, "" };
	char *buf = NULL;

	sb_addf(&path, "%s/%s", root && *root ? root : ".", rel);
	if (util_read_file(path.buf, DOC_MAX_BYTES, &buf, len, &e)) {
		printf("  cannot read %s: %s\n", path.buf, e.msg);
		buf = NULL;
		*len = 0;
	}
	sb_release(&path);
	return buf;
}

/* Read fixture REL; 0 on success, else the refusal in E. */
static int read_doc(const char *rel, struct doc *d, enum doc_format *fmt, struct err *e)
{
	size_t len;
	char *buf = slurp(rel, &len);
	int rc;

	memset(d, 0, sizeof *d);
	err_clear(e);
	if (!buf)
		return -1;
	rc = doc_sniff(buf, len, rel, fmt, e);
	if (!rc && *fmt != DOC_TEXT)
		rc = doc_read(buf, len, rel, *fmt, d, e);
	free(buf);
	return rc;
}

static char *text_of(const struct doc *d)
{
	struct strbuf sb = STRBUF_INIT;

	doc_to_text(d, &sb);
	return sb_detach(&sb);
}

TEST(doc_sniff_formats)
{
	static const struct { const char *file; enum doc_format fmt; } cases[] = {
		{ "data/plans/2024-national-plan.txt", DOC_TEXT },
		{ "tests/fixtures/formats/2024-national-plan.docx", DOC_DOCX },
		{ "tests/fixtures/formats/2024-national-plan.pdf", DOC_PDF },
		{ "tests/fixtures/formats/2024-national-plan.html", DOC_HTML },
		{ "tests/fixtures/formats/tasks.xlsx", DOC_XLSX },
		{ "tests/bad/files/checklist-zhongxuanbu-2024Q3.csv", DOC_CSV },
	};
	struct err e = { 0, "" };
	size_t i, len;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *buf = slurp(cases[i].file, &len);
		enum doc_format f = (enum doc_format)-1;
		CHECK(buf != NULL);
		CHECK_INT(doc_sniff(buf, len, cases[i].file, &f, &e), 0);
		if (f != cases[i].fmt)
			printf("  %s\n", cases[i].file);
		CHECK_INT(f, cases[i].fmt);
		free(buf);
	}
}

TEST(doc_html_govcn)
{
	struct doc d;
	struct err e;
	enum doc_format f;
	char *t;

	CHECK_INT(read_doc("tests/family/guobanfa-2018-128.html", &d, &f, &e), 0);
	CHECK_INT(f, DOC_HTML);
	CHECK_STR(d.title, "国务院办公厅关于印发“无废城市”建设试点工作方案的通知");
	CHECK_STR(d.docno, "国办发〔2018〕128号");
	CHECK_STR(d.date, "2018-12-29");
	t = text_of(&d);
	/* the metadata table is no body text; the body's paragraphs are lines */
	CHECK(!strstr(t, "索 引 号"));
	CHECK(strstr(t, "\n二、主要任务\n") != NULL);
	CHECK(strstr(t, "（生态环境部牵头，国家发展改革委、工业和信息化部、住房城乡建设部、农业农村部、国家统计局参与）\n优化固体废物") != NULL);
	free(t);
	doc_release(&d);
}

TEST(doc_docx_numbering)
{
	struct doc d;
	struct err e;
	enum doc_format f;
	char *t;

	CHECK_INT(read_doc("tests/fixtures/formats/numbered.docx", &d, &f, &e), 0);
	t = text_of(&d);
	CHECK(strstr(t, "一、完善制度\n（一）完善法规\n1.推进甲项工作。（科技部负责）\n") != NULL);
	/* the hidden run and the deleted revision are not read; the insertion is */
	CHECK(strstr(t, "2.推进乙项工作，完成丙项。（教育部、财政部负责）\n") != NULL);
	CHECK(!strstr(t, "隐藏"));
	CHECK(!strstr(t, "删掉"));
	/* numbered through its style; numbering goes on across chapters (lvlRestart 0) */
	CHECK(strstr(t, "3.推进丁项工作。") != NULL);
	CHECK(strstr(t, "二、加强保护\n4.推进戊项工作。") != NULL);
	CHECK(d.nblocks > 0 && d.blocks[0].level == 1);
	free(t);
	doc_release(&d);
}

TEST(doc_docx_table)
{
	struct doc d;
	struct err e;
	enum doc_format f;
	size_t i, rows = 0;

	CHECK_INT(read_doc("tests/fixtures/formats/table.docx", &d, &f, &e), 0);
	for (i = 0; i < d.nblocks; i++) {
		const struct doc_block *b = &d.blocks[i];
		if (b->kind != DOC_ROW)
			continue;
		rows++;
		CHECK_INT(b->ncells, 4);
		if (rows == 4 && b->ncells == 4) {
			/* the lead merged down from the row above */
			CHECK_STR(b->cells[1], "推进乙项工作。");
			CHECK_STR(b->cells[2], "科技部");
			CHECK_STR(b->cells[3], "财政部、司法部");
		}
		if (rows == 2 && b->ncells == 4) {
			CHECK_STR(b->cells[0], "一、完善制度");
			CHECK_STR(b->cells[1], "");
		}
	}
	CHECK_INT(rows, 6);
	doc_release(&d);
}

TEST(doc_xlsx_cells)
{
	struct xlsx_book b;
	struct err e = { 0, "" };
	size_t len;
	char *buf = slurp("tests/fixtures/formats/tasks.xlsx", &len);
	const struct xlsx_sheet *s;

	CHECK(buf != NULL);
	if (!buf)
		return;
	CHECK_INT(xlsx_read(buf, len, "tasks.xlsx", &b, &e), 0);
	CHECK_INT(b.nsheets, 2);
	if (b.nsheets == 2) {
		s = &b.sheets[0];
		CHECK_STR(s->name, "任务");
		CHECK_INT(b.sheets[1].hidden, 1);
		CHECK(xlsx_col_is_hidden(s, 5));
		CHECK(!xlsx_col_is_hidden(s, 4));
		CHECK_INT(s->nrows, 7);
		if (s->nrows == 7) {
			CHECK_STR(xlsx_cell_text(&s->rows[0], 0), "2032年测试推进计划任务分工表");
			CHECK_INT(s->rows[1].row, 3);
			CHECK_STR(xlsx_cell_text(&s->rows[3], 0), "1");           /* a number */
			CHECK_STR(xlsx_cell_text(&s->rows[3], 4), "2030-12-31");  /* built-in date format */
			CHECK_STR(xlsx_cell_text(&s->rows[4], 0), "2");           /* a formula's value */
			CHECK_STR(xlsx_cell_text(&s->rows[4], 1), "推进乙项工作。"); /* rich text, no phonetic */
			CHECK_STR(xlsx_cell_text(&s->rows[4], 2), "科技部");      /* merged down */
			CHECK_STR(xlsx_cell_text(&s->rows[4], 3), "教育部");      /* inline string */
			CHECK_STR(xlsx_cell_text(&s->rows[4], 4), "2031-01-31");  /* custom date format */
			CHECK_STR(xlsx_cell_text(&s->rows[2], 1), "");            /* merged across: empty */
			CHECK_STR(xlsx_cell_text(&s->rows[6], 4), "TRUE");
			CHECK_STR(xlsx_cell_text(&s->rows[3], 5), "不要读出的备注");
		}
	}
	xlsx_book_release(&b);
	free(buf);
	{
		char out[16];
		CHECK_INT(xlsx_serial_date(45657, out, sizeof out), 0);
		CHECK_STR(out, "2024-12-31");
		CHECK_INT(xlsx_serial_date(59, out, sizeof out), 0);
		CHECK_STR(out, "1900-02-28");
		CHECK_INT(xlsx_serial_date(61, out, sizeof out), 0);
		CHECK_STR(out, "1900-03-01");
		CHECK_INT(xlsx_ref_col("AB12", NULL), 27);
	}
}

TEST(doc_pdf_text)
{
	struct doc d;
	struct err e;
	enum doc_format f;
	char *t;

	CHECK_INT(read_doc("tests/fixtures/formats/2024-national-plan.pdf", &d, &f, &e), 0);
	t = text_of(&d);
	CHECK(strstr(t, "一、完善知识产权制度\n") != NULL);
	CHECK(strstr(t, "（生态\n环境部负责)") != NULL);
	free(t);
	doc_release(&d);
}

TEST(doc_refusals)
{
	static const struct { const char *file; const char *msg; } cases[] = {
		{ "tests/bad/files/scanned.pdf", "no text layer" },
		{ "tests/bad/files/encrypted.pdf", "encrypted" },
		{ "tests/bad/files/corrupt.docx", "damaged" },
		{ "tests/bad/files/bomb.docx", "zip bomb" },
		{ "tests/bad/files/lying.docx", "more than the 1000 bytes it declares" },
		{ "tests/bad/files/nobody.html", "no body" },
		{ "tests/bad/files/old.doc", "save it as .docx" },
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct doc d;
		struct err e;
		enum doc_format f;
		int rc = read_doc(cases[i].file, &d, &f, &e);
		CHECK_INT(rc, -ERR_INPUT);
		if (!strstr(e.msg, cases[i].msg) || !strstr(e.msg, cases[i].file))
			printf("  %s: %s\n", cases[i].file, e.msg);
		CHECK(strstr(e.msg, cases[i].msg) != NULL);
		CHECK(strstr(e.msg, cases[i].file) != NULL);
		CHECK_INT(d.nblocks, 0);
		doc_release(&d);
	}
}

TEST(doc_dates)
{
	char *s;

	s = doc_date_iso("2018年12月29日");
	CHECK_STR(s, "2018-12-29");
	free(s);
	s = doc_date_iso("发布日期：2019-01-21 10:00");
	CHECK_STR(s, "2019-01-21");
	free(s);
	s = doc_date_iso("二○○八年十一月二十三日");
	CHECK_STR(s, "2008-11-23");
	free(s);
	s = doc_date_iso("第12号");
	CHECK(s == NULL);
	free(s);
}

int main(void)
{
	RUN(doc_sniff_formats);
	RUN(doc_html_govcn);
	RUN(doc_docx_numbering);
	RUN(doc_docx_table);
	RUN(doc_xlsx_cells);
	RUN(doc_pdf_text);
	RUN(doc_refusals);
	RUN(doc_dates);
	TEST_END();
}
