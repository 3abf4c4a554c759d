/* The benchmark's data generator (issue 7): builds the database a national
 * rollout accumulates (15 years of the national plan and 31 provincial plans)
 * through duban's own store functions, and writes the other inputs the
 * benchmark needs: a multi-megabyte plan text, a Taskwarrior import file and
 * keystroke scripts. Deterministic for a seed, except the random record ids
 * and the timestamps the store itself makes.
 *
 *   gen version                       the generator version (the cache stamp)
 *   gen db PATH [SCALE]               build the big database at PATH
 *   gen plantext OUT MB               a plan text of about MB megabytes
 *   gen twjson DB OUT                 Taskwarrior JSON (one task per line) of every task
 *   gen keys OUT N                    a script of N browse keys, then q
 *   gen fillck IN.xlsx OUT.xlsx       the checklist workbook IN filled in, every row
 *   gen records DB N                  N more records in DB, as its office makes them
 *
 * Run from the source tree (it reads the plans in data/plans and data/departments.tsv). */
#include <locale.h>
#include <time.h>
#include <xlsxwriter.h>

#include "src/dept.h"
#include "src/err.h"
#include "src/plan_parse.h"
#include "src/sha256.h"
#include "src/status.h"
#include "src/text.h"
#include "src/util.h"
#include "src/xlsx.h"
#include "store/schema.h"
#include "store/store.h"

#define GEN_VERSION "duban-bench-gen 7"
#define SEED 20240607u
#define LOGIN "bench"

/* ---- deterministic random numbers (splitmix64) ---- */

static unsigned long long rng_state = SEED;

static unsigned long long rnd(void)
{
	unsigned long long z = (rng_state += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static size_t rnd_n(size_t n)
{
	return n ? (size_t)(rnd() % n) : 0;
}

/* 1 with probability P. */
static int chance(double p)
{
	return (double)(rnd() >> 11) / 9007199254740992.0 < p;
}

static void die_err(const char *what, const struct err *e)
{
	fprintf(stderr, "gen: %s: %s\n", what, e->msg);
	exit(1);
}

/* ---- text material from the bundled plans ---- */

struct material {
	char **sent; size_t nsent, capsent;          /* task sentences, simplified, ending in 。 */
	char **chap; size_t nchap, capchap;          /* chapter titles */
	char **sec; size_t nsec, capsec;             /* section titles */
};

static void add_str(char ***v, size_t *n, size_t *cap, const char *s)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*v)[i], s))
			return;
	xgrow(v, cap, *n + 1, sizeof **v);
	(*v)[(*n)++] = xstrdup(s);
}

/* Split TEXT at 。 (and ；) into sentences of at least 8 bytes. */
static void add_sentences(struct material *m, const char *text)
{
	char *simp = text_simplified(text);
	const char *p = simp;
	while (*p) {
		const char *end = strstr(p, "。");
		const char *semi = strstr(p, "；");
		size_t n;
		if (semi && (!end || semi < end))
			end = semi;
		n = end ? (size_t)(end - p) : strlen(p);
		if (n >= 12) {
			struct strbuf sb = STRBUF_INIT;
			sb_add(&sb, p, n);
			sb_adds(&sb, "。");
			add_str(&m->sent, &m->nsent, &m->capsent, sb_str(&sb));
			sb_release(&sb);
		}
		p += n;
		if (end)
			p += 3;
	}
	free(simp);
}

static void material_load(struct material *m)
{
	static const char *const files[] = {
		"data/plans/2020-national-plan-notice-ocr.txt", "data/plans/2024-national-plan.txt",
		"data/plans/2025-national-plan-article-traditional.txt",
		"data/plans/fyp14-protection-and-use-excerpt.txt",
	};
	memset(m, 0, sizeof *m);
	for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
		struct plan_doc doc;
		struct err e = { 0, "" };
		char *buf = NULL;
		size_t len = 0;
		if (util_read_file(files[f], PLAN_MAX_BYTES, &buf, &len, &e))
			die_err("reading the material", &e);
		if (plan_parse(buf, len, files[f], ENC_AUTO, &doc, &e))
			die_err("parsing the material", &e);
		free(buf);
		for (size_t i = 0; i < doc.ntasks; i++)
			add_sentences(m, doc.tasks[i].text);
		for (size_t i = 0; i < doc.nchapters; i++) {
			char *t = text_simplified(doc.chapters[i].title);
			add_str(&m->chap, &m->nchap, &m->capchap, t);
			free(t);
		}
		for (size_t i = 0; i < doc.nsections; i++) {
			char *t = text_simplified(doc.sections[i].title);
			add_str(&m->sec, &m->nsec, &m->capsec, t);
			free(t);
		}
		plan_doc_release(&doc);
	}
	if (m->nsent < 50 || m->nchap < 5 || m->nsec < 10) {
		fprintf(stderr, "gen: too little material in data/plans (%zu sentences)\n", m->nsent);
		exit(1);
	}
}

/* A task text: 1 to 3 recombined sentences (real tasks run 30 to 200 characters). */
static char *task_text(const struct material *m)
{
	struct strbuf sb = STRBUF_INIT;
	size_t k = 1 + rnd_n(3);
	for (size_t i = 0; i < k; i++)
		sb_adds(&sb, m->sent[rnd_n(m->nsent)]);
	return sb_detach(&sb);
}

static const char *const progress_phrases[] = {
	"已完成初稿，正在征求有关部门意见。", "已报送审议，待批准后印发实施。",
	"已召开专题会议研究部署，明确责任分工和时间节点。", "受机构调整影响，进度滞后，已调整工作方案。",
	"已形成阶段性成果，下一步将加快推进。", "已印发实施，正在开展宣传解读和督促落实。",
	"本季度组织开展调研3次，形成调研报告1份。", "已完成年度任务，相关材料已作为佐证上传。",
	"持续推进中，已纳入年度重点工作台账。", "牵头单位已会同参与单位完成会商，形成工作清单。",
};

/* A progress note of realistic length: a phrase and 0 to 2 sentences of material. */
static char *note_text(const struct material *m)
{
	struct strbuf sb = STRBUF_INIT;
	size_t k = rnd_n(3);
	sb_adds(&sb, progress_phrases[rnd_n(sizeof progress_phrases / sizeof progress_phrases[0])]);
	for (size_t i = 0; i < k; i++) {
		sb_adds(&sb, "围绕“");
		sb_adds(&sb, m->sent[rnd_n(m->nsent)]);
		sb_adds(&sb, "”开展工作。");
	}
	return sb_detach(&sb);
}

/* ---- departments ---- */

static const struct { const char *code, *name, *abbr; int city; } provinces[31] = {
	{ "bj", "北京市", "京", 1 }, { "tj", "天津市", "津", 1 }, { "he", "河北省", "冀", 0 },
	{ "sx", "山西省", "晋", 0 }, { "nm", "内蒙古自治区", "蒙", 0 }, { "ln", "辽宁省", "辽", 0 },
	{ "jl", "吉林省", "吉", 0 }, { "hl", "黑龙江省", "黑", 0 }, { "sh", "上海市", "沪", 1 },
	{ "js", "江苏省", "苏", 0 }, { "zj", "浙江省", "浙", 0 }, { "ah", "安徽省", "皖", 0 },
	{ "fj", "福建省", "闽", 0 }, { "jx", "江西省", "赣", 0 }, { "sd", "山东省", "鲁", 0 },
	{ "ha", "河南省", "豫", 0 }, { "hb", "湖北省", "鄂", 0 }, { "hn", "湖南省", "湘", 0 },
	{ "gd", "广东省", "粤", 0 }, { "gx", "广西壮族自治区", "桂", 0 }, { "hi", "海南省", "琼", 0 },
	{ "cq", "重庆市", "渝", 1 }, { "sc", "四川省", "川", 0 }, { "gz", "贵州省", "黔", 0 },
	{ "yn", "云南省", "滇", 0 }, { "xz", "西藏自治区", "藏", 0 }, { "sn", "陕西省", "陕", 0 },
	{ "gs", "甘肃省", "甘", 0 }, { "qh", "青海省", "青", 0 }, { "nx", "宁夏回族自治区", "宁", 0 },
	{ "xj", "新疆维吾尔自治区", "新", 0 },
};

/* Provincial bodies; the first leads most tasks. A city has 局 where a province has 厅. */
static const char *const prov_bodies[] = {
	"知识产权局", "市场监管局", "委宣传部", "版权局", "科技厅", "工业和信息化厅", "公安厅", "司法厅",
	"财政厅", "商务厅", "文化和旅游厅", "农业农村厅", "教育厅", "人力资源社会保障厅", "发展改革委",
	"高级人民法院", "人民检察院", "林业局", "卫生健康委", "地方金融管理局",
};
#define NBODIES (sizeof prov_bodies / sizeof prov_bodies[0])

struct depts {
	char **central; size_t ncentral;     /* canonical names, kind central */
	size_t cnipa;                        /* index of 国家知识产权局 */
	char *prov[31][NBODIES];             /* canonical names of the provincial bodies */
	char *prov_written[31][NBODIES];
};

static char *resolve(struct store *s, const char *written)
{
	struct err e = { 0, "" };
	char *key = text_match_key(written), *fresh = dept_canonical_for_new(written), *dept = NULL;
	int created = 0;
	if (store_dept_resolve(s, written, key, fresh, &dept, &created, &e))
		die_err("resolving a department", &e);
	free(key);
	free(fresh);
	return dept;
}

/* Seed the alias table and resolve every department the plans will name. */
static void depts_setup(struct store *s, struct depts *d)
{
	struct dept_table t;
	struct err e = { 0, "" };
	size_t cap = 0;
	memset(d, 0, sizeof *d);
	if (dept_table_load("data/departments.tsv", &t, &e))
		die_err("loading departments", &e);
	if (store_begin(s, &e) || store_dept_seed(s, &t, &e))
		die_err("seeding departments", &e);
	for (size_t i = 0; i < t.ndepts; i++) {
		if (strcmp(t.depts[i].kind, "central"))
			continue;
		xgrow(&d->central, &cap, d->ncentral + 1, sizeof *d->central);
		if (!strcmp(t.depts[i].name, "国家知识产权局"))
			d->cnipa = d->ncentral;
		d->central[d->ncentral++] = resolve(s, t.depts[i].name);
	}
	for (size_t p = 0; p < 31; p++) {
		for (size_t b = 0; b < NBODIES; b++) {
			struct strbuf sb = STRBUF_INIT;
			const char *body = prov_bodies[b];
			sb_adds(&sb, provinces[p].name);
			if (provinces[p].city && strstr(body, "厅")) {
				sb_add(&sb, body, strlen(body) - strlen("厅"));
				sb_adds(&sb, "局");
			} else {
				sb_adds(&sb, body);
			}
			d->prov_written[p][b] = sb_detach(&sb);
			d->prov[p][b] = resolve(s, d->prov_written[p][b]);
		}
	}
	if (store_commit(s, &e))
		die_err("committing departments", &e);
	dept_table_release(&t);
}

/* How many departments a task names: mean about 2.45 (140,000 roles on 57,000 tasks). */
static size_t ndepts_draw(void)
{
	double u = (double)(rnd() >> 11) / 9007199254740992.0;
	if (u < 0.35) return 1;
	if (u < 0.63) return 2;
	if (u < 0.81) return 3;
	if (u < 0.90) return 4;
	if (u < 0.95) return 5;
	return 6 + rnd_n(4);
}

/* Pick N distinct indexes in [0, POOL) into OUT, the first weighted to LEAD. */
static void pick(size_t *out, size_t n, size_t pool, size_t lead, double lead_p)
{
	if (n > pool)
		n = pool;
	for (size_t i = 0; i < n; i++) {
		size_t x;
		int dup;
		do {
			x = i == 0 && chance(lead_p) ? lead : rnd_n(pool);
			dup = 0;
			for (size_t j = 0; j < i; j++)
				dup |= out[j] == x;
		} while (dup);
		out[i] = x;
	}
}

/* ---- the big database ---- */

struct grole {
	int task;         /* index into the task table */
	int dept_prov;    /* -1 central, else province index */
	int dept;         /* index into central or the province's bodies */
	int lead;
	int done;         /* stopped reporting */
	int ongoing;      /* a standing task: ongoing, never done */
	enum status last;
	char last_id[33];
};

struct gtask {
	char id[48];
	int year;
	int role0, nroles;
};

struct counts {
	long plans, tasks, roles, records, evidence, reviews, blob_bytes;
};

static const char *dept_of(const struct depts *d, const struct grole *r)
{
	return r->dept_prov < 0 ? d->central[r->dept] : d->prov[r->dept_prov][r->dept];
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Write the 480 plans, PLANS_PER_TXN plans to a transaction. Fills TASKS and ROLES. */
static void write_plans(struct store *s, const struct material *m, const struct depts *d,
			double scale, struct gtask **tasks, size_t *ntasks, struct grole **roles,
			size_t *nroles, struct counts *c)
{
	enum { PLANS_PER_TXN = 24 };
	size_t tcap = 0, rcap = 0, inplan = 0;
	struct err e = { 0, "" };
	*tasks = NULL;
	*roles = NULL;
	*ntasks = *nroles = 0;
	for (int year = 2011; year <= 2025; year++) {
		for (int p = -1; p < 31; p++) {
			struct store_plan_in in;
			struct store_plan_result res;
			struct store_chapter_in ch[9];
			struct store_section_in sec[9 * 4];
			char key[16], title[160], source[40], sha[65], *texts[400];
			struct store_task_in *ti;
			size_t nch = 5 + rnd_n(4), nsec = 0, nt;
			int ntask_target = (int)((100 + rnd_n(38)) * scale);

			if (ntask_target < 1)
				ntask_target = 1;
			if (ntask_target > 400)
				ntask_target = 400;
			if (p < 0) {
				snprintf(key, sizeof key, "%d", year);
				snprintf(title, sizeof title, "%d年知识产权强国建设推进计划", year);
			} else {
				snprintf(key, sizeof key, "%s%d", provinces[p].code, year);
				snprintf(title, sizeof title, "%s%d年知识产权强省建设推进计划", provinces[p].name, year);
			}
			snprintf(source, sizeof source, "%s.txt", key);
			sha256_hex(title, strlen(title), sha);
			for (size_t i = 0; i < nch; i++) {
				size_t ns = 2 + rnd_n(3);
				ch[i].number = (int)i + 1;
				ch[i].title = m->chap[rnd_n(m->nchap)];
				for (size_t j = 0; j < ns; j++) {
					sec[nsec].chapter = (int)i + 1;
					sec[nsec].number = (int)j + 1;
					sec[nsec].title = m->sec[rnd_n(m->nsec)];
					nsec++;
				}
			}
			nt = (size_t)ntask_target;
			ti = xcalloc(nt, sizeof *ti);
			for (size_t i = 0; i < nt; i++) {
				/* tasks in document order: spread evenly over the sections */
				size_t si = i * nsec / nt;
				size_t n = ndepts_draw(), idx[12];
				char label[24];
				struct gtask *gt;
				snprintf(label, sizeof label, "%zu", i + 1);
				ti[i].label = xstrdup(label);
				ti[i].seq = (int)i + 1;
				ti[i].chapter = sec[si].chapter;
				ti[i].section = sec[si].number;
				texts[i] = task_text(m);
				ti[i].text = texts[i];
				ti[i].match_key = text_match_key(texts[i]);
				if (p < 0)
					pick(idx, n, d->ncentral, d->cnipa, 0.35);
				else
					pick(idx, n, NBODIES, 0, 0.45);
				if (n > (p < 0 ? d->ncentral : NBODIES))
					n = p < 0 ? d->ncentral : NBODIES;
				ti[i].ndepts = n;
				ti[i].depts = xcalloc(n, sizeof *ti[i].depts);
				ti[i].written = xcalloc(n, sizeof *ti[i].written);
				xgrow(tasks, &tcap, *ntasks + 1, sizeof **tasks);
				gt = &(*tasks)[*ntasks];
				snprintf(gt->id, sizeof gt->id, "%s-%zu", key, i + 1);
				gt->year = year;
				gt->role0 = (int)*nroles;
				gt->nroles = (int)n;
				for (size_t j = 0; j < n; j++) {
					struct grole *r;
					const char *name = p < 0 ? d->central[idx[j]] : d->prov[p][idx[j]];
					ti[i].depts[j] = (char *)name;
					ti[i].written[j] = p < 0 ? (char *)name : d->prov_written[p][idx[j]];
					xgrow(roles, &rcap, *nroles + 1, sizeof **roles);
					r = &(*roles)[(*nroles)++];
					memset(r, 0, sizeof *r);
					r->task = (int)*ntasks;
					r->dept_prov = p;
					r->dept = (int)idx[j];
					r->lead = j == 0;
					r->last = ST_NOT_STARTED;
				}
				(*ntasks)++;
			}
			memset(&in, 0, sizeof in);
			in.key = key;
			in.title = title;
			in.kind = "annual";
			in.year = year;
			in.source_name = source;
			in.source_sha256 = sha;
			in.who = LOGIN;
			in.chapters = ch;
			in.nchapters = nch;
			in.sections = sec;
			in.nsections = nsec;
			in.tasks = ti;
			in.ntasks = nt;
			if (inplan == 0 && store_begin(s, &e))
				die_err("starting a plan transaction", &e);
			if (store_plan_write(s, &in, 0, &res, &e))
				die_err("writing a plan", &e);
			if (++inplan == PLANS_PER_TXN) {
				if (store_commit(s, &e))
					die_err("committing plans", &e);
				inplan = 0;
			}
			for (size_t i = 0; i < nt; i++) {
				free((char *)ti[i].label);
				free((char *)ti[i].match_key);
				free(ti[i].depts);
				free(ti[i].written);
				free(texts[i]);
			}
			free(ti);
			c->plans++;
		}
	}
	if (inplan && store_commit(s, &e))
		die_err("committing plans", &e);
	c->tasks = (long)*ntasks;
	c->roles = (long)*nroles;
}

static const char *const ev_titles[] = {
	"工作方案", "会议纪要", "印发通知", "报送函", "调研报告", "总结报告", "实施细则", "新闻报道",
	"培训通知", "验收意见",
};

/* One evidence item for role R: a small file, a document number or a link. */
static void add_evidence(struct store *s, const struct depts *d, const struct grole *r,
			 const struct gtask *t, struct counts *c)
{
	static unsigned char blob[16384];
	struct evidence_in in;
	struct err e = { 0, "" };
	char id[33], title[128], value[160], fname[64];
	size_t k = rnd_n(100);
	const char *what = ev_titles[rnd_n(sizeof ev_titles / sizeof ev_titles[0])];
	const char *abbr = r->dept_prov < 0 ? "国知发" : provinces[r->dept_prov].abbr;

	memset(&in, 0, sizeof in);
	in.task = t->id;
	in.dept = dept_of(d, r);
	in.title = title;
	in.progress = chance(0.7) ? r->last_id : NULL;
	snprintf(title, sizeof title, "%s%s", t->id, what);
	if (k < 40) {
		/* a small file; one in ten is the same bytes as one before (stored once) */
		size_t size = 512 + rnd_n(7680);
		unsigned long long fill = chance(0.1) ? rnd_n(50) : rnd();
		for (size_t i = 0; i < size; i++) {
			fill = fill * 6364136223846793005ULL + 1442695040888963407ULL;
			blob[i] = (unsigned char)(fill >> 56);
		}
		snprintf(fname, sizeof fname, "%s-%s.pdf", t->id, k < 20 ? "fawen" : "cailiao");
		in.kind = EV_FILE;
		in.file_name = fname;
		in.data = blob;
		in.size = size;
		c->blob_bytes += (long)size;
	} else if (k < 75) {
		snprintf(value, sizeof value, "%s〔%d〕%zu号", abbr, t->year,
			 1 + rnd_n(120));
		in.kind = EV_DOCNO;
		in.value = value;
	} else {
		snprintf(value, sizeof value, "https://www.cnipa.gov.cn/art/%d/%zu/%zu/art_%zu_%zu.html",
			 t->year, 1 + rnd_n(12), 1 + rnd_n(28), 50 + rnd_n(900), 100000 + rnd_n(900000));
		in.kind = EV_URL;
		in.value = value;
	}
	if (store_evidence_add(s, LOGIN, &in, id, &e))
		die_err("adding evidence", &e);
	c->evidence++;
}

/* Append the quarterly records in time order, period by period across all
 * plans, as liaison offices would: each record in its own transaction. */
static void write_progress(struct store *s, const struct material *m, const struct depts *d,
			   const struct gtask *tasks, size_t ntasks, struct grole *roles, size_t nroles,
			   struct counts *c)
{
	double last = now_s();
	char now[8];
	period_current(now, sizeof now);
	for (size_t i = 0; i < nroles; i++)
		roles[i].ongoing = chance(0.1);
	for (int year = 2011; year <= 2026; year++) {
		for (int q = 1; q <= 4; q++) {
			char period[24];
			snprintf(period, sizeof period, "%dQ%d", year, q);
			for (size_t i = 0; i < nroles; i++) {
				struct grole *r = &roles[i];
				const struct gtask *t = &tasks[r->task];
				/* the four quarters of the plan's year, all an annual plan
				 * reports on (issue 13's rule refuses the next year's) */
				int qi = (year - t->year) * 4 + (q - 1);
				struct progress_in in;
				struct progress_result res;
				struct err e = { 0, "" };
				char *note;
				if (qi < 0 || qi > 3 || r->done || strcmp(period, now) > 0)
					continue;
				/* every field: note_only and backfill too */
				memset(&in, 0, sizeof in);
				if (!chance(r->lead ? 0.85 : 0.6))
					continue;
				/* fields added since (a note alone, a backfill) stay off */
				memset(&in, 0, sizeof in);
				if (r->ongoing)
					in.status = qi == 0 ? ST_IN_PROGRESS : ST_ONGOING;
				else if (chance(0.06 + 0.18 * qi))
					in.status = ST_DONE;
				else if (chance(0.08))
					in.status = ST_BEHIND;
				else
					in.status = qi == 0 && chance(0.2) ? ST_NOT_STARTED : ST_IN_PROGRESS;
				note = note_text(m);
				in.task = t->id;
				in.dept = dept_of(d, r);
				in.period = period;
				in.note = note;
				in.based_on = NULL;
				if (store_progress_append(s, LOGIN, &in, &res, &e))
					die_err("appending progress", &e);
				free(note);
				memcpy(r->last_id, res.id, sizeof r->last_id);
				r->last = in.status;
				r->done = in.status == ST_DONE;
				c->records++;
				if (chance(0.041))
					add_evidence(s, d, r, t, c);
				if (c->records % 50000 == 0) {
					double tnow = now_s();
					fprintf(stderr, "gen: %ld records, %ld evidence (%.0f records/s)\n",
						c->records, c->evidence, 50000 / (tnow - last));
					last = tnow;
				}
			}
		}
	}
	/* close-offs: the office approves most done tasks and returns a few */
	for (size_t i = 0; i < ntasks; i++) {
		const struct grole *lead = &roles[tasks[i].role0];
		struct err e = { 0, "" };
		if (lead->last != ST_DONE || !chance(0.7))
			continue;
		/* a task whose lead in the store is not the generator's first
		 * department has no close-off to review: skipped */
		int approve = chance(0.93);
		if (store_review(s, LOGIN, tasks[i].id, approve ? DECIDE_APPROVE : DECIDE_RETURN, NULL,
				 approve ? NULL : "佐证材料不足，请补充印发文件。", &e)) {
			if (e.code == ERR_DB)
				die_err("reviewing", &e);
			continue;
		}
		c->reviews++;
	}
}

static int cmd_db(const char *path, double scale)
{
	struct store *s = NULL;
	struct err e = { 0, "" };
	struct material m;
	struct depts d;
	struct gtask *tasks;
	struct grole *roles;
	size_t ntasks, nroles;
	struct counts c;
	double t0 = now_s(), t1, t2;

	memset(&c, 0, sizeof c);
	remove(path);
	if (store_open(path, STORE_CREATE, &s, &e))
		die_err("opening the database", &e);
	material_load(&m);
	depts_setup(s, &d);
	write_plans(s, &m, &d, scale, &tasks, &ntasks, &roles, &nroles, &c);
	t1 = now_s();
	fprintf(stderr, "gen: %ld plans, %ld tasks, %ld roles in %.1f s\n", c.plans, c.tasks, c.roles,
		t1 - t0);
	write_progress(s, &m, &d, tasks, ntasks, roles, nroles, &c);
	t2 = now_s();
	store_close(s);
	printf("version\t%s\nscale\t%g\nplans\t%ld\ntasks\t%ld\nroles\t%ld\nrecords\t%ld\n"
	       "evidence\t%ld\nblob_bytes\t%ld\nreviews\t%ld\nplans_s\t%.1f\nprogress_s\t%.1f\n"
	       "records_per_s\t%.0f\n",
	       GEN_VERSION, scale, c.plans, c.tasks, c.roles, c.records, c.evidence, c.blob_bytes,
	       c.reviews, t1 - t0, t2 - t1, c.records / (t2 - t1));
	free(tasks);
	free(roles);
	return 0;
}

/* ---- more records, for the change-file benchmark (issue 17) ---- */

/* Append N records to the database at PATH as its office would, each in its
 * own transaction: a task and one of its departments at random (of plans
 * up to 2025), the task's year's last quarter, a note of realistic length. */
static int cmd_records(const char *path, long n)
{
	static const enum status sts[] = { ST_IN_PROGRESS, ST_IN_PROGRESS, ST_ONGOING, ST_BEHIND, ST_NOT_STARTED };
	struct task_filter f = { NULL, NULL, -1 };
	struct store *s = NULL;
	struct err e = { 0, "" };
	struct material m;
	struct plan_info *plans = NULL;
	struct task_row *tasks = NULL;
	char **pairs = NULL;
	size_t npairs = 0, cap = 0, nplans = 0, ntasks = 0;
	double t0 = now_s();

	if (store_open(path, 0, &s, &e))
		die_err("opening the database", &e);
	if (store_plan_list(s, &plans, &nplans, &e) || store_task_query(s, &f, &tasks, &ntasks, &e))
		die_err("reading the tasks", &e);
	for (size_t i = 0; i < ntasks; i++) {
		int year = 0;
		for (size_t k = 0; k < nplans && !year; k++)
			if (!strcmp(plans[k].key, tasks[i].plan))
				year = plans[k].year;
		for (size_t k = 0; year && year <= 2025 && k < tasks[i].ndepts; k++) {
			struct strbuf sb = STRBUF_INIT;
			sb_addf(&sb, "%s\t%s\t%d", tasks[i].id, tasks[i].depts[k].dept, year);
			xgrow(&pairs, &cap, npairs + 1, sizeof *pairs);
			pairs[npairs++] = sb_detach(&sb);
		}
	}
	store_task_rows_free(tasks, ntasks);
	store_plan_list_free(plans, nplans);
	if (!npairs)
		die_err("reading the tasks: none", &e);
	material_load(&m);
	for (long i = 0; i < n; i++) {
		char *pair = xstrdup(pairs[rnd_n(npairs)]), *dept = strchr(pair, '\t'), *year, period[8], *note;
		struct progress_in in;
		struct progress_result res;
		*dept++ = '\0';
		year = strchr(dept, '\t');
		*year++ = '\0';
		snprintf(period, sizeof period, "%.4sQ4", year);
		memset(&in, 0, sizeof in);
		in.task = pair;
		in.dept = dept;
		in.period = period;
		in.status = sts[rnd_n(5)];
		in.note = note = note_text(&m);
		if (store_progress_append(s, LOGIN, &in, &res, &e))
			die_err("appending progress", &e);
		free(note);
		free(pair);
	}
	store_strv_free(pairs, npairs);
	store_close(s);
	printf("records\t%ld\nrecords_s\t%.1f\n", n, now_s() - t0);
	return 0;
}

/* ---- a multi-megabyte plan text in the shape of 2024-national-plan.txt ---- */

static const char *const zh_digit[] = { "", "一", "二", "三", "四", "五", "六", "七", "八", "九" };

static void zh_num(struct strbuf *sb, int n)
{
	if (n >= 20)
		sb_adds(sb, zh_digit[n / 10]);
	if (n >= 10)
		sb_adds(sb, "十");
	sb_adds(sb, zh_digit[n % 10]);
}

static int cmd_plantext(const char *out, double mb)
{
	struct material m;
	struct dept_table t;
	struct err e = { 0, "" };
	struct strbuf sb = STRBUF_INIT;
	size_t want = (size_t)(mb * 1024 * 1024), ncentral = 0;
	const char *central[80];
	int task = 0;
	FILE *f;

	material_load(&m);
	if (dept_table_load("data/departments.tsv", &t, &e))
		die_err("loading departments", &e);
	for (size_t i = 0; i < t.ndepts && ncentral < 80; i++)
		if (!strcmp(t.depts[i].kind, "central"))
			central[ncentral++] = t.depts[i].name;
	sb_adds(&sb, "\n\n2099 年知识产权强国建设推进计划\n\n为深入实施知识产权强国战略，明确年度重点任务和工作措施，制定本计划。\n\n");
	/* chapters of 10 sections: enough chapters (up to 99) for the size */
	for (int c = 1; c <= 99 && sb.len < want; c++) {
		zh_num(&sb, c);
		sb_adds(&sb, "、");
		sb_adds(&sb, m.chap[rnd_n(m.nchap)]);
		sb_adds(&sb, "\n\n");
		for (int s = 1; s <= 10 && sb.len < want; s++) {
			sb_adds(&sb, "（");
			zh_num(&sb, s);
			sb_adds(&sb, "）");
			sb_adds(&sb, m.sec[rnd_n(m.nsec)]);
			sb_adds(&sb, "\n\n");
			for (int k = 0; k < 60 && sb.len < want; k++) {
				size_t n = ndepts_draw(), idx[12];
				char *text = task_text(&m);
				pick(idx, n, ncentral, 0, 0.3);
				if (n > ncentral)
					n = ncentral;
				sb_addf(&sb, "%d. %s（", ++task, text);
				for (size_t j = 0; j < n; j++)
					sb_addf(&sb, "%s%s", j ? "、" : "", central[idx[j]]);
				sb_adds(&sb, "负责）\n\n");
				free(text);
			}
		}
	}
	f = fopen(out, "w");
	if (!f || fwrite(sb.buf, 1, sb.len, f) != sb.len || fclose(f)) {
		fprintf(stderr, "gen: cannot write '%s'\n", out);
		return 1;
	}
	printf("bytes\t%zu\ntasks\t%d\n", sb.len, task);
	sb_release(&sb);
	dept_table_release(&t);
	return 0;
}

/* ---- Taskwarrior's import file ---- */

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(f, "\\u%04x", ch);
		else
			fputc(ch, f);
	}
	fputc('"', f);
}

/* Every task of DB as one Taskwarrior task: description the text, project
 * PLAN.CHAPTER, the UDA dept holding every department of the task (lead
 * first, joined by ','), so 'dept.has:X' selects what 'duban tasks --dept X' does. */
static int cmd_twjson(const char *db, const char *out)
{
	struct store *s = NULL;
	struct err e = { 0, "" };
	struct task_filter f = { NULL, NULL, -1 };
	struct task_row *v = NULL;
	size_t n = 0;
	FILE *fp;
	if (store_open(db, STORE_READONLY, &s, &e))
		die_err("opening the database", &e);
	if (store_task_query(s, &f, &v, &n, &e))
		die_err("reading tasks", &e);
	fp = fopen(out, "w");
	if (!fp) {
		fprintf(stderr, "gen: cannot write '%s'\n", out);
		return 1;
	}
	for (size_t i = 0; i < n; i++) {
		struct strbuf proj = STRBUF_INIT, dept = STRBUF_INIT;
		unsigned long long h = 1469598103934665603ULL;
		for (const char *p = v[i].id; *p; p++)
			h = (h ^ (unsigned char)*p) * 1099511628211ULL;
		sb_addf(&proj, "%s.ch%d", v[i].plan, v[i].chapter);
		for (size_t j = 0; j < v[i].ndepts; j++)
			sb_addf(&dept, "%s%s", j ? "," : "", v[i].depts[j].dept);
		fprintf(fp, "{\"uuid\":\"%08llx-%04llx-4%03llx-8%03llx-%012llx\",\"status\":\"pending\","
			"\"entry\":\"20240101T000000Z\",\"description\":",
			h >> 32, (h >> 16) & 0xffff, h & 0xfff, (h >> 20) & 0xfff,
			(unsigned long long)i);
		json_str(fp, v[i].text);
		fputs(",\"project\":", fp);
		json_str(fp, sb_str(&proj));
		fputs(",\"dept\":", fp);
		json_str(fp, sb_str(&dept));
		fputs(",\"duban\":", fp);
		json_str(fp, v[i].id);
		fputs("}\n", fp);
		sb_release(&proj);
		sb_release(&dept);
	}
	fclose(fp);
	printf("tasks\t%zu\n", n);
	store_task_rows_free(v, n);
	store_close(s);
	return 0;
}

/* ---- keystroke scripts ---- */

/* N browse keys (movement, unfolding, paging, search, filters, plan switches,
 * jumps), then q. Nothing that writes. Keys are counted as the UI reads them:
 * one per character, one per <Name>. */
static int cmd_keys(const char *out, long want)
{
	static const char *const episodes[] = {
		"jjjjjjjjjjkkkkk",
		"<Enter>j<Enter>j<Enter>jjjj<Enter>jjj<Tab>kkk",
		"<PgDn><PgDn><PgUp>jjkk",
		"/专利<Enter>nnnnN<Esc>",
		"fbfnfp",           /* f then a key: behind, not started, in progress */
		"d国家知识产权局<Enter>jjjj<PgDn>kk<Esc>",
		"pjj<Enter>jjjj<Enter>jjP",
		":2024-105<Enter><Tab>jj<Tab>",
		"Gkkkgjj",
		"/商标<Enter>nnn<Esc>",
		"d广东省知识产权局<Enter>jjjjjj<Esc>",
		":gd2019-40<Enter>kkkjjj",
		"/数据<Enter>nnNN<Esc>",
		"fbjjfnjjfa",
		":js2016-7<Enter>jjj<Enter>hh",
		"pjjjppPj",
	};
	const size_t ne = sizeof episodes / sizeof episodes[0];
	struct strbuf sb = STRBUF_INIT;
	long n = 0;
	FILE *f;
	for (size_t i = 0;; i = (i + 1) % ne) {
		const char *ep = episodes[i];
		long k = 0;
		for (const char *p = ep; *p;) {
			if (*p == '<')
				p = strchr(p, '>') + 1;
			else
				p += (*p & 0x80) ? ((*p & 0xe0) == 0xc0 ? 2 : (*p & 0xf0) == 0xe0 ? 3 : 4) : 1;
			k++;
		}
		if (n + k > want)
			break;
		sb_adds(&sb, ep);
		sb_adds(&sb, "\n");
		n += k;
	}
	/* fill to exactly WANT with plain movement */
	for (; n < want; n++)
		sb_adds(&sb, n % 2 ? "k" : "j");
	sb_adds(&sb, "\nq\n");
	f = fopen(out, "w");
	if (!f || fwrite(sb.buf, 1, sb.len, f) != sb.len || fclose(f)) {
		fprintf(stderr, "gen: cannot write '%s'\n", out);
		return 1;
	}
	sb_release(&sb);
	printf("keys\t%ld\n", want + 1);
	return 0;
}

/* ---- a checklist workbook filled in ---- */

/* The column of ROW whose text is LABEL, or -1. */
static int fill_col(const struct xlsx_row *row, const char *label)
{
	for (size_t k = 0; k < row->ncells; k++)
		if (!strcmp(row->cells[k].text, label))
			return row->cells[k].col;
	return -1;
}

/* Write the workbook IN (duban checklist --all --format xlsx) to OUT as a
 * department's spreadsheet program would after filling in every task row:
 * the same sheets and cells, each row a status (in turn 推进中, 已完成,
 * 滞后 with its reason, 持续推进), a line of progress and, on every other
 * row, a 文号 or a link; the indicator rows a value. */
static int cmd_fillck(const char *in, const char *out)
{
	static const char *const st[] = { "推进中", "已完成", "滞后", "持续推进" };
	struct err e = { 0, "" };
	struct xlsx_book book;
	lxw_workbook *wb;
	char *buf;
	size_t len, nrows = 0, ninds = 0;

	if (util_read_file(in, 256u << 20, &buf, &len, &e) || xlsx_read(buf, len, in, &book, &e))
		die_err("reading the workbook", &e);
	free(buf);
	wb = workbook_new(out);
	for (size_t i = 0; i < book.nsheets; i++) {
		const struct xlsx_sheet *sh = &book.sheets[i];
		lxw_worksheet *ws = workbook_add_worksheet(wb, sh->name);
		int cst = -1, cpr = -1, cev = -1, cper = -1, cval = -1, inds = 0;
		for (size_t r = 0; r < sh->nrows; r++) {
			const struct xlsx_row *row = &sh->rows[r];
			const char *first = xlsx_cell_text(row, 0);
			lxw_row_t rr = (lxw_row_t)(row->row - 1);
			for (size_t k = 0; k < row->ncells; k++)
				worksheet_write_string(ws, rr, (lxw_col_t)row->cells[k].col, row->cells[k].text, NULL);
			if (!strcmp(first, "任务编号")) {
				cst = fill_col(row, "本季度状态（填写）");
				cpr = fill_col(row, "本季度进展（填写）");
				cev = fill_col(row, "本季度佐证材料（填写）");
			} else if (!strcmp(first, "指标编号")) {
				inds = 1;
				cper = fill_col(row, "统计期（填写）");
				cval = fill_col(row, "本期数值（填写）");
			} else if (inds && *first && cper >= 0) {
				worksheet_write_string(ws, rr, (lxw_col_t)cper, "2025", NULL);
				worksheet_write_number(ws, rr, (lxw_col_t)cval, 100 + (double)ninds, NULL);
				ninds++;
			} else if (!inds && *first && cst >= 0) {
				char prog[96], ev[96];
				const char *s = st[nrows % 4];
				snprintf(prog, sizeof prog, "%s：第%zu项工作本季度%s。", first, nrows + 1,
					 nrows % 4 == 2 ? "因审批推迟而滞后" : "按计划推进");
				worksheet_write_string(ws, rr, (lxw_col_t)cst, s, NULL);
				worksheet_write_string(ws, rr, (lxw_col_t)cpr, prog, NULL);
				if (nrows % 2 == 0) {
					if (nrows % 4 == 0)
						snprintf(ev, sizeof ev, "国知发办字〔2025〕%zu号", nrows + 1);
					else
						snprintf(ev, sizeof ev, "https://www.cnipa.gov.cn/art/2025/%zu.html", nrows + 1);
					worksheet_write_string(ws, rr, (lxw_col_t)cev, ev, NULL);
				}
				nrows++;
			}
		}
	}
	if (workbook_close(wb) != LXW_NO_ERROR) {
		fprintf(stderr, "gen: cannot write '%s'\n", out);
		return 1;
	}
	printf("sheets\t%zu\nrows\t%zu\nindicators\t%zu\n", book.nsheets, nrows, ninds);
	xlsx_book_release(&book);
	return 0;
}

int main(int argc, char **argv)
{
	int rc = 2;
	setlocale(LC_ALL, "");
	if (argc >= 2 && !strcmp(argv[1], "version")) {
		/* the schema's text too: a migration edited in place changes the cache */
		unsigned long long h = 1469598103934665603ULL;
		for (int v = 0; v < STORE_SCHEMA_VERSION; v++)
			for (const char *p = store_migrations[v]; *p; p++)
				h = (h ^ (unsigned char)*p) * 1099511628211ULL;
		printf("%s schema %d %016llx\n", GEN_VERSION, STORE_SCHEMA_VERSION, h);
		rc = 0;
	} else if (argc >= 3 && !strcmp(argv[1], "db")) {
		rc = cmd_db(argv[2], argc >= 4 ? atof(argv[3]) : 1.0);
	} else if (argc == 4 && !strcmp(argv[1], "plantext")) {
		rc = cmd_plantext(argv[2], atof(argv[3]));
	} else if (argc == 4 && !strcmp(argv[1], "twjson")) {
		rc = cmd_twjson(argv[2], argv[3]);
	} else if (argc == 4 && !strcmp(argv[1], "records")) {
		rc = cmd_records(argv[2], atol(argv[3]));
	} else if (argc == 4 && !strcmp(argv[1], "keys")) {
		rc = cmd_keys(argv[2], atol(argv[3]));
	} else if (argc == 4 && !strcmp(argv[1], "fillck")) {
		rc = cmd_fillck(argv[2], argv[3]);
	} else {
		fputs("usage: gen version | db PATH [SCALE] | records DB N | plantext OUT MB | twjson DB OUT |\n"
		      "       keys OUT N | fillck IN.xlsx OUT.xlsx\n", stderr);
	}
	text_cleanup();
	return rc;
}
