/* The help view: the key-binding table, the status letters and markers. */
#ifndef DUBAN_UI_HELP_H
#define DUBAN_UI_HELP_H

#include "ui/app.h"

void ui_help_open(struct app *a);

#endif
