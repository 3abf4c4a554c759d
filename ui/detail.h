/* The detail view: everything about the node under the tree's cursor, above
 * all a task's text, departments, statuses, notes, evidence and close-off. */
#ifndef DUBAN_UI_DETAIL_H
#define DUBAN_UI_DETAIL_H

#include "store/store.h"
#include "ui/app.h"

void ui_detail_draw(struct app *a, int y, int x, int w, int h, int focused);
/* Scroll by DELTA lines (+-INT_MAX: to an end); PAGE: by pages. */
void ui_detail_scroll(struct app *a, int delta, int page);
/* The state of the selected task (read when first asked for, then kept
 * until the selection changes or A->GEN does: ui_tree_invalidate), or
 * NULL when the cursor is not on a task or it cannot be read (the message
 * line says why). */
const struct task_state *ui_detail_state(struct app *a);
void ui_detail_free(struct app *a);

#endif
