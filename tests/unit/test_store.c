/* Store tests: schema checks, role rules, and what many offices at once and
 * writers killed mid-transaction do to one database file (issue 3). */
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "src/import.h"
#include "src/sha256.h"
#include "src/text.h"
#include "store/store.h"
#include "tests/unit/fixture.h"
#include "store/store_int.h"
#include "tests/unit/test.h"

static char dir[] = "/tmp/duban-store-XXXXXX";
static char dbpath[256];

/* A fresh database file holding the 2024 plan. */
static struct store *fresh(void)
{
	static int n;
	snprintf(dbpath, sizeof dbpath, "%s/t%d.db", dir, ++n);
	return fixture_plan_db(dbpath);
}

static long long count(const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	long long n = -1;
	if (sqlite3_open(dbpath, &db) != SQLITE_OK)
		return -1;
	sqlite3_busy_timeout(db, 10000);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
}

static char *query_text(const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char *r = NULL;
	if (sqlite3_open(dbpath, &db) != SQLITE_OK)
		return NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		r = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return r;
}

TEST(memory_database_migrates)
{
	struct store *s = NULL;
	struct err e = { 0, "" };
	CHECK_INT(store_open(":memory:", STORE_CREATE, &s, &e), 0);
	CHECK_INT(store_schema_version(s), STORE_SCHEMA_VERSION);
	store_close(s);
}

/* FIPS 180-2's examples: one block, two blocks, and none. */
TEST(sha256_hex_known_digests)
{
	char hex[65];
	sha256_hex("abc", 3, hex);
	CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
	CHECK_STR(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	sha256_hex("", 0, hex);
	CHECK_STR(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	CHECK_INT(strlen(hex), 64);
}

/* current's close-off check, written as comparisons (schema 8), still
 * takes the four close-offs and refuses any other; search buffers 16 MiB. */
TEST(current_closeoff_check)
{
	struct store *s = fresh();
	char *v;
	if (!s)
		return;
	store_close(s);
	CHECK_INT(count("SELECT count(*) FROM progress"), 0);
	v = query_text("SELECT v FROM search_config WHERE k = 'hashsize'");
	CHECK_STR(v, "16777216");
	free(v);
	v = query_text("SELECT sql FROM sqlite_schema WHERE name = 'current'");
	CHECK(v && strstr(v, "closeoff = 'returned'"));
	CHECK(v && !strstr(v, "IN ("));
	free(v);
	{
		sqlite3 *db;
		const char *ins = "INSERT INTO progress(id, task, dept, period, status, note, who, at) VALUES"
			" ('p1', '2024-2', '中央宣传部', '2024Q3', 'done', '', 'li', '2024-07-01T00:00:00');";
		CHECK_INT(sqlite3_open(dbpath, &db), SQLITE_OK);
		sqlite3_exec(db, "DROP TRIGGER chain_progress", NULL, NULL, NULL);
		CHECK_INT(sqlite3_exec(db, ins, NULL, NULL, NULL), SQLITE_OK);
		for (int i = 0; i < 4; i++) {
			static const char *const ok[] = { "", "pending", "approved", "returned" };
			char sql[256];
			snprintf(sql, sizeof sql, "INSERT OR REPLACE INTO current(task, dept, progress, status, shown,"
				 " closeoff) VALUES ('2024-2', '中央宣传部', 'p1', 'done', 'done', '%s')", ok[i]);
			CHECK_INT(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
		}
		CHECK_INT(sqlite3_exec(db, "INSERT OR REPLACE INTO current(task, dept, progress, status, shown, closeoff)"
				       " VALUES ('2024-2', '中央宣传部', 'p1', 'done', 'done', 'Pending')",
				       NULL, NULL, NULL) & 0xff, SQLITE_CONSTRAINT);
		sqlite3_close(db);
	}
	CHECK_INT(count("SELECT count(*) FROM current WHERE closeoff = 'returned'"), 1);
}

TEST(import_counts_and_roles)
{
	struct store *s = fresh();
	struct err e = { 0, "" };
	struct task_row t;
	CHECK(s != NULL);
	if (!s)
		return;
	CHECK_INT(count("SELECT count(*) FROM tasks WHERE plan = '2024'"), 110);
	CHECK_INT(count("SELECT count(*) FROM task_depts WHERE task = '2024-45'"), 10);
	CHECK_INT(store_task_get(s, "2024-58", &t, &e), 0);
	CHECK_INT(t.ndepts, 3);
	if (t.ndepts == 3) {
		CHECK_STR(t.depts[0].dept, "科技部");
		CHECK_INT(t.depts[0].role, ROLE_LEAD);
		CHECK_STR(t.depts[1].dept, "国家知识产权局");
		CHECK_INT(t.depts[2].role, ROLE_PARTICIPANT);
	}
	store_task_row_release(&t);
	store_close(s);
}

TEST(progress_rules_in_store)
{
	struct store *s = fresh();
	struct err e = { 0, "" };
	struct progress_in in = { .task = "2024-2", .dept = "中央宣传部", .period = "2024Q3", .status = ST_IN_PROGRESS, .note = "进展" };
	struct progress_result r;
	struct task_state ts;
	if (!s)
		return;
	/* with no users the local user is the office */
	CHECK_INT(store_progress_append(s, "anyone", &in, &r, &e), 0);
	CHECK_INT(store_user_add(s, "boss", "boss", UROLE_OFFICE, NULL, &e), 0);
	CHECK_INT(store_user_add(s, "boss", "li", UROLE_LIAISON, "中央宣传部", &e), 0);
	CHECK_INT(store_progress_append(s, "anyone", &in, &r, &e), -ERR_DENIED);
	in.dept = "国家知识产权局";
	in.task = "2024-1";
	CHECK_INT(store_progress_append(s, "li", &in, &r, &e), -ERR_DENIED);
	in.dept = "中央宣传部";
	CHECK_INT(store_progress_append(s, "li", &in, &r, &e), -ERR_DENIED); /* not on 2024-1 */
	in.task = "2024-2";
	in.status = ST_DONE;
	CHECK_INT(store_progress_append(s, "li", &in, &r, &e), 0);
	CHECK_INT(store_task_state(s, "2024-2", &ts, &e), 0);
	CHECK_INT(ts.status, ST_DONE);
	CHECK_INT(ts.review, REVIEW_PENDING);
	store_task_state_release(&ts);
	CHECK_INT(store_review(s, "li", "2024-2", DECIDE_APPROVE, NULL, NULL, &e), -ERR_DENIED);
	CHECK_INT(store_review(s, "boss", "2024-2", DECIDE_APPROVE, NULL, NULL, &e), 0);
	CHECK_INT(store_task_state(s, "2024-2", &ts, &e), 0);
	CHECK_INT(ts.review, REVIEW_APPROVED);
	store_task_state_release(&ts);
	CHECK_INT(count("SELECT count(*) FROM progress"), 2);
	store_close(s);
}

/* 8 processes each append 200 records at once: exactly 1600, no error. */
TEST(eight_writers_lose_nothing)
{
	static const char *const tasks[8][2] = {
		{ "2024-2", "中央宣传部" }, { "2024-1", "国家知识产权局" }, { "2024-3", "市场监管总局" },
		{ "2024-45", "公安部" }, { "2024-45", "海关总署" }, { "2024-60", "教育部" },
		{ "2024-60", "科技部" }, { "2024-2", "中央宣传部" },
	};
	struct store *s = fresh();
	pid_t pids[8];
	int failed = 0;
	if (!s)
		return;
	store_close(s);
	for (int i = 0; i < 8; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			struct store *cs = NULL;
			struct err e = { 0, "" };
			int bad = 0;
			if (store_open(dbpath, 0, &cs, &e))
				_exit(2);
			for (int j = 0; j < 200; j++) {
				char note[64];
				struct progress_in in = { .task = tasks[i][0], .dept = tasks[i][1], .period = "2024Q3", .status = ST_IN_PROGRESS, .note = note };
				struct progress_result r;
				snprintf(note, sizeof note, "writer %d record %d", i, j);
				if (store_progress_append(cs, "office", &in, &r, &e)) {
					fprintf(stderr, "writer %d: %s\n", i, e.msg);
					bad = 1;
					break;
				}
				store_progress_rec_release(&r.newer);
			}
			store_close(cs);
			text_cleanup();
			_exit(bad);
		}
	}
	for (int i = 0; i < 8; i++) {
		int st;
		waitpid(pids[i], &st, 0);
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			failed++;
	}
	CHECK_INT(failed, 0);
	CHECK_INT(count("SELECT count(*) FROM progress"), 1600);
	CHECK_INT(count("SELECT count(DISTINCT note) FROM progress"), 1600);
	/* the current status of each (task, department) is its newest record */
	CHECK_INT(count("SELECT count(*) FROM current c WHERE c.progress != (SELECT id FROM progress p"
			" WHERE p.task = c.task AND p.dept = c.dept ORDER BY at DESC, rowid DESC LIMIT 1)"), 0);
}

/* Writers killed with SIGKILL at random moments, many times: the file stays
 * sound and no record is half-written. */
TEST(killed_writers_leave_no_half_record)
{
	struct store *s = fresh();
	char *ic;
	int kills = 0;
	if (!s)
		return;
	store_close(s);
	srand((unsigned)time(NULL));
	for (int round = 0; round < 120; round++) {
		/* the writer reports each whole record on a pipe; the parent waits
		 * for 0 to 3 of them, then kills at a random moment of the next, so
		 * the kills land mid-operation however slow the writer runs
		 * (valgrind) */
		int fds[2];
		pid_t pid;
		if (pipe(fds) != 0) {
			CHECK(0);
			return;
		}
		pid = fork();
		if (pid == 0) {
			struct store *cs = NULL;
			struct err e = { 0, "" };
			char evidence[4096];
			char id[33];
			memset(evidence, 'x', sizeof evidence);
			if (store_open(dbpath, 0, &cs, &e))
				_exit(2);
			for (int j = 0;; j++) {
				struct progress_in in = { .task = "2024-2", .dept = "中央宣传部", .period = "2024Q3", .status = ST_IN_PROGRESS, .note = "被中断的记录" };
				struct progress_result r;
				struct evidence_in ev;
				if (store_progress_append(cs, "office", &in, &r, &e) == 0 &&
				    write(fds[1], "r", 1) != 1)
					_exit(3);
				store_progress_rec_release(&r.newer);
				memset(&ev, 0, sizeof ev);
				ev.task = "2024-2";
				ev.dept = "中央宣传部";
				ev.kind = EV_FILE;
				ev.title = "材料";
				ev.file_name = "a.bin";
				evidence[0] = (char)j;
				evidence[1] = (char)round;
				ev.data = evidence;
				ev.size = sizeof evidence;
				store_evidence_add(cs, "office", &ev, id, &e);
			}
		}
		close(fds[1]);
		for (int want = rand() % 4; want > 0; want--) {
			char c;
			if (read(fds[0], &c, 1) != 1)
				break;
		}
		usleep((useconds_t)(rand() % 5000));
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		close(fds[0]);
		kills++;
	}
	CHECK_INT(kills, 120);
	ic = query_text("PRAGMA integrity_check");
	CHECK_STR(ic, "ok");
	free(ic);
	CHECK_INT(count("SELECT count(*) FROM pragma_foreign_key_check"), 0);
	/* every record is whole: it has its note and its (task, dept) a current row */
	CHECK_INT(count("SELECT count(*) FROM progress WHERE note != '被中断的记录'"), 0);
	CHECK_INT(count("SELECT count(*) FROM current c WHERE c.progress != (SELECT id FROM progress p"
			" WHERE p.task = c.task AND p.dept = c.dept ORDER BY at DESC, rowid DESC LIMIT 1)"), 0);
	CHECK_INT(count("SELECT count(*) FROM evidence e LEFT JOIN blobs b ON b.sha256 = e.sha256"
			" WHERE b.sha256 IS NULL OR length(b.data) != 4096"), 0);
	CHECK(count("SELECT count(*) FROM progress") > 0);
}

TEST(note_search_finds_older_notes)
{
	struct store *s = fresh();
	struct err e = { 0, "" };
	struct progress_in in = { .task = "2024-2", .dept = "中央宣传部", .period = "2024Q2", .status = ST_IN_PROGRESS, .note = "已報送司法部審查" };
	struct progress_result r;
	char **ids = NULL, *key;
	size_t n = 0;
	if (!s)
		return;
	CHECK_INT(store_progress_append(s, "office", &in, &r, &e), 0);
	in.period = "2024Q3";
	in.note = "进入立法程序";
	CHECK_INT(store_progress_append(s, "office", &in, &r, &e), 0);
	key = text_match_key("司法部审查");   /* simplified query, traditional note */
	CHECK_INT(store_task_search(s, "2024", key, &ids, NULL, &n, &e), 0);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_STR(ids[0], "2024-2");
	store_strv_free(ids, n);
	CHECK_INT(store_task_search(s, "2025", key, &ids, NULL, &n, &e), 0);
	CHECK_INT(n, 0);
	store_strv_free(ids, n);
	free(key);
	/* all plans through the index (3+ characters) and by scan (2) agree */
	CHECK_INT(store_task_search(s, NULL, "司法部", &ids, NULL, &n, &e), 0);
	CHECK(n >= 5);     /* 司法部 is on several 2024 tasks, and in the note */
	store_strv_free(ids, n);
	CHECK_INT(store_task_search(s, NULL, "审查", &ids, NULL, &n, &e), 0);
	CHECK(n >= 1);
	store_strv_free(ids, n);
	/* any spelling of a department finds its tasks: a short form, a
	 * predecessor, and a part of one (two characters: no trigram) */
	{
		size_t nfull;
		CHECK_INT(store_task_search(s, "2024", "中央宣传部", &ids, NULL, &nfull, &e), 0);
		CHECK(nfull >= 5);
		store_strv_free(ids, nfull);
		CHECK_INT(store_task_search(s, "2024", "中宣部", &ids, NULL, &n, &e), 0);
		CHECK_INT(n, nfull);
		store_strv_free(ids, n);
		CHECK_INT(store_task_search(s, "2024", "中宣", &ids, NULL, &n, &e), 0);
		CHECK(n >= nfull);
		store_strv_free(ids, n);
		key = text_match_key("银保监会");
		CHECK_INT(store_task_search(s, "2024", key, &ids, NULL, &n, &e), 0);
		CHECK(n >= 1);
		store_strv_free(ids, n);
		free(key);
	}
	/* a query with a double quote is a phrase, not FTS syntax */
	CHECK_INT(store_task_search(s, NULL, "a\"b OR c", &ids, NULL, &n, &e), 0);
	CHECK_INT(n, 0);
	store_strv_free(ids, n);
	store_close(s);
}

TEST(corrected_text_is_searched_anew)
{
	struct store *s = fresh();
	struct err e = { 0, "" };
	struct dept_table t;
	struct import_opts o;
	struct strbuf path = STRBUF_INIT, out = STRBUF_INIT, warn = STRBUF_INIT, fixed = STRBUF_INIT;
	char *buf = NULL, **ids = NULL;
	const char *at;
	size_t len = 0, n = 0;
	if (!s)
		return;
	sb_addf(&path, "%s/data/plans/2024-national-plan.txt", fixture_src());
	CHECK_INT(util_read_file(sb_str(&path), 1 << 20, &buf, &len, &e), 0);
	at = buf ? strstr(buf, "集成电路布图设计") : NULL;
	CHECK(at != NULL);
	if (!at)
		goto out;
	sb_add(&fixed, buf, (size_t)(at - buf));
	sb_adds(&fixed, "半导体芯片布图设计");
	sb_adds(&fixed, at + strlen("集成电路布图设计"));
	sb_reset(&path);
	sb_addf(&path, "%s/data/departments.tsv", fixture_src());
	CHECK_INT(dept_table_load(sb_str(&path), &t, &e), 0);
	memset(&o, 0, sizeof o);
	o.who = "office";
	o.depts = &t;
	CHECK_INT(import_buffer(s, "2024-corrected.txt", fixed.buf, fixed.len, &o, &out, &warn, &e), 0);
	CHECK(strstr(sb_str(&out), "1 tasks changed") != NULL);
	dept_table_release(&t);
	CHECK_INT(store_task_search(s, "2024", "半导体芯片", &ids, NULL, &n, &e), 0);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_STR(ids[0], "2024-1");
	store_strv_free(ids, n);
	CHECK_INT(store_task_search(s, "2024", "集成电路布图", &ids, NULL, &n, &e), 0);
	CHECK_INT(n, 0);   /* the old wording is no longer found */
	store_strv_free(ids, n);
out:
	free(buf);
	sb_release(&path);
	sb_release(&out);
	sb_release(&warn);
	sb_release(&fixed);
	store_close(s);
}

TEST(not_a_duban_database)
{
	struct store *s = NULL;
	struct err e = { 0, "" };
	char path[300];
	FILE *f;
	snprintf(path, sizeof path, "%s/text.db", dir);
	f = fopen(path, "w");
	fputs("this is not a database, it is a text file with enough bytes in it.\n", f);
	fclose(f);
	CHECK_INT(store_open(path, 0, &s, &e), -ERR_DB);
	CHECK(strstr(e.msg, "not a duban database") != NULL);
	CHECK(s == NULL);
}

/* A file over what SQLite takes in one item: the bind's failure is the
 * error, not the NULL it leaves ("FOREIGN KEY constraint failed"). SQLite's
 * length limit (1e9 bytes) is lowered to 4096 here so that the case costs
 * nothing. */
TEST(evidence_over_the_item_limit)
{
	struct store *s = fresh();
	struct err e = { 0, "" };
	struct evidence_in ev;
	static char data[8192];
	char id[33];
	CHECK(s != NULL);
	if (!s)
		return;
	sqlite3_limit(s->db, SQLITE_LIMIT_LENGTH, 4096);
	memset(&ev, 0, sizeof ev);
	ev.task = "2024-2";
	ev.dept = "中央宣传部";
	ev.kind = EV_FILE;
	ev.title = "大文件";
	ev.file_name = "big.bin";
	ev.data = data;
	ev.size = sizeof data;
	CHECK_INT(store_evidence_add(s, "office", &ev, id, &e), -ERR_INPUT);
	CHECK(strstr(e.msg, "larger than the database takes in one piece (4096 bytes)") != NULL);
	CHECK(strstr(e.msg, "FOREIGN KEY") == NULL);
	CHECK_STR(id, "");
	/* the statement is clean again: a small file goes in */
	ev.size = 100;
	err_clear(&e);
	CHECK_INT(store_evidence_add(s, "office", &ev, id, &e), 0);
	CHECK(count("SELECT count(*) FROM evidence") == 1);
	/* a text over the limit too (a title) */
	{
		static char title[6000];
		memset(title, 'x', sizeof title - 1);
		ev.title = title;
		err_clear(&e);
		CHECK_INT(store_evidence_add(s, "office", &ev, id, &e), -ERR_INPUT);
		CHECK(strstr(e.msg, "larger than the database takes") != NULL);
	}
	CHECK(count("SELECT count(*) FROM evidence") == 1);
	store_close(s);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(memory_database_migrates);
	RUN(sha256_hex_known_digests);
	RUN(current_closeoff_check);
	RUN(import_counts_and_roles);
	RUN(progress_rules_in_store);
	RUN(eight_writers_lose_nothing);
	RUN(killed_writers_leave_no_half_record);
	RUN(note_search_finds_older_notes);
	RUN(corrected_text_is_searched_anew);
	RUN(not_a_duban_database);
	RUN(evidence_over_the_item_limit);
	fixture_rmdir(dir);
	text_cleanup();
	TEST_END();
}
