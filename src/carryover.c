/* Carry-over links between consecutive annual plans, scored from shared
 * 《》 titles, character-bigram overlap and the lead department. Only the
 * pairs that can reach the threshold are scored: those sharing a title,
 * and those sharing a bigram among the rarest of each (a prefix filter, so
 * two plans of 10,000 tasks take well under a second, not a minute); the
 * links found are exactly those of scoring every pair. The shared words
 * shown are the longest runs both texts hold, cut at punctuation, titles
 * and common plan words, never bigrams cut across words. */
#include <stdint.h>
#include <unistr.h>

#include "src/carryover.h"
#include "src/state.h"
#include "src/text.h"
#include "src/util.h"
#include "store/store.h"
#include "src/banned.h"

/* Bigrams every plan repeats; they say nothing about which task is which. */
static const char *const common_bigrams[] = {
	"知识", "识产", "产权", "推进", "加快", "加强", "完善", "开展", "推动", "工作", "建设",
	"深入", "实施", "进一", "一步", "有关", "相关", "强化", "健全", "持续", "做好", "研究",
	"制度", "体系", "机制", "国家", "中华", "华人", "人民", "民共", "共和", "和国", NULL
};

/* Words that cut a shared run into terms (besides common_bigrams): the
 * verbs and fillers of plan sentences, and single function characters. */
static const char *const stop_words[] = {
	"制定", "修订", "修改", "出台", "印发", "发布", "落实", "组织", "促进", "提升", "提高",
	"支持", "鼓励", "引导", "重点", "全面", "积极", "不断", "加大", "力度", "进行", "有效",
	"方面", "领域", "做好", NULL
};
static const char stop_chars[] = "和与及的等并或";   /* never inside a word of a plan */

struct textinfo {
	char *key;
	char **titles; size_t ntitles;
	uint64_t *bg; size_t nbg;      /* sorted, unique */
	uint64_t *pre; size_t npre;    /* the rarest of them: the prefix filter's */
};

static int is_han(ucs4_t c)
{
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* 1 when the two characters A B are one of WORDS. */
static int in_words(ucs4_t a, ucs4_t b, const char *const *words)
{
	uint8_t buf[16];
	size_t n = 0;
	int k = u8_uctomb(buf, a, 8);
	if (k > 0)
		n += (size_t)k;
	k = u8_uctomb(buf + n, b, 8);
	if (k > 0)
		n += (size_t)k;
	buf[n] = 0;
	for (size_t i = 0; words[i]; i++)
		if (!strcmp((const char *)buf, words[i]))
			return 1;
	return 0;
}

static int is_common(ucs4_t a, ucs4_t b)
{
	return in_words(a, b, common_bigrams);
}

/* Fill T from KEY, a task's text_match_key (stored with each task). */
static void info_init_key(struct textinfo *t, const char *key)
{
	const uint8_t *p, *end;
	size_t tcap = 0, bcap = 0;
	ucs4_t prev = 0;
	memset(t, 0, sizeof *t);
	t->key = xstrdup(key);
	/* titles: the text between 《 and 》 */
	for (const char *q = strstr(t->key, "《"); q; q = strstr(q, "《")) {
		const char *a = q + strlen("《"), *b = strstr(a, "》");
		char *title;
		int dup = 0;
		if (!b)
			break;
		if (util_starts_with(a, "中华人民共和国"))
			a += strlen("中华人民共和国");
		title = xstrndup(a, (size_t)(b - a));
		for (size_t i = 0; i < t->ntitles; i++)
			dup |= !strcmp(t->titles[i], title);
		if (dup || !*title) {
			free(title);
		} else {
			xgrow(&t->titles, &tcap, t->ntitles + 1, sizeof *t->titles);
			t->titles[t->ntitles++] = title;
		}
		q = b;
	}
	/* bigrams of consecutive Han characters */
	p = (const uint8_t *)t->key;
	end = p + strlen(t->key);
	while (p < end) {
		ucs4_t c;
		int k = u8_mbtouc(&c, p, (size_t)(end - p));
		p += k > 0 ? k : 1;
		if (!is_han(c)) {
			prev = 0;
			continue;
		}
		if (prev && !is_common(prev, c)) {
			xgrow(&t->bg, &bcap, t->nbg + 1, sizeof *t->bg);
			t->bg[t->nbg++] = ((uint64_t)prev << 32) | c;
		}
		prev = c;
	}
	if (t->nbg) {
		size_t w = 1;
		qsort(t->bg, t->nbg, sizeof *t->bg, cmp_u64);
		for (size_t i = 1; i < t->nbg; i++)
			if (t->bg[i] != t->bg[w - 1])
				t->bg[w++] = t->bg[i];
		t->nbg = w;
	}
}

static void info_init(struct textinfo *t, const char *text)
{
	char *key = text_match_key(text);
	info_init_key(t, key);
	free(key);
}

static void info_release(struct textinfo *t)
{
	for (size_t i = 0; i < t->ntitles; i++)
		free(t->titles[i]);
	free(t->titles);
	free(t->bg);
	free(t->pre);
	free(t->key);
	memset(t, 0, sizeof *t);
}

/* ---- the shared words shown ---- */

/* A match key as code points, with whether each may be part of a shown
 * term: Han characters not in a common plan word or a stop word, not a
 * function character. */
struct kchars { ucs4_t *c; unsigned char *in; size_t n; };

static void kchars_init(struct kchars *k, const char *key)
{
	const uint8_t *p = (const uint8_t *)key, *end = p + strlen(key);
	size_t cap = 0;
	memset(k, 0, sizeof *k);
	while (p < end) {
		ucs4_t c;
		int len = u8_mbtouc(&c, p, (size_t)(end - p));
		p += len > 0 ? len : 1;
		xgrow(&k->c, &cap, k->n + 1, sizeof *k->c);
		k->c[k->n++] = c;
	}
	k->in = xcalloc(k->n + 1, 1);
	for (size_t i = 0; i < k->n; i++)
		k->in[i] = is_han(k->c[i]);
	/* the two characters of a common or stop word ("中华人民共和国" whole) */
	for (size_t i = 0; i + 1 < k->n; i++)
		if (k->in[i] && k->in[i + 1] && (is_common(k->c[i], k->c[i + 1]) ||
						  in_words(k->c[i], k->c[i + 1], stop_words)))
			k->in[i] = k->in[i + 1] = 2;    /* 2: out, and still Han for the next pair */
	for (size_t i = 0; i < k->n; i++) {
		uint8_t buf[8];
		int m = u8_uctomb(buf, k->c[i], 8);
		buf[m > 0 ? m : 0] = 0;
		k->in[i] = k->in[i] == 1 && !(m == 3 && strstr(stop_chars, (const char *)buf));
	}
}

static void kchars_release(struct kchars *k)
{
	free(k->c);
	free(k->in);
}

/* The longest run of characters that may be shown starting at B's
 * position I that A holds too (as characters that may be shown). */
static size_t longest_at(const struct kchars *a, const struct kchars *b, size_t i)
{
	size_t best = 0;
	for (size_t p = 0; p < a->n; p++) {
		size_t l = 0;
		while (i + l < b->n && p + l < a->n && b->in[i + l] && a->in[p + l] &&
		       b->c[i + l] == a->c[p + l])
			l++;
		if (l > best)
			best = l;
	}
	return best;
}

/* Up to 6 terms of two characters or more that both keys hold, in the
 * later key's order, each the longest run at its place: "商标审查 地理标志";
 * none that is part of a title in TITLES (the shared titles, shown apart). */
static char *shared_words(const char *earlier_key, const char *later_key, const char *titles)
{
	struct kchars a, b;
	struct strbuf sb = STRBUF_INIT;
	char **seen = NULL;
	size_t nseen = 0, cap = 0;
	kchars_init(&a, earlier_key);
	kchars_init(&b, later_key);
	for (size_t i = 0; i < b.n && nseen < 6;) {
		size_t l = b.in[i] ? longest_at(&a, &b, i) : 0;
		if (l >= 2) {
			struct strbuf w = STRBUF_INIT;
			int dup = 0;
			for (size_t k = 0; k < l; k++) {
				uint8_t buf[8];
				int m = u8_uctomb(buf, b.c[i + k], 8);
				if (m > 0)
					sb_add(&w, (const char *)buf, (size_t)m);
			}
			for (size_t k = 0; k < nseen; k++)
				dup |= strstr(seen[k], sb_str(&w)) != NULL;   /* said already, in a longer one */
			if (!dup && !strstr(titles, sb_str(&w))) {
				sb_addf(&sb, "%s%s", sb.len ? " " : "", sb_str(&w));
				xgrow(&seen, &cap, nseen + 1, sizeof *seen);
				seen[nseen++] = sb_detach(&w);
			}
			sb_release(&w);
			i += l;
		} else {
			i++;
		}
	}
	for (size_t k = 0; k < nseen; k++)
		free(seen[k]);
	free(seen);
	kchars_release(&a);
	kchars_release(&b);
	return sb.len ? sb_detach(&sb) : xstrdup("");
}

/* ---- scoring ---- */

/* The share of titles: SHARED of the fewer titles of A and B. */
static double title_share(const struct textinfo *a, const struct textinfo *b, size_t shared)
{
	size_t fewer = a->ntitles < b->ntitles ? a->ntitles : b->ntitles;
	return shared ? (double)shared / (double)fewer : 0.0;
}

/* The score of a pair: the one formula (carryover.h), so that a bound
 * computed by it from larger parts is never below a score. */
static double combine(double titles, double bigrams, int same_lead)
{
	return 0.6 * titles + 0.4 * bigrams + (same_lead ? 0.1 : 0.0);
}

/* The Dice overlap of the bigrams of A and B. */
static double dice(const struct textinfo *a, const struct textinfo *b)
{
	size_t inter = 0, i = 0, j = 0;
	while (i < a->nbg && j < b->nbg) {
		if (a->bg[i] == b->bg[j]) {
			inter++;
			i++;
			j++;
		} else if (a->bg[i] < b->bg[j]) {
			i++;
		} else {
			j++;
		}
	}
	return a->nbg + b->nbg ? 2.0 * (double)inter / (double)(a->nbg + b->nbg) : 0.0;
}

/* Score A (earlier) against B (later). With EXPLAIN, fill the shared terms. */
static void score_infos(const struct textinfo *a, const struct textinfo *b, int same_lead,
			struct carry_score *out, int explain)
{
	struct strbuf st = STRBUF_INIT;
	size_t shared = 0;

	memset(out, 0, sizeof *out);
	for (size_t x = 0; x < b->ntitles; x++)
		for (size_t y = 0; y < a->ntitles; y++)
			if (!strcmp(b->titles[x], a->titles[y])) {
				shared++;
				if (explain)
					sb_addf(&st, "%s《%s》", st.len ? "、" : "", b->titles[x]);
				break;
			}
	out->titles = title_share(a, b, shared);
	out->bigrams = dice(a, b);
	out->same_lead = same_lead;
	out->score = combine(out->titles, out->bigrams, same_lead);
	if (explain) {
		out->shared_titles = st.len ? sb_detach(&st) : xstrdup("");
		out->shared_words = shared_words(a->key, b->key, out->shared_titles);
	}
	sb_release(&st);
}

void carryover_score(const char *earlier, const char *later, const char *lead_earlier,
		     const char *lead_later, struct carry_score *out)
{
	struct textinfo a, b;
	info_init(&a, earlier);
	info_init(&b, later);
	score_infos(&a, &b, lead_earlier && lead_later && !strcmp(lead_earlier, lead_later), out, 1);
	info_release(&a);
	info_release(&b);
}

void carryover_score_release(struct carry_score *c)
{
	free(c->shared_titles);
	free(c->shared_words);
	memset(c, 0, sizeof *c);
}

/* ---- the candidates: who can reach the threshold ---- */

/* A pair with no shared title scores at most 0.4 * Dice + 0.1, so it
 * reaches CARRYOVER_THRESHOLD (0.40) only with a Dice overlap of 3/4 or
 * more: 8 * shared >= 3 * (na + nb). As shared <= nb, that asks
 * shared >= 3 * na / 5, and the same of nb: two such sets share one of the
 * first na - ceil(3 na / 5) + 1 bigrams of A, and likewise of B, in any one
 * order of all bigrams (the prefix filter of set-similarity joins). The
 * order chosen is the rarest first, so the index lists are short. (The
 * 1e-9 of the threshold's test moves no pair: a Dice below 3/4 is below by
 * at least 1 / (4 (na + nb)).) */
static size_t prefix_len(size_t n)
{
	return n ? n - (3 * n + 4) / 5 + 1 : 0;
}

struct bg_count { uint64_t v; size_t n; };

static int cmp_bg_count(const void *a, const void *b)
{
	return cmp_u64(&((const struct bg_count *)a)->v, &((const struct bg_count *)b)->v);
}

/* A bigram with how many tasks hold it, for the sort by rarity. */
struct bg_rare { size_t n; uint64_t v; };

static int cmp_rarity(const void *a, const void *b)
{
	const struct bg_rare *x = a, *y = b;
	if (x->n != y->n)
		return x->n < y->n ? -1 : 1;
	return cmp_u64(&x->v, &y->v);
}

/* Set each task's prefix (T[0..N)): its rarest bigrams over both plans. */
static void set_prefixes(struct textinfo *t, size_t n)
{
	struct bg_count *all = NULL;
	size_t nall = 0, cap = 0, w = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < t[i].nbg; k++) {
			xgrow(&all, &cap, nall + 1, sizeof *all);
			all[nall].v = t[i].bg[k];
			all[nall++].n = 1;
		}
	if (nall)
		qsort(all, nall, sizeof *all, cmp_bg_count);
	for (size_t i = 0; i < nall; i++) {
		if (w && all[w - 1].v == all[i].v)
			all[w - 1].n++;
		else
			all[w++] = all[i];
	}
	for (size_t i = 0; i < n; i++) {
		struct bg_rare *r;
		t[i].npre = prefix_len(t[i].nbg);
		if (!t[i].npre)
			continue;
		r = xmalloc(t[i].nbg * sizeof *r);
		for (size_t k = 0; k < t[i].nbg; k++) {
			struct bg_count key = { t[i].bg[k], 0 };
			const struct bg_count *f = bsearch(&key, all, w, sizeof *all, cmp_bg_count);
			r[k].v = t[i].bg[k];
			r[k].n = f ? f->n : 0;
		}
		qsort(r, t[i].nbg, sizeof *r, cmp_rarity);
		t[i].pre = xmalloc(t[i].npre * sizeof *t[i].pre);
		for (size_t k = 0; k < t[i].npre; k++)
			t[i].pre[k] = r[k].v;
		free(r);
	}
	free(all);
}

/* The index of the earlier tasks: (bigram, task) for each prefix bigram,
 * (title, task) for each title, both sorted; the postings of one title
 * share a group number. */
struct bg_post { uint64_t v; size_t task; };
struct title_post { const char *title; size_t task, group; };

static int cmp_bg_post(const void *a, const void *b)
{
	const struct bg_post *x = a, *y = b;
	int c = cmp_u64(&x->v, &y->v);
	return c ? c : (x->task > y->task) - (x->task < y->task);
}

static int cmp_title_post(const void *a, const void *b)
{
	const struct title_post *x = a, *y = b;
	int c = strcmp(x->title, y->title);
	return c ? c : (x->task > y->task) - (x->task < y->task);
}

struct carry_index {
	struct bg_post *bg; size_t nbg;
	struct title_post *ti; size_t nti;
};

static void index_init(struct carry_index *ix, const struct textinfo *e, size_t ne)
{
	size_t bcap = 0, tcap = 0;
	memset(ix, 0, sizeof *ix);
	for (size_t j = 0; j < ne; j++) {
		for (size_t k = 0; k < e[j].npre; k++) {
			xgrow(&ix->bg, &bcap, ix->nbg + 1, sizeof *ix->bg);
			ix->bg[ix->nbg].v = e[j].pre[k];
			ix->bg[ix->nbg++].task = j;
		}
		for (size_t k = 0; k < e[j].ntitles; k++) {
			xgrow(&ix->ti, &tcap, ix->nti + 1, sizeof *ix->ti);
			ix->ti[ix->nti].title = e[j].titles[k];
			ix->ti[ix->nti++].task = j;
		}
	}
	if (ix->nbg)
		qsort(ix->bg, ix->nbg, sizeof *ix->bg, cmp_bg_post);
	if (ix->nti)
		qsort(ix->ti, ix->nti, sizeof *ix->ti, cmp_title_post);
	for (size_t k = 1; k < ix->nti; k++)
		ix->ti[k].group = ix->ti[k - 1].group + !!strcmp(ix->ti[k].title, ix->ti[k - 1].title);
}

static void index_release(struct carry_index *ix)
{
	free(ix->bg);
	free(ix->ti);
	memset(ix, 0, sizeof *ix);
}

/* The earlier tasks a later task may reach the threshold with, each with
 * how many titles it shares; reused from one later task to the next. */
struct cands {
	size_t *task, n, cap;
	size_t *stamp, *titles;      /* by earlier task: whose list it is on, its shared titles */
	size_t now;
};

static void cand_add(struct cands *c, size_t j, int title)
{
	if (c->stamp[j] != c->now) {
		c->stamp[j] = c->now;
		c->titles[j] = 0;
		xgrow(&c->task, &c->cap, c->n + 1, sizeof *c->task);
		c->task[c->n++] = j;
	}
	c->titles[j] += (size_t)title;
}

/* Fill C with the candidates of L: the earlier tasks sharing one of its
 * prefix bigrams, or a title (counted). */
static void candidates(const struct carry_index *ix, const struct textinfo *l, struct cands *c)
{
	c->now++;
	c->n = 0;
	for (size_t k = 0; k < l->npre; k++) {
		size_t lo = 0, hi = ix->nbg;
		while (lo < hi) {                       /* the first posting of the bigram */
			size_t mid = lo + (hi - lo) / 2;
			if (ix->bg[mid].v < l->pre[k])
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < ix->nbg && ix->bg[lo].v == l->pre[k]; lo++)
			cand_add(c, ix->bg[lo].task, 0);
	}
	for (size_t k = 0; k < l->ntitles; k++) {
		size_t lo = 0, hi = ix->nti, g;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (strcmp(ix->ti[mid].title, l->titles[k]) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == ix->nti || strcmp(ix->ti[lo].title, l->titles[k]))
			continue;
		for (g = ix->ti[lo].group; lo < ix->nti && ix->ti[lo].group == g; lo++)
			cand_add(c, ix->ti[lo].task, 1);
	}
}

/* A candidate with its score's upper bound: the titles exact, the
 * bigrams' Dice at most 2 min(na, nb) / (na + nb). */
struct bound { double ub; size_t task; int same_lead; };


static int cmp_strp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A number for each distinct string of V[0..N) (equal strings, equal
 * numbers) into ID. */
static void intern(char *const *v, size_t n, size_t *id)
{
	const char **sorted = xcalloc(n + 1, sizeof *sorted);
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		sorted[i] = v[i];
	qsort(sorted, n, sizeof *sorted, cmp_strp);
	for (size_t i = 0; i < n; i++)
		if (!m || strcmp(sorted[m - 1], sorted[i]))
			sorted[m++] = sorted[i];
	for (size_t i = 0; i < n; i++) {
		const char **f = bsearch(&v[i], sorted, m, sizeof *sorted, cmp_strp);
		id[i] = f ? (size_t)(f - sorted) : 0;
	}
	free(sorted);
}

/* The tasks of the annual plans of YEAR, appended to *V. *NPLANS counts the plans. */
static int year_tasks(struct store *s, int year, struct task_row **v, size_t *n, int *nplans,
		      struct err *e)
{
	struct plan_info *pl;
	size_t np, cap = 0;
	int rc;
	*v = NULL;
	*n = 0;
	*nplans = 0;
	if ((rc = store_plan_list(s, &pl, &np, e)))
		return rc;
	for (size_t i = 0; i < np && !rc; i++) {
		struct task_filter f = { pl[i].key, NULL, -1 };
		struct task_row *t;
		size_t nt;
		if (pl[i].year != year || strcmp(pl[i].kind, "annual"))
			continue;
		(*nplans)++;
		if ((rc = store_task_query(s, &f, &t, &nt, e)))
			break;
		xgrow(v, &cap, *n + nt, sizeof **v);
		memcpy(*v + *n, t, nt * sizeof *t);
		*n += nt;
		free(t);
	}
	store_plan_list_free(pl, np);
	if (rc) {
		store_task_rows_free(*v, *n);
		*v = NULL;
		*n = 0;
	}
	return rc;
}

static const char *lead_of(const struct task_row *t)
{
	return t->ndepts ? t->depts[0].dept : "";
}

/* The plan line of a plan key: the key without its year, so that 2024 and
 * 2025 (the national plan) or gd2024 and gd2025 (one province) are one line.
 * A task continues a task of its own line only. Caller frees. */
static char *plan_line(const char *key, int year)
{
	char y[16], *line = xstrdup(key), *at;
	snprintf(y, sizeof y, "%d", year);
	if ((at = strstr(line, y)))
		memmove(at, at + strlen(y), strlen(at + strlen(y)) + 1);
	return line;
}

/* The earlier task's state now, for each of the N links V. */
static int link_states(struct store *s, struct carry_link *v, size_t n, struct err *e)
{
	for (size_t i = 0; i < n; i++) {
		struct task_state ts;
		int rc = store_task_state(s, v[i].from, &ts, e);
		if (rc)
			return rc;
		v[i].from_status = ts.status;
		v[i].from_silent = ts.silent;
		v[i].from_review = ts.review;
		store_task_state_release(&ts);
	}
	return 0;
}

int carryover_compared(struct store *s, int year, int *compared, struct err *e)
{
	struct plan_info *pl;
	size_t np;
	int rc = store_plan_list(s, &pl, &np, e);
	*compared = 0;
	for (size_t i = 0; !rc && i < np; i++)
		if (pl[i].year == year - 1 && !strcmp(pl[i].kind, "annual"))
			*compared = 1;
	if (!rc)
		store_plan_list_free(pl, np);
	return rc;
}

int carryover_links(struct store *s, int year, struct carry_link **out, size_t *n, struct err *e)
{
	struct task_row *later = NULL, *earlier = NULL;
	struct textinfo *li = NULL, *ei = NULL;
	struct carry_index ix;
	struct cands c;
	struct bound *bd = NULL;
	char **names = NULL;
	size_t nl = 0, ne = 0, cap = 0, bcap = 0, *lead = NULL, *line = NULL;
	int rc, npl, npe;

	*out = NULL;
	*n = 0;
	memset(&c, 0, sizeof c);
	if ((rc = year_tasks(s, year, &later, &nl, &npl, e)))
		return rc;
	if (!npl) {
		store_task_rows_free(later, nl);
		return err_set(e, ERR_NOTFOUND, "no annual plan for %d; 'duban plans' lists the plans held, "
			       "'duban import FILE' adds one", year);
	}
	if ((rc = year_tasks(s, year - 1, &earlier, &ne, &npe, e))) {
		store_task_rows_free(later, nl);
		return rc;
	}
	/* the texts: earlier tasks first, then the later ones, in one array so
	 * that both sides' prefixes follow one order of rarity */
	ei = xcalloc(ne + nl + 1, sizeof *ei);
	for (size_t i = 0; i < ne; i++)
		info_init_key(&ei[i], earlier[i].match_key);
	for (size_t i = 0; i < nl; i++)
		info_init_key(&ei[ne + i], later[i].match_key);
	set_prefixes(ei, ne + nl);
	li = ei + ne;
	/* leads and plan lines as numbers, earlier tasks first */
	names = xcalloc(ne + nl + 1, sizeof *names);
	lead = xcalloc(ne + nl + 1, sizeof *lead);
	line = xcalloc(ne + nl + 1, sizeof *line);
	for (size_t i = 0; i < ne + nl; i++)
		names[i] = (char *)lead_of(i < ne ? &earlier[i] : &later[i - ne]);
	intern(names, ne + nl, lead);
	for (size_t i = 0; i < ne + nl; i++)
		names[i] = i < ne ? plan_line(earlier[i].plan, year - 1) : plan_line(later[i - ne].plan, year);
	intern(names, ne + nl, line);
	store_strv_free(names, ne + nl);

	index_init(&ix, ei, ne);
	c.stamp = xcalloc(ne + 1, sizeof *c.stamp);
	c.titles = xcalloc(ne + 1, sizeof *c.titles);
	for (size_t i = 0; i < nl; i++) {
		double best = -1;
		size_t bi = 0, nb = 0;
		int best_lead = 0;
		candidates(&ix, &li[i], &c);
		for (size_t k = 0; k < c.n; k++) {
			size_t j = c.task[k], na = ei[j].nbg, nbg = li[i].nbg;
			size_t lo = na < nbg ? na : nbg;
			struct bound *b;
			if (line[j] != line[ne + i])
				continue;
			xgrow(&bd, &bcap, nb + 1, sizeof *bd);
			b = &bd[nb++];
			b->task = j;
			b->same_lead = lead[j] == lead[ne + i];
			b->ub = combine(title_share(&ei[j], &li[i], c.titles[j]),
					na + nbg ? 2.0 * (double)lo / (double)(na + nbg) : 0.0, b->same_lead);
		}
		/* the best score, the earliest task of it (as if every task were
		 * scored in order); a candidate whose bound is below the best so
		 * far is not scored */
		for (size_t k = 0; k < nb; k++) {
			size_t j = bd[k].task;
			if (bd[k].ub < best)
				continue;
			double sc = combine(title_share(&ei[j], &li[i], c.titles[j]), dice(&ei[j], &li[i]),
					    bd[k].same_lead);
			if (sc > best || (sc == best && j < bi)) {
				best = sc;
				bi = j;
				best_lead = bd[k].same_lead;
			}
		}
		if (nb && best >= CARRYOVER_THRESHOLD - 1e-9) {
			struct carry_link *l;
			xgrow(out, &cap, *n + 1, sizeof **out);
			l = &(*out)[(*n)++];
			memset(l, 0, sizeof *l);
			l->from = xstrdup(earlier[bi].id);
			l->to = xstrdup(later[i].id);
			l->from_text = xstrdup(earlier[bi].text);
			l->to_text = xstrdup(later[i].text);
			l->from_lead = xstrdup(lead_of(&earlier[bi]));
			l->to_lead = xstrdup(lead_of(&later[i]));
			score_infos(&ei[bi], &li[i], best_lead, &l->why, 1);
			l->from_silent = 1;
		}
	}
	rc = link_states(s, *out, *n, e);
	free(bd);
	free(c.task);
	free(c.stamp);
	free(c.titles);
	index_release(&ix);
	for (size_t i = 0; i < ne + nl; i++)
		info_release(&ei[i]);
	free(ei);
	free(lead);
	free(line);
	store_task_rows_free(later, nl);
	store_task_rows_free(earlier, ne);
	if (rc) {
		carryover_links_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int carryover_for_task(struct store *s, const char *task, struct carry_link **out, size_t *n,
		       struct err *e)
{
	struct task_row t;
	struct plan_info p;
	size_t cap = 0;
	int rc, annual;

	*out = NULL;
	*n = 0;
	if ((rc = store_task_get(s, task, &t, e)))
		return rc;
	rc = store_plan_get(s, t.plan, &p, e);
	store_task_row_release(&t);
	if (rc)
		return rc;
	annual = !strcmp(p.kind, "annual");
	for (int y = p.year; annual && y <= p.year + 1; y++) {
		struct carry_link *v;
		size_t nv;
		rc = carryover_links(s, y, &v, &nv, e);
		if (rc == -ERR_NOTFOUND) {
			err_clear(e);
			rc = 0;
			continue;
		}
		if (rc)
			break;
		for (size_t i = 0; i < nv; i++) {
			if (!strcmp(v[i].from, task) || !strcmp(v[i].to, task)) {
				xgrow(out, &cap, *n + 1, sizeof **out);
				(*out)[(*n)++] = v[i];
				memset(&v[i], 0, sizeof v[i]);
			}
		}
		carryover_links_free(v, nv);
	}
	store_plan_info_release(&p);
	if (rc) {
		carryover_links_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

const char *carryover_status_text(const struct carry_link *l, char *buf, size_t n)
{
	if (l->from_silent)
		snprintf(buf, n, "silent");
	else if (l->from_status == ST_DONE && l->from_review != REVIEW_NONE)
		snprintf(buf, n, "done (%s)", review_state_name(l->from_review));
	else
		snprintf(buf, n, "%s", status_name(l->from_status));
	return buf;
}

void carryover_describe(const struct carry_link *l, const char *task, struct strbuf *sb)
{
	char st[48];
	int later = !strcmp(l->to, task);
	sb_addf(sb, "%s %s (score %.2f: %s%s%s%s; %s is %s)", later ? "continues" : "continued by",
		later ? l->from : l->to, l->why.score, l->why.shared_titles,
		*l->why.shared_titles && *l->why.shared_words ? "; " : "", l->why.shared_words,
		l->why.same_lead ? "; same lead" : "", l->from,
		carryover_status_text(l, st, sizeof st));
}

void carryover_links_free(struct carry_link *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].from);
		free(v[i].to);
		free(v[i].from_text);
		free(v[i].to_text);
		free(v[i].from_lead);
		free(v[i].to_lead);
		carryover_score_release(&v[i].why);
	}
	free(v);
}
