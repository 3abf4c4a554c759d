/* Finding a parsed plan's task by its label, and its departments as one
 * string, for the plan parser's tests. */
#ifndef DUBAN_TEST_PLAN_FIND_H
#define DUBAN_TEST_PLAN_FIND_H

#include <stdio.h>
#include <string.h>

#include "src/plan_parse.h"

/* The task of D labelled LABEL; NULL (having said so) when there is none. */
static inline const struct plan_task *task(const struct plan_doc *d, const char *label)
{
	for (size_t i = 0; i < d->ntasks; i++)
		if (!strcmp(d->tasks[i].label, label))
			return &d->tasks[i];
	printf("  no task %s\n", label);
	return NULL;
}

/* The task's departments joined with "|", for one comparison; "(no task)"
 * for NULL. The string is overwritten by the next call. */
static inline const char *depts(const struct plan_task *t)
{
	static char out[2048];
	size_t n = 0;

	out[0] = '\0';
	if (!t)
		return "(no task)";
	for (size_t i = 0; i < t->ndepts && n < sizeof out; i++)
		n += (size_t)snprintf(out + n, sizeof out - n, "%s%s", i ? "|" : "", t->depts[i]);
	return out;
}

#endif
