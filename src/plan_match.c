/* Task matching: exact texts by a hash of their match keys, the rest by
 * character-pair similarity, best pairs first. Pure: no database. */
#include <stdint.h>
#include <unistr.h>

#include "src/plan_match.h"
#include "src/util.h"
#include "src/banned.h"

#define PAIRS_MAX 4000000   /* beyond this many candidate pairs, only same numbers compete */

static int m_cmp64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/* The sorted character pairs of S (code points packed in 64 bits). */
static uint64_t *m_pairs(const char *s, size_t *n)
{
	size_t len = strlen(s), cap = len + 1, i = 0, k = 0;
	uint64_t *v = xcalloc(cap, sizeof *v);
	ucs4_t prev = 0;
	int have = 0;

	while (i < len) {
		ucs4_t c;
		int l = u8_mbtouc(&c, (const uint8_t *)s + i, len - i);
		i += l > 0 ? (size_t)l : 1;
		if (have)
			v[k++] = (uint64_t)prev << 32 | c;
		prev = c;
		have = 1;
	}
	qsort(v, k, sizeof *v, m_cmp64);
	*n = k;
	return v;
}

static double m_dice(const uint64_t *a, size_t na, const uint64_t *b, size_t nb)
{
	size_t i = 0, j = 0, both = 0;

	if (!na && !nb)
		return 1;
	while (i < na && j < nb) {
		if (a[i] == b[j]) {
			both++;
			i++;
			j++;
		} else if (a[i] < b[j]) {
			i++;
		} else {
			j++;
		}
	}
	return 2.0 * (double)both / (double)(na + nb);
}

double plan_match_text(const char *a, const char *b)
{
	size_t na, nb;
	uint64_t *pa = m_pairs(a, &na), *pb = m_pairs(b, &nb);
	double d = m_dice(pa, na, pb, nb);

	free(pa);
	free(pb);
	return d;
}

static double m_depts(const struct match_task *a, const struct match_task *b)
{
	size_t i, j, both = 0;

	if (!a->ndepts && !b->ndepts)
		return 1;
	for (i = 0; i < a->ndepts; i++)
		for (j = 0; j < b->ndepts; j++)
			both += !strcmp(a->depts[i], b->depts[j]);
	return (double)both / (double)(a->ndepts + b->ndepts - both);
}

struct cand { size_t o, n; double score, text; };

static const struct match_task *m_sorted;   /* what m_cmp_key sorts indices of */

static int m_cmp_key(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	int r = strcmp(m_sorted[a].key, m_sorted[b].key);

	return r ? r : a < b ? -1 : a > b;
}

static int m_cmp(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;

	if (a->score != b->score)
		return a->score > b->score ? -1 : 1;
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	return a->o < b->o ? -1 : a->o > b->o;
}

void plan_match(const struct match_task *old, size_t nold, const struct match_task *nw, size_t nnew,
		long *map, double *alike)
{
	unsigned char *used = xcalloc(nold + 1, 1);
	uint64_t **po = xcalloc(nold + 1, sizeof *po), **pn = xcalloc(nnew + 1, sizeof *pn);
	size_t *no = xcalloc(nold + 1, sizeof *no), *nn = xcalloc(nnew + 1, sizeof *nn);
	struct cand *c = NULL;
	size_t i, j, nc = 0, cap = 0, lo = 0, ln = 0, *order = xcalloc(nold + 1, sizeof *order);

	for (i = 0; i < nnew; i++) {
		map[i] = -1;
		alike[i] = 0;
	}
	/* identical texts, found through the old tasks sorted by text: the
	 * same number first, then the first free one */
	m_sorted = old;
	for (i = 0; i < nold; i++)
		order[i] = i;
	qsort(order, nold, sizeof *order, m_cmp_key);
	for (int pass = 0; pass < 2; pass++)
		for (i = 0; i < nnew; i++) {
			size_t a = 0, b = nold;
			if (map[i] >= 0)
				continue;
			while (a < b) {
				size_t mid = (a + b) / 2;
				if (strcmp(old[order[mid]].key, nw[i].key) < 0)
					a = mid + 1;
				else
					b = mid;
			}
			for (; a < nold && !strcmp(old[order[a]].key, nw[i].key); a++) {
				j = order[a];
				if (used[j] || (pass == 0 && strcmp(old[j].label, nw[i].label)))
					continue;
				map[i] = (long)j;
				alike[i] = 1;
				used[j] = 1;
				break;
			}
		}
	free(order);
	for (i = 0; i < nold; i++)
		lo += !used[i];
	for (i = 0; i < nnew; i++)
		ln += map[i] < 0;
	/* the rest by how alike they are */
	for (i = 0; i < nold; i++)
		if (!used[i])
			po[i] = m_pairs(old[i].key, &no[i]);
	for (i = 0; i < nnew; i++)
		if (map[i] < 0)
			pn[i] = m_pairs(nw[i].key, &nn[i]);
	for (i = 0; i < nnew; i++) {
		if (map[i] >= 0)
			continue;
		for (j = 0; j < nold; j++) {
			int same = !strcmp(old[j].label, nw[i].label);
			double t, d;
			if (used[j] || (lo * ln > PAIRS_MAX && !same))
				continue;
			t = m_dice(po[j], no[j], pn[i], nn[i]);
			if (t < 0.3)
				continue;
			d = m_depts(&old[j], &nw[i]);
			if (!(t >= 0.6 || (same && d >= 0.5)))
				continue;
			xgrow(&c, &cap, nc + 1, sizeof *c);
			c[nc].o = j;
			c[nc].n = i;
			c[nc].text = t;
			c[nc].score = 0.7 * t + 0.2 * d + 0.1 * same;
			nc++;
		}
	}
	if (nc)
		qsort(c, nc, sizeof *c, m_cmp);
	for (i = 0; i < nc; i++) {
		if (used[c[i].o] || map[c[i].n] >= 0)
			continue;
		used[c[i].o] = 1;
		map[c[i].n] = (long)c[i].o;
		alike[c[i].n] = c[i].text;
	}
	for (i = 0; i < nold; i++)
		free(po[i]);
	for (i = 0; i < nnew; i++)
		free(pn[i]);
	free(po);
	free(pn);
	free(no);
	free(nn);
	free(c);
	free(used);
}
