/* The report form: one task's report for one department on one screen,
 * saved as one record with its evidence in one transaction (record_report):
 * the status (preselected to the department's last), the note (the last
 * one shown beside it), evidence (file paths with ~ and Tab completion,
 * 文号 or links, several) and the period (the reporting period). */
#ifndef DUBAN_UI_FORM_H
#define DUBAN_UI_FORM_H

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <wchar.h>

#include "store/store.h"
#include "ui/app.h"

/* What the form is opened on: TASK (its id, plan and text), DEPT's state
 * DS on it (NULL: it has none), the reporting period PERIOD and its DUE
 * ("" when none). SAVED runs after a save, the form closed (the caller
 * refreshes and moves on). Switches to UI_M_FORM. */
struct ui_form_open {
	const struct task_row *task;
	const char *dept;
	const struct dept_state *ds;
	const char *period, *due;
	void (*saved)(struct app *a, const char *task, const char *plan);
};
void ui_form_open(struct app *a, const struct ui_form_open *o);
void ui_form_key(struct app *a, int kind, wint_t ch);
/* Draw over rows 0..H-1, W columns; places the terminal cursor. */
void ui_form_draw(struct app *a, int h, int w);
void ui_form_free(struct app *a);

#endif
