/* Where keystrokes come from: the keyboard (get_wch with a timeout, so that a
 * SIGTERM flag is seen), or a keystroke script for tests (--script FILE). */
#ifndef DUBAN_UI_INPUT_H
#define DUBAN_UI_INPUT_H

#define _XOPEN_SOURCE_EXTENDED 1
#include <curses.h>
#include <wchar.h>

#include "src/err.h"

struct ui_input;

/* A key: KIND is OK for a character in CH, KEY_CODE_YES for a curses key code
 * (KEY_UP, KEY_RESIZE, ...) in CH, ERR when nothing came within the timeout,
 * UI_INPUT_END when the script is used up, UI_INPUT_SAVE for a script's
 * <save-screen NAME> step (CH is not set; the name is ui_input_save_name's). */
#define UI_INPUT_END (-2)
#define UI_INPUT_SAVE (-3)

/* Read keys from SCRIPT (a file), or from the keyboard when SCRIPT is NULL.
 * Returns 0 or -ERR_IO / -ERR_INPUT (naming the file and token). */
int ui_input_open(const char *script, struct ui_input **out, struct err *e);
int ui_input_get(struct ui_input *in, wint_t *ch);
/* Teach curses the encodings of Home, End, Delete, PgUp and PgDn that
 * terminals send besides their terminfo entry's (after keypad()). */
void ui_input_define_keys(void);
int ui_input_scripted(const struct ui_input *in);
/* The NAME of the save-screen step ui_input_get last returned, valid until
 * ui_input_close; "" if it returned none. */
const char *ui_input_save_name(const struct ui_input *in);
void ui_input_close(struct ui_input *in);

#endif
