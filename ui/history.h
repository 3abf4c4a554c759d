/* The history views: of one task (every record, review and attachment),
 * and of this session's messages (M), so that none is lost to the next key. */
#ifndef DUBAN_UI_HISTORY_H
#define DUBAN_UI_HISTORY_H

#include "ui/app.h"

/* Open the history of TASK ("2024-105") in the pager. */
void ui_history_open(struct app *a, const char *task);
/* Open the messages of this session (A->msglog) in the pager, at the newest. */
void ui_history_messages(struct app *a);

#endif
