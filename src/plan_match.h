/* Matching a corrected text's tasks to the tasks already stored, by content:
 * the text (how alike their match keys are), the departments and the number.
 * A task inserted before others moves their numbers, not their records: each
 * stored task keeps its id and goes with the text that is still its own. */
#ifndef DUBAN_PLAN_MATCH_H
#define DUBAN_PLAN_MATCH_H

#include <stddef.h>

struct match_task {
	const char *label;       /* the number in its document */
	const char *key;         /* text_match_key of its text */
	char *const *depts;      /* canonical department names */
	size_t ndepts;
};

/* How alike two match keys are: the Dice coefficient of their character
 * pairs, 0 (nothing shared) to 1 (the same). */
double plan_match_text(const char *a, const char *b);

/* Match each of the NNEW tasks NEW to at most one of the NOLD tasks OLD.
 * MAP[i] gets the index in OLD of new task i's match, or -1 (a new task);
 * ALIKE[i] how alike their texts are (plan_match_text), 0 when unmatched.
 * Identical texts match first (the same number preferred among several),
 * then the best pairs left whose texts are at least 60% alike, or 30% with
 * the same number and mostly the same departments. */
void plan_match(const struct match_task *old, size_t nold, const struct match_task *new_tasks,
		size_t nnew, long *map, double *alike);

#endif
