/* Department lists: the content is cut into segments at 、，；。 and read
 * clause by clause. A clause is names followed by a duty word (负责 牵头
 * 参与 配合 指导 …) or names after a label (牵头单位：); what follows the
 * last clause and is no name is the list's note. The first name leads unless
 * a clause says who (牵头, 会同, a lead label). */
#include <stdint.h>
#include <unistr.h>

#include "src/plan_list.h"
#include "src/util.h"
#include "src/banned.h"

#define NAME_MAX_CHARS 30

enum role { R_NONE, R_LEAD, R_DUTY, R_PART };

struct word { const char *s; size_t n; enum role role; };
#define W(s, r) { s, sizeof s - 1, r }

/* Duty words a clause ends with, longest first. */
static const struct word verbs[] = {
	W("按职责分工负责", R_DUTY), W("按職責分工負責", R_DUTY), W("按职责分别负责", R_DUTY),
	W("按職責分別負責", R_DUTY), W("按照职责分工负责", R_DUTY), W("按照職責分工負責", R_DUTY),
	W("分别负责", R_DUTY), W("分別負責", R_DUTY), W("共同负责", R_DUTY), W("共同負責", R_DUTY),
	W("牵头负责", R_LEAD), W("牽頭負責", R_LEAD), W("负责落实", R_DUTY), W("負責落實", R_DUTY),
	W("负责", R_DUTY), W("負責", R_DUTY), W("牵头", R_LEAD), W("牽頭", R_LEAD),
	W("参与", R_PART), W("參與", R_PART), W("参加", R_PART), W("參加", R_PART),
	W("配合", R_PART), W("协助", R_PART), W("協助", R_PART), W("协同", R_PART),
	W("協同", R_PART), W("指导", R_DUTY), W("指導", R_DUTY),
};

/* Labels a list can start with, before a colon. Not 主办单位 or 指导单位:
 * web pages' footers say who runs the site with them. */
static const struct word labels[] = {
	W("牵头单位", R_LEAD), W("牵头部门", R_LEAD), W("牽頭單位", R_LEAD), W("牽頭部門", R_LEAD),
	W("主责单位", R_LEAD), W("主责部门", R_LEAD), W("牵头", R_LEAD),
	W("牽頭", R_LEAD), W("责任单位", R_DUTY), W("责任部门", R_DUTY), W("責任單位", R_DUTY),
	W("責任部門", R_DUTY), W("负责单位", R_DUTY), W("负责部门", R_DUTY), W("負責單位", R_DUTY),
	W("負責部門", R_DUTY), W("指导部门", R_DUTY), W("指導部門", R_DUTY),
	W("参与单位", R_PART), W("参与部门", R_PART), W("參與單位", R_PART), W("參與部門", R_PART),
	W("配合单位", R_PART), W("配合部门", R_PART), W("协办单位", R_PART), W("協辦單位", R_PART),
	W("协同单位", R_PART), W("参加单位", R_PART), W("责任主体", R_DUTY),
};

/* Words a name ends with that are no part of it. IS_OPEN: the list is open. */
static const struct { const char *s; size_t n; int open; } tails[] = {
	{ "按职责分工", 15, 0 }, { "按職責分工", 15, 0 }, { "按照职责分工", 18, 0 },
	{ "按照職責分工", 18, 0 }, { "按职责分别", 15, 0 }, { "按職責分別", 15, 0 },
	{ "按职责", 9, 0 }, { "按職責", 9, 0 }, { "分别", 6, 0 }, { "分別", 6, 0 },
	{ "共同", 6, 0 }, { "等", 3, 1 },   /* "等有关部门" and the like: strip_tails */
};

/* Characters and words that no department name holds. */
static const char *const not_in_name[] = { "《", "》", "“", "”", "「", "」", "。", "为", "為",
					   "的", "下同", "年内", "年內", "排在", "第一位", "以下",
					   "不再", "：", ":", "完成", "持续", "持續",
					   "?", "？", "!", "！", NULL };

static int ends_with(const char *s, size_t n, const char *w, size_t m)
{
	return n >= m && !memcmp(s + n - m, w, m);
}

static int starts_with(const char *s, size_t n, const char *w, size_t m)
{
	return n >= m && !memcmp(s, w, m);
}

static int has(const char *s, size_t n, const char *w)
{
	size_t m = strlen(w);
	const char *p = s, *end = s + n;

	while ((size_t)(end - p) >= m) {
		const char *q = memchr(p, w[0], (size_t)(end - p) - m + 1);
		if (!q)
			return 0;
		if (!memcmp(q, w, m))
			return 1;
		p = q + 1;
	}
	return 0;
}

/* A word without which bracketed text is no list: a duty word or a label's. */
static int has_duty_word(const char *s, size_t n)
{
	static const char *const words[] = { "负责", "負責", "牵头", "牽頭", "参与", "參與", "参加",
					     "參加", "配合", "协助", "協助", "协同", "協同", "指导",
					     "指導", "单位", "單位", "部门", "部門", NULL };
	size_t i;

	for (i = 0; words[i]; i++)
		if (has(s, n, words[i]))
			return 1;
	return 0;
}

static int is_space(ucs4_t c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == 0xA0 || c == 0x3000 ||
	       (c >= 0x2000 && c <= 0x200B) || c == 0xFEFF;
}

static void trim(const char *s, size_t *a, size_t *b)
{
	while (*a < *b) {
		ucs4_t c;
		int k = u8_mbtouc(&c, (const uint8_t *)s + *a, *b - *a);
		if (k <= 0 || !is_space(c))
			break;
		*a += (size_t)k;
	}
	while (*b > *a) {
		size_t st = *b;
		ucs4_t c;
		do
			st--;
		while (st > *a && ((unsigned char)s[st] & 0xC0) == 0x80);
		u8_mbtouc(&c, (const uint8_t *)s + st, *b - st);
		if (!is_space(c))
			break;
		*b = st;
	}
}

/* A name candidate S[0, n): short, with a Han character, none of the words
 * sentences have. */
static int name_ok(const char *s, size_t n)
{
	size_t i = 0, chars = 0;
	int han = 0, word = 0;

	/* 30 characters are at most 120 bytes */
	if (!n || n > 4 * NAME_MAX_CHARS)
		return 0;
	while (i < n) {
		ucs4_t c;
		int k = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
		i += k > 0 ? (size_t)k : 1;
		chars++;
		switch (c) {
		case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
		case '8': case '9': case ':': case '?': case '!':
		case 0x300A: case 0x300B: case 0x201C: case 0x201D: case 0x300C: case 0x300D: /* 《》“”「」 */
		case 0x3002: case 0x4E3A: case 0x70BA: case 0x7684: case 0xFF1A: /* 。为為的： */
		case 0xFF1F: case 0xFF01:                                          /* ？！ */
			return 0;
		case 0x4E0B: case 0x5E74: case 0x6392: case 0x7B2C: case 0x4EE5: /* 下年排第以 */
		case 0x4E0D: case 0x5B8C: case 0x6301:                           /* 不完持 */
			word = han = 1;   /* maybe 下同 年内 排在 第一位 以下 不再 完成 持续 */
			break;
		default:
			han |= c >= 0x3400 && c <= 0x9FFF;
		}
	}
	if (!han || chars > NAME_MAX_CHARS)
		return 0;
	for (i = 0; word && not_in_name[i]; i++)
		if (has(s, n, not_in_name[i]))
			return 0;
	return 1;
}

/* Whether S[0, n) only names bodies in general: "有关部门", "相关单位",
 * "有关部门和单位", "其他有关单位及部门"; without a qualifier (有关, 相关)
 * too when ANY is set ("部门和单位", after 等). */
static int is_collective(const char *s, size_t n, int any)
{
	static const char *const quals[] = { "其他有关", "其他相关", "其他有關", "其他相關",
					     "有关", "相关", "有關", "相關", NULL };
	static const char *const bodies[] = { "部门", "单位", "部門", "單位", NULL };
	static const char *const joins[] = { "和", "及", "与", "與", "、", NULL };
	size_t i, k, m, q = 0;

	for (i = 0; quals[i]; i++)
		if (starts_with(s, n, quals[i], strlen(quals[i]))) {
			q = strlen(quals[i]);
			break;
		}
	if (!q && !any)
		return 0;
	s += q;
	n -= q;
	for (i = 0; bodies[i]; i++) {
		if (!starts_with(s, n, bodies[i], 6))
			continue;
		if (n == 6)
			return 1;
		for (k = 0; joins[k]; k++) {
			m = strlen(joins[k]);
			if (n - 6 > m && starts_with(s + 6, n - 6, joins[k], m)) {
				size_t j;
				for (j = 0; bodies[j]; j++)
					if (n - 6 - m == 6 && !memcmp(s + 6 + m, bodies[j], 6))
						return 1;
			}
		}
	}
	return 0;
}

/* Strip the tails of S[0, *n): "按职责分工", "等部门", "等有关部门和单位",
 * "等" ...; sets *OPEN. */
static void strip_tails(const char *s, size_t *n, int *open)
{
	int changed = 1;

	while (changed) {
		size_t i;
		changed = 0;
		for (i = 3; i + 3 < *n; i++)
			if (!memcmp(s + i, "等", 3) && is_collective(s + i + 3, *n - i - 3, 1)) {
				*n = i;
				*open = 1;
				changed = 1;
				break;
			}
		for (i = 0; !changed && i < sizeof tails / sizeof tails[0]; i++)
			if (*n > tails[i].n && ends_with(s, *n, tails[i].s, tails[i].n)) {
				*n -= tails[i].n;
				*open |= tails[i].open;
				changed = 1;
				break;
			}
	}
}

static int is_open_name(const char *s, size_t n)
{
	return is_collective(s, n, 0);
}

struct pending { char *name; enum role role; };

struct lparse {
	struct pending *p;
	size_t n, cap;
	int open, lead_explicit, clauses;
};

static void add_name(struct lparse *lp, const char *s, size_t n, enum role role)
{
	size_t a = 0, b = n, len;

	trim(s, &a, &b);
	len = b - a;
	strip_tails(s + a, &len, &lp->open);
	b = a + len;
	trim(s, &a, &b);
	if (b <= a)
		return;
	if (is_open_name(s + a, b - a)) {
		lp->open = 1;
		return;
	}
	xgrow(&lp->p, &lp->cap, lp->n + 1, sizeof *lp->p);
	lp->p[lp->n].name = xstrndup(s + a, b - a);
	lp->p[lp->n].role = role;
	lp->n++;
}

/* How S[0, n) ends: 1 in one of ENDS (a body: 部, 委, 局 …), 2 in 门 (部门),
 * 0 otherwise. */
static int body_end(const char *s, size_t n, const char *const *ends)
{
	size_t e;

	if (n < 3)
		return 0;
	for (e = 0; ends[e]; e++)
		if (!memcmp(s + n - 3, ends[e], 3))
			return 1;
	return !memcmp(s + n - 3, "门", 3) || !memcmp(s + n - 3, "門", 3) ? 2 : 0;
}

/* One name part of a clause, which may be "X会同Y" or "X等和Y". */
static int add_part(struct lparse *lp, const char *s, size_t n, enum role role, int check)
{
	size_t i, a = 0, b = n;

	trim(s, &a, &b);
	s += a;
	n = b - a;
	for (i = 0; i + 6 <= n; i++) {
		if (!memcmp(s + i, "会同", 6) || !memcmp(s + i, "會同", 6)) {
			if (check && (!name_ok(s, i) || (n - i - 6 && !name_ok(s + i + 6, n - i - 6))))
				return 0;
			add_name(lp, s, i, R_LEAD);
			lp->lead_explicit = 1;
			if (n > i + 6)
				add_name(lp, s + i + 6, n - i - 6, role == R_LEAD ? R_PART : role);
			return 1;
		}
	}
	for (i = 0; i + 6 <= n; i++) {
		/* "…等和各有关省级人民政府": 等 closes the names before it */
		if (!memcmp(s + i, "等和", 6) || !memcmp(s + i, "等及", 6) || !memcmp(s + i, "等与", 6) ||
		    !memcmp(s + i, "等與", 6)) {
			if (check && (!name_ok(s, i) || !name_ok(s + i + 6, n - i - 6)))
				return 0;
			add_name(lp, s, i, role);
			lp->open = 1;
			add_name(lp, s + i + 6, n - i - 6, role);
			return 1;
		}
	}
	for (i = 3; i + 3 < n; i++) {
		/* "教育部和人力资源社会保障部", "市级各有关部门及各县市区政府": 和 or
		 * 及 between a body's name and another's (not inside one:
		 * 文化和旅游部, 工业和信息化部; not "各有关部门和单位"). 与 joins
		 * the seeds' pseudo-department 有关部门与地方各级人民政府. */
		static const char *const ends[] = { "部", "委", "局", "署", "院", "办", "辦", "會", "会",
						    "厅", "廳", "室", "府", NULL };
		int conj_he = !memcmp(s + i, "和", 3), left, right;
		if (!(conj_he || !memcmp(s + i, "及", 3)) || n - i - 3 < 6)
			continue;
		left = body_end(s, i, ends);
		right = body_end(s + i + 3, n - i - 3, ends);
		if (!(left == 1 && (conj_he || right == 1)) && !(left == 2 && right == 1))
			continue;
		if (check && (!name_ok(s, i) || !name_ok(s + i + 3, n - i - 3)))
			continue;
		add_name(lp, s, i, role);
		add_name(lp, s + i + 3, n - i - 3, role);
		return 1;
	}
	if (check && !name_ok(s, n))
		return 0;
	add_name(lp, s, n, role);
	return 1;
}

static const struct word *match_label(const char *s, size_t n, size_t *after)
{
	size_t i;

	if (!memchr(s, ':', n) && !has(s, n, "："))
		return NULL;   /* every label ends in a colon */

	for (i = 0; i < sizeof labels / sizeof labels[0]; i++) {
		size_t m = labels[i].n;
		if (!starts_with(s, n, labels[i].s, m))
			continue;
		if (n > m && s[m] == ':') {
			*after = m + 1;
			return &labels[i];
		}
		if (n >= m + 3 && !memcmp(s + m, "\xEF\xBC\x9A", 3)) {
			*after = m + 3;
			return &labels[i];
		}
	}
	return NULL;
}

int plan_list_is_label_line(const char *s, size_t n)
{
	size_t after, a = 0, b = n;

	trim(s, &a, &b);
	return match_label(s + a, b - a, &after) != NULL;
}

static void lparse_free(struct lparse *lp)
{
	size_t i;

	for (i = 0; i < lp->n; i++)
		free(lp->p[i].name);
	free(lp->p);
	memset(lp, 0, sizeof *lp);
}

/* The next segment of S[*pos, n) up to a separator; its end in *END, the
 * separator's length in *SEPLEN (0 at the end). Brackets nest: a separator
 * inside (…) does not cut. */
static void next_segment(const char *s, size_t n, size_t pos, int cell, size_t *end, size_t *seplen,
			 int *stop)
{
	size_t i = pos;
	int depth = 0;

	*stop = 0;
	while (i < n) {
		ucs4_t c;
		int k = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
		if (k <= 0)
			k = 1;
		if (c == '(' || c == 0xFF08)
			depth++;
		else if ((c == ')' || c == 0xFF09) && depth > 0)
			depth--;
		else if (!depth && (c == 0x3001 || c == 0xFF0C || c == ',' || c == 0xFF1B || c == ';' ||
				    c == 0x3002 || c == 0xFF0E || (cell && (c == '\n' || c == '/' ||
				    c == 0xFF0F)))) {
			*end = i;
			*seplen = (size_t)k;
			*stop = c == 0x3002;
			return;
		}
		i += (size_t)k;
	}
	*end = n;
	*seplen = 0;
}

int plan_list_parse(const char *s, size_t n, enum plan_list_mode mode, struct plan_list *l)
{
	struct lparse lp;
	size_t pos = 0, clause_start;   /* index into lp.p where the open clause began */
	enum role label_role = R_NONE;
	int note_from = -1, cell = mode == PLAN_LIST_CELL, seen_duty = 0, first_lead = -1;
	size_t i, a = 0, b = n;

	memset(l, 0, sizeof *l);
	memset(&lp, 0, sizeof lp);
	if (mode == PLAN_LIST_TEXT && !has_duty_word(s, n))
		return 0;   /* most text in brackets: (2023—2030年), (以下简称…) */
	trim(s, &a, &b);
	s += a;
	n = b - a;
	/* "由X负责" */
	if (starts_with(s, n, "由", 3)) {
		s += 3;
		n -= 3;
	}
	clause_start = 0;
	while (pos < n) {
		size_t end, seplen, sa, sb, after = 0;
		const struct word *lab;
		int stop;

		next_segment(s, n, pos, cell, &end, &seplen, &stop);
		sa = pos;
		sb = end;
		trim(s, &sa, &sb);
		if (sa == sb) {
			pos = end + seplen;
			continue;
		}
		lab = match_label(s + sa, sb - sa, &after);
		if (lab) {
			/* a new labelled clause: "牵头单位：X" */
			label_role = lab->role;
			if (lab->role == R_LEAD)
				lp.lead_explicit = 1;
			seen_duty = 1;
			clause_start = lp.n;
			sa += after;
			trim(s, &sa, &sb);
			if (sa == sb) {
				pos = end + seplen;
				continue;
			}
		}
		{
			/* does the segment end with a duty word? */
			const struct word *v = NULL;
			size_t k;
			for (k = 0; k < sizeof verbs / sizeof verbs[0] && !v; k++)
				if (sb - sa > verbs[k].n && ends_with(s + sa, sb - sa, verbs[k].s, verbs[k].n))
					v = &verbs[k];
				else if (sb - sa == verbs[k].n && !memcmp(s + sa, verbs[k].s, verbs[k].n) &&
					 lp.n > clause_start)
					v = &verbs[k];   /* "X、Y，负责" */
			if (v) {
				enum role r = v->role;
				size_t nb = sb - v->n, j;
				/* "指导" leads in the first clause, takes part after */
				if (!memcmp(v->s, "指", 3))
					r = lp.clauses == 0 ? R_LEAD : R_PART;
				if (nb > sa && !add_part(&lp, s + sa, nb - sa, r, 1)) {
					if (lp.clauses) {
						note_from = (int)sa;
						break;
					}
					lparse_free(&lp);
					return 0;
				}
				if (r == R_LEAD && memcmp(v->s, "指", 3))
					lp.lead_explicit = 1;
				/* the clause's names before this segment take its role */
				for (j = clause_start; j < lp.n; j++)
					if (lp.p[j].role == R_NONE)
						lp.p[j].role = r;
				if (r == R_LEAD && first_lead < 0 && clause_start < lp.n)
					first_lead = (int)clause_start;
				lp.clauses++;
				seen_duty = 1;
				clause_start = lp.n;
				label_role = R_NONE;
				pos = end + seplen;
				if (stop)
					note_from = pos < n ? (int)pos : -1;
				if (stop)
					break;
				continue;
			}
		}
		/* names without a duty word yet: a label's, or waiting for one */
		if (!add_part(&lp, s + sa, sb - sa, label_role, 1)) {
			if (lp.clauses || (label_role != R_NONE && lp.n)) {
				note_from = (int)sa;
				break;
			}
			lparse_free(&lp);
			return 0;
		}
		if (label_role == R_LEAD && first_lead < 0)
			first_lead = (int)lp.n - 1;
		pos = end + seplen;
		if (stop) {
			note_from = pos < n ? (int)pos : -1;
			break;
		}
	}
	if (!lp.n || (!seen_duty && !cell)) {
		lparse_free(&lp);
		return 0;
	}
	/* names after the last clause with no duty word of their own take part */
	l->lead_explicit = lp.lead_explicit;
	l->open = lp.open;
	l->names = xcalloc(lp.n, sizeof *l->names);
	l->cap = lp.n;
	if (first_lead >= 0 && lp.lead_explicit) {
		l->names[l->nnames++] = lp.p[first_lead].name;
		lp.p[first_lead].name = NULL;
	}
	for (i = 0; i < lp.n; i++) {
		size_t j;
		int dup = 0;
		if (!lp.p[i].name)
			continue;
		for (j = 0; j < l->nnames; j++)
			dup |= !strcmp(l->names[j], lp.p[i].name);
		if (dup)
			continue;
		l->names[l->nnames++] = lp.p[i].name;
		lp.p[i].name = NULL;
	}
	if (note_from >= 0 && (size_t)note_from < n) {
		size_t na = (size_t)note_from, nb = n;
		trim(s, &na, &nb);
		if (nb > na)
			l->note = xstrndup(s + na, nb - na);
	}
	lparse_free(&lp);
	return 1;
}

void plan_list_merge(struct plan_list *a, const struct plan_list *b)
{
	size_t i, j;

	if (!a->nnames)
		a->lead_explicit = b->lead_explicit;
	for (i = 0; i < b->nnames; i++) {
		int dup = 0;
		for (j = 0; j < a->nnames; j++)
			dup |= !strcmp(a->names[j], b->names[i]);
		if (dup)
			continue;
		xgrow(&a->names, &a->cap, a->nnames + 1, sizeof *a->names);
		a->names[a->nnames++] = xstrdup(b->names[i]);
	}
	a->open |= b->open;
}

void plan_list_release(struct plan_list *l)
{
	size_t i;

	for (i = 0; i < l->nnames; i++)
		free(l->names[i]);
	free(l->names);
	free(l->note);
	memset(l, 0, sizeof *l);
}
