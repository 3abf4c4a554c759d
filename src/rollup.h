/* Roll-ups: how many tasks of a plan, chapter, section or department are
 * done, pending review, returned, behind, ... and the one walk that adds a
 * plan's tasks up its outline, used by `duban status`, the annual report and
 * the terminal UI's tree alike. */
#ifndef DUBAN_ROLLUP_H
#define DUBAN_ROLLUP_H

#include <stddef.h>

#include "src/model.h"

struct strbuf;

/* done counts only approved close-offs; a lead's `done` awaiting review counts
 * as pending, a returned one as returned; silent is a task whose lead has
 * recorded nothing (counted in not_started too). */
struct rollup {
	int total, done, pending, returned, in_progress, behind, ongoing, not_started, silent;
};

/* Add one task in state ST (SILENT: nothing recorded; REVIEW: of its close-off). */
void rollup_add(struct rollup *r, enum status st, int silent, enum review_state review);

/* Append "12/21 done, 2 behind" (and ", 1 pending" when there are such) to SB. */
void rollup_format(const struct rollup *r, struct strbuf *sb);

/* A plan's roll-ups: the plan's own, and one node per chapter and per section
 * of its outline, in outline order (each chapter, then its sections). */
struct rollup_node {
	int chapter, section;       /* section 0: the chapter itself */
	const char *title;          /* borrowed from the outline */
	struct rollup r;
};
struct rollup_tree {
	struct rollup plan;
	struct rollup_node *nodes;
	size_t n;
};

/* Start T on an outline (borrowed: it must outlive T's titles' use). */
void rollup_tree_init(struct rollup_tree *t, const struct outline_chapter *ch, size_t nch,
		      const struct outline_section *sec, size_t nsec);
/* Add one task of CHAPTER and SECTION (0: none) to the plan, its chapter and
 * its section. A chapter or section the outline lacks counts in the plan only. */
void rollup_tree_add(struct rollup_tree *t, int chapter, int section, enum status st, int silent,
		     enum review_state review);
/* Add every status row of V (the lead's state of each task). */
void rollup_tree_add_rows(struct rollup_tree *t, const struct status_row *v, size_t n);
/* The node of CHAPTER and SECTION (0: the chapter itself); NULL when the
 * outline has no such node. The plan's own roll-up is T->plan. */
const struct rollup_node *rollup_tree_node(const struct rollup_tree *t, int chapter, int section);
void rollup_tree_release(struct rollup_tree *t);

#endif
