/* The operations both faces call (src/resolve, note, editor, evidence,
 * record, rollup), against a temporary database holding the 2024 plan. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "src/editor.h"
#include "src/evidence.h"
#include "src/import.h"
#include "src/note.h"
#include "src/record.h"
#include "src/resolve.h"
#include "src/rollup.h"
#include "src/search.h"
#include "src/util.h"
#include "store/store.h"
#include "tests/unit/fixture.h"
#include "tests/unit/test.h"

static char dir[] = "/tmp/duban-ops-XXXXXX";
static struct store *s;

static int open_db(void)
{
	struct strbuf path = STRBUF_INIT;
	sb_addf(&path, "%s/t.db", dir);
	s = fixture_plan_db(sb_str(&path));
	sb_release(&path);
	return s == NULL;
}

TEST(resolve_dept_spellings)
{
	struct err e = { 0, "" };
	char *d = NULL;
	CHECK_INT(resolve_dept(s, "中央宣傳部", &d, &e), 0);
	CHECK_STR(d, "中央宣传部");
	free(d);
	d = NULL;
	CHECK_INT(resolve_dept(s, "知识产权局", &d, &e), 0);
	CHECK_STR(d, "国家知识产权局");
	free(d);
	d = NULL;
	CHECK_INT(resolve_dept(s, "国家知识产权", &d, &e), -ERR_NOTFOUND);
	CHECK(strstr(e.msg, "did you mean 国家知识产权局") != NULL);
	/* worded for both faces: no command-line advice */
	CHECK(strstr(e.msg, "unknown department '国家知识产权'") != NULL);
	CHECK(strstr(e.msg, "duban") == NULL);
}

TEST(resolve_task_forms)
{
	struct err e = { 0, "" };
	struct task_row t;
	CHECK_INT(resolve_task(s, "2024-105", NULL, &t, &e), 0);
	CHECK_STR(t.id, "2024-105");
	store_task_row_release(&t);
	CHECK_INT(resolve_task(s, " :２０２４－１０５ ", NULL, &t, &e), 0);
	CHECK_STR(t.id, "2024-105");
	CHECK_STR(t.plan, "2024");
	store_task_row_release(&t);
	CHECK_INT(resolve_task(s, "105", "2024", &t, &e), 0);
	CHECK_STR(t.label, "105");
	store_task_row_release(&t);
	CHECK_INT(resolve_task(s, "999", "2024", &t, &e), -ERR_NOTFOUND);
	CHECK(strstr(e.msg, "no task '999' in plan 2024") != NULL);
	CHECK_INT(resolve_task(s, "105", NULL, &t, &e), -ERR_NOTFOUND);
	CHECK_INT(resolve_task(s, "  ", "2024", &t, &e), -ERR_NOTFOUND);
}

TEST(note_prepare_rules)
{
	struct err e = { 0, "" };
	char ok[] = "已形成草案 \t\r\n\n";
	char bad[] = "\xff\xfe";
	char blank[] = " \n\t";
	char nul[] = "a\0b";
	CHECK_INT(note_prepare(ok, strlen(ok), ST_IN_PROGRESS, &e), 0);
	CHECK_STR(ok, "已形成草案");
	CHECK_INT(note_prepare(bad, 2, -1, &e), -ERR_INPUT);
	CHECK(strstr(e.msg, "UTF-8") != NULL);
	CHECK_INT(note_prepare(blank, strlen(blank), ST_BEHIND, &e), -ERR_USAGE);
	CHECK(strstr(e.msg, "behind needs a note") != NULL);
	CHECK_INT(note_prepare(blank, 0, ST_DONE, &e), 0);
	CHECK_INT(note_prepare(nul, 3, -1, &e), -ERR_INPUT);
	CHECK(strstr(e.msg, "NUL") != NULL);
}

TEST(note_read_limits)
{
	struct err e = { 0, "" };
	struct strbuf p = STRBUF_INIT;
	char *note = NULL;
	FILE *f;
	sb_addf(&p, "%s/big.txt", dir);
	f = fopen(sb_str(&p), "w");
	for (int i = 0; i < NOTE_MAX / 3 + 1; i++)
		fputs("进", f);          /* 3 bytes each: one more than fits */
	fclose(f);
	CHECK_INT(note_read(sb_str(&p), &note, &e), -ERR_INPUT);
	CHECK(strstr(e.msg, "big.txt") != NULL);
	CHECK(note == NULL);
	/* the same through standard input: refused whole, never cut */
	CHECK(freopen(sb_str(&p), "r", stdin) != NULL);
	CHECK_INT(note_read("-", &note, &e), -ERR_INPUT);
	CHECK(strstr(e.msg, "standard input") != NULL);
	f = fopen(sb_str(&p), "w");
	fputs("一行\n", f);
	fclose(f);
	CHECK(freopen(sb_str(&p), "r", stdin) != NULL);
	CHECK_INT(note_read("-", &note, &e), 0);
	CHECK_STR(note, "一行\n");
	free(note);
	sb_release(&p);
}

TEST(editor_failure_keeps_text)
{
	struct err e = { 0, "" };
	struct strbuf ed = STRBUF_INIT;
	char *text = NULL, *kept;
	setenv("TMPDIR", dir, 1);
	unsetenv("VISUAL");
	/* an editor that appends a line and succeeds */
	sb_addf(&ed, "sh -c 'printf \"二行\\n\" >>\"$1\"' sh");
	setenv("EDITOR", sb_str(&ed), 1);
	CHECK_INT(editor_run("一行\n", &text, &e), 0);
	CHECK_STR(text, "一行\n二行");
	free(text);
	/* one that writes, then fails: the file stays and is named */
	sb_reset(&ed);
	sb_addf(&ed, "sh -c 'printf 写了 >>\"$1\"; exit 3' sh");
	setenv("EDITOR", sb_str(&ed), 1);
	CHECK_INT(editor_run(NULL, &text, &e), -ERR_IO);
	CHECK(text == NULL);
	kept = strstr(e.msg, "kept in '");
	CHECK(kept != NULL);
	if (kept) {
		char *path = xstrdup(kept + 9), *buf = NULL;
		size_t len;
		*strchr(path, '\'') = '\0';
		CHECK_INT(util_read_file(path, 100, &buf, &len, &e), 0);
		CHECK_STR(buf, "写了");
		unlink(path);
		free(buf);
		free(path);
	}
	sb_release(&ed);
	unsetenv("EDITOR");
}

TEST(evidence_guess_kinds)
{
	CHECK_INT(evidence_guess("https://www.cnipa.gov.cn/a.html"), EV_URL);
	CHECK_INT(evidence_guess("国知发保字〔2024〕3号"), EV_DOCNO);
	CHECK_INT(evidence_guess("/home/li/报告终稿.docx"), EV_FILE);
	CHECK_INT(evidence_guess("~/报告.pdf"), EV_FILE);
	CHECK_INT(evidence_guess("报告终稿.docx"), EV_FILE);
	CHECK_INT(evidence_guess("./a"), EV_FILE);
}

TEST(evidence_missing_file_is_no_docno)
{
	struct err e = { 0, "" };
	struct evidence_add ea;
	struct evidence_info *v = NULL;
	size_t n = 0;
	char id[33], *title = NULL;
	memset(&ea, 0, sizeof ea);
	ea.task = "2024-2";
	ea.dept = "中央宣传部";
	ea.kind = evidence_guess("/nonexistent/报告终稿.docx");
	ea.value = "/nonexistent/报告终稿.docx";
	CHECK_INT(evidence_attach(s, "office", &ea, id, &title, &e), -ERR_IO);
	CHECK(strstr(e.msg, "报告终稿.docx") != NULL);
	CHECK_INT(store_evidence_list(s, "2024-2", NULL, &v, &n, &e), 0);
	CHECK_INT(n, 0);
	store_evidence_list_free(v, n);
	/* a 文号 with no title gets the number as its title */
	ea.kind = EV_DOCNO;
	ea.value = "国知发保字〔2024〕3号";
	CHECK_INT(evidence_attach(s, "office", &ea, id, &title, &e), 0);
	CHECK_STR(title, "国知发保字〔2024〕3号");
	free(title);
	CHECK_INT(store_evidence_list(s, "2024-2", NULL, &v, &n, &e), 0);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_INT(v[0].kind, EV_DOCNO);
		CHECK_STR(v[0].value, "国知发保字〔2024〕3号");
	}
	store_evidence_list_free(v, n);
}

TEST(record_behind_and_close_off)
{
	struct err e = { 0, "" };
	struct record_req r;
	struct record_result res;
	struct progress_rec latest;
	memset(&r, 0, sizeof r);
	r.task = "2024-1";
	r.dept = "国家知识产权局";
	r.period = "2024Q3";
	r.status = ST_BEHIND;
	r.note = "  \n";
	CHECK_INT(record_progress(s, "office", &r, &res, &e), -ERR_USAGE);
	CHECK_INT(store_progress_latest(s, "2024-1", "国家知识产权局", &latest, &e), -ERR_NOTFOUND);
	r.status = ST_DONE;
	r.note = "已完成 \n";
	CHECK_INT(record_progress(s, "office", &r, &res, &e), 0);
	CHECK_INT(res.close_off, 1);
	CHECK_STR(res.period, "2024Q3");
	CHECK_INT(store_progress_latest(s, "2024-1", "国家知识产权局", &latest, &e), 0);
	CHECK_STR(latest.note, "已完成");
	CHECK_STR(latest.id, res.id);
	store_progress_rec_release(&latest);
	record_result_release(&res);
}

TEST(rollup_tree_walk)
{
	struct outline_chapter ch[] = { { 1, (char *)"一" }, { 2, (char *)"二" } };
	struct outline_section sec[] = { { 1, 1, (char *)"甲" }, { 1, 2, (char *)"乙" } };
	struct rollup_tree t;
	const struct rollup_node *n;
	rollup_tree_init(&t, ch, 2, sec, 2);
	CHECK_INT(t.n, 4);
	rollup_tree_add(&t, 1, 1, ST_DONE, 0, REVIEW_APPROVED);
	rollup_tree_add(&t, 1, 2, ST_DONE, 0, REVIEW_PENDING);
	rollup_tree_add(&t, 1, 2, ST_BEHIND, 0, REVIEW_NONE);
	rollup_tree_add(&t, 2, 0, ST_IN_PROGRESS, 1, REVIEW_NONE);
	rollup_tree_add(&t, 9, 0, ST_DONE, 0, REVIEW_RETURNED);   /* no such chapter: plan only */
	CHECK_INT(t.plan.total, 5);
	CHECK_INT(t.plan.done, 1);
	CHECK_INT(t.plan.returned, 1);
	CHECK_INT(t.plan.silent, 1);
	n = rollup_tree_node(&t, 1, 0);
	CHECK(n && n->r.total == 3 && n->r.pending == 1 && n->r.behind == 1);
	n = rollup_tree_node(&t, 1, 2);
	CHECK(n && n->r.total == 2 && !strcmp(n->title, "乙"));
	n = rollup_tree_node(&t, 2, 0);
	CHECK(n && n->r.total == 1 && n->r.not_started == 1);
	CHECK(rollup_tree_node(&t, 9, 0) == NULL);
	CHECK(t.nodes[0].chapter == 1 && t.nodes[0].section == 0 && t.nodes[1].section == 1);
	rollup_tree_release(&t);
}

TEST(search_plans_and_notes)
{
	struct err e = { 0, "" };
	struct record_req r;
	struct record_result res;
	struct search *q;
	char *const *ids;
	size_t n;
	/* blank is no search */
	search_begin(s, "  ", &q);
	CHECK(q == NULL);
	/* a note's words find its task, in both the indexed and the scanned way */
	memset(&r, 0, sizeof r);
	r.task = "2024-3";
	r.dept = "市场监管总局";
	r.period = "2024Q3";
	r.status = ST_IN_PROGRESS;
	r.note = "已召开青藤研讨会";
	CHECK_INT(record_progress(s, "office", &r, &res, &e), 0);
	record_result_release(&res);
	search_begin(s, "青藤研討", &q);     /* traditional, 4 characters: the index */
	CHECK(q != NULL);
	if (q) {
		CHECK_STR(search_typed(q), "青藤研討");
		CHECK_INT(search_plan(q, "2024", &ids, &n, &e), 0);
		CHECK_INT(n, 1);
		CHECK(n == 1 && !strcmp(ids[0], "2024-3"));
		CHECK(search_match(q, "2024", "2024-3"));
		CHECK(!search_match(q, "2024", "2024-4"));
		CHECK_INT(search_plan(q, "2099", &ids, &n, &e), 0);
		CHECK_INT(n, 0);
		search_free(q);
	}
	search_begin(s, "青藤", &q);         /* 2 characters: scanned plan by plan */
	CHECK(q != NULL);
	if (q) {
		CHECK(search_match(q, "2024", "2024-3"));
		CHECK(!search_match(q, "2024", "2024-4"));
		search_free(q);
	}
	/* department spellings: 中宣部 finds the tasks 中央宣传部 is on, sorted */
	search_begin(s, "中宣部", &q);
	CHECK(q != NULL);
	if (q) {
		CHECK_INT(search_plan(q, "2024", &ids, &n, &e), 0);
		CHECK(n > 1);
		for (size_t i = 1; i < n; i++)
			CHECK(strcmp(ids[i - 1], ids[i]) < 0);
		search_free(q);
	}
}

int main(void)
{
	if (!mkdtemp(dir) || open_db()) {
		printf("FAIL setup\n");
		return 1;
	}
	RUN(resolve_dept_spellings);
	RUN(resolve_task_forms);
	RUN(note_prepare_rules);
	RUN(note_read_limits);
	RUN(editor_failure_keeps_text);
	RUN(evidence_guess_kinds);
	RUN(evidence_missing_file_is_no_docno);
	RUN(record_behind_and_close_off);
	RUN(rollup_tree_walk);
	RUN(search_plans_and_notes);
	store_close(s);
	fixture_rmdir(dir);
	TEST_END();
}
