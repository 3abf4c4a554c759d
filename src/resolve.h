/* What a user typed, resolved against the store: a department (any spelling,
 * with "did you mean" when unknown) and a task id. Both faces call these, so
 * a name or an id the command line takes is taken by the terminal UI too. */
#ifndef DUBAN_RESOLVE_H
#define DUBAN_RESOLVE_H

#include "src/err.h"
#include "src/model.h"

struct store;

/* The canonical name of the department TYPED names: its name, a short or old
 * form, a predecessor, traditional or simplified, with or without invisible
 * characters. On success *DEPT is the name (caller frees). -ERR_NOTFOUND with
 * up to three suggestions in E's message when no department matches. */
int resolve_dept(struct store *s, const char *typed, char **dept, struct err *e);

/* The task TYPED names: "2024-105", or "105" in plan PLAN (may be NULL), with
 * spaces, a leading ':' and full-width digits allowed. On success OUT is the
 * task (release with store_task_row_release). -ERR_NOTFOUND naming what was
 * looked for otherwise. */
int resolve_task(struct store *s, const char *typed, const char *plan, struct task_row *out,
		 struct err *e);

#endif
