/* Carry-over links between consecutive annual plans, scored from shared
 * 《》 titles, character-bigram overlap and the lead department. */
#include <stdint.h>
#include <unistr.h>

#include "src/carryover.h"
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

struct textinfo {
	char *key;
	char **titles; size_t ntitles;
	uint64_t *bg; size_t nbg;      /* sorted, unique */
	uint64_t *order; size_t norder; /* in text order, for reporting */
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

static int is_common(ucs4_t a, ucs4_t b)
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
	for (size_t i = 0; common_bigrams[i]; i++)
		if (!strcmp((const char *)buf, common_bigrams[i]))
			return 1;
	return 0;
}

/* Fill T from KEY, a task's text_match_key (stored with each task). */
static void info_init_key(struct textinfo *t, const char *key)
{
	const uint8_t *p, *end;
	size_t tcap = 0, bcap = 0, ocap = 0;
	ucs4_t prev = 0;
	memset(t, 0, sizeof *t);
	t->key = xstrdup(key);
	/* titles: the text between 《 and 》 */
	for (const char *q = strstr(t->key, "《"); q; q = strstr(q, "《")) {
		const char *a = q + strlen("《"), *b = strstr(a, "》");
		char *title;
		if (!b)
			break;
		if (util_starts_with(a, "中华人民共和国"))
			a += strlen("中华人民共和国");
		title = xstrndup(a, (size_t)(b - a));
		{
			int dup = 0;
			for (size_t i = 0; i < t->ntitles; i++)
				dup |= !strcmp(t->titles[i], title);
			if (dup || !*title) {
				free(title);
			} else {
				xgrow(&t->titles, &tcap, t->ntitles + 1, sizeof *t->titles);
				t->titles[t->ntitles++] = title;
			}
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
			uint64_t v = ((uint64_t)prev << 32) | c;
			xgrow(&t->bg, &bcap, t->nbg + 1, sizeof *t->bg);
			t->bg[t->nbg++] = v;
			xgrow(&t->order, &ocap, t->norder + 1, sizeof *t->order);
			t->order[t->norder++] = v;
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
	free(t->order);
	free(t->key);
	memset(t, 0, sizeof *t);
}

static int has_bigram(const struct textinfo *t, uint64_t v)
{
	return bsearch(&v, t->bg, t->nbg, sizeof v, cmp_u64) != NULL;
}

static void add_bigram(struct strbuf *sb, uint64_t v)
{
	uint8_t buf[16];
	int k = u8_uctomb(buf, (ucs4_t)(v >> 32), 8), m;
	if (k < 0)
		k = 0;
	m = u8_uctomb(buf + k, (ucs4_t)(v & 0xffffffffu), 8);
	if (m < 0)
		m = 0;
	sb_add(sb, (const char *)buf, (size_t)(k + m));
}

/* Score A (earlier) against B (later). With EXPLAIN, fill the shared terms. */
static void score_infos(const struct textinfo *a, const struct textinfo *b, int same_lead,
			struct carry_score *out, int explain)
{
	struct strbuf st = STRBUF_INIT, sbg = STRBUF_INIT;
	size_t shared = 0, inter = 0, i = 0, j = 0, shown = 0;

	memset(out, 0, sizeof *out);
	for (size_t x = 0; x < b->ntitles; x++)
		for (size_t y = 0; y < a->ntitles; y++)
			if (!strcmp(b->titles[x], a->titles[y])) {
				shared++;
				if (explain)
					sb_addf(&st, "%s《%s》", st.len ? "、" : "", b->titles[x]);
				break;
			}
	if (shared) {
		size_t fewer = a->ntitles < b->ntitles ? a->ntitles : b->ntitles;
		out->titles = (double)shared / (double)fewer;
	}
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
	if (a->nbg + b->nbg)
		out->bigrams = 2.0 * (double)inter / (double)(a->nbg + b->nbg);
	out->same_lead = same_lead;
	out->score = 0.6 * out->titles + 0.4 * out->bigrams + (same_lead ? 0.1 : 0.0);
	if (explain) {
		for (size_t k = 0; k < b->norder && shown < 8; k++) {
			int seen = 0;
			if (!has_bigram(a, b->order[k]))
				continue;
			for (size_t q = 0; q < k; q++)
				seen |= b->order[q] == b->order[k];
			if (seen)
				continue;
			if (sbg.len)
				sb_addc(&sbg, ' ');
			add_bigram(&sbg, b->order[k]);
			shown++;
		}
		out->shared_titles = sb_detach(&st);
		out->shared_bigrams = sb_detach(&sbg);
		if (!out->shared_titles)
			out->shared_titles = xstrdup("");
		if (!out->shared_bigrams)
			out->shared_bigrams = xstrdup("");
	}
	sb_release(&st);
	sb_release(&sbg);
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
	free(c->shared_bigrams);
	memset(c, 0, sizeof *c);
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

int carryover_links(struct store *s, int year, struct carry_link **out, size_t *n, struct err *e)
{
	struct task_row *later = NULL, *earlier = NULL;
	struct textinfo *li = NULL, *ei = NULL;
	char **lline = NULL, **eline = NULL;
	size_t nl = 0, ne = 0, cap = 0;
	int rc, npl, npe;

	*out = NULL;
	*n = 0;
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
	li = xcalloc(nl ? nl : 1, sizeof *li);
	ei = xcalloc(ne ? ne : 1, sizeof *ei);
	for (size_t i = 0; i < nl; i++)
		info_init_key(&li[i], later[i].match_key);
	for (size_t i = 0; i < ne; i++)
		info_init_key(&ei[i], earlier[i].match_key);
	lline = xcalloc(nl + 1, sizeof *lline);
	eline = xcalloc(ne + 1, sizeof *eline);
	for (size_t i = 0; i < nl; i++)
		lline[i] = plan_line(later[i].plan, year);
	for (size_t i = 0; i < ne; i++)
		eline[i] = plan_line(earlier[i].plan, year - 1);
	for (size_t i = 0; i < nl; i++) {
		struct carry_score best, cur;
		size_t bi = 0;
		memset(&best, 0, sizeof best);
		best.score = -1;
		for (size_t j = 0; j < ne; j++) {
			if (strcmp(eline[j], lline[i]))
				continue;
			score_infos(&ei[j], &li[i], !strcmp(lead_of(&earlier[j]), lead_of(&later[i])), &cur, 0);
			if (cur.score > best.score) {
				best = cur;
				bi = j;
			}
		}
		if (ne && best.score >= CARRYOVER_THRESHOLD - 1e-9) {
			struct carry_link *l;
			struct task_state ts;
			xgrow(out, &cap, *n + 1, sizeof **out);
			l = &(*out)[(*n)++];
			memset(l, 0, sizeof *l);
			l->from = xstrdup(earlier[bi].id);
			l->to = xstrdup(later[i].id);
			l->from_text = xstrdup(earlier[bi].text);
			l->to_text = xstrdup(later[i].text);
			l->from_lead = xstrdup(lead_of(&earlier[bi]));
			l->to_lead = xstrdup(lead_of(&later[i]));
			score_infos(&ei[bi], &li[i], best.same_lead, &l->why, 1);
			l->from_silent = 1;
			if (store_task_state(s, l->from, &ts, e) == 0) {
				l->from_status = ts.status;
				l->from_silent = ts.silent;
				l->from_review = ts.review;
				store_task_state_release(&ts);
			} else {
				rc = e->code ? -e->code : -ERR_DB;
				break;
			}
		}
	}
	for (size_t i = 0; i < nl; i++)
		info_release(&li[i]);
	for (size_t i = 0; i < ne; i++)
		info_release(&ei[i]);
	free(li);
	free(ei);
	store_strv_free(lline, nl);
	store_strv_free(eline, ne);
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
		*l->why.shared_titles && *l->why.shared_bigrams ? "; " : "", l->why.shared_bigrams,
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
