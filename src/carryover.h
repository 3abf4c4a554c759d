/* Carry-over: which tasks of a year's plan continue a task of the previous
 * year's plan (2025-1 continues 2024-1 on the 商标法 revision). Matching is
 * explainable: a score from shared 《》 titles, character-bigram overlap and
 * a shared lead department, reported with the shared terms: the titles, and
 * the words both texts hold (the longest runs of Chinese characters they
 * share, cut at punctuation, titles, common plan words and function
 * characters: "商标审查 地理标志", never pairs cut across words). Texts are
 * compared in their match-key form, so traditional and simplified plans
 * meet. Only pairs that can reach the threshold are scored (an index of
 * titles and of each task's rarest bigrams), with the result of scoring
 * every pair. */
#ifndef DUBAN_CARRYOVER_H
#define DUBAN_CARRYOVER_H

#include <stddef.h>

#include "src/status.h"
#include "src/util.h"
#include "src/model.h"

struct store;

/* The score at or above which a pair is a carry-over. */
#define CARRYOVER_THRESHOLD 0.40

/* How two task texts compare. */
struct carry_score {
	double score;        /* 0.6 * titles + 0.4 * bigrams + 0.1 if the same lead (max 1.1) */
	double titles;       /* shared 《》 titles / the fewer titles of the two; 0 if either has none */
	double bigrams;      /* Dice overlap of their character bigrams (common plan words left out) */
	int same_lead;
	char *shared_titles; /* "商标法、国防专利条例" (match-key form, 中华人民共和国 dropped), "" if none */
	char *shared_words;  /* up to 6 words both texts hold, in the later text's order, space separated */
};

/* Score EARLIER against LATER (plain task texts) with their leads. Fills *OUT
 * (release with carryover_score_release). */
void carryover_score(const char *earlier, const char *later, const char *lead_earlier,
		     const char *lead_later, struct carry_score *out);
void carryover_score_release(struct carry_score *c);

struct carry_link {
	char *from, *to;             /* earlier task id, later task id */
	char *from_text, *to_text;
	char *from_lead, *to_lead;
	struct carry_score why;
	enum status from_status;     /* the earlier task's lead status now */
	int from_silent;             /* its lead recorded nothing */
	enum review_state from_review;
};

/* The links into the annual plans of YEAR from the annual plans of YEAR-1:
 * for each task of YEAR, the best-scoring earlier task when it reaches
 * CARRYOVER_THRESHOLD; in the later plan's order. -ERR_NOTFOUND when YEAR has
 * no annual plan; none (0 links) when YEAR-1 has none. Free with
 * carryover_links_free. */
int carryover_links(struct store *s, int year, struct carry_link **out, size_t *n, struct err *e);

/* *COMPARED: 1 when the year before YEAR has an annual plan, so that the
 * carry-over into YEAR could be looked for at all (0 links then means none
 * continues; without one, nothing could be compared). */
int carryover_compared(struct store *s, int year, int *compared, struct err *e);

/* The links that touch task TASK ("2024-1"): what it continues and what
 * continues it. For `duban show`. Free with carryover_links_free. */
int carryover_for_task(struct store *s, const char *task, struct carry_link **out, size_t *n,
		       struct err *e);

/* One line for `duban show` and the reports, e.g.
 * "continues 2024-1 (score 0.93: 《商标法》; 2024-1 is done, approved)" when
 * TASK is the later side, "continued by 2025-1 (…)" when it is the earlier. */
void carryover_describe(const struct carry_link *l, const char *task, struct strbuf *sb);

/* "done (approved)", "in-progress", "silent" ... for the earlier task's status. */
const char *carryover_status_text(const struct carry_link *l, char *buf, size_t n);

void carryover_links_free(struct carry_link *v, size_t n);

#endif
