/* Adding task states up into roll-ups, and up a plan's outline. */
#include "src/rollup.h"
#include "src/util.h"
#include "src/banned.h"

void rollup_add(struct rollup *r, enum status st, int silent, enum review_state review)
{
	r->total++;
	if (silent) {
		r->silent++;
		r->not_started++;
		return;
	}
	switch (st) {
	case ST_DONE:
		if (review == REVIEW_APPROVED)
			r->done++;
		else if (review == REVIEW_RETURNED)
			r->returned++;
		else
			r->pending++;
		break;
	case ST_IN_PROGRESS: r->in_progress++; break;
	case ST_BEHIND: r->behind++; break;
	case ST_ONGOING: r->ongoing++; break;
	default: r->not_started++; break;
	}
}

void rollup_format(const struct rollup *r, struct strbuf *sb)
{
	sb_addf(sb, "%d/%d done", r->done, r->total);
	if (r->behind)
		sb_addf(sb, ", %d behind", r->behind);
	if (r->pending)
		sb_addf(sb, ", %d pending", r->pending);
}

static int node_cmp(const struct rollup_node *x, int chapter, int section)
{
	if (x->chapter != chapter)
		return x->chapter < chapter ? -1 : 1;
	return x->section < section ? -1 : x->section > section;
}

static int node_order(const void *a, const void *b)
{
	const struct rollup_node *y = b;
	return node_cmp(a, y->chapter, y->section);
}

void rollup_tree_init(struct rollup_tree *t, const struct outline_chapter *ch, size_t nch,
		      const struct outline_section *sec, size_t nsec)
{
	size_t k = 0;
	memset(t, 0, sizeof *t);
	t->nodes = xcalloc(nch + nsec + 1, sizeof *t->nodes);
	for (size_t i = 0; i < nch; i++) {
		t->nodes[k].chapter = ch[i].number;
		t->nodes[k++].title = ch[i].title;
		for (size_t j = 0; j < nsec; j++)
			if (sec[j].chapter == ch[i].number && sec[j].number) {
				t->nodes[k].chapter = ch[i].number;
				t->nodes[k].section = sec[j].number;
				t->nodes[k++].title = sec[j].title;
			}
	}
	t->n = k;
	/* (chapter, section) order is outline order; sorted, nodes are found
	 * by binary search */
	qsort(t->nodes, t->n, sizeof *t->nodes, node_order);
}

static struct rollup_node *node_find(const struct rollup_tree *t, int chapter, int section)
{
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = node_cmp(&t->nodes[mid], chapter, section);
		if (!c)
			return &t->nodes[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void rollup_tree_add(struct rollup_tree *t, int chapter, int section, enum status st, int silent,
		     enum review_state review)
{
	struct rollup_node *n;
	rollup_add(&t->plan, st, silent, review);
	if ((n = node_find(t, chapter, 0)))
		rollup_add(&n->r, st, silent, review);
	if (section && (n = node_find(t, chapter, section)))
		rollup_add(&n->r, st, silent, review);
}

void rollup_tree_add_rows(struct rollup_tree *t, const struct status_row *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		rollup_tree_add(t, v[i].chapter, v[i].section, v[i].status, v[i].silent, v[i].review);
}

const struct rollup_node *rollup_tree_node(const struct rollup_tree *t, int chapter, int section)
{
	return node_find(t, chapter, section);
}

void rollup_tree_release(struct rollup_tree *t)
{
	free(t->nodes);
	memset(t, 0, sizeof *t);
}
