/* Change files between sites (issue 17), as a property: a centre and three
 * offices, each its own database, do random work (records, notes, evidence,
 * reviews, lead changes, a period) and exchange files at random, files
 * delivered late, twice, out of order or never, some damaged on the way;
 * after the last rounds every database holds the same rows, each record
 * once, and verifies. Seeded; seeds run until the time budget is spent
 * (DUBAN_SYNC_SECONDS, default 6). */
#include <sqlite3.h>
#include <time.h>
#include <unistd.h>

#include "src/sha256.h"
#include "src/sync.h"
#include "store/store_chain.h"
#include "store/store_sync.h"
#include "tests/unit/fixture.h"
#include "tests/unit/test.h"

#define NSITES 4   /* 0 is the centre */
#define LOGIN "office"

static const char *const site_names[NSITES] = { "centre", "xuanchuan", "fayuan", "shangwu" };
/* the departments each office speaks for, and, for the centre, every one */
static const char *const office_depts[NSITES][3] = {
	{ NULL }, { "中央宣传部", NULL }, { "最高人民法院", "最高人民检察院", NULL }, { "商务部", "海关总署", NULL }
};

static unsigned long long rng;
static unsigned long long rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}
static size_t rnd_n(size_t n) { return n ? (size_t)(rnd() % n) : 0; }

/* A file on its way from one site to another. */
struct letter { char *buf; size_t len; };
struct mailbox { struct letter *v; size_t n, cap; };

struct world {
	char dir[64];
	struct store *s[NSITES];
	char id[NSITES][33];
	char **pairs[NSITES];     /* "task\tdept" an office may record for */
	size_t npairs[NSITES];
	struct mailbox box[NSITES][NSITES];
	long long made;           /* records made, all sites */
	int failed;
};

/* what the seeds did, all together */
static long long n_files, n_applied, n_twice, n_lost, n_damaged;

static void post(struct world *w, int from, int to, struct strbuf *file)
{
	struct mailbox *b = &w->box[from][to];
	xgrow(&b->v, &b->cap, b->n + 1, sizeof *b->v);
	b->v[b->n].len = file->len;
	b->v[b->n].buf = sb_detach(file);
	b->n++;
}

/* A canonical dump of what must be alike everywhere, as one string. */
static char *dump(struct world *w, int i)
{
	static const char q[] =
		"SELECT 'p', id, task, dept, period, status, note, who, at, note_only FROM progress"
		" UNION ALL SELECT 'r', id, task, progress, decision, reason, who, at, 0 FROM reviews"
		" UNION ALL SELECT 'e', id, task, dept, kind, coalesce(sha256, value), who, at, 0 FROM evidence"
		" UNION ALL SELECT 'b', sha256, size, length(data), '', '', '', '', 0 FROM blobs"
		" UNION ALL SELECT 'l', id, task, dept, previous, reason, who, at, 0 FROM lead_changes"
		" UNION ALL SELECT 'o', period, due, opened_at, coalesce(closed_at, ''), '', '', '', 0 FROM periods"
		" UNION ALL SELECT 't', id, plan, lead, retired, text, '', '', seq FROM tasks"
		" UNION ALL SELECT 'd', task, dept, role, position, '', '', '', 0 FROM task_depts"
		" UNION ALL SELECT 'c', task, dept, progress, shown, closeoff, reason, '', 0 FROM current"
		" ORDER BY 1, 2, 3, 4";
	struct strbuf sb = STRBUF_INIT, path = STRBUF_INIT;
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	sb_addf(&path, "%s/%s.db", w->dir, site_names[i]);
	if (sqlite3_open_v2(sb_str(&path), &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, q, -1, &st, NULL) == SQLITE_OK)
		while (sqlite3_step(st) == SQLITE_ROW) {
			for (int c = 0; c < sqlite3_column_count(st); c++)
				sb_addf(&sb, "%s|", (const char *)sqlite3_column_text(st, c));
			sb_addc(&sb, '\n');
		}
	sqlite3_finalize(st);
	sqlite3_close(db);
	sb_release(&path);
	return sb_detach(&sb);
}

static long long count_rows(struct world *w, int i, const char *table)
{
	struct strbuf path = STRBUF_INIT, q = STRBUF_INIT;
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	long long n = -1;
	sb_addf(&path, "%s/%s.db", w->dir, site_names[i]);
	sb_addf(&q, "SELECT count(*) FROM %s", table);
	if (sqlite3_open_v2(sb_str(&path), &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, sb_str(&q), -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	sb_release(&path);
	sb_release(&q);
	return n;
}

static int setup(struct world *w)
{
	struct err e = { 0, "" };
	char pub[NSITES][65];
	memset(w, 0, sizeof *w);
	snprintf(w->dir, sizeof w->dir, "/tmp/duban-sync-XXXXXX");
	if (!mkdtemp(w->dir))
		return -1;
	for (int i = 0; i < NSITES; i++) {
		struct strbuf path = STRBUF_INIT;
		struct store_sync_site site;
		char secret[65];
		sb_addf(&path, "%s/%s.db", w->dir, site_names[i]);
		w->s[i] = fixture_plan_db(sb_str(&path));
		sb_release(&path);
		if (!w->s[i] || store_sync_init(w->s[i], LOGIN, site_names[i], 0, w->id[i], &e) ||
		    sync_keygen(secret, pub[i], &e) || store_sync_key_set(w->s[i], LOGIN, secret, pub[i], 0, &e) ||
		    store_sync_site_get(w->s[i], &site, &e)) {
			printf("  site %s: %s\n", site_names[i], e.msg);
			return -1;
		}
		store_sync_site_release(&site);
	}
	for (int i = 1; i < NSITES; i++) {
		int upd;
		size_t nd = 0;
		while (office_depts[i][nd])
			nd++;
		if (store_sync_trust(w->s[0], LOGIN, w->id[i], site_names[i], pub[i], (char *const *)office_depts[i],
				     nd, &upd, &e) ||
		    store_sync_trust(w->s[i], LOGIN, w->id[0], site_names[0], pub[0], NULL, 0, &upd, &e)) {
			printf("  trust: %s\n", e.msg);
			return -1;
		}
	}
	/* what each site records for: an office its departments' tasks, the centre any */
	for (int i = 0; i < NSITES; i++) {
		struct task_filter f = { "2024", NULL, -1 };
		struct task_row *t = NULL;
		size_t n = 0, cap = 0;
		for (int k = 0; i == 0 ? k < 1 : office_depts[i][k] != NULL; k++) {
			f.dept = i == 0 ? NULL : office_depts[i][k];
			if (store_task_query(w->s[i], &f, &t, &n, &e))
				return -1;
			for (size_t j = 0; j < n; j++) {
				struct strbuf sb = STRBUF_INIT;
				if (i == 0 && !t[j].ndepts)
					continue;
				sb_addf(&sb, "%s\t%s", t[j].id,
					i == 0 ? t[j].depts[rnd_n(t[j].ndepts)].dept : office_depts[i][k]);
				xgrow(&w->pairs[i], &cap, w->npairs[i] + 1, sizeof *w->pairs[i]);
				w->pairs[i][w->npairs[i]++] = sb_detach(&sb);
			}
			store_task_rows_free(t, n);
		}
	}
	return 0;
}

static void teardown(struct world *w)
{
	for (int i = 0; i < NSITES; i++) {
		struct strbuf path = STRBUF_INIT;
		store_close(w->s[i]);
		store_strv_free(w->pairs[i], w->npairs[i]);
		for (int j = 0; j < NSITES; j++) {
			for (size_t k = 0; k < w->box[i][j].n; k++)
				free(w->box[i][j].v[k].buf);
			free(w->box[i][j].v);
		}
		sb_addf(&path, "rm -rf '%s'", w->dir);
		if (i == NSITES - 1 && system(sb_str(&path))) {
			/* a temporary folder left behind is no failure */
		}
		sb_release(&path);
	}
}

/* One of site I's (task, department) pairs at random: the task (caller
 * frees) and, in *DEPT, the department within it; NULL when it has none. */
static char *pick_pair(struct world *w, int i, const char **dept)
{
	char *pair, *tab;
	if (!w->npairs[i])
		return NULL;
	pair = xstrdup(w->pairs[i][rnd_n(w->npairs[i])]);
	tab = strchr(pair, '\t');
	*tab = '\0';
	*dept = tab + 1;
	return pair;
}

/* Site I records something for one of its (task, department) pairs. */
static void work_record(struct world *w, int i)
{
	static const enum status sts[] = { ST_IN_PROGRESS, ST_BEHIND, ST_DONE, ST_ONGOING, ST_NOT_STARTED };
	struct progress_in in;
	struct progress_result r;
	struct err e = { 0, "" };
	const char *dept;
	char buf[160], *pair = pick_pair(w, i, &dept);
	if (!pair)
		return;
	memset(&in, 0, sizeof in);
	in.task = pair;
	in.dept = dept;
	in.status = sts[rnd_n(5)];
	in.note_only = rnd_n(5) == 0;
	snprintf(buf, sizeof buf, "%s 记录 %llu", site_names[i], rnd() % 100000);
	in.note = buf;
	if (store_progress_append(w->s[i], LOGIN, &in, &r, &e) == 0)
		w->made++;
	else if (e.code != ERR_CONFLICT && e.code != ERR_USAGE) {
		printf("  record at %s: %s\n", site_names[i], e.msg);
		w->failed = 1;
	}
	store_progress_rec_release(&r.newer);
	free(pair);
}

static void work_evidence(struct world *w, int i)
{
	struct evidence_in in;
	struct err e = { 0, "" };
	const char *dept;
	char id[33], title[64], data[300], *pair = pick_pair(w, i, &dept);
	if (!pair)
		return;
	memset(&in, 0, sizeof in);
	in.task = pair;
	in.dept = dept;
	snprintf(title, sizeof title, "材料 %llu", rnd() % 1000);
	in.title = title;
	if (rnd_n(2)) {
		for (size_t k = 0; k < sizeof data; k++)
			data[k] = (char)rnd();
		in.kind = EV_FILE;
		in.file_name = "材料.bin";
		in.data = data;
		in.size = 1 + rnd_n(sizeof data);
	} else {
		in.kind = EV_DOCNO;
		in.value = title;
	}
	if (store_evidence_add(w->s[i], LOGIN, &in, id, &e)) {
		printf("  evidence at %s: %s\n", site_names[i], e.msg);
		w->failed = 1;
	}
	free(pair);
}

/* The centre decides on a close-off, or changes a lead. */
static void work_centre(struct world *w)
{
	struct status_row *v = NULL;
	struct err e = { 0, "" };
	size_t n = 0;
	if (store_status_rows(w->s[0], "2024", NULL, &v, &n, &e) || !n)
		return;
	if (rnd_n(4) == 0) {
		struct task_state st;
		const struct status_row *r = &v[rnd_n(n)];
		if (!store_task_state(w->s[0], r->task, &st, &e)) {
			const char *d = st.ndepts > 1 ? st.depts[1 + rnd_n(st.ndepts - 1)].dept : NULL;
			if (d && store_task_lead(w->s[0], LOGIN, r->task, d, "按职责分工调整", &e) &&
			    e.code != ERR_CONFLICT && e.code != ERR_USAGE) {
				printf("  lead: %s\n", e.msg);
				w->failed = 1;
			}
			store_task_state_release(&st);
		}
	} else {
		for (size_t k = 0; k < n; k++) {
			const struct status_row *r = &v[(k + rnd_n(n)) % n];
			if (r->review == REVIEW_PENDING || r->review == REVIEW_APPROVED) {
				enum review_decision d = r->review == REVIEW_APPROVED ? DECIDE_REOPEN :
							 rnd_n(2) ? DECIDE_APPROVE : DECIDE_RETURN;
				if (store_review(w->s[0], LOGIN, r->task, d, NULL, "请补充材料", &e)) {
					printf("  review: %s\n", e.msg);
					w->failed = 1;
				}
				break;
			}
		}
	}
	store_status_rows_free(v, n);
}

static void send_file(struct world *w, int from, int to)
{
	struct strbuf file = STRBUF_INIT;
	struct store_sync_head h;
	struct err e = { 0, "" };
	if (sync_export(w->s[from], LOGIN, site_names[to], &file, &h, &e)) {
		printf("  export %s -> %s: %s\n", site_names[from], site_names[to], e.msg);
		w->failed = 1;
	} else {
		post(w, from, to, &file);
		n_files++;
	}
	sb_release(&file);
}

/* Apply letter K of the mailbox FROM -> TO at TO; a receipt goes back. FRESH
 * (may be NULL) adds the rows that were new. */
static void deliver(struct world *w, int from, int to, size_t k, long long *fresh)
{
	struct mailbox *b = &w->box[from][to];
	struct store_sync_head h;
	struct store_sync_result r;
	struct err e = { 0, "" };
	if (sync_apply(w->s[to], LOGIN, "letter", b->v[k].buf, b->v[k].len, 0, &h, &r, &e)) {
		printf("  apply %s -> %s: %s\n", site_names[from], site_names[to], e.msg);
		w->failed = 1;
		return;
	}
	if (fresh)
		for (int t = 0; t < SYNC_T_COUNT; t++)
			*fresh += r.fresh[t];
	n_applied += r.outcome == SYNC_APPLIED;
	n_twice += r.outcome == SYNC_HELD || r.outcome == SYNC_ACK_HELD;
	if (r.outcome == SYNC_APPLIED || r.outcome == SYNC_HELD) {
		struct strbuf receipt = STRBUF_INIT;
		if (sync_receipt(w->s[to], LOGIN, site_names[from], &receipt, &h, &e)) {
			printf("  receipt: %s\n", e.msg);
			w->failed = 1;
		} else {
			post(w, to, from, &receipt);
		}
		sb_release(&receipt);
	}
	store_sync_result_release(&r);
}

static void take(struct mailbox *b, size_t k)
{
	free(b->v[k].buf);
	b->v[k] = b->v[--b->n];
}

/* A letter damaged on the way: refused, nothing changed. */
static void damaged(struct world *w, int from, int to, size_t k)
{
	struct mailbox *b = &w->box[from][to];
	struct store_sync_head h;
	struct store_sync_result r;
	struct err e = { 0, "" };
	char *copy = xmalloc(b->v[k].len), *before, *after;
	size_t at = rnd_n(b->v[k].len);
	memcpy(copy, b->v[k].buf, b->v[k].len);
	copy[at] = (char)(copy[at] ^ (1 + rnd_n(255)));
	before = dump(w, to);
	if (!sync_apply(w->s[to], LOGIN, "damaged", copy, b->v[k].len, 0, &h, &r, &e)) {
		printf("  a letter damaged at byte %zu of %zu was applied\n", at, b->v[k].len);
		w->failed = 1;
		store_sync_result_release(&r);
	}
	after = dump(w, to);
	if (strcmp(before, after)) {
		printf("  a damaged letter changed %s\n", site_names[to]);
		w->failed = 1;
	}
	free(before);
	free(after);
	free(copy);
}

/* One random step. */
static void step(struct world *w)
{
	size_t what = rnd_n(100);
	int i = (int)rnd_n(NSITES);
	if (what < 35) {
		work_record(w, i);
	} else if (what < 45) {
		work_evidence(w, i);
	} else if (what < 55) {
		work_centre(w);
	} else if (what < 70) {
		/* an office writes to the centre, or the centre to an office */
		int o = 1 + (int)rnd_n(NSITES - 1);
		if (rnd_n(2))
			send_file(w, o, 0);
		else
			send_file(w, 0, o);
	} else {
		/* a letter arrives: any of those on the way (out of order), some
		 * twice, some never, some damaged */
		int from = (int)rnd_n(NSITES), to = (int)rnd_n(NSITES);
		struct mailbox *b = &w->box[from][to];
		size_t k, fate;
		if (!b->n)
			return;
		k = rnd_n(b->n);
		fate = rnd_n(20);
		if (fate == 0) {
			take(b, k);              /* lost */
			n_lost++;
		} else if (fate == 1) {
			damaged(w, from, to, k);
			n_damaged++;
		} else {
			deliver(w, from, to, k, NULL);
			if (fate > 4)
				take(b, k);      /* else it comes again later */
		}
	}
}

/* The last rounds: every office to the centre, the centre to every office,
 * receipts both ways, until a round brings nothing new. */
static void settle(struct world *w)
{
	for (int round = 0; round < 6 && !w->failed; round++) {
		long long fresh = 0;
		for (int i = 0; i < NSITES; i++)
			for (int j = 0; j < NSITES; j++)
				while (w->box[i][j].n)
					take(&w->box[i][j], w->box[i][j].n - 1);
		for (int o = 1; o < NSITES; o++) {
			send_file(w, o, 0);
			deliver(w, o, 0, w->box[o][0].n - 1, &fresh);
		}
		for (int o = 1; o < NSITES; o++) {
			send_file(w, 0, o);
			deliver(w, 0, o, w->box[0][o].n - 1, &fresh);
		}
		for (int o = 1; o < NSITES; o++) {
			deliver(w, o, 0, w->box[o][0].n - 1, NULL);   /* the receipts */
			deliver(w, 0, o, w->box[0][o].n - 1, NULL);
		}
		if (round > 0 && !fresh)
			return;
	}
}

static int run_seed(unsigned long long seed, int steps)
{
	struct world w;
	char *want;
	int ok = 1;
	rng = seed * 0x9e3779b97f4a7c15ULL | 1;
	if (setup(&w)) {
		teardown(&w);
		return 0;
	}
	if (rnd_n(2)) {
		struct err e = { 0, "" };
		if (store_period_open(w.s[0], LOGIN, "2024Q3", "2024-10-10", &e))
			printf("  period: %s\n", e.msg);
	}
	for (int k = 0; k < steps && !w.failed; k++)
		step(&w);
	settle(&w);
	want = dump(&w, 0);
	for (int i = 0; i < NSITES; i++) {
		char *got = dump(&w, i);
		struct verify_result v;
		struct err e = { 0, "" };
		if (strcmp(got, want)) {
			printf("  seed %llu: %s does not hold what the centre does\n", seed, site_names[i]);
			ok = 0;
		}
		if (count_rows(&w, i, "progress") != w.made) {
			printf("  seed %llu: %s holds %lld records of the %lld made\n", seed, site_names[i],
			       count_rows(&w, i, "progress"), w.made);
			ok = 0;
		}
		if (store_verify(w.s[i], NULL, &v, &e) || v.nproblems) {
			printf("  seed %llu: %s does not verify: %s\n", seed, site_names[i],
			       v.nkept ? v.problems[0].msg : e.msg);
			ok = 0;
		}
		store_verify_release(&v);
		free(got);
	}
	free(want);
	ok = ok && !w.failed;
	teardown(&w);
	return ok;
}

TEST(random_exchanges_converge)
{
	const char *sec = getenv("DUBAN_SYNC_SECONDS");
	double budget = sec ? atof(sec) : 6;
	time_t start = time(NULL);
	unsigned long long seed = 1;
	int runs = 0;
	/* a clock in 2024Q3, so the plan's quarters can be opened (root only:
	 * others record to the plan's last quarter) */
	setenv("DUBAN_NOW", "1723712400", 1);
	do {
		CHECK(run_seed(seed, 120 + (int)(seed % 4) * 40));
		runs++;
		seed++;
	} while (!test_failed_now && (runs < 2 || difftime(time(NULL), start) < budget));
	printf("  %d seeds converged in %.0f s: %lld files written, %lld applied, %lld held already "
	       "(late or twice), %lld lost, %lld damaged and refused\n", runs, difftime(time(NULL), start),
	       n_files, n_applied, n_twice, n_lost, n_damaged);
	CHECK(runs >= 2);
}

int main(void)
{
	RUN(random_exchanges_converge);
	TEST_END();
}
