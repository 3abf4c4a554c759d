/* The evidence of a task in the pager: the list (1-9 opens an item), one
 * item's details with a text file's content, and w to save a file. */
#ifndef DUBAN_UI_EVIDENCE_H
#define DUBAN_UI_EVIDENCE_H

#include "ui/app.h"

/* Open the evidence list of TASK; a message instead when it has none. */
void ui_evidence_open(struct app *a, const char *task);

#endif
