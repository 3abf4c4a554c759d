/* Progress notes (进展情况) as both faces take them: read from a file or
 * standard input, trimmed, checked to be UTF-8 text, and held to the rule
 * that a task recorded as behind says why. */
#ifndef DUBAN_NOTE_H
#define DUBAN_NOTE_H

#include <stddef.h>

#include "src/err.h"

/* The longest note taken, in bytes. */
#define NOTE_MAX (1024 * 1024)

/* Read a note from PATH ("-": standard input) into *NOTE (caller frees).
 * Refuses, naming the source: more than NOTE_MAX bytes (a file or standard
 * input alike, never cut), NUL bytes. Returns 0 or -ERR_INPUT / -ERR_IO. */
int note_read(const char *path, char **note, struct err *e);

/* Make NOTE (LEN bytes, NUL-terminated) ready to store, in place: trailing
 * blanks and newlines trimmed. Refused with a message worded for both faces:
 * NUL bytes, invalid UTF-8, and an empty note when STATUS (an enum status, or
 * -1 for none) is behind (-ERR_USAGE: the reason is missing). */
int note_prepare(char *note, size_t len, int status, struct err *e);

#endif
