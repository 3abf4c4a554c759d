/* A search's answers, kept per plan. */
#include "src/search.h"
#include "src/text.h"
#include "src/util.h"
#include "store/store.h"
#include "src/banned.h"

struct plan_hits {
	char *plan;
	char **ids;       /* sorted */
	size_t n;
};

struct search {
	struct store *s;
	char *typed, *key;
	int global;               /* one query answers every plan */
	int read_all;             /* ... and it has been made */
	struct plan_hits *plans;  /* answered so far (all of them once read_all) */
	size_t nplans, cap;
};

void search_begin(struct store *s, const char *typed, struct search **out)
{
	struct search *q;
	char *key = text_match_key(typed ? typed : "");
	*out = NULL;
	if (!*key) {
		free(key);
		return;
	}
	q = xcalloc(1, sizeof *q);
	q->s = s;
	q->typed = xstrdup(typed);
	q->key = key;
	q->global = store_task_search_indexed(key);
	*out = q;
}

void search_free(struct search *q)
{
	if (!q)
		return;
	for (size_t i = 0; i < q->nplans; i++) {
		free(q->plans[i].plan);
		store_strv_free(q->plans[i].ids, q->plans[i].n);
	}
	free(q->plans);
	free(q->typed);
	free(q->key);
	free(q);
}

const char *search_typed(const struct search *q)
{
	return q->typed;
}

const char *search_key(const struct search *q)
{
	return q->key;
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static struct plan_hits *hits_add(struct search *q, const char *plan)
{
	struct plan_hits *h;
	xgrow(&q->plans, &q->cap, q->nplans + 1, sizeof *q->plans);
	h = &q->plans[q->nplans++];
	memset(h, 0, sizeof *h);
	h->plan = xstrdup(plan);
	return h;
}

static struct plan_hits *hits_find(struct search *q, const char *plan)
{
	for (size_t i = 0; i < q->nplans; i++)
		if (!strcmp(q->plans[i].plan, plan))
			return &q->plans[i];
	return NULL;
}

/* The one query over every plan, split by plan. */
static int read_all(struct search *q, struct err *e)
{
	char **ids = NULL, **plans = NULL;
	size_t n = 0, i = 0;
	int rc = store_task_search(q->s, NULL, q->key, &ids, &plans, &n, e);
	if (rc)
		return rc;
	q->read_all = 1;
	while (i < n) {
		struct plan_hits *h = hits_add(q, plans[i]);
		size_t j = i, cap = 0;
		for (; j < n && !strcmp(plans[j], plans[i]); j++)
			;
		xgrow(&h->ids, &cap, j - i, sizeof *h->ids);
		for (size_t k = i; k < j; k++) {
			h->ids[h->n++] = ids[k];
			ids[k] = NULL;
		}
		qsort(h->ids, h->n, sizeof *h->ids, cmp_str);
		i = j;
	}
	store_strv_free(ids, n);
	store_strv_free(plans, n);
	return 0;
}

int search_plan(struct search *q, const char *plan, char *const **ids, size_t *n, struct err *e)
{
	static char *const none[1] = { NULL };
	struct plan_hits *h;
	int rc;
	*ids = none;
	*n = 0;
	if (q->global && !q->read_all && (rc = read_all(q, e)))
		return rc;
	h = hits_find(q, plan);
	if (!h && q->global)
		return 0;           /* the query over every plan found none here */
	if (!h) {
		char **v = NULL;
		size_t k = 0;
		if ((rc = store_task_search(q->s, plan, q->key, &v, NULL, &k, e)))
			return rc;
		h = hits_add(q, plan);
		h->ids = v;
		h->n = k;
		if (k)
			qsort(h->ids, h->n, sizeof *h->ids, cmp_str);
	}
	if (h->n)
		*ids = h->ids;
	*n = h->n;
	return 0;
}

int search_match(struct search *q, const char *plan, const char *id)
{
	struct err e = { 0, "" };
	char *const *ids;
	size_t n;
	if (search_plan(q, plan, &ids, &n, &e) || !n)
		return 0;
	return bsearch(&id, ids, n, sizeof *ids, cmp_str) != NULL;
}
