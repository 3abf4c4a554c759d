/* Computing the reminders' and the bulletin's figures: the plans that report
 * on the period, their (task, department) pairs and events (store_bulletin.c,
 * one query each per plan), each pair folded with src/state.c's rule as of
 * every quarter of the year up to the period. */
#include <time.h>

#include "src/bulletin.h"
#include "src/state.h"
#include "src/status.h"
#include "src/util.h"
#include "store/store.h"
#include "store/store_chain.h"
#include "store/store_bulletin.h"
#include "src/banned.h"

static const char *const quarter_zh[4] = { "第一季度", "第二季度", "第三季度", "第四季度" };

const char *bulletin_quarter_zh(const char *period, char *buf, size_t n)
{
	snprintf(buf, n, "%.4s年%s", period, quarter_zh[(period[5] - '1') & 3]);
	return buf;
}

int bulletin_permille(int n, int d)
{
	return d ? (int)(((long long)n * 2000 + d) / (2 * (long long)d)) : -1;
}

const char *bulletin_percent(int permille, char *buf, size_t n)
{
	if (permille < 0)
		snprintf(buf, n, "—");
	else if (permille % 10)
		snprintf(buf, n, "%d.%d%%", permille / 10, permille % 10);
	else
		snprintf(buf, n, "%d%%", permille / 10);
	return buf;
}

int bulletin_rank_cmp(const struct bulletin_dept *a, const struct bulletin_dept *b, int q)
{
	const struct bulletin_figures *x = &a->q[q], *y = &b->q[q];
	int rx = bulletin_permille(x->on_time, x->expected), ry = bulletin_permille(y->on_time, y->expected);
	if ((x->expected == 0) != (y->expected == 0))
		return x->expected == 0 ? 1 : -1;
	if (rx != ry)
		return ry - rx;
	if (x->silent != y->silent)
		return x->silent - y->silent;
	if (x->late != y->late)
		return x->late - y->late;
	if (x->behind != y->behind)
		return x->behind - y->behind;
	if (x->returned != y->returned)
		return x->returned - y->returned;
	return strcmp(a->dept, b->dept);
}

static int rank_q;   /* the quarter qsort ranks on (bulletin_build sets it) */
static int rank_qsort(const void *a, const void *b)
{
	return bulletin_rank_cmp(a, b, rank_q);
}

static int item_cmp(const void *a, const void *b)
{
	const struct bulletin_item *x = a, *y = b;
	int c = strcmp(x->plan, y->plan);
	return c ? c : x->seq - y->seq;
}

/* The end of local day DUE ("2026-01-10") as a UTC instant in the store's
 * form, "2026-01-10T16:00:00.000Z" at UTC+8: a record made before it is on
 * time. */
static void deadline_of(const char *due, char *out, size_t n)
{
	struct tm tm;
	time_t t;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = atoi(due) - 1900;
	tm.tm_mon = atoi(due + 5) - 1;
	tm.tm_mday = atoi(due + 8) + 1;   /* mktime carries into the next month */
	tm.tm_isdst = -1;
	t = mktime(&tm);
	gmtime_r(&t, &tm);
	strftime(out, n, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
}

/* ---- the departments ---- */

struct dept_index {
	struct bulletin *b;
	size_t cap;
	size_t *slot;        /* open addressing: index + 1, 0 empty */
	size_t nslot;
};

static size_t name_hash(const char *s)
{
	size_t h = 5381;
	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static struct bulletin_dept *dept_get(struct dept_index *x, const char *name)
{
	struct bulletin *b = x->b;
	size_t i;
	if ((b->ndepts + 1) * 2 > x->nslot) {
		size_t old = x->nslot;
		x->nslot = old ? old * 2 : 256;
		free(x->slot);
		x->slot = xcalloc(x->nslot, sizeof *x->slot);
		for (size_t k = 0; k < b->ndepts; k++) {
			for (i = name_hash(b->depts[k].dept) & (x->nslot - 1); x->slot[i];
			     i = (i + 1) & (x->nslot - 1))
				;
			x->slot[i] = k + 1;
		}
	}
	for (i = name_hash(name) & (x->nslot - 1); x->slot[i]; i = (i + 1) & (x->nslot - 1))
		if (!strcmp(b->depts[x->slot[i] - 1].dept, name))
			return &b->depts[x->slot[i] - 1];
	xgrow(&b->depts, &x->cap, b->ndepts + 1, sizeof *b->depts);
	memset(&b->depts[b->ndepts], 0, sizeof *b->depts);
	b->depts[b->ndepts].dept = xstrdup(name);
	x->slot[i] = ++b->ndepts;
	return &b->depts[b->ndepts - 1];
}

/* ---- folding one task ---- */

/* What one department's history gives, quarter by quarter: F[0] its state
 * before the year, F[k] as of quarter k; FIRST[k] when its first status
 * record for quarter k was made (NULL: none). */
struct pair_folds {
	struct state_current f[5];
	const char *first[5];
};

static void fold_pair(const struct bulletin *b, const struct bulletin_event *ev, size_t n, int lead,
		      struct state_event *buf, struct pair_folds *pf)
{
	char before[16];
	snprintf(before, sizeof before, "%04dQ4", (b->year - 1) % 10000);
	for (int k = 0; k <= b->nq; k++) {
		const char *upto = k ? b->quarters[k - 1].period : before;
		size_t m = 0;
		pf->first[k] = NULL;
		for (size_t i = 0; i < n; i++) {
			if (strcmp(ev[i].period, upto) > 0)
				continue;
			if (k && ev[i].kind == 0 && !pf->first[k] && !strcmp(ev[i].period, upto))
				pf->first[k] = ev[i].at;
			buf[m].kind = ev[i].kind == 0 ? SE_RECORD : ev[i].kind == 1 ? SE_APPROVE
				      : ev[i].kind == 2 ? SE_RETURN : SE_REOPEN;
			buf[m].at = ev[i].at;
			buf[m].record = ev[i].record;
			buf[m].period = ev[i].period;
			buf[m].status = ev[i].status;
			buf[m].reason = ev[i].reason;
			m++;
		}
		state_fold(buf, m, lead, &pf->f[k]);
	}
}

static enum shown shown_of(const struct state_current *c, int lead)
{
	if (lead)
		return state_shown_of(state_shown(c), !c->record, c->closeoff);
	return state_shown_of(c->status, !c->record, REVIEW_NONE);
}

/* Count pair P (its folds PF; the task closed before quarter k when
 * CLOSED[k]) into its department D, and for the period add it to D's
 * reminders when it is to be chased. */
static void count_pair(struct bulletin *b, struct bulletin_dept *d, const struct bulletin_pair *p,
		       const char *plan, const struct pair_folds *pf, const int closed[5])
{
	int lead = p->role == ROLE_LEAD;
	for (int k = 1; k <= b->nq; k++) {
		struct bulletin_figures *g = &d->q[k - 1], *t = &b->total[k - 1];
		const struct state_current *c = &pf->f[k];
		enum shown sh = shown_of(c, lead);
		int fields[12] = { 0 };
		unsigned why = 0;
		/* lead participant expected reported on_time late silent behind approved pending returned done */
		fields[lead ? 0 : 1] = 1;
		if (sh == SHOWN_BEHIND)
			fields[7] = 1;
		if (lead && c->closeoff == REVIEW_APPROVED)
			fields[8] = 1;
		if (lead && c->closeoff == REVIEW_PENDING)
			fields[9] = 1;
		if (lead && c->closeoff == REVIEW_RETURNED)
			fields[10] = 1;
		if (sh == SHOWN_DONE || sh == SHOWN_PENDING)
			fields[11] = 1;
		if (!closed[k]) {
			fields[2] = 1;
			if (pf->first[k]) {
				fields[3] = 1;
				if (*b->quarters[k - 1].deadline)
					fields[strcmp(pf->first[k], b->quarters[k - 1].deadline) < 0 ? 4 : 5] = 1;
			} else {
				fields[6] = 1;
			}
		}
		for (int side = 0; side < 2; side++) {
			struct bulletin_figures *x = side ? t : g;
			x->lead += fields[0];
			x->participant += fields[1];
			x->expected += fields[2];
			x->reported += fields[3];
			x->on_time += fields[4];
			x->late += fields[5];
			x->silent += fields[6];
			x->behind += fields[7];
			x->approved += fields[8];
			x->pending += fields[9];
			x->returned += fields[10];
			x->done += fields[11];
			x->done_evidence += fields[11] && p->nevidence > 0;
		}
		if (k != b->nq || closed[k])
			continue;
		why = (fields[6] ? BULLETIN_SILENT : 0) | (fields[10] ? BULLETIN_RETURNED : 0) |
		      (fields[7] ? BULLETIN_BEHIND : 0);
		if (why) {
			struct bulletin_item *it;
			d->items = xrealloc(d->items, (d->nitems + 1) * sizeof *d->items);
			it = &d->items[d->nitems++];
			it->task = xstrdup(p->task);
			it->text = xstrdup(p->text);
			it->plan = xstrdup(plan);
			it->seq = p->seq;
			it->role = p->role;
			it->why = why;
			it->reason = xstrdup(fields[10] && c->reason ? c->reason : "");
			it->period = xstrdup(c->period ? c->period : "");
			it->shown = sh;
			d->nsilent += !!(why & BULLETIN_SILENT);
			d->nreturned += !!(why & BULLETIN_RETURNED);
			d->nbehind += !!(why & BULLETIN_BEHIND);
		}
	}
}

/* The pairs V[lo..hi) of one task (lead first) with its events EV[elo..ehi). */
static void count_task(struct bulletin *b, struct dept_index *x, const char *plan,
		       const struct bulletin_pair *v, size_t lo, size_t hi,
		       const struct bulletin_event *ev, size_t elo, size_t ehi,
		       struct state_event *buf)
{
	int closed[5] = { 0 };
	for (size_t i = lo; i < hi; i++) {
		struct pair_folds pf;
		size_t a = elo, z;
		int lead = v[i].role == ROLE_LEAD;
		while (a < ehi && strcmp(ev[a].dept, v[i].dept))
			a++;
		for (z = a; z < ehi && !strcmp(ev[z].dept, v[i].dept); z++)
			;
		fold_pair(b, ev + a, z - a, lead, buf, &pf);
		if (lead)   /* the lead comes first: its close-off closes the task */
			for (int k = 1; k <= b->nq; k++)
				closed[k] = pf.f[k - 1].closeoff == REVIEW_APPROVED;
		count_pair(b, dept_get(x, v[i].dept), &v[i], plan, &pf, closed);
	}
}

static int add_plan(struct store *s, struct bulletin *b, struct dept_index *x, const char *plan,
		    struct err *e)
{
	struct bulletin_pair *v = NULL;
	struct bulletin_event *ev = NULL;
	struct state_event *buf;
	size_t n = 0, nev = 0, j = 0, most = 1;
	int rc;

	if ((rc = store_bulletin_pairs(s, plan, &v, &n, e)))
		return rc;
	if ((rc = store_bulletin_events(s, plan, b->period, &ev, &nev, e))) {
		store_bulletin_pairs_free(v, n);
		return rc;
	}
	/* the longest run of one task's events bounds any pair's */
	for (size_t a = 0, z; a < nev; a = z) {
		for (z = a; z < nev && !strcmp(ev[z].task, ev[a].task); z++)
			;
		if (z - a > most)
			most = z - a;
	}
	buf = xcalloc(most, sizeof *buf);
	/* both come ordered by task id: walk them side by side */
	for (size_t lo = 0, hi; lo < n; lo = hi) {
		size_t elo, ehi;
		for (hi = lo; hi < n && !strcmp(v[hi].task, v[lo].task); hi++)
			;
		while (j < nev && strcmp(ev[j].task, v[lo].task) < 0)
			j++;
		elo = j;
		while (j < nev && !strcmp(ev[j].task, v[lo].task))
			j++;
		ehi = j;
		count_task(b, x, plan, v, lo, hi, ev, elo, ehi, buf);
	}
	free(buf);
	store_bulletin_events_free(ev, nev);
	store_bulletin_pairs_free(v, n);
	return 0;
}

/* The quarters of PERIOD's year up to it, with their due dates. */
static int set_quarters(struct store *s, struct bulletin *b, struct err *e)
{
	struct period_info *pv;
	struct strbuf opened = STRBUF_INIT;
	size_t np;
	int rc, found = 0;

	if ((rc = store_period_list(s, &pv, &np, e)))
		return rc;
	char year[5];
	memcpy(year, b->period, 4);   /* a copy: snprintf's source may not lie in B */
	year[4] = '\0';
	b->nq = b->period[5] - '0';
	for (int k = 0; k < b->nq; k++) {
		struct bulletin_quarter *q = &b->quarters[k];
		snprintf(q->period, sizeof q->period, "%sQ%d", year, (k + 1) & 7);
		q->due = xstrdup("");
		for (size_t i = 0; i < np; i++) {
			if (strcmp(pv[i].period, q->period))
				continue;
			free(q->due);
			q->due = xstrdup(pv[i].due);
			q->open = pv[i].open;
			deadline_of(q->due, q->deadline, sizeof q->deadline);
			found |= k == b->nq - 1;
		}
	}
	if (!found) {
		for (size_t i = 0; i < np && i < 6; i++)
			sb_addf(&opened, "%s%s", i ? ", " : "", pv[i].period);
		if (np > 6)
			sb_adds(&opened, ", …");
		rc = np ? err_set(e, ERR_NOTFOUND, "%s was never opened as a reporting period, so it has "
				  "no due date to report by (opened: %s); the office opens it with "
				  "'duban period open %s --due DATE'", b->period, sb_str(&opened), b->period)
			: err_set(e, ERR_NOTFOUND, "%s was never opened as a reporting period, and no "
				  "period was: the office starts the cycle with 'duban period open %s "
				  "--due DATE'", b->period, b->period);
	}
	sb_release(&opened);
	store_period_list_free(pv, np);
	return rc;
}

static int set_liaisons(struct store *s, struct bulletin *b, struct err *e)
{
	struct user_info *u;
	size_t n;
	int rc = store_user_list(s, &u, &n, e);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (u[i].role != UROLE_LIAISON || !u[i].dept)
			continue;
		for (size_t k = 0; k < b->ndepts; k++) {
			struct bulletin_dept *d = &b->depts[k];
			if (strcmp(d->dept, u[i].dept))
				continue;
			d->liaisons = xrealloc(d->liaisons, (d->nliaisons + 1) * sizeof *d->liaisons);
			d->liaisons[d->nliaisons++] = xstrdup(u[i].login);
		}
	}
	store_user_list_free(u, n);
	return 0;
}

static int str_qsort(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int bulletin_build(struct store *s, const char *period, struct bulletin *out, struct err *e)
{
	struct strbuf keys = STRBUF_INIT, titles = STRBUF_INIT;
	struct dept_index x = { out, 0, NULL, 0 };
	struct plan_info *pl = NULL;
	size_t np = 0, nfound = 0;
	char made[16];
	int rc;

	memset(out, 0, sizeof *out);
	if (!period_valid(period))
		return err_set(e, ERR_USAGE, "invalid period '%s': write a quarter like 2025Q4", period);
	snprintf(out->period, sizeof out->period, "%s", period);
	out->year = atoi(period);
	date_today(made, sizeof made);
	out->made = xstrdup(made);
	{
		/* read first: what the bulletin shows was all chained by then */
		char head[STORE_CHAIN_HEAD_SIZE];
		if ((rc = store_chain_head(s, head, e)))
			goto done;
		out->chain = xstrdup(head);
	}
	if ((rc = set_quarters(s, out, e)))
		goto done;
	if ((rc = store_plan_list(s, &pl, &np, e)))
		goto done;
	for (size_t i = 0; i < np && !rc; i++) {
		char first[8], last[8];
		period_plan_range(pl[i].kind, pl[i].year, first, last);
		if (strcmp(period, first) < 0 || (*last && strcmp(period, last) > 0))
			continue;
		sb_addf(&keys, "%s%s", nfound ? "," : "", pl[i].key);
		sb_addf(&titles, "%s%s", nfound ? "；" : "", pl[i].title);
		nfound++;
		rc = add_plan(s, out, &x, pl[i].key, e);
	}
	if (!rc && !nfound)
		rc = err_set(e, ERR_NOTFOUND, "no plan reports on %s; 'duban plans' lists the plans held "
			     "and their years", period);
	if (!rc)
		rc = set_liaisons(s, out, e);
	if (rc)
		goto done;
	for (size_t i = 0; i < out->ndepts; i++) {
		struct bulletin_dept *d = &out->depts[i];
		if (d->nitems)
			qsort(d->items, d->nitems, sizeof *d->items, item_cmp);
		if (d->nliaisons)
			qsort(d->liaisons, d->nliaisons, sizeof *d->liaisons, str_qsort);
	}
	rank_q = out->nq - 1;
	if (out->ndepts)
		qsort(out->depts, out->ndepts, sizeof *out->depts, rank_qsort);
done:
	store_plan_list_free(pl, np);
	free(x.slot);
	out->plans = keys.buf ? sb_detach(&keys) : xstrdup("");
	out->titles = titles.buf ? sb_detach(&titles) : xstrdup("");
	return rc;
}

static void dept_release(struct bulletin_dept *d)
{
	for (size_t i = 0; i < d->nitems; i++) {
		free(d->items[i].task);
		free(d->items[i].text);
		free(d->items[i].plan);
		free(d->items[i].reason);
		free(d->items[i].period);
	}
	free(d->items);
	for (size_t i = 0; i < d->nliaisons; i++)
		free(d->liaisons[i]);
	free(d->liaisons);
	free(d->dept);
}

void bulletin_release(struct bulletin *b)
{
	for (size_t i = 0; i < b->ndepts; i++)
		dept_release(&b->depts[i]);
	free(b->depts);
	for (int k = 0; k < 4; k++)
		free(b->quarters[k].due);
	free(b->made);
	free(b->plans);
	free(b->titles);
	free(b->chain);
	memset(b, 0, sizeof *b);
}

int bulletin_keep_dept(struct bulletin *b, const char *dept, struct err *e)
{
	size_t keep = b->ndepts;
	for (size_t i = 0; i < b->ndepts; i++)
		if (!strcmp(b->depts[i].dept, dept))
			keep = i;
	if (keep == b->ndepts)
		return err_set(e, ERR_NOTFOUND, "%s has no task in the plans that report on %s (%s)", dept,
			       b->period, b->plans);
	for (size_t i = 0; i < b->ndepts; i++)
		if (i != keep)
			dept_release(&b->depts[i]);
	if (keep)
		b->depts[0] = b->depts[keep];
	b->ndepts = 1;
	return 0;
}

int bulletin_default_period(struct store *s, char out[8], struct err *e)
{
	struct period_info *pv;
	size_t np;
	int rc = store_period_list(s, &pv, &np, e);
	if (rc)
		return rc;
	rc = -ERR_NOTFOUND;
	for (size_t i = 0; i < np && rc; i++)   /* newest first */
		if (pv[i].open) {
			snprintf(out, 8, "%s", pv[i].period);
			rc = 0;
		}
	if (rc)
		rc = err_set(e, ERR_NOTFOUND, "no reporting period is open; give the quarter with "
			     "--period, like --period %s", np ? pv[0].period : "2025Q4");
	store_period_list_free(pv, np);
	return rc;
}

int bulletin_check_office(struct store *s, const char *login, struct err *e)
{
	struct actor a;
	int rc = store_actor_get(s, login, &a, e);
	if (rc)
		return rc;
	if (a.role != UROLE_OFFICE)
		rc = err_set(e, ERR_DENIED, "only the joint conference office may make the bulletin "
			     "(情况通报); user '%s' is %s%s%s", login,
			     a.role == UROLE_LIAISON ? "the liaison of " : "a viewer",
			     a.role == UROLE_LIAISON ? a.dept : "",
			     a.role == UROLE_LIAISON ? " ('duban remind' shows its own reminders)" : "");
	store_actor_release(&a);
	return rc;
}

int bulletin_check_remind(struct store *s, const char *login, const char *dept, char **own,
			  struct err *e)
{
	struct actor a;
	int rc = store_actor_get(s, login, &a, e);
	*own = NULL;
	if (rc)
		return rc;
	if (a.role == UROLE_VIEWER)
		rc = err_set(e, ERR_DENIED, "only the joint conference office and the departments' "
			     "liaisons may see the reminders (催办); user '%s' is a viewer", login);
	else if (a.role == UROLE_LIAISON && dept && strcmp(dept, a.dept))
		rc = err_set(e, ERR_DENIED, "user '%s' is the liaison of %s and may see only its own "
			     "reminders, not those of %s", login, a.dept, dept);
	else if (a.role == UROLE_LIAISON)
		*own = xstrdup(a.dept);
	store_actor_release(&a);
	return rc;
}
