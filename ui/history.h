/* The history view of one task: every record, review and attachment. */
#ifndef DUBAN_UI_HISTORY_H
#define DUBAN_UI_HISTORY_H

#include "ui/app.h"

/* Open the history of TASK ("2024-105") in the pager. */
void ui_history_open(struct app *a, const char *task);

#endif
