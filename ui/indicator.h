/* The indicator view of a plan (指标): baseline, latest value and target of
 * each indicator with a bar of its progress and its judgement, and
 * recording a value. */
#ifndef DUBAN_UI_INDICATOR_H
#define DUBAN_UI_INDICATOR_H

#include "ui/app.h"

/* Open the indicators of PLAN (a plan key) over the tree. */
void ui_indicator_open(struct app *a, const char *plan);

#endif
