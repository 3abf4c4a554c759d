/* The liaison's quarter below the screens (issue 12): a department's own
 * state and what it owes for the reporting period, the review queue, the
 * departments past a due date, one report written whole or not at all,
 * evidence checked, completed and saved, short titles, local time,
 * deadline lights and the locale, against a database holding the 2025 plan. */
#include <locale.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "src/charset.h"
#include "src/evidence.h"
#include "src/import.h"
#include "src/record.h"
#include "src/shorten.h"
#include "src/status.h"
#include "src/util.h"
#include "store/store.h"
#include "tests/unit/fixture.h"
#include "tests/unit/test.h"

static char dir[] = "/tmp/duban-liaison-XXXXXX";
static struct store *s;
static char path[256];

static const char *src_dir(void)
{
	const char *d = getenv("DUBAN_SRC");
	return d ? d : ".";
}

static int import_plan(const struct dept_table *t, const char *file, struct err *e)
{
	struct import_opts o;
	struct strbuf out = STRBUF_INIT, warn = STRBUF_INIT, p = STRBUF_INIT;
	int rc;
	sb_addf(&p, "%s/data/plans/%s", src_dir(), file);
	memset(&o, 0, sizeof o);
	o.who = "office";
	o.depts = t;
	rc = import_file(s, sb_str(&p), &o, &out, &warn, e);
	sb_release(&out);
	sb_release(&warn);
	sb_release(&p);
	return rc;
}

static int open_db(void)
{
	struct err e = { 0, "" };
	struct dept_table t;
	struct strbuf p = STRBUF_INIT;
	int rc = 0;
	snprintf(path, sizeof path, "%s/t.db", dir);
	if (store_open(path, STORE_CREATE, &s, &e))
		return printf("  open: %s\n", e.msg);
	sb_addf(&p, "%s/data/departments.tsv", src_dir());
	if (dept_table_load(sb_str(&p), &t, &e))
		rc = printf("  depts: %s\n", e.msg);
	else {
		if (import_plan(&t, "2025-national-plan-article-traditional.txt", &e))
			rc = printf("  import: %s\n", e.msg);
		dept_table_release(&t);
	}
	sb_release(&p);
	/* users: the office, and li the liaison of 中央宣传部 */
	if (!rc && (store_user_add(s, "office", "office", UROLE_OFFICE, NULL, &e) ||
		    store_user_add(s, "office", "li", UROLE_LIAISON, "中央宣传部", &e)))
		rc = printf("  users: %s\n", e.msg);
	return rc;
}

static void sql(const char *q)
{
	struct strbuf cmd = STRBUF_INIT;
	sb_addf(&cmd, "sqlite3 '%s' \"%s\"", path, q);
	if (system(sb_str(&cmd)) != 0)
		printf("  could not run: %s\n", q);
	sb_release(&cmd);
}

static const struct status_row *row_of(const struct status_row *v, size_t n, const char *task)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i].task, task))
			return &v[i];
	return NULL;
}

static int record(const char *who, const char *task, const char *dept, enum status st, const char *note)
{
	struct record_req r;
	struct record_result out;
	struct err e = { 0, "" };
	int rc;
	memset(&r, 0, sizeof r);
	r.task = task;
	r.dept = dept;
	r.status = st;
	r.note = note;
	rc = record_progress(s, who, &r, &out, &e);
	if (rc)
		printf("  record %s: %s\n", task, e.msg);
	record_result_release(&out);
	return rc;
}

/* Before the office opens a period, only plans covering this quarter owe
 * one (the 2025 plan has ended by now, or not: either way it is said). */
TEST(report_period_rules)
{
	struct err e = { 0, "" };
	char period[8], due[11], cur[16];
	period_current(cur, sizeof cur);
	CHECK_INT(store_report_period(s, "2025", period, due, &e), 0);
	CHECK_STR(period, strcmp(cur, "2025Q4") > 0 || strcmp(cur, "2025Q1") < 0 ? "" : cur);
	CHECK_STR(due, "");
	CHECK_INT(store_period_open(s, "office", "2025Q4", "2099-01-10", &e), 0);
	CHECK_INT(store_report_period(s, "2025", period, due, &e), 0);
	CHECK_STR(period, "2025Q4");
	CHECK_STR(due, "2099-01-10");
	CHECK_INT(store_report_period(s, "nosuch", period, due, &e), -ERR_NOTFOUND);
}

/* The department's own state, not the lead's; whether it reported. */
TEST(queue_rows_own_state)
{
	struct err e = { 0, "" };
	struct status_row *v = NULL, *lead = NULL;
	size_t n = 0, nl = 0;
	const struct status_row *r, *l;
	/* 2025-12: 财政部 leads, 中央宣传部 takes part */
	CHECK_INT(record("li", "2025-12", "中央宣传部", ST_IN_PROGRESS, "已形成初稿"), 0);
	CHECK_INT(store_queue_rows(s, "2025", "中央宣传部", &v, &n, &e), 0);
	CHECK_INT(n, 37);
	r = row_of(v, n, "2025-12");
	CHECK(r != NULL);
	if (r) {
		CHECK_INT(r->status, ST_IN_PROGRESS);
		CHECK_INT(r->silent, 0);
		CHECK_INT(r->role, ROLE_PARTICIPANT);
		CHECK_STR(r->period, "2025Q4");
		CHECK_INT(r->reported, 1);
		CHECK_STR(r->lead, "财政部");
	}
	r = row_of(v, n, "2025-2");
	CHECK(r && r->silent && !r->reported && r->role == ROLE_LEAD && !strcmp(r->period, "2025Q4"));
	/* the lead's view of the same task: silent, not reported */
	CHECK_INT(store_queue_rows(s, "2025", NULL, &lead, &nl, &e), 0);
	l = row_of(lead, nl, "2025-12");
	CHECK(l && l->silent && !l->reported && l->role == -1);
	store_status_rows_free(lead, nl);
	store_status_rows_free(v, n);
	/* a note alone is no report */
	{
		struct record_req q;
		struct record_result out;
		memset(&q, 0, sizeof q);
		q.task = "2025-13";
		q.dept = "中央宣传部";
		q.note = "一条说明";
		q.note_only = 1;
		CHECK_INT(record_progress(s, "li", &q, &out, &e), 0);
		record_result_release(&out);
	}
	CHECK_INT(store_queue_rows(s, NULL, "中央宣传部", &v, &n, &e), 0);
	r = row_of(v, n, "2025-13");
	CHECK(r && !r->reported && r->silent);
	store_status_rows_free(v, n);
	{
		char **depts = NULL;
		size_t nd = 0;
		CHECK_INT(store_task_reported(s, "2025-12", "2025Q4", &depts, &nd, &e), 0);
		CHECK_INT(nd, 1);
		CHECK_STR(nd ? depts[0] : "", "中央宣传部");
		store_strv_free(depts, nd);
	}
}

/* One report: the record and its evidence together, or nothing. */
TEST(report_whole_or_nothing)
{
	struct err e = { 0, "" };
	struct record_req r;
	struct record_result out;
	struct evidence_add ev[2];
	struct evidence_info *v = NULL;
	size_t n = 0;
	struct progress_rec latest;
	char file[300];
	FILE *f;
	snprintf(file, sizeof file, "%s/纪要.txt", dir);
	f = fopen(file, "w");
	fputs("会议纪要\n", f);
	fclose(f);
	memset(&r, 0, sizeof r);
	r.task = "2025-2";
	r.dept = "中央宣传部";
	r.status = ST_IN_PROGRESS;
	r.note = "已报送修订草案";
	memset(ev, 0, sizeof ev);
	ev[0].kind = EV_FILE;
	ev[0].value = file;
	ev[1].kind = EV_URL;
	ev[1].value = "ftp://example.org/x";     /* refused: not http(s) */
	CHECK_INT(record_report(s, "li", &r, ev, 2, &out, &e), -ERR_USAGE);
	CHECK(strstr(e.msg, "invalid URL") != NULL);
	CHECK_INT(store_progress_latest(s, "2025-2", "中央宣传部", &latest, &e), -ERR_NOTFOUND);
	CHECK_INT(store_evidence_list(s, "2025-2", NULL, &v, &n, &e), 0);
	CHECK_INT(n, 0);
	store_evidence_list_free(v, n);
	/* a missing file refuses the whole report before anything is written */
	ev[1].kind = EV_FILE;
	ev[1].value = "/nonexistent/报告终稿.docx";
	CHECK_INT(record_report(s, "li", &r, ev, 2, &out, &e), -ERR_IO);
	CHECK(strstr(e.msg, "check the path") != NULL);
	CHECK_INT(store_progress_latest(s, "2025-2", "中央宣传部", &latest, &e), -ERR_NOTFOUND);
	/* both good: one record, two items documenting it */
	ev[1].kind = EV_DOCNO;
	ev[1].value = "中宣发〔2025〕3号";
	CHECK_INT(record_report(s, "li", &r, ev, 2, &out, &e), 0);
	CHECK_INT(out.nevidence, 2);
	CHECK_STR(out.period, "2025Q4");
	CHECK_INT(store_evidence_list(s, "2025-2", NULL, &v, &n, &e), 0);
	CHECK_INT(n, 2);
	for (size_t i = 0; i < n; i++)
		CHECK_STR(v[i].progress, out.id);
	if (n == 2) {
		/* titles default as the CLI's (the two share a time: any order) */
		int fi = v[0].kind == EV_FILE ? 0 : 1;
		CHECK_STR(v[fi].title, "纪要.txt");
		CHECK_STR(v[!fi].title, "中宣发〔2025〕3号");
		CHECK_INT(v[!fi].kind, EV_DOCNO);
	}
	store_evidence_list_free(v, n);
	record_result_release(&out);
	/* a liaison of another department: refused, nothing written */
	r.dept = "司法部";
	CHECK_INT(record_report(s, "li", &r, NULL, 0, &out, &e), -ERR_DENIED);
}

TEST(review_queue_and_overdue)
{
	struct err e = { 0, "" };
	struct task_ref *v = NULL;
	struct dept_overdue *o = NULL;
	size_t n = 0, no = 0;
	CHECK_INT(store_review_queue(s, &v, &n, &e), 0);
	CHECK_INT(n, 0);
	store_task_refs_free(v, n);
	/* the lead's done asks for a close-off; a participant's does not */
	CHECK_INT(record("li", "2025-14", "中央宣传部", ST_DONE, "已印发"), 0);
	CHECK_INT(record("li", "2025-13", "中央宣传部", ST_DONE, "已完成"), 0);
	CHECK_INT(store_review_queue(s, &v, &n, &e), 0);
	CHECK_INT(n, 1);
	if (n) {
		CHECK_STR(v[0].task, "2025-14");
		CHECK_STR(v[0].plan, "2025");
		CHECK(v[0].seq > 0);
	}
	store_task_refs_free(v, n);
	/* no due date passed: nobody overdue */
	CHECK_INT(store_overdue(s, "2026-11-29", &o, &no, &e), 0);
	CHECK_INT(no, 0);
	store_overdue_free(o, no);
	sql("UPDATE periods SET due = '2026-01-10'");
	CHECK_INT(store_overdue(s, "2026-11-29", &o, &no, &e), 0);
	CHECK(no > 1);
	for (size_t i = 0; i < no; i++) {
		if (!strcmp(o[i].dept, "中央宣传部"))
			CHECK_INT(o[i].tasks, 37 - 4);   /* 2025-2, -12, -13, -14 reported */
		CHECK_STR(o[i].period, "2025Q4");
		CHECK_STR(o[i].due, "2026-01-10");
		if (i)
			CHECK(o[i].tasks <= o[i - 1].tasks);
	}
	store_overdue_free(o, no);
	/* the day of the due date itself is not past it */
	CHECK_INT(store_overdue(s, "2026-01-10", &o, &no, &e), 0);
	CHECK_INT(no, 0);
	store_overdue_free(o, no);
}

TEST(evidence_checked_completed_saved)
{
	struct err e = { 0, "" };
	struct strbuf p = STRBUF_INIT, names = STRBUF_INIT;
	enum evidence_kind k;
	char *done = NULL, out[300];
	struct evidence_info *v = NULL;
	size_t n = 0;
	FILE *f;
	CHECK_INT(evidence_validate("/home/li/报告终稿.docx", &k, &e), -ERR_IO);
	CHECK_INT(k, EV_FILE);
	CHECK(strstr(e.msg, "a 文号 or link is not a file") != NULL);
	CHECK_INT(evidence_validate("国知发保字〔2024〕3号", &k, &e), 0);
	CHECK_INT(k, EV_DOCNO);
	CHECK_INT(evidence_validate("https://www.cnipa.gov.cn/", &k, &e), 0);
	CHECK_INT(k, EV_URL);
	CHECK_INT(evidence_validate(dir, &k, &e), -ERR_IO);
	CHECK(strstr(e.msg, "a directory") != NULL);
	/* completion in a folder of its own */
	sb_addf(&p, "%s/c", dir);
	mkdir(sb_str(&p), 0700);
	sb_addf(&p, "/报告终稿.docx");
	f = fopen(sb_str(&p), "w");
	fclose(f);
	sb_reset(&p);
	sb_addf(&p, "%s/c/报告.pdf", dir);
	f = fopen(sb_str(&p), "w");
	fclose(f);
	sb_reset(&p);
	sb_addf(&p, "%s/c/材料", dir);
	mkdir(sb_str(&p), 0700);
	sb_reset(&p);
	sb_addf(&p, "%s/c/报", dir);
	CHECK_INT(evidence_complete(sb_str(&p), &done, &names), 2);
	snprintf(out, sizeof out, "%s/c/报告", dir);
	CHECK_STR(done, out);
	CHECK_STR(sb_str(&names), "报告.pdf  报告终稿.docx");
	free(done);
	sb_addf(&p, "告终");
	CHECK_INT(evidence_complete(sb_str(&p), &done, NULL), 1);
	snprintf(out, sizeof out, "%s/c/报告终稿.docx", dir);
	CHECK_STR(done, out);
	free(done);
	sb_reset(&p);
	sb_addf(&p, "%s/c/材", dir);
	CHECK_INT(evidence_complete(sb_str(&p), &done, NULL), 1);
	snprintf(out, sizeof out, "%s/c/材料/", dir);
	CHECK_STR(done, out);
	free(done);
	CHECK_INT(evidence_complete("/nonexistent/x", &done, NULL), 0);
	CHECK_STR(done, "/nonexistent/x");
	free(done);
	/* saving a stored file: the bytes, a new file only */
	CHECK_INT(store_evidence_list(s, "2025-2", NULL, &v, &n, &e), 0);
	CHECK(n == 2);
	if (n == 2) {
		char *back = NULL;
		size_t len = 0;
		int fi = v[0].kind == EV_FILE ? 0 : 1;
		snprintf(out, sizeof out, "%s/saved.txt", dir);
		CHECK_INT(evidence_save(s, v[fi].id, out, &e), 0);
		CHECK_INT(util_read_file(out, 1024, &back, &len, &e), 0);
		CHECK_STR(back, "会议纪要\n");
		free(back);
		CHECK_INT(evidence_save(s, v[fi].id, out, &e), -ERR_IO);
		CHECK(strstr(e.msg, "nothing is overwritten") != NULL);
		CHECK_INT(evidence_save(s, v[!fi].id, out, &e), -ERR_USAGE);   /* a 文号 */
		CHECK(strstr(e.msg, "not a file") != NULL);
	}
	store_evidence_list_free(v, n);
	CHECK(evidence_is_text("会议纪要\n", strlen("会议纪要\n")));
	CHECK(!evidence_is_text("a\0b", 3));
	CHECK(!evidence_is_text("\xff\xfe", 2));
	sb_release(&p);
	sb_release(&names);
}

TEST(short_titles)
{
	struct strbuf sb = STRBUF_INIT;
	shorten_plan("2024年知识产权强国建设推进计划", 2024, &sb);
	CHECK_STR(sb_str(&sb), "推进计划");
	sb_reset(&sb);
	shorten_plan("2025年知識產權強國建設推進計劃", 2025, &sb);
	CHECK_STR(sb_str(&sb), "推進計劃");
	sb_reset(&sb);
	shorten_plan("“十四五”国家知识产权保护和运用规划", 2021, &sb);
	CHECK_STR(sb_str(&sb), "十四五规划");
	sb_reset(&sb);
	shorten_plan("2024年广东省知识产权工作要点", 2024, &sb);
	CHECK_STR(sb_str(&sb), "广东省知识产权工作要点");
	sb_reset(&sb);
	/* neighbours that both open with 《中华人民共和国 are told apart */
	shorten_task("加快推進《中華人民共和國著作權法實施條例》修訂", &sb);
	CHECK_STR(sb_str(&sb), "加快推進《著作權法實施條例》修訂");
	sb_reset(&sb);
	shorten_task("推进《中华人民共和国专利法》和《中华人民共和国》", &sb);
	CHECK_STR(sb_str(&sb), "推进《专利法》和《中华人民共和国》");
	sb_release(&sb);
}

TEST(local_time_and_lights)
{
	char buf[40];
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	date_local("2024-07-01T20:30:05.123Z", 0, buf, sizeof buf);
	CHECK_STR(buf, "2024-07-02 04:30");
	date_local("2024-07-01T20:30:05Z", 1, buf, sizeof buf);
	CHECK_STR(buf, "2024-07-02 04:30:05");
	date_local("2026-01-10", 0, buf, sizeof buf);     /* a date stays as it is */
	CHECK_STR(buf, "2026-01-10");
	date_local("not a time", 0, buf, sizeof buf);
	CHECK_STR(buf, "not a time");
	setenv("TZ", "UTC", 1);
	tzset();
	date_local("2024-07-01T20:30:05.123Z", 0, buf, sizeof buf);
	CHECK_STR(buf, "2024-07-01 20:30");
	CHECK_INT(deadline_light("2026-01-01", "2026-01-10"), DUE_NONE);
	CHECK_INT(deadline_light("2026-01-03", "2026-01-10"), DUE_SOON);
	CHECK_INT(deadline_light("2026-01-10", "2026-01-10"), DUE_SOON);
	CHECK_INT(deadline_light("2026-01-11", "2026-01-10"), DUE_OVER);
	CHECK_INT(deadline_light("2026-01-11", ""), DUE_NONE);
}

/* A locale that cannot show Chinese: switched to a UTF-8 one and said, or
 * the exact fix when none is installed; a multibyte one kept. */
TEST(locale_switch)
{
	static const char *const none[] = { "xx_NONE.UTF-8", NULL };
	static const char *const c8[] = { "C.UTF-8", NULL };
	struct strbuf note = STRBUF_INIT;
	setenv("LC_ALL", "C", 1);
	CHECK_INT(charset_setup_with(none, &note), CHARSET_NONE);
	CHECK(strstr(sb_str(&note), "no UTF-8 locale is installed") != NULL);
	CHECK(strstr(sb_str(&note), "LANG=zh_CN.UTF-8") != NULL);
	sb_reset(&note);
	CHECK_INT(charset_setup_with(c8, &note), CHARSET_SWITCHED);
	CHECK(strstr(sb_str(&note), "the locale 'C' (ANSI_X3.4-1968) cannot show Chinese, so duban uses C.UTF-8") != NULL);
	CHECK(charset_is_utf8());
	sb_reset(&note);
	setenv("LC_ALL", "C.UTF-8", 1);
	CHECK_INT(charset_setup_with(none, &note), CHARSET_OK);
	CHECK_STR(sb_str(&note), "");
	sb_release(&note);
}

int main(void)
{
	if (!mkdtemp(dir) || open_db()) {
		printf("FAIL setup\n");
		return 1;
	}
	RUN(report_period_rules);
	RUN(queue_rows_own_state);
	RUN(report_whole_or_nothing);
	RUN(review_queue_and_overdue);
	RUN(evidence_checked_completed_saved);
	RUN(short_titles);
	RUN(local_time_and_lights);
	RUN(locale_switch);
	store_close(s);
	fixture_rmdir(dir);
	TEST_END();
}
