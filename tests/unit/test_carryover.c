/* The carry-over (issue 18): its index finds exactly the links that scoring
 * every pair finds, on generated 《》-heavy plan pairs (titles shared by
 * many tasks, tasks with titles and no bigram of their own, copies,
 * shuffles and extensions of earlier tasks); the words it shows are words. */
#include <stdlib.h>
#include <unistd.h>

#include "src/carryover.h"
#include "src/import.h"
#include "src/text.h"
#include "src/util.h"
#include "store/store.h"
#include "tests/unit/fixture.h"
#include "tests/unit/test.h"

static char dir[] = "/tmp/duban-carry-XXXXXX";

static unsigned long long rng = 88172645463325252ULL;

static size_t rnd(size_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (size_t)(rng % n);
}

#define PICK(a) (a)[rnd(sizeof(a) / sizeof *(a))]

static const char *const words[] = {
	"专利", "商标", "版权", "地理标志", "审查", "质量", "运用", "服务", "数据", "标准", "海关",
	"执法", "司法", "仲裁", "调解", "质押", "融资", "评估", "监测", "人才", "国际", "平台",
	"园区", "企业", "高校", "植物", "品种", "中医药", "集成电路", "商业秘密", "信用", "转化",
};
static const char *const titles[] = {
	"商标法", "专利法", "著作权法", "反不正当竞争法", "国防专利条例", "专利审查指南",
	"地理标志产品保护办法", "数据知识产权登记办法", "TRIPS", "PCT", "知识产权", "推进",
	"中华人民共和国商标法",
};
static const char *const verbs[] = { "推进", "加快", "加强", "完善", "开展", "推动", "修订", "研究制定" };
static const char *const bare[] = { "推进", "加快", "加强" };
static const char *const depts[] = { "国家知识产权局", "中央宣传部", "市场监管总局", "司法部", "海关总署" };

static char *task_text(void)
{
	struct strbuf sb = STRBUF_INIT;
	size_t k = rnd(4);
	if (rnd(100) < 15) {            /* titles and common words only: no bigram */
		sb_addf(&sb, "%s《%s》。", PICK(bare), rnd(2) ? "TRIPS" : "知识产权");
		return sb_detach(&sb);
	}
	sb_adds(&sb, PICK(verbs));
	while (k--)
		sb_addf(&sb, "《%s》", PICK(titles));
	for (k = 1 + rnd(4); k; k--)
		sb_adds(&sb, PICK(words));
	sb_adds(&sb, "。");
	return sb_detach(&sb);
}

static void write_plan(const char *path, int year, char **text, const char **lead, size_t n)
{
	FILE *f = fopen(path, "w");
	fprintf(f, "%d年某省知识产权强省建设推进计划\n\n一、完善制度\n\n（一）完善法规\n\n", year);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%zu. %s（%s负责）\n\n", i + 1, text[i], lead[i]);
	fclose(f);
}

/* Import a generated pair of N tasks each into S: YEAR-1 and YEAR. */
static int make_pair(struct store *s, int year, size_t n, char **et, const char **el, char **lt,
		     const char **ll)
{
	struct import_opts o;
	struct strbuf out = STRBUF_INIT, warn = STRBUF_INIT, path = STRBUF_INIT;
	struct err e = { 0, "" };
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		et[i] = task_text();
		el[i] = PICK(depts);
	}
	for (size_t i = 0; i < n; i++) {
		size_t j = rnd(n), r = rnd(3);
		if (rnd(2)) {
			lt[i] = task_text();
			ll[i] = PICK(depts);
			continue;
		}
		if (r == 0) {
			lt[i] = xstrdup(et[j]);
		} else {
			struct strbuf sb = STRBUF_INIT;
			sb_addf(&sb, "%s%s%s", r == 1 ? PICK(verbs) : "", et[j], r == 2 ? PICK(words) : "");
			lt[i] = sb_detach(&sb);
		}
		ll[i] = rnd(5) ? el[j] : PICK(depts);
	}
	memset(&o, 0, sizeof o);
	o.who = "office";
	for (int y = year - 1; y <= year && !rc; y++) {
		sb_reset(&path);
		sb_addf(&path, "%s/plan%d.txt", dir, y);
		write_plan(sb_str(&path), y, y == year ? lt : et, y == year ? ll : el, n);
		if ((rc = import_file(s, sb_str(&path), &o, &out, &warn, &e)))
			printf("  import: %s\n", e.msg);
	}
	sb_release(&out);
	sb_release(&warn);
	sb_release(&path);
	return rc;
}

TEST(index_equals_every_pair)
{
	for (int round = 0; round < 4; round++) {
		enum { N = 250 };
		char *et[N], *lt[N], dbp[300];
		const char *el[N], *ll[N];
		struct store *s = NULL;
		struct err e = { 0, "" };
		struct carry_link *v = NULL;
		size_t nv = 0, k = 0, nlinks = 0, mism = 0;
		int year = 2040 + round;
		snprintf(dbp, sizeof dbp, "%s/c%d.db", dir, round);
		CHECK_INT(store_open(dbp, STORE_CREATE, &s, &e), 0);
		if (!s)
			return;
		CHECK_INT(make_pair(s, year, N, et, el, lt, ll), 0);
		CHECK_INT(carryover_links(s, year, &v, &nv, &e), 0);
		for (size_t i = 0; i < N; i++) {
			struct carry_score best, cur;
			size_t bi = 0;
			char id[32];
			best.score = -1;
			for (size_t j = 0; j < N; j++) {
				carryover_score(et[j], lt[i], el[j], ll[i], &cur);
				if (cur.score > best.score) {
					best.score = cur.score;
					bi = j;
				}
				carryover_score_release(&cur);
			}
			if (best.score < CARRYOVER_THRESHOLD - 1e-9)
				continue;
			nlinks++;
			snprintf(id, sizeof id, "%d-%zu", year, i + 1);
			if (k < nv && !strcmp(v[k].to, id)) {
				char want[32];
				snprintf(want, sizeof want, "%d-%zu", year - 1, bi + 1);
				if (strcmp(v[k].from, want) || v[k].why.score != best.score) {
					if (mism++ < 3)
						printf("  %s: index says %s %.4f, every pair %s %.4f\n", id, v[k].from,
						       v[k].why.score, want, best.score);
				}
				k++;
			} else if (mism++ < 3) {
				printf("  %s: every pair links it to %d-%zu, the index not\n", id, year - 1, bi + 1);
			}
		}
		CHECK_INT((int)mism, 0);
		CHECK_INT((int)nv, (int)nlinks);
		CHECK(nlinks > N / 4);
		carryover_links_free(v, nv);
		for (size_t i = 0; i < N; i++) {
			free(et[i]);
			free(lt[i]);
		}
		store_close(s);
	}
}

TEST(shared_words_are_words)
{
	struct carry_score c;
	carryover_score("研究起草生物遗传资源获取和惠益分享管理条例。", "研究論證《生物遺傳資源獲取和惠益分享管理條例》。",
			"生态环境部", "生态环境部", &c);
	CHECK_STR(c.shared_words, "生物遗传资源获取 惠益分享管理条例");
	carryover_score_release(&c);
	/* the words of a shared title are in the title, not again as words;
	 * 中华人民共和国 and the common plan words are no words of their own */
	carryover_score("推进《中华人民共和国商标法》修改。研究制定商标审查质量标准。",
			"推進《商標法》修改，研究制定商標審查質量標準和評價辦法。", "国家知识产权局",
			"国家知识产权局", &c);
	CHECK_STR(c.shared_titles, "《商标法》");
	CHECK_STR(c.shared_words, "商标审查质量标准");
	carryover_score_release(&c);
	/* two texts sharing only common plan words show none (once 究制 制定 化和) */
	carryover_score("加快研究制定标准化和规范化工作。", "研究制定信息化和数字化工作。", "a", "a", &c);
	CHECK_STR(c.shared_words, "");
	carryover_score_release(&c);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	RUN(index_equals_every_pair);
	RUN(shared_words_are_words);
	fixture_rmdir(dir);
	text_cleanup();
	TEST_END();
}
