/* Searching tasks, the same for both faces: what a user typed is turned into
 * a match key (so simplified finds traditional) and looked for in the tasks'
 * texts, every spelling of their departments and every progress note. A
 * search answers plan by plan and reads each answer once: in one query over
 * every plan when the store's index makes that cheap, else plan by plan as
 * they are asked for. */
#ifndef DUBAN_SEARCH_H
#define DUBAN_SEARCH_H

#include <stddef.h>

#include "src/err.h"

struct store;
struct search;

/* Start a search for TYPED on S (which must outlive it). *OUT is NULL when
 * TYPED holds nothing to look for (blank). Reads nothing
 * yet. */
void search_begin(struct store *s, const char *typed, struct search **out);
void search_free(struct search *q);

/* The text as typed, and its match key (both owned by Q). */
const char *search_typed(const struct search *q);
const char *search_key(const struct search *q);

/* The ids of PLAN's tasks that match, sorted by strcmp, owned by Q and valid
 * until search_free. 0, or a store error (then *N is 0). */
int search_plan(struct search *q, const char *plan, char *const **ids, size_t *n, struct err *e);

/* 1 if task ID of PLAN matches (reading PLAN's answer if need be), 0 if not
 * or on a store error. */
int search_match(struct search *q, const char *plan, const char *id);

#endif
